package io.colisten.kernels.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every cuBLAS / cuDNN downcall reaches C with the right arity, types and argument order, checked
 * without a GPU against stand-ins with the libraries' prototypes (src/test/c/cuda_library_stubs.c,
 * compiled here with gcc; skipped where there is no C compiler). A wrong descriptor or call site
 * would fail here with WrongMethodTypeException or a misplaced value instead of on the device.
 */
class NativeBindingStubTest {
    @TempDir
    static Path tmp;

    static NativeLibrary stub;
    static MethodHandle reset, calls, name, arg, nargs, fl, db;

    @BeforeAll
    static void compile() throws IOException, InterruptedException {
        Path src = Path.of("src/test/c/cuda_library_stubs.c").toAbsolutePath(), so = tmp.resolve("libcolisten_cuda_stubs.so");
        Process p;
        try {
            p = new ProcessBuilder("gcc", "-shared", "-fPIC", "-O1", "-o", so.toString(), src.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("no gcc to build the stub library: " + e.getMessage());
            return;
        }
        String out = new String(p.getInputStream().readAllBytes());
        Assumptions.assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.exists(so), "gcc failed: " + out);
        stub = new NativeLibrary("stub", so.toString());
        SymbolLookup l = SymbolLookup.libraryLookup(so, Arena.global());
        Linker linker = Linker.nativeLinker();
        reset = linker.downcallHandle(l.find("stub_reset").orElseThrow(), FunctionDescriptor.ofVoid());
        calls = linker.downcallHandle(l.find("stub_calls").orElseThrow(), FunctionDescriptor.of(JAVA_INT));
        name = linker.downcallHandle(l.find("stub_name").orElseThrow(), FunctionDescriptor.of(ADDRESS, JAVA_INT));
        arg = linker.downcallHandle(l.find("stub_arg").orElseThrow(), FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_INT));
        nargs = linker.downcallHandle(l.find("stub_nargs").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        fl = linker.downcallHandle(l.find("stub_float").orElseThrow(), FunctionDescriptor.of(JAVA_FLOAT, JAVA_INT, JAVA_INT));
        db = linker.downcallHandle(l.find("stub_double").orElseThrow(), FunctionDescriptor.of(JAVA_DOUBLE, JAVA_INT, JAVA_INT));
    }

    /** Call c of the log: its name, integer arguments, floats (scaling factors) and doubles. */
    record Call(String name, long[] args, float[] floats, double[] doubles) {}

    static Call call(int c, int floats, int doubles) throws Throwable {
        String n = ((MemorySegment) name.invoke(c)).reinterpret(64).getString(0);
        long[] a = new long[(int) nargs.invoke(c)];
        for (int i = 0; i < a.length; i++) a[i] = (long) arg.invoke(c, i);
        float[] f = new float[floats];
        for (int i = 0; i < floats; i++) f[i] = (float) fl.invoke(c, i);
        double[] d = new double[doubles];
        for (int i = 0; i < doubles; i++) d[i] = (double) db.invoke(c, i);
        return new Call(n, a, f, d);
    }

    static void expect(Call c, String name, long... args) {
        assertEquals(name, c.name());
        assertArrayEquals(args, c.args(), name + " arguments");
    }

    @Test
    void cublasCallsArriveInOrder() throws Throwable {
        reset.invoke();
        Cublas blas = Cublas.create(77, new Cublas.Calls(stub));
        blas.setMathMode(Cublas.TF32_TENSOR_OP_MATH);
        blas.sgemm(1, 0, 2, 3, 4, 0.5f, 100, 5, 200, 6, 0.25f, 300, 7);
        blas.sgemmStridedBatched(0, 1, 2, 3, 4, 1.5f, 100, 5, 1L << 33, 200, 6, 11, -2f, 300, 7, 12, 9);
        blas.close();
        assertEquals(6, (int) calls.invoke());
        expect(call(0, 0, 0), "cublasCreate_v2");
        expect(call(1, 0, 0), "cublasSetStream_v2", 0x1234, 77);
        expect(call(2, 0, 0), "cublasSetMathMode", 0x1234, 3);
        Call g = call(3, 2, 0);
        expect(g, "cublasSgemm_v2", 0x1234, 1, 0, 2, 3, 4, 100, 5, 200, 6, 300, 7);
        assertArrayEquals(new float[] {0.5f, 0.25f}, g.floats());
        Call s = call(4, 2, 0);
        expect(s, "cublasSgemmStridedBatched", 0x1234, 0, 1, 2, 3, 4, 100, 5, 1L << 33, 200, 6, 11, 300, 7, 12, 9);
        assertArrayEquals(new float[] {1.5f, -2f}, s.floats());
        expect(call(5, 0, 0), "cublasDestroy_v2", 0x1234);
    }

    @Test
    void cudnnCallsArriveInOrder() throws Throwable {
        reset.invoke();
        Cudnn dnn = Cudnn.create(99, new Cudnn.Calls(stub));
        expect(call(1, 0, 0), "cudnnSetStream", 0x5678, 99);
        long x = dnn.tensor4d(2, 3, 4, 5);
        expect(call(3, 0, 0), "cudnnSetTensor4dDescriptor", x, Cudnn.TENSOR_NCHW, Cudnn.DATA_FLOAT, 2, 3, 4, 5);
        long w = dnn.filter4d(8, 3, 7, 5);
        expect(call(5, 0, 0), "cudnnSetFilter4dDescriptor", w, Cudnn.DATA_FLOAT, Cudnn.TENSOR_NCHW, 8, 3, 7, 5);
        long conv = dnn.convolution(3, 2, 2, 1, 4, Cudnn.FMA_MATH);
        expect(call(7, 0, 0), "cudnnSetConvolution2dDescriptor", conv, 3, 2, 2, 1, 1, 1, Cudnn.CROSS_CORRELATION,
                Cudnn.DATA_FLOAT);
        expect(call(8, 0, 0), "cudnnSetConvolutionGroupCount", conv, 4);
        expect(call(9, 0, 0), "cudnnSetConvolutionMathType", conv, Cudnn.FMA_MATH);

        reset.invoke();
        Cudnn.Algo fwd = dnn.forwardAlgorithm(x, w, conv, 17, 1L << 30);
        assertEquals(new Cudnn.Algo(1, 4096), fwd, "the stub's first entry needs 1 TiB: skipped");
        expect(call(0, 0, 0), "cudnnGetConvolutionForwardAlgorithm_v7", 0x5678, x, w, conv, 17, 8);
        dnn.backwardDataAlgorithm(w, 17, conv, x, 1L << 30);
        expect(call(1, 0, 0), "cudnnGetConvolutionBackwardDataAlgorithm_v7", 0x5678, w, 17, conv, x, 8);
        dnn.backwardFilterAlgorithm(x, 17, conv, w, 1L << 30);
        expect(call(2, 0, 0), "cudnnGetConvolutionBackwardFilterAlgorithm_v7", 0x5678, x, 17, conv, w, 8);

        Cudnn.Algo a = new Cudnn.Algo(6, 1000);
        dnn.convolutionForward(1f, x, 101, w, 102, conv, a, 103, 0f, 17, 104);
        Call c = call(3, 2, 0);
        expect(c, "cudnnConvolutionForward", 0x5678, x, 101, w, 102, conv, 6, 103, 1000, 17, 104);
        assertArrayEquals(new float[] {1f, 0f}, c.floats());
        dnn.convolutionBackwardData(1f, w, 102, 17, 105, conv, a, 103, 1f, x, 106);
        c = call(4, 2, 0);
        expect(c, "cudnnConvolutionBackwardData", 0x5678, w, 102, 17, 105, conv, 6, 103, 1000, x, 106);
        assertArrayEquals(new float[] {1f, 1f}, c.floats());
        dnn.convolutionBackwardFilter(1f, x, 101, 17, 105, conv, a, 103, 1f, w, 107);
        expect(call(5, 2, 0), "cudnnConvolutionBackwardFilter", 0x5678, x, 101, 17, 105, conv, 6, 103, 1000, w, 107);

        dnn.batchNormTrain(x, 101, 108, 18, 109, 110, 0.1, 111, 112, 1e-5, 113, 114);
        c = call(6, 2, 2);
        expect(c, "cudnnBatchNormalizationForwardTraining", 0x5678, Cudnn.BATCHNORM_SPATIAL, x, 101, x, 108, 18, 109, 110,
                111, 112, 113, 114);
        assertArrayEquals(new float[] {1f, 0f}, c.floats());
        assertArrayEquals(new double[] {0.1, 1e-5}, c.doubles());
        dnn.batchNormInference(x, 101, 108, 18, 109, 110, 111, 112, 2e-5);
        c = call(7, 2, 1);
        expect(c, "cudnnBatchNormalizationForwardInference", 0x5678, Cudnn.BATCHNORM_SPATIAL, x, 101, x, 108, 18, 109,
                110, 111, 112);
        assertArrayEquals(new double[] {2e-5}, c.doubles());
        dnn.batchNormBackward(0f, 1f, x, 101, 115, 116, 18, 109, 117, 118, 1e-5, 113, 114);
        c = call(8, 4, 1);
        expect(c, "cudnnBatchNormalizationBackward", 0x5678, Cudnn.BATCHNORM_SPATIAL, x, 101, x, 115, x, 116, 18, 109,
                117, 118, 113, 114);
        assertArrayEquals(new float[] {1f, 0f, 1f, 1f}, c.floats(), "alphaData, betaData, alphaParam, betaParam");

        reset.invoke();
        long pool = dnn.pooling(Cudnn.POOLING_MAX, 4, 2, 0, 1, 2, 1);
        expect(call(1, 0, 0), "cudnnSetPooling2dDescriptor", pool, Cudnn.POOLING_MAX, Cudnn.PROPAGATE_NAN, 4, 2, 0, 1, 2, 1);
        dnn.poolingForward(pool, x, 101, 17, 104);
        expect(call(2, 2, 0), "cudnnPoolingForward", 0x5678, pool, x, 101, 17, 104);
        long relu = dnn.relu();
        Call r = call(4, 0, 1);
        expect(r, "cudnnSetActivationDescriptor", relu, Cudnn.ACTIVATION_RELU, Cudnn.PROPAGATE_NAN);
        dnn.activationForward(relu, x, 101, 102);
        expect(call(5, 2, 0), "cudnnActivationForward", 0x5678, relu, x, 101, x, 102);
        dnn.activationBackward(relu, x, 102, 103, 101, 1f, 104);
        expect(call(6, 2, 0), "cudnnActivationBackward", 0x5678, relu, x, 102, x, 103, x, 101, x, 104);
        dnn.destroyTensor(x);
        expect(call(7, 0, 0), "cudnnDestroyTensorDescriptor", x);
        dnn.destroyFilter(w);
        dnn.destroyConvolution(conv);
        dnn.destroyPooling(pool);
        dnn.close();
        expect(call(11, 0, 0), "cudnnDestroy", 0x5678);
    }
}
