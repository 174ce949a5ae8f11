package io.colisten.engine.cuda;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * A caching device allocator: blocks are rounded up to a size class and, when released, kept on
 * that class's free list for the next request of the class instead of being freed. A training step
 * asks for the same sizes every time, so after the first step no request reaches the raw allocator
 * (cuMemAlloc, which synchronises the device and costs far more than a kernel).
 *
 * <p>Size classes: multiples of 512 bytes up to 1 MiB; above, the next of 2^k, 1.25 2^k, 1.5 2^k
 * and 1.75 2^k (at most 25% slack). When the raw allocator fails (out of memory), the cache is
 * freed and the request tried once more. Release does no device call, so it is safe from a
 * Cleaner thread; reuse is safe because all work runs on one stream in order.
 *
 * @param <B> the raw block type (a device pointer; a record in tests)
 */
public final class CachingAllocator<B> {
    /** The allocator underneath: cuMemAlloc / cuMemFree on a GPU, a fake in tests. */
    public interface Raw<B> {
        B allocate(long bytes);

        void free(B block);
    }

    /** A block handed out: the raw block and its size class in bytes. */
    public record Block<B>(B raw, long bytes) {}

    static final long SMALL_GRANULE = 512, SMALL_LIMIT = 1L << 20;

    private final Raw<B> raw;
    private final Map<Long, ArrayDeque<Block<B>>> free = new HashMap<>();
    private long rawAllocations, rawFrees, cachedBytes, inUseBytes, peakBytes;

    public CachingAllocator(Raw<B> raw) {
        this.raw = raw;
    }

    /** The size class of a request of {@code bytes} (> 0). */
    static long sizeClass(long bytes) {
        if (bytes <= 0) throw new IllegalArgumentException("allocator: size must be positive, got " + bytes);
        if (bytes <= SMALL_LIMIT) return (bytes + SMALL_GRANULE - 1) / SMALL_GRANULE * SMALL_GRANULE;
        long pow = Long.highestOneBit(bytes);
        if (pow == bytes) return bytes;
        long quarter = pow / 4;
        return pow + (bytes - pow + quarter - 1) / quarter * quarter;
    }

    /** A block of at least {@code bytes}, from the cache when one of its class is free. */
    public synchronized Block<B> acquire(long bytes) {
        long size = sizeClass(bytes);
        ArrayDeque<Block<B>> list = free.get(size);
        Block<B> b = list == null ? null : list.pollLast();
        if (b != null) {
            cachedBytes -= size;
        } else {
            B r;
            try {
                r = raw.allocate(size);
            } catch (RuntimeException first) {
                if (cachedBytes == 0) throw first;
                trim();
                r = raw.allocate(size);
            }
            rawAllocations++;
            b = new Block<>(r, size);
        }
        inUseBytes += size;
        peakBytes = Math.max(peakBytes, inUseBytes + cachedBytes);
        return b;
    }

    /** Returns a block to its class's free list (no device call). */
    public synchronized void release(Block<B> b) {
        inUseBytes -= b.bytes();
        cachedBytes += b.bytes();
        free.computeIfAbsent(b.bytes(), k -> new ArrayDeque<>()).addLast(b);
    }

    /** Frees every cached block through the raw allocator. */
    public synchronized void trim() {
        for (ArrayDeque<Block<B>> list : free.values()) {
            for (Block<B> b : list) {
                raw.free(b.raw());
                rawFrees++;
            }
        }
        free.clear();
        cachedBytes = 0;
    }

    /** Raw allocations so far (a steady state adds none). */
    public synchronized long rawAllocations() { return rawAllocations; }

    public synchronized long rawFrees() { return rawFrees; }

    /** Bytes held by free blocks. */
    public synchronized long cachedBytes() { return cachedBytes; }

    /** Bytes in blocks handed out and not yet released. */
    public synchronized long inUseBytes() { return inUseBytes; }

    /** The most bytes ever held from the raw allocator at once (in use + cached). */
    public synchronized long peakBytes() { return peakBytes; }
}
