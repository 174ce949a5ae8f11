package io.colisten.kernels.cuda;

import jcuda.driver.CUdeviceptr;

/**
 * A JCuda device pointer that also gives its raw address: kernel arguments and the cuBLAS / cuDNN
 * downcalls take addresses, while JCuda's memory calls take the pointer object.
 */
public final class DevicePointer extends CUdeviceptr {
    /** The device address (0 until cuMemAlloc filled it in). */
    public long address() {
        return getNativePointer() + getByteOffset();
    }
}
