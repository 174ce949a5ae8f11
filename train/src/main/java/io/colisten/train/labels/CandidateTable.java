package io.colisten.train.labels;

import java.util.Arrays;

/**
 * Exact counts of candidate terms during a counting pass (one table per thread). Entries live in
 * parallel arrays in insertion order: hash, sketch estimate, count and the term's chars in a pool;
 * an open-addressing slot table (at most half full) maps a term to its entry. Its size in bytes is
 * tracked so the builder can keep it within a budget by {@link #keepAtLeast evicting} the entries
 * with the smallest sketch estimates.
 */
final class CandidateTable {
    private static final int MIN_ENTRIES = 64;
    private static final int MIN_POOL = 1024;

    private long[] hashes = new long[MIN_ENTRIES];
    private int[] estimates = new int[MIN_ENTRIES];
    private long[] counts = new long[MIN_ENTRIES];
    private int[] poolStart = new int[MIN_ENTRIES];
    private int[] poolEnd = new int[MIN_ENTRIES];
    private int size;
    private char[] pool = new char[MIN_POOL];
    private int poolUsed;
    private int[] slots = new int[2 * MIN_ENTRIES]; // entry + 1; 0 = empty
    private int mask = 2 * MIN_ENTRIES - 1;

    int size() {
        return size;
    }

    /** Bytes held by the arrays, used for the memory budget. */
    long bytes() {
        return (long) hashes.length * (8 + 4 + 8 + 4 + 4) + (long) slots.length * 4 + (long) pool.length * 2;
    }

    /** Adds {@code n} to the count of the term {@code chars[start, end)}, inserting it if new. */
    void add(char[] chars, int start, int end, long hash, int estimate, long n) {
        int len = end - start;
        int s = (int) hash & mask;
        for (int e; (e = slots[s]) != 0; s = (s + 1) & mask) {
            e--;
            if (hashes[e] == hash && poolEnd[e] - poolStart[e] == len
                    && Arrays.equals(pool, poolStart[e], poolEnd[e], chars, start, end)) {
                counts[e] += n;
                return;
            }
        }
        if (size == hashes.length) {
            growEntries();
        }
        if (poolUsed + len > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolUsed + len));
        }
        System.arraycopy(chars, start, pool, poolUsed, len);
        hashes[size] = hash;
        estimates[size] = estimate;
        counts[size] = n;
        poolStart[size] = poolUsed;
        poolEnd[size] = poolUsed + len;
        poolUsed += len;
        slots[s] = ++size;
        if (2 * size > slots.length) {
            rebuildSlots(slots.length * 2);
        }
    }

    /** Adds every entry of {@code other} into this table. */
    void addAll(CandidateTable other) {
        for (int e = 0; e < other.size; e++) {
            add(other.pool, other.poolStart[e], other.poolEnd[e], other.hashes[e], other.estimates[e], other.counts[e]);
        }
    }

    /** Drops the entries whose estimate is below {@code threshold}; compacts arrays and pool. */
    void keepAtLeast(int threshold) {
        int kept = 0;
        int at = 0;
        for (int e = 0; e < size; e++) {
            if (estimates[e] >= threshold) {
                int len = poolEnd[e] - poolStart[e];
                System.arraycopy(pool, poolStart[e], pool, at, len);
                hashes[kept] = hashes[e];
                estimates[kept] = estimates[e];
                counts[kept] = counts[e];
                poolStart[kept] = at;
                poolEnd[kept] = at + len;
                at += len;
                kept++;
            }
        }
        size = kept;
        poolUsed = at;
        int cap = Math.max(MIN_ENTRIES, Integer.highestOneBit(Math.max(1, size)) << 1);
        hashes = Arrays.copyOf(hashes, cap);
        estimates = Arrays.copyOf(estimates, cap);
        counts = Arrays.copyOf(counts, cap);
        poolStart = Arrays.copyOf(poolStart, cap);
        poolEnd = Arrays.copyOf(poolEnd, cap);
        pool = Arrays.copyOf(pool, Math.max(MIN_POOL, poolUsed + poolUsed / 2));
        rebuildSlots(2 * cap);
    }

    int estimate(int e) {
        return estimates[e];
    }

    long count(int e) {
        return counts[e];
    }

    String term(int e) {
        return new String(pool, poolStart[e], poolEnd[e] - poolStart[e]);
    }

    private void growEntries() {
        int n = hashes.length * 2;
        hashes = Arrays.copyOf(hashes, n);
        estimates = Arrays.copyOf(estimates, n);
        counts = Arrays.copyOf(counts, n);
        poolStart = Arrays.copyOf(poolStart, n);
        poolEnd = Arrays.copyOf(poolEnd, n);
    }

    private void rebuildSlots(int n) {
        slots = new int[n];
        mask = n - 1;
        for (int e = 0; e < size; e++) {
            int s = (int) hashes[e] & mask;
            while (slots[s] != 0) {
                s = (s + 1) & mask;
            }
            slots[s] = e + 1;
        }
    }
}
