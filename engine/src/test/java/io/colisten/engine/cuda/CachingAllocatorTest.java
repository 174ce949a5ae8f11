package io.colisten.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The caching allocator's bookkeeping over a fake raw allocator (no GPU needed). */
class CachingAllocatorTest {
    /** Hands out numbered blocks, records frees, and can be told to run out of memory. */
    static final class FakeRaw implements CachingAllocator.Raw<FakeRaw.Mem> {
        record Mem(int id, long bytes) {}

        final Set<Mem> live = new HashSet<>();
        long capacity = Long.MAX_VALUE, used;
        int next;

        @Override
        public Mem allocate(long bytes) {
            if (used + bytes > capacity) throw new IllegalStateException("fake: out of memory");
            Mem m = new Mem(next++, bytes);
            live.add(m);
            used += bytes;
            return m;
        }

        @Override
        public void free(Mem m) {
            assertTrue(live.remove(m), "double free of " + m);
            used -= m.bytes();
        }
    }

    @Test
    void sizeClassesRoundUpWithBoundedSlack() {
        assertEquals(512, CachingAllocator.sizeClass(1));
        assertEquals(512, CachingAllocator.sizeClass(512));
        assertEquals(1024, CachingAllocator.sizeClass(513));
        assertEquals(1L << 20, CachingAllocator.sizeClass((1L << 20) - 100));
        assertEquals(1L << 21, CachingAllocator.sizeClass(1L << 21));
        assertEquals((1L << 21) + (1L << 19), CachingAllocator.sizeClass((1L << 21) + 1));
        for (long b = 1; b < 1L << 34; b = b * 3 + 7) {
            long c = CachingAllocator.sizeClass(b);
            assertTrue(c >= b && (b <= 1 << 20 ? c - b < 512 : c <= b * 1.25 + 1), b + " -> " + c);
            assertEquals(c, CachingAllocator.sizeClass(c), "a class is its own class: " + c);
        }
        assertThrows(IllegalArgumentException.class, () -> CachingAllocator.sizeClass(0));
    }

    @Test
    void steadyStateStepsReuseBlocksWithoutRawAllocations() {
        FakeRaw raw = new FakeRaw();
        CachingAllocator<FakeRaw.Mem> a = new CachingAllocator<>(raw);
        long[] step = {4000, 132 * 128 * 4, 4000, 3 << 20, 17, 100_000_000};
        for (int s = 0; s < 5; s++) {
            List<CachingAllocator.Block<FakeRaw.Mem>> held = new ArrayList<>();
            for (long bytes : step) held.add(a.acquire(bytes));
            for (CachingAllocator.Block<FakeRaw.Mem> b : held) assertTrue(b.bytes() >= 1, "block");
            for (CachingAllocator.Block<FakeRaw.Mem> b : held) a.release(b);
            assertEquals(step.length, a.rawAllocations(), "after step " + s + ": only the first step allocates");
        }
        assertEquals(0, a.inUseBytes());
        assertTrue(a.cachedBytes() > 0);
        a.trim();
        assertEquals(0, a.cachedBytes());
        assertEquals(step.length, a.rawFrees());
        assertTrue(raw.live.isEmpty());
    }

    @Test
    void sameClassIsReusedLastInFirstOut() {
        CachingAllocator<FakeRaw.Mem> a = new CachingAllocator<>(new FakeRaw());
        CachingAllocator.Block<FakeRaw.Mem> x = a.acquire(1000), y = a.acquire(1000);
        a.release(x);
        a.release(y);
        assertSame(y, a.acquire(900), "the most recently released block of the class (warm in cache)");
        assertSame(x, a.acquire(1024));
        assertEquals(2, a.rawAllocations());
    }

    @Test
    void outOfMemoryFreesTheCacheAndRetries() {
        FakeRaw raw = new FakeRaw();
        raw.capacity = 10 << 20;
        CachingAllocator<FakeRaw.Mem> a = new CachingAllocator<>(raw);
        a.release(a.acquire(6 << 20));
        CachingAllocator.Block<FakeRaw.Mem> big = a.acquire(8 << 20); // fits only after the cached 6 MiB is freed
        assertEquals(8 << 20, big.bytes());
        assertEquals(1, a.rawFrees());
        assertThrows(IllegalStateException.class, () -> a.acquire(4 << 20), "nothing cached to free: the error stands");
        assertEquals(8 << 20, a.inUseBytes());
        assertTrue(a.peakBytes() >= 8 << 20);
    }
}
