package io.colisten.kernels.cuda;

/**
 * No usable CUDA device or library: the message is one line that says which piece is missing
 * (driver, device, JCuda natives, cuBLAS, cuDNN) so the launcher can print it as it is.
 */
public final class CudaUnavailableException extends RuntimeException {
    public CudaUnavailableException(String message) {
        super(message);
    }
}
