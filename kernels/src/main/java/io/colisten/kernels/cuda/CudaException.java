package io.colisten.kernels.cuda;

/** A CUDA driver, cuBLAS or cuDNN call that returned an error: names the call and the status. */
public final class CudaException extends RuntimeException {
    public CudaException(String message) {
        super(message);
    }

    /** Throws unless {@code status} is 0 (CUDA_SUCCESS, CUBLAS_STATUS_SUCCESS, CUDNN_STATUS_SUCCESS). */
    public static void check(int status, String call) {
        if (status != 0) throw new CudaException(call + " failed with status " + status);
    }
}
