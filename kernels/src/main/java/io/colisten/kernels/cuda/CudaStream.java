package io.colisten.kernels.cuda;

import jcuda.driver.CUstream;

/** A JCuda stream that also gives its raw handle (cudaStream_t) for cuBLAS and cuDNN. */
public final class CudaStream extends CUstream {
    /** The CUstream handle as an address (0 before cuStreamCreate). */
    public long handle() {
        return getNativePointer();
    }
}
