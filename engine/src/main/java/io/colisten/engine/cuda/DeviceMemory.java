package io.colisten.engine.cuda;

import java.lang.ref.Cleaner;

import io.colisten.kernels.cuda.DevicePointer;

/**
 * The device memory behind one CUDA storage or index buffer: a block of the backend's caching
 * allocator, returned to it when the buffer becomes unreachable (a Cleaner: buffers handed out by
 * {@code allocate} have no explicit owner to free them; pooled ones live in the backend's pool).
 */
final class DeviceMemory {
    private static final Cleaner CLEANER = Cleaner.create();

    final CachingAllocator.Block<DevicePointer> block;
    final long address;

    DeviceMemory(Object owner, CachingAllocator<DevicePointer> allocator, long bytes) {
        this.block = allocator.acquire(Math.max(4, bytes)); // an empty buffer still gets a (minimal) block
        this.address = block.raw().address();
        CachingAllocator.Block<DevicePointer> b = block;
        CLEANER.register(owner, () -> allocator.release(b));
    }

    DevicePointer pointer() {
        return block.raw();
    }
}
