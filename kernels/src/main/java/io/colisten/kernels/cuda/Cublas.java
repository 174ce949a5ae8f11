package io.colisten.kernels.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The few cuBLAS functions the CUDA backend uses (CUDA 13's libcublas.so.13), through
 * java.lang.foreign: a handle bound to our stream, SGEMM and strided-batched SGEMM. cuBLAS is
 * column-major; {@code sgemm} takes its arguments as cuBLAS does, and callers with row-major data
 * swap the operands (C^T = B^T A^T). The library opens on the first {@link #create}; without it
 * that call throws {@link CudaUnavailableException} naming libcublas.so.13.
 */
public final class Cublas implements AutoCloseable {
    static final NativeLibrary LIBRARY = new NativeLibrary("cuBLAS", "libcublas.so.13", "libcublas.so");

    public static final int OP_N = 0, OP_T = 1;
    /** cublasMath_t: exact fp32 (the default), or TF32 tensor cores allowed. */
    public static final int DEFAULT_MATH = 0, TF32_TENSOR_OP_MATH = 3;

    /** The downcall handles of one library (the real one, or a stub in tests), resolved together. */
    static final class Calls {
        final MethodHandle CREATE, DESTROY, SET_STREAM, SET_MATH_MODE, SGEMM, SGEMM_STRIDED;

        Calls(NativeLibrary lib) {
            lib.require();
            CREATE = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS), "cublasCreate_v2", "cublasCreate");
            DESTROY = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG), "cublasDestroy_v2", "cublasDestroy");
            SET_STREAM = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG),
                    "cublasSetStream_v2", "cublasSetStream");
            SET_MATH_MODE = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT), "cublasSetMathMode");
            // (handle, transa, transb, m, n, k, *alpha, A, lda, B, ldb, *beta, C, ldc)
            SGEMM = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                    JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT),
                    "cublasSgemm_v2", "cublasSgemm");
            // (..., A, lda, strideA, B, ldb, strideB, *beta, C, ldc, strideC, batchCount)
            SGEMM_STRIDED = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT,
                    JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG, ADDRESS,
                    JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT), "cublasSgemmStridedBatched");
        }
    }

    private static Calls shared;

    private static synchronized Calls shared() {
        if (shared == null) shared = new Calls(LIBRARY);
        return shared;
    }

    private final Calls calls;
    private final long handle;
    private final MemorySegment alpha, beta;

    private Cublas(Calls calls, long handle) {
        this.calls = calls;
        this.handle = handle;
        this.alpha = Arena.global().allocate(JAVA_FLOAT);
        this.beta = Arena.global().allocate(JAVA_FLOAT);
    }

    /** A cuBLAS handle on the current context, its work queued on {@code stream} (a CUstream handle). */
    public static Cublas create(long stream) {
        return create(stream, shared());
    }

    /** A handle through the given calls (tests bind a stub library). */
    static Cublas create(long stream, Calls calls) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            check((int) calls.CREATE.invokeExact(out), "cublasCreate");
            Cublas c = new Cublas(calls, out.get(JAVA_LONG, 0));
            check((int) calls.SET_STREAM.invokeExact(c.handle, stream), "cublasSetStream");
            return c;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new CudaException("cublasCreate: " + t);
        }
    }

    /** The library file that opened (for the record of what ran). */
    public static String libraryName() {
        return LIBRARY.opened();
    }

    public void setMathMode(int mode) {
        try {
            check((int) calls.SET_MATH_MODE.invokeExact(handle, mode), "cublasSetMathMode");
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new CudaException("cublasSetMathMode: " + t);
        }
    }

    /** Column-major C = alpha op(A) op(B) + beta C on device addresses. */
    public synchronized void sgemm(int transA, int transB, int m, int n, int k, float alphaValue, long a, int lda,
                                   long b, int ldb, float betaValue, long c, int ldc) {
        alpha.set(JAVA_FLOAT, 0, alphaValue);
        beta.set(JAVA_FLOAT, 0, betaValue);
        try {
            check((int) calls.SGEMM.invokeExact(handle, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc),
                    "cublasSgemm");
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new CudaException("cublasSgemm: " + t);
        }
    }

    /** {@link #sgemm} over {@code batch} matrices spaced by the strides (in elements). */
    public synchronized void sgemmStridedBatched(int transA, int transB, int m, int n, int k, float alphaValue,
                                                 long a, int lda, long strideA, long b, int ldb, long strideB,
                                                 float betaValue, long c, int ldc, long strideC, int batch) {
        alpha.set(JAVA_FLOAT, 0, alphaValue);
        beta.set(JAVA_FLOAT, 0, betaValue);
        try {
            check((int) calls.SGEMM_STRIDED.invokeExact(handle, transA, transB, m, n, k, alpha, a, lda, strideA, b, ldb,
                    strideB, beta, c, ldc, strideC, batch), "cublasSgemmStridedBatched");
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new CudaException("cublasSgemmStridedBatched: " + t);
        }
    }

    @Override
    public void close() {
        try {
            check((int) calls.DESTROY.invokeExact(handle), "cublasDestroy");
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new CudaException("cublasDestroy: " + t);
        }
    }

    private static void check(int status, String call) {
        if (status != 0) throw new CudaException(call + " failed with cublasStatus_t " + status);
    }
}
