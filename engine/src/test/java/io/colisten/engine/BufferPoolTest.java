package io.colisten.engine;

import io.colisten.engine.cpu.CpuBackend;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The size-keyed pool: exact-length reuse, growth past its initial table, refusal of foreign buffers. */
class BufferPoolTest {
    private record Buf(int length) implements Buffer {
        @Override public Device device() { return Device.CPU; }
    }

    @Test
    void reusesBuffersOfTheSameLength() {
        BufferPool<Buf> pool = new BufferPool<>(Buf::new);
        Buf a = pool.acquire(10), b = pool.acquire(10), c = pool.acquire(11);
        assertEquals(3, pool.created());
        assertNotSame(a, b);
        pool.release(a);
        pool.release(c);
        assertSame(a, pool.acquire(10));
        assertSame(c, pool.acquire(11));
        assertEquals(10, pool.acquire(10).length());
        assertEquals(4, pool.created());
        assertThrows(IllegalArgumentException.class, () -> pool.acquire(0));
    }

    @Test
    void manyDistinctLengthsAndDeepStacks() {
        BufferPool<Buf> pool = new BufferPool<>(Buf::new);
        List<Buf> held = new ArrayList<>();
        for (int len = 1; len <= 300; len++) for (int k = 0; k < 6; k++) held.add(pool.acquire(len * 7));
        for (Buf b : held) pool.release(b);
        assertEquals(7L * 6 * 300 * 301 / 2, pool.pooledElements());
        long created = pool.created();
        for (int len = 1; len <= 300; len++) for (int k = 0; k < 6; k++) assertEquals(len * 7, pool.acquire(len * 7).length());
        assertEquals(created, pool.created());
        assertEquals(0, pool.pooledElements());
    }

    @Test
    void backendRefusesBuffersOfAnotherDevice() {
        CpuBackend other = new CpuBackend(new Device("cpu", 2));
        Storage s = other.acquire(4);
        assertThrows(IllegalArgumentException.class, () -> CpuBackend.instance().release(s));
        other.release(s);
        assertSame(s, other.acquire(4));
    }
}
