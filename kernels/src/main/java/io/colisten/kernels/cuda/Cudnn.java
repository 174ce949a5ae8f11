package io.colisten.kernels.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The cuDNN 9 functions the CUDA backend uses (libcudnn.so.9, the legacy API), through
 * java.lang.foreign: a handle on our stream; NCHW float tensor, filter and convolution descriptors;
 * the convolution algorithm heuristics (Get*_v7) and the three convolution passes; batch
 * normalisation (spatial) training / inference forward and backward; pooling and activation.
 * Descriptors are raw handles (long). Scaling factors alpha / beta are host floats: beta 1 adds
 * into the output, beta 0 overwrites it. The library opens on the first {@link #create}; without it
 * that call throws {@link CudaUnavailableException} naming libcudnn.so.9.
 */
public final class Cudnn implements AutoCloseable {
    static final NativeLibrary LIBRARY = new NativeLibrary("cuDNN", "libcudnn.so.9", "libcudnn.so");

    public static final int TENSOR_NCHW = 0, DATA_FLOAT = 0, CROSS_CORRELATION = 1, BATCHNORM_SPATIAL = 1;
    public static final int POOLING_MAX = 0, POOLING_AVG_EXCLUDE_PADDING = 2, POOLING_MAX_DETERMINISTIC = 3;
    public static final int NOT_PROPAGATE_NAN = 0, PROPAGATE_NAN = 1, ACTIVATION_RELU = 1;
    /** cudnnMathType_t: DEFAULT allows TF32 on Ampere and later; FMA forbids tensor cores (exact fp32). */
    public static final int DEFAULT_MATH = 0, TENSOR_OP_MATH = 1, FMA_MATH = 3;
    /** Bytes of one cudnnConvolution*AlgoPerf_t: algo, status, time, (pad), memory, determinism, mathType, reserved[3]. */
    static final long PERF_BYTES = 48;
    private static final int PERF_REQUESTED = 8;

    private static final FunctionDescriptor I_A = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    private static final FunctionDescriptor I_L = FunctionDescriptor.of(JAVA_INT, JAVA_LONG);

    private static final class Calls {
        static final MethodHandle CREATE = f(I_A, "cudnnCreate");
        static final MethodHandle DESTROY = f(I_L, "cudnnDestroy");
        static final MethodHandle SET_STREAM = f(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG), "cudnnSetStream");
        static final MethodHandle CREATE_TENSOR = f(I_A, "cudnnCreateTensorDescriptor");
        static final MethodHandle SET_TENSOR_4D = f(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_INT), "cudnnSetTensor4dDescriptor");
        static final MethodHandle DESTROY_TENSOR = f(I_L, "cudnnDestroyTensorDescriptor");
        static final MethodHandle CREATE_FILTER = f(I_A, "cudnnCreateFilterDescriptor");
        static final MethodHandle SET_FILTER_4D = f(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_INT), "cudnnSetFilter4dDescriptor");
        static final MethodHandle DESTROY_FILTER = f(I_L, "cudnnDestroyFilterDescriptor");
        static final MethodHandle CREATE_CONV = f(I_A, "cudnnCreateConvolutionDescriptor");
        static final MethodHandle SET_CONV_2D = f(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), "cudnnSetConvolution2dDescriptor");
        static final MethodHandle SET_CONV_GROUPS = f(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT),
                "cudnnSetConvolutionGroupCount");
        static final MethodHandle SET_CONV_MATH = f(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT),
                "cudnnSetConvolutionMathType");
        static final MethodHandle DESTROY_CONV = f(I_L, "cudnnDestroyConvolutionDescriptor");
        // (handle, d1, d2, conv, d3, requested, *returned, *perf)
        static final FunctionDescriptor ALGO_V7 = FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG,
                JAVA_LONG, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS);
        static final MethodHandle FWD_ALGO = f(ALGO_V7, "cudnnGetConvolutionForwardAlgorithm_v7");
        static final MethodHandle BWD_DATA_ALGO = f(ALGO_V7, "cudnnGetConvolutionBackwardDataAlgorithm_v7");
        static final MethodHandle BWD_FILTER_ALGO = f(ALGO_V7, "cudnnGetConvolutionBackwardFilterAlgorithm_v7");
        // (handle, *alpha, d1, p1, d2, p2, conv, algo, workspace, bytes, *beta, d3, p3)
        static final FunctionDescriptor CONV = FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG,
                JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG);
        static final MethodHandle CONV_FWD = f(CONV, "cudnnConvolutionForward");
        static final MethodHandle CONV_BWD_DATA = f(CONV, "cudnnConvolutionBackwardData");
        static final MethodHandle CONV_BWD_FILTER = f(CONV, "cudnnConvolutionBackwardFilter");
        // (handle, mode, *alpha, *beta, xDesc, x, yDesc, y, bnDesc, scale, bias, factor, runMean, runVar, eps, saveMean, saveInvVar)
        static final MethodHandle BN_FWD_TRAIN = f(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS,
                JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_DOUBLE, JAVA_LONG,
                JAVA_LONG, JAVA_DOUBLE, JAVA_LONG, JAVA_LONG), "cudnnBatchNormalizationForwardTraining");
        // (handle, mode, *alpha, *beta, xDesc, x, yDesc, y, bnDesc, scale, bias, mean, var, eps)
        static final MethodHandle BN_FWD_INFER = f(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS,
                JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG,
                JAVA_DOUBLE), "cudnnBatchNormalizationForwardInference");
        // (handle, mode, *aData, *bData, *aParam, *bParam, xDesc, x, dyDesc, dy, dxDesc, dx, bnDesc, scale, dScale,
        //  dBias, eps, saveMean, saveInvVar)
        static final MethodHandle BN_BWD = f(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, ADDRESS,
                ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG,
                JAVA_LONG, JAVA_DOUBLE, JAVA_LONG, JAVA_LONG), "cudnnBatchNormalizationBackward");
        static final MethodHandle CREATE_POOL = f(I_A, "cudnnCreatePoolingDescriptor");
        static final MethodHandle SET_POOL_2D = f(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), "cudnnSetPooling2dDescriptor");
        static final MethodHandle DESTROY_POOL = f(I_L, "cudnnDestroyPoolingDescriptor");
        // (handle, poolDesc, *alpha, xDesc, x, *beta, yDesc, y)
        static final MethodHandle POOL_FWD = f(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG,
                JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG), "cudnnPoolingForward");
        static final MethodHandle CREATE_ACT = f(I_A, "cudnnCreateActivationDescriptor");
        static final MethodHandle SET_ACT = f(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_DOUBLE),
                "cudnnSetActivationDescriptor");
        // (handle, actDesc, *alpha, xDesc, x, *beta, yDesc, y)
        static final MethodHandle ACT_FWD = f(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG,
                JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG), "cudnnActivationForward");
        // (handle, actDesc, *alpha, yDesc, y, dyDesc, dy, xDesc, x, *beta, dxDesc, dx)
        static final MethodHandle ACT_BWD = f(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG,
                JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG),
                "cudnnActivationBackward");

        private static MethodHandle f(FunctionDescriptor d, String name) {
            return LIBRARY.function(d, name);
        }
    }

    /** A chosen algorithm and the workspace bytes it needs. */
    public record Algo(int algo, long workspace) {}

    private static final MemorySegment ONE = Arena.global().allocate(JAVA_FLOAT), ZERO = Arena.global().allocate(JAVA_FLOAT);

    static {
        ONE.set(JAVA_FLOAT, 0, 1f);
        ZERO.set(JAVA_FLOAT, 0, 0f);
    }

    private final long handle;

    private Cudnn(long handle) {
        this.handle = handle;
    }

    /** A cuDNN handle on the current context, its work queued on {@code stream} (a CUstream handle). */
    public static Cudnn create(long stream) {
        LIBRARY.require();
        Cudnn c = new Cudnn(newHandle(Calls.CREATE, "cudnnCreate"));
        call(Calls.SET_STREAM, "cudnnSetStream", c.handle, stream);
        return c;
    }

    /** The library file that opened (for the record of what ran). */
    public static String libraryName() {
        return LIBRARY.opened();
    }

    // ---- descriptors ----------------------------------------------------------------------------

    /** A float NCHW tensor descriptor. */
    public static long tensor4d(int n, int c, int h, int w) {
        long d = newHandle(Calls.CREATE_TENSOR, "cudnnCreateTensorDescriptor");
        call(Calls.SET_TENSOR_4D, "cudnnSetTensor4dDescriptor", d, TENSOR_NCHW, DATA_FLOAT, n, c, h, w);
        return d;
    }

    /** A float filter descriptor, k x c x h x w (PyTorch's weight layout). */
    public static long filter4d(int k, int c, int h, int w) {
        long d = newHandle(Calls.CREATE_FILTER, "cudnnCreateFilterDescriptor");
        call(Calls.SET_FILTER_4D, "cudnnSetFilter4dDescriptor", d, DATA_FLOAT, TENSOR_NCHW, k, c, h, w);
        return d;
    }

    /** A 2-D cross-correlation (PyTorch's conv2d), float compute, with groups and a math type. */
    public static long convolution(int padH, int padW, int strideH, int strideW, int groups, int mathType) {
        long d = newHandle(Calls.CREATE_CONV, "cudnnCreateConvolutionDescriptor");
        call(Calls.SET_CONV_2D, "cudnnSetConvolution2dDescriptor", d, padH, padW, strideH, strideW, 1, 1,
                CROSS_CORRELATION, DATA_FLOAT);
        if (groups > 1) call(Calls.SET_CONV_GROUPS, "cudnnSetConvolutionGroupCount", d, groups);
        call(Calls.SET_CONV_MATH, "cudnnSetConvolutionMathType", d, mathType);
        return d;
    }

    /** A 2-D pooling descriptor (mode POOLING_*). */
    public static long pooling(int mode, int kh, int kw, int padH, int padW, int strideH, int strideW) {
        long d = newHandle(Calls.CREATE_POOL, "cudnnCreatePoolingDescriptor");
        call(Calls.SET_POOL_2D, "cudnnSetPooling2dDescriptor", d, mode, PROPAGATE_NAN, kh, kw, padH, padW, strideH, strideW);
        return d;
    }

    /** A ReLU activation descriptor (NaN propagates, as the CPU kernel). */
    public static long relu() {
        long d = newHandle(Calls.CREATE_ACT, "cudnnCreateActivationDescriptor");
        call(Calls.SET_ACT, "cudnnSetActivationDescriptor", d, ACTIVATION_RELU, PROPAGATE_NAN, 0.0);
        return d;
    }

    public static void destroyTensor(long d) { call(Calls.DESTROY_TENSOR, "cudnnDestroyTensorDescriptor", d); }

    public static void destroyFilter(long d) { call(Calls.DESTROY_FILTER, "cudnnDestroyFilterDescriptor", d); }

    public static void destroyConvolution(long d) { call(Calls.DESTROY_CONV, "cudnnDestroyConvolutionDescriptor", d); }

    public static void destroyPooling(long d) { call(Calls.DESTROY_POOL, "cudnnDestroyPoolingDescriptor", d); }

    // ---- convolution ----------------------------------------------------------------------------

    /** The heuristics' best forward algorithm that succeeds within {@code maxWorkspace} bytes. */
    public Algo forwardAlgorithm(long x, long w, long conv, long y, long maxWorkspace) {
        return algorithm(Calls.FWD_ALGO, "cudnnGetConvolutionForwardAlgorithm_v7", x, w, conv, y, maxWorkspace);
    }

    public Algo backwardDataAlgorithm(long w, long dy, long conv, long dx, long maxWorkspace) {
        return algorithm(Calls.BWD_DATA_ALGO, "cudnnGetConvolutionBackwardDataAlgorithm_v7", w, dy, conv, dx, maxWorkspace);
    }

    public Algo backwardFilterAlgorithm(long x, long dy, long conv, long dw, long maxWorkspace) {
        return algorithm(Calls.BWD_FILTER_ALGO, "cudnnGetConvolutionBackwardFilterAlgorithm_v7", x, dy, conv, dw,
                maxWorkspace);
    }

    private Algo algorithm(MethodHandle h, String name, long d1, long d2, long conv, long d3, long maxWorkspace) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment returned = a.allocate(JAVA_INT);
            MemorySegment perf = a.allocate(PERF_BYTES * PERF_REQUESTED, 8);
            call(h, name, handle, d1, d2, conv, d3, PERF_REQUESTED, returned, perf);
            return choose(perf, returned.get(JAVA_INT, 0), maxWorkspace, name);
        }
    }

    /** The first perf entry with status success and memory within the limit (cuDNN sorts them fastest first). */
    static Algo choose(MemorySegment perf, int count, long maxWorkspace, String name) {
        for (int i = 0; i < count; i++) {
            long o = i * PERF_BYTES;
            int algo = perf.get(JAVA_INT, o), status = perf.get(JAVA_INT, o + 4);
            long memory = perf.get(JAVA_LONG, o + 16);
            if (status == 0 && memory <= maxWorkspace) return new Algo(algo, memory);
        }
        throw new CudaException(name + ": no algorithm fits " + maxWorkspace + " bytes of workspace (" + count + " tried)");
    }

    /** y = alpha conv(x, w) + beta y. */
    public void convolutionForward(float alpha, long xDesc, long x, long wDesc, long w, long conv, Algo algo,
                                   long workspace, float beta, long yDesc, long y) {
        call(Calls.CONV_FWD, "cudnnConvolutionForward", handle, scalar(alpha), xDesc, x, wDesc, w, conv, algo.algo(),
                workspace, algo.workspace(), scalar(beta), yDesc, y);
    }

    /** dx = alpha conv_transpose(dy, w) + beta dx. */
    public void convolutionBackwardData(float alpha, long wDesc, long w, long dyDesc, long dy, long conv, Algo algo,
                                        long workspace, float beta, long dxDesc, long dx) {
        call(Calls.CONV_BWD_DATA, "cudnnConvolutionBackwardData", handle, scalar(alpha), wDesc, w, dyDesc, dy, conv,
                algo.algo(), workspace, algo.workspace(), scalar(beta), dxDesc, dx);
    }

    /** dw = alpha (x (x) dy) + beta dw. */
    public void convolutionBackwardFilter(float alpha, long xDesc, long x, long dyDesc, long dy, long conv, Algo algo,
                                          long workspace, float beta, long dwDesc, long dw) {
        call(Calls.CONV_BWD_FILTER, "cudnnConvolutionBackwardFilter", handle, scalar(alpha), xDesc, x, dyDesc, dy, conv,
                algo.algo(), workspace, algo.workspace(), scalar(beta), dwDesc, dw);
    }

    // ---- batch normalisation (spatial; per-channel vectors described by a 1 x c x 1 x 1 tensor) --

    /**
     * Training forward: y = bn(x) with batch statistics; saveMean / saveInvStd for backward; running
     * statistics (both 0 to skip) updated with factor = momentum (unbiased variance, PyTorch's).
     */
    public void batchNormTrain(long xDesc, long x, long y, long cDesc, long scale, long bias, double momentum,
                               long runningMean, long runningVar, double eps, long saveMean, long saveInvStd) {
        call(Calls.BN_FWD_TRAIN, "cudnnBatchNormalizationForwardTraining", handle, BATCHNORM_SPATIAL, ONE, ZERO, xDesc, x,
                xDesc, y, cDesc, scale, bias, momentum, runningMean, runningVar, eps, saveMean, saveInvStd);
    }

    public void batchNormInference(long xDesc, long x, long y, long cDesc, long scale, long bias, long mean, long var,
                                   double eps) {
        call(Calls.BN_FWD_INFER, "cudnnBatchNormalizationForwardInference", handle, BATCHNORM_SPATIAL, ONE, ZERO, xDesc, x,
                xDesc, y, cDesc, scale, bias, mean, var, eps);
    }

    /** dx = dData + betaData dx; dScale, dBias = grads + betaParam * themselves. */
    public void batchNormBackward(float betaData, float betaParam, long xDesc, long x, long dy, long dx, long cDesc,
                                  long scale, long dScale, long dBias, double eps, long saveMean, long saveInvStd) {
        call(Calls.BN_BWD, "cudnnBatchNormalizationBackward", handle, BATCHNORM_SPATIAL, ONE, scalar(betaData), ONE,
                scalar(betaParam), xDesc, x, xDesc, dy, xDesc, dx, cDesc, scale, dScale, dBias, eps, saveMean, saveInvStd);
    }

    // ---- pooling and activation -----------------------------------------------------------------

    /** y = pool(x) (no winners recorded: inference). */
    public void poolingForward(long poolDesc, long xDesc, long x, long yDesc, long y) {
        call(Calls.POOL_FWD, "cudnnPoolingForward", handle, poolDesc, ONE, xDesc, x, ZERO, yDesc, y);
    }

    public void activationForward(long actDesc, long desc, long x, long y) {
        call(Calls.ACT_FWD, "cudnnActivationForward", handle, actDesc, ONE, desc, x, ZERO, desc, y);
    }

    /** dx = relu'(y) dy + beta dx. */
    public void activationBackward(long actDesc, long desc, long y, long dy, long x, float beta, long dx) {
        call(Calls.ACT_BWD, "cudnnActivationBackward", handle, actDesc, ONE, desc, y, desc, dy, desc, x, scalar(beta),
                desc, dx);
    }

    @Override
    public void close() {
        call(Calls.DESTROY, "cudnnDestroy", handle);
    }

    // ---- plumbing -------------------------------------------------------------------------------

    private static MemorySegment scalar(float v) {
        if (v == 1f) return ONE;
        if (v == 0f) return ZERO;
        MemorySegment s = Arena.global().allocate(JAVA_FLOAT);
        s.set(JAVA_FLOAT, 0, v);
        return s;
    }

    private static long newHandle(MethodHandle create, String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            call(create, name, out);
            return out.get(JAVA_LONG, 0);
        }
    }

    private static void call(MethodHandle h, String name, Object... args) {
        int status;
        try {
            status = (int) h.invokeWithArguments(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new CudaException(name + ": " + t);
        }
        if (status != 0) throw new CudaException(name + " failed with cudnnStatus_t " + status);
    }
}
