package io.colisten.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void everyPartRunsExactlyOnce() {
        for (int parts : new int[] {0, 1, 2, 3, 17, 1000}) {
            AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(1, parts));
            Parallel.forEach(parts, i -> hits.incrementAndGet(i));
            for (int i = 0; i < parts; i++) assertEquals(1, hits.get(i), "part " + i + " of " + parts);
        }
    }

    @Test
    void nestedCallsRunInlineAndComplete() {
        AtomicIntegerArray hits = new AtomicIntegerArray(4 * 5);
        Parallel.forEach(4, i -> {
            assertTrue(Parallel.inWorker());
            Thread outer = Thread.currentThread();
            Parallel.forEach(5, j -> {
                assertSame(outer, Thread.currentThread());
                hits.incrementAndGet(i * 5 + j);
            });
        });
        for (int i = 0; i < 20; i++) assertEquals(1, hits.get(i));
    }

    @Test
    void exceptionsReachTheCaller() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.forEach(8, i -> {
            if (i == 5) throw new IllegalStateException("part 5");
        }));
        assertEquals("part 5", e.getMessage());
        // The pool is usable afterwards.
        AtomicIntegerArray hits = new AtomicIntegerArray(3);
        Parallel.forEach(3, hits::incrementAndGet);
        assertEquals(1, hits.get(2));
    }

    @Test
    void forRangeCoversTheRangeInContiguousChunks() {
        int n = 1001;
        AtomicIntegerArray hits = new AtomicIntegerArray(n);
        Parallel.forRange(n, 10, (from, to) -> {
            for (int i = from; i < to; i++) hits.incrementAndGet(i);
        });
        for (int i = 0; i < n; i++) assertEquals(1, hits.get(i));
    }

    @Test
    void forRangeBalancedCoversTheRangeInAtMostBalanceChunksPerThread() {
        for (int n : new int[] {1, 7, 16, 33, 396, 1001}) {
            for (int grain : new int[] {1, 10}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(n);
                java.util.concurrent.atomic.AtomicInteger chunks = new java.util.concurrent.atomic.AtomicInteger();
                Parallel.forRangeBalanced(n, grain, (from, to) -> {
                    assertTrue(from < to && to - from >= Math.min(grain, n), "chunk [" + from + ", " + to + ") of " + n);
                    chunks.incrementAndGet();
                    for (int i = from; i < to; i++) hits.incrementAndGet(i);
                });
                for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), "item " + i + " of " + n);
                int most = Parallel.threads() == 1 ? 1 : Parallel.threads() * Parallel.BALANCE;
                assertTrue(chunks.get() <= Math.max(1, Math.min(most, n / grain)), chunks.get() + " chunks for " + n + " / " + grain);
            }
        }
    }

    @Test
    void concurrentCallersFromSeveralThreads() throws InterruptedException {
        int callers = 4, rounds = 200;
        AtomicIntegerArray sums = new AtomicIntegerArray(callers);
        Thread[] threads = new Thread[callers];
        for (int t = 0; t < callers; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                for (int r = 0; r < rounds; r++) Parallel.forEach(3, i -> sums.addAndGet(id, 1));
            });
            threads[t].start();
        }
        for (Thread t : threads) t.join();
        for (int t = 0; t < callers; t++) assertEquals(3 * rounds, sums.get(t));
    }
}
