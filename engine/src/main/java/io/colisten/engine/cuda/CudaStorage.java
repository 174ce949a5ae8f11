package io.colisten.engine.cuda;

import io.colisten.engine.Device;
import io.colisten.engine.Storage;
import io.colisten.kernels.cuda.DevicePointer;

/** Float storage in GPU memory: a device address and a length in elements. */
public final class CudaStorage implements Storage {
    private final Device device;
    private final int length;
    final DeviceMemory memory;

    CudaStorage(Device device, CachingAllocator<DevicePointer> allocator, int length) {
        this.device = device;
        this.length = length;
        this.memory = new DeviceMemory(this, allocator, 4L * length);
    }

    /** The device address of element 0. */
    public long address() { return memory.address; }

    @Override public Device device() { return device; }

    @Override public int length() { return length; }
}
