package io.colisten.engine.cuda;

import io.colisten.engine.Device;
import io.colisten.engine.IndexBuffer;
import io.colisten.kernels.cuda.DevicePointer;

/** An int32 buffer in GPU memory (max-pool winners, label targets, mined choices). */
public final class CudaIndexBuffer implements IndexBuffer {
    private final Device device;
    private final int length;
    final DeviceMemory memory;

    CudaIndexBuffer(Device device, CachingAllocator<DevicePointer> allocator, int length) {
        this.device = device;
        this.length = length;
        this.memory = new DeviceMemory(this, allocator, 4L * length);
    }

    public long address() { return memory.address; }

    @Override public Device device() { return device; }

    @Override public int length() { return length; }
}
