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

    /** The downcall handles of one library (the real one, or a stub in tests), resolved together. */
    static final class Calls {
        // (handle, d1, d2, conv, d3, requested, *returned, *perf)
        static final FunctionDescriptor ALGO_V7 = FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG,
                JAVA_LONG, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS);
        // (handle, *alpha, d1, p1, d2, p2, conv, algo, workspace, bytes, *beta, d3, p3)
        static final FunctionDescriptor CONV = FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG,
                JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG);
        final MethodHandle CREATE, DESTROY, SET_STREAM, CREATE_TENSOR, SET_TENSOR_4D, DESTROY_TENSOR, CREATE_FILTER,
                SET_FILTER_4D, DESTROY_FILTER, CREATE_CONV, SET_CONV_2D, SET_CONV_GROUPS, SET_CONV_MATH, DESTROY_CONV,
                FWD_ALGO, BWD_DATA_ALGO, BWD_FILTER_ALGO, CONV_FWD, CONV_BWD_DATA, CONV_BWD_FILTER, BN_FWD_TRAIN,
                BN_FWD_INFER, BN_BWD, CREATE_POOL, SET_POOL_2D, DESTROY_POOL, POOL_FWD, CREATE_ACT, SET_ACT, ACT_FWD,
                ACT_BWD;

        Calls(NativeLibrary lib) {
            lib.require();
            CREATE = lib.function(I_A, "cudnnCreate");
            DESTROY = lib.function(I_L, "cudnnDestroy");
            SET_STREAM = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG), "cudnnSetStream");
            CREATE_TENSOR = lib.function(I_A, "cudnnCreateTensorDescriptor");
            SET_TENSOR_4D = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_INT), "cudnnSetTensor4dDescriptor");
            DESTROY_TENSOR = lib.function(I_L, "cudnnDestroyTensorDescriptor");
            CREATE_FILTER = lib.function(I_A, "cudnnCreateFilterDescriptor");
            SET_FILTER_4D = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_INT), "cudnnSetFilter4dDescriptor");
            DESTROY_FILTER = lib.function(I_L, "cudnnDestroyFilterDescriptor");
            CREATE_CONV = lib.function(I_A, "cudnnCreateConvolutionDescriptor");
            SET_CONV_2D = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), "cudnnSetConvolution2dDescriptor");
            SET_CONV_GROUPS = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT),
                "cudnnSetConvolutionGroupCount");
            SET_CONV_MATH = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT),
                "cudnnSetConvolutionMathType");
            DESTROY_CONV = lib.function(I_L, "cudnnDestroyConvolutionDescriptor");
            FWD_ALGO = lib.function(ALGO_V7, "cudnnGetConvolutionForwardAlgorithm_v7");
            BWD_DATA_ALGO = lib.function(ALGO_V7, "cudnnGetConvolutionBackwardDataAlgorithm_v7");
            BWD_FILTER_ALGO = lib.function(ALGO_V7, "cudnnGetConvolutionBackwardFilterAlgorithm_v7");
            CONV_FWD = lib.function(CONV, "cudnnConvolutionForward");
            CONV_BWD_DATA = lib.function(CONV, "cudnnConvolutionBackwardData");
            CONV_BWD_FILTER = lib.function(CONV, "cudnnConvolutionBackwardFilter");
            // (handle, mode, *alpha, *beta, xDesc, x, yDesc, y, bnDesc, scale, bias, factor, runMean, runVar, eps, saveMean, saveInvVar)
            BN_FWD_TRAIN = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS,
                JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_DOUBLE, JAVA_LONG,
                JAVA_LONG, JAVA_DOUBLE, JAVA_LONG, JAVA_LONG), "cudnnBatchNormalizationForwardTraining");
            // (handle, mode, *alpha, *beta, xDesc, x, yDesc, y, bnDesc, scale, bias, mean, var, eps)
            BN_FWD_INFER = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS,
                JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG,
                JAVA_DOUBLE), "cudnnBatchNormalizationForwardInference");
            // (handle, mode, *aData, *bData, *aParam, *bParam, xDesc, x, dyDesc, dy, dxDesc, dx, bnDesc, scale, dScale,
            //  dBias, eps, saveMean, saveInvVar)
            BN_BWD = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, ADDRESS,
                ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG,
                JAVA_LONG, JAVA_DOUBLE, JAVA_LONG, JAVA_LONG), "cudnnBatchNormalizationBackward");
            CREATE_POOL = lib.function(I_A, "cudnnCreatePoolingDescriptor");
            SET_POOL_2D = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), "cudnnSetPooling2dDescriptor");
            DESTROY_POOL = lib.function(I_L, "cudnnDestroyPoolingDescriptor");
            // (handle, poolDesc, *alpha, xDesc, x, *beta, yDesc, y)
            POOL_FWD = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG,
                JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG), "cudnnPoolingForward");
            CREATE_ACT = lib.function(I_A, "cudnnCreateActivationDescriptor");
            SET_ACT = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_DOUBLE),
                "cudnnSetActivationDescriptor");
            // (handle, actDesc, *alpha, xDesc, x, *beta, yDesc, y)
            ACT_FWD = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG,
                JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG), "cudnnActivationForward");
            // (handle, actDesc, *alpha, yDesc, y, dyDesc, dy, xDesc, x, *beta, dxDesc, dx)
            ACT_BWD = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG,
                JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG),
                "cudnnActivationBackward");
        }
    }

    private static Calls shared;

    private static synchronized Calls shared() {
        if (shared == null) shared = new Calls(LIBRARY);
        return shared;
    }

    /** A chosen algorithm and the workspace bytes it needs. */
    public record Algo(int algo, long workspace) {}

    private static final MemorySegment ONE = Arena.global().allocate(JAVA_FLOAT), ZERO = Arena.global().allocate(JAVA_FLOAT);

    static {
        ONE.set(JAVA_FLOAT, 0, 1f);
        ZERO.set(JAVA_FLOAT, 0, 0f);
    }

    private final Calls calls;
    private final long handle;

    private Cudnn(Calls calls, long handle) {
        this.calls = calls;
        this.handle = handle;
    }

    /** A cuDNN handle on the current context, its work queued on {@code stream} (a CUstream handle). */
    public static Cudnn create(long stream) {
        return create(stream, shared());
    }

    /** A handle through the given calls (tests bind a stub library). */
    static Cudnn create(long stream, Calls calls) {
        Cudnn c = new Cudnn(calls, newHandle(calls.CREATE, "cudnnCreate"));
        call(calls.SET_STREAM, "cudnnSetStream", c.handle, stream);
        return c;
    }

    /** The library file that opened (for the record of what ran). */
    public static String libraryName() {
        return LIBRARY.opened();
    }

    // ---- descriptors ----------------------------------------------------------------------------

    /** A float NCHW tensor descriptor. */
    public long tensor4d(int n, int c, int h, int w) {
        long d = newHandle(calls.CREATE_TENSOR, "cudnnCreateTensorDescriptor");
        call(calls.SET_TENSOR_4D, "cudnnSetTensor4dDescriptor", d, TENSOR_NCHW, DATA_FLOAT, n, c, h, w);
        return d;
    }

    /** A float filter descriptor, k x c x h x w (PyTorch's weight layout). */
    public long filter4d(int k, int c, int h, int w) {
        long d = newHandle(calls.CREATE_FILTER, "cudnnCreateFilterDescriptor");
        call(calls.SET_FILTER_4D, "cudnnSetFilter4dDescriptor", d, DATA_FLOAT, TENSOR_NCHW, k, c, h, w);
        return d;
    }

    /** A 2-D cross-correlation (PyTorch's conv2d), float compute, with groups and a math type. */
    public long convolution(int padH, int padW, int strideH, int strideW, int groups, int mathType) {
        long d = newHandle(calls.CREATE_CONV, "cudnnCreateConvolutionDescriptor");
        call(calls.SET_CONV_2D, "cudnnSetConvolution2dDescriptor", d, padH, padW, strideH, strideW, 1, 1,
                CROSS_CORRELATION, DATA_FLOAT);
        if (groups > 1) call(calls.SET_CONV_GROUPS, "cudnnSetConvolutionGroupCount", d, groups);
        call(calls.SET_CONV_MATH, "cudnnSetConvolutionMathType", d, mathType);
        return d;
    }

    /** A 2-D pooling descriptor (mode POOLING_*). */
    public long pooling(int mode, int kh, int kw, int padH, int padW, int strideH, int strideW) {
        long d = newHandle(calls.CREATE_POOL, "cudnnCreatePoolingDescriptor");
        call(calls.SET_POOL_2D, "cudnnSetPooling2dDescriptor", d, mode, PROPAGATE_NAN, kh, kw, padH, padW, strideH, strideW);
        return d;
    }

    /** A ReLU activation descriptor (NaN propagates, as the CPU kernel). */
    public long relu() {
        long d = newHandle(calls.CREATE_ACT, "cudnnCreateActivationDescriptor");
        call(calls.SET_ACT, "cudnnSetActivationDescriptor", d, ACTIVATION_RELU, PROPAGATE_NAN, 0.0);
        return d;
    }

    public void destroyTensor(long d) { call(calls.DESTROY_TENSOR, "cudnnDestroyTensorDescriptor", d); }

    public void destroyFilter(long d) { call(calls.DESTROY_FILTER, "cudnnDestroyFilterDescriptor", d); }

    public void destroyConvolution(long d) { call(calls.DESTROY_CONV, "cudnnDestroyConvolutionDescriptor", d); }

    public void destroyPooling(long d) { call(calls.DESTROY_POOL, "cudnnDestroyPoolingDescriptor", d); }

    // ---- convolution ----------------------------------------------------------------------------

    /** The heuristics' best forward algorithm that succeeds within {@code maxWorkspace} bytes. */
    public Algo forwardAlgorithm(long x, long w, long conv, long y, long maxWorkspace) {
        return algorithm(calls.FWD_ALGO, "cudnnGetConvolutionForwardAlgorithm_v7", x, w, conv, y, maxWorkspace);
    }

    public Algo backwardDataAlgorithm(long w, long dy, long conv, long dx, long maxWorkspace) {
        return algorithm(calls.BWD_DATA_ALGO, "cudnnGetConvolutionBackwardDataAlgorithm_v7", w, dy, conv, dx, maxWorkspace);
    }

    public Algo backwardFilterAlgorithm(long x, long dy, long conv, long dw, long maxWorkspace) {
        return algorithm(calls.BWD_FILTER_ALGO, "cudnnGetConvolutionBackwardFilterAlgorithm_v7", x, dy, conv, dw,
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
        call(calls.CONV_FWD, "cudnnConvolutionForward", handle, scalar(alpha), xDesc, x, wDesc, w, conv, algo.algo(),
                workspace, algo.workspace(), scalar(beta), yDesc, y);
    }

    /** dx = alpha conv_transpose(dy, w) + beta dx. */
    public void convolutionBackwardData(float alpha, long wDesc, long w, long dyDesc, long dy, long conv, Algo algo,
                                        long workspace, float beta, long dxDesc, long dx) {
        call(calls.CONV_BWD_DATA, "cudnnConvolutionBackwardData", handle, scalar(alpha), wDesc, w, dyDesc, dy, conv,
                algo.algo(), workspace, algo.workspace(), scalar(beta), dxDesc, dx);
    }

    /** dw = alpha (x (x) dy) + beta dw. */
    public void convolutionBackwardFilter(float alpha, long xDesc, long x, long dyDesc, long dy, long conv, Algo algo,
                                          long workspace, float beta, long dwDesc, long dw) {
        call(calls.CONV_BWD_FILTER, "cudnnConvolutionBackwardFilter", handle, scalar(alpha), xDesc, x, dyDesc, dy, conv,
                algo.algo(), workspace, algo.workspace(), scalar(beta), dwDesc, dw);
    }

    // ---- batch normalisation (spatial; per-channel vectors described by a 1 x c x 1 x 1 tensor) --

    /**
     * Training forward: y = bn(x) with batch statistics; saveMean / saveInvStd for backward; running
     * statistics (both 0 to skip) updated with factor = momentum (unbiased variance, PyTorch's).
     */
    public void batchNormTrain(long xDesc, long x, long y, long cDesc, long scale, long bias, double momentum,
                               long runningMean, long runningVar, double eps, long saveMean, long saveInvStd) {
        call(calls.BN_FWD_TRAIN, "cudnnBatchNormalizationForwardTraining", handle, BATCHNORM_SPATIAL, ONE, ZERO, xDesc, x,
                xDesc, y, cDesc, scale, bias, momentum, runningMean, runningVar, eps, saveMean, saveInvStd);
    }

    public void batchNormInference(long xDesc, long x, long y, long cDesc, long scale, long bias, long mean, long var,
                                   double eps) {
        call(calls.BN_FWD_INFER, "cudnnBatchNormalizationForwardInference", handle, BATCHNORM_SPATIAL, ONE, ZERO, xDesc, x,
                xDesc, y, cDesc, scale, bias, mean, var, eps);
    }

    /** dx = dData + betaData dx; dScale, dBias = grads + betaParam * themselves. */
    public void batchNormBackward(float betaData, float betaParam, long xDesc, long x, long dy, long dx, long cDesc,
                                  long scale, long dScale, long dBias, double eps, long saveMean, long saveInvStd) {
        call(calls.BN_BWD, "cudnnBatchNormalizationBackward", handle, BATCHNORM_SPATIAL, ONE, scalar(betaData), ONE,
                scalar(betaParam), xDesc, x, xDesc, dy, xDesc, dx, cDesc, scale, dScale, dBias, eps, saveMean, saveInvStd);
    }

    // ---- pooling and activation -----------------------------------------------------------------

    /** y = pool(x) (no winners recorded: inference). */
    public void poolingForward(long poolDesc, long xDesc, long x, long yDesc, long y) {
        call(calls.POOL_FWD, "cudnnPoolingForward", handle, poolDesc, ONE, xDesc, x, ZERO, yDesc, y);
    }

    public void activationForward(long actDesc, long desc, long x, long y) {
        call(calls.ACT_FWD, "cudnnActivationForward", handle, actDesc, ONE, desc, x, ZERO, desc, y);
    }

    /** dx = relu'(y) dy + beta dx. */
    public void activationBackward(long actDesc, long desc, long y, long dy, long x, float beta, long dx) {
        call(calls.ACT_BWD, "cudnnActivationBackward", handle, actDesc, ONE, desc, y, desc, dy, desc, x, scalar(beta),
                desc, dx);
    }

    @Override
    public void close() {
        call(calls.DESTROY, "cudnnDestroy", handle);
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
