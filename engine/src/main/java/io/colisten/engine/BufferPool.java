package io.colisten.engine;

import java.util.function.IntFunction;

/**
 * Free buffers keyed by exact length: acquire pops one of that length or creates it, release pushes
 * it back. A training step asks for the same lengths every time, so after the first step every
 * request is served from the pool. An open-addressing int map (no boxed keys) and array stacks keep
 * acquire and release free of allocation. Synchronised: uncontended in the usual single training
 * thread, safe when an evaluation thread shares the backend.
 */
public final class BufferPool<B extends Buffer> {
    private final IntFunction<B> factory;
    private int[] keys = new int[64];        // 0 = empty slot (lengths are >= 1)
    private Object[][] stacks = new Object[64][];
    private int[] counts = new int[64];
    private int used;
    private long created;
    private long pooledElements;

    public BufferPool(IntFunction<B> factory) {
        this.factory = factory;
    }

    @SuppressWarnings("unchecked")
    public synchronized B acquire(int length) {
        if (length <= 0) throw new IllegalArgumentException("pool: length must be positive, got " + length);
        int slot = find(length);
        if (slot >= 0 && counts[slot] > 0) {
            int c = --counts[slot];
            B b = (B) stacks[slot][c];
            stacks[slot][c] = null;
            pooledElements -= length;
            return b;
        }
        created++;
        return factory.apply(length);
    }

    public synchronized void release(B buffer) {
        int length = buffer.length();
        int slot = find(length);
        if (slot < 0) slot = insert(length);
        Object[] s = stacks[slot];
        int c = counts[slot];
        if (c == s.length) {
            s = java.util.Arrays.copyOf(s, c * 2);
            stacks[slot] = s;
        }
        s[c] = buffer;
        counts[slot] = c + 1;
        pooledElements += length;
    }

    /** Drops every free buffer (the garbage collector takes them). */
    public synchronized void clear() {
        keys = new int[64];
        stacks = new Object[64][];
        counts = new int[64];
        used = 0;
        pooledElements = 0;
    }

    /** Buffers created because the pool had none of the requested length. */
    public synchronized long created() { return created; }

    /** Elements held by free buffers. */
    public synchronized long pooledElements() { return pooledElements; }

    private int find(int key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == key) return i;
            if (keys[i] == 0) return -1;
        }
    }

    private int insert(int key) {
        if (2 * (used + 1) > keys.length) grow();
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (keys[i] != 0) i = (i + 1) & mask;
        keys[i] = key;
        stacks[i] = new Object[4];
        counts[i] = 0;
        used++;
        return i;
    }

    private void grow() {
        int[] oldKeys = keys;
        Object[][] oldStacks = stacks;
        int[] oldCounts = counts;
        keys = new int[oldKeys.length * 2];
        stacks = new Object[keys.length][];
        counts = new int[keys.length];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] == 0) continue;
            int i = mix(oldKeys[j]) & mask;
            while (keys[i] != 0) i = (i + 1) & mask;
            keys[i] = oldKeys[j];
            stacks[i] = oldStacks[j];
            counts[i] = oldCounts[j];
        }
    }

    private static int mix(int k) {
        int h = k * 0x9E3779B1;
        return h ^ (h >>> 16);
    }
}
