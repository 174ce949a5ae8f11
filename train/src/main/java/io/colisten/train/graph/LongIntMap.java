package io.colisten.train.graph;

import java.util.Arrays;

/**
 * An open-addressing map from non-negative long keys to int values (linear probing, power-of-two
 * capacity, grows at half full): 12 bytes a slot, no boxing, for counting track pairs. A key is
 * typically {@code (long) a << 32 | b}.
 */
public final class LongIntMap {
    private static final long EMPTY = -1;
    private long[] keys;
    private int[] values;
    private int size;
    private int mask;

    public LongIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
        if (cap <= 0 || cap > 1 << 30) cap = 1 << 30;
        keys = new long[cap];
        Arrays.fill(keys, EMPTY);
        values = new int[cap];
        mask = cap - 1;
    }

    /** Adds {@code delta} to the value of {@code key} (absent keys start at 0). */
    public void add(long key, int delta) {
        if (key < 0) throw new IllegalArgumentException("keys must be non-negative: " + key);
        int i = slot(key);
        while (true) {
            long k = keys[i];
            if (k == key) {
                values[i] += delta;
                return;
            }
            if (k == EMPTY) {
                keys[i] = key;
                values[i] = delta;
                if (++size * 2 > keys.length) grow();
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /** The value of {@code key}, 0 when absent. */
    public int get(long key) {
        int i = slot(key);
        while (true) {
            long k = keys[i];
            if (k == key) return values[i];
            if (k == EMPTY) return 0;
            i = (i + 1) & mask;
        }
    }

    public int size() {
        return size;
    }

    /** Calls {@code visitor} for each entry, in slot order (callers that need an order sort). */
    public void forEach(Visitor visitor) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) visitor.visit(keys[i], values[i]);
        }
    }

    @FunctionalInterface
    public interface Visitor {
        void visit(long key, int value);
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        if (keys.length >= 1 << 30) throw new IllegalStateException("LongIntMap: more than 2^29 entries");
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        values = new int[keys.length];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] == EMPTY) continue;
            int j = slot(oldKeys[i]);
            while (keys[j] != EMPTY) j = (j + 1) & mask;
            keys[j] = oldKeys[i];
            values[j] = oldValues[i];
            size++;
        }
    }
}
