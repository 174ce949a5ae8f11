package io.colisten.train.labels;

import java.util.TreeSet;

/**
 * Estimates how many distinct terms a corpus has from their hashes (k minimum values): keep the
 * k smallest distinct hashes; if the k-th smallest, as a fraction of the hash range, is u, there
 * are about (k - 1) / u distinct values. Relative error about 1 / sqrt(k) (1.6 % at k = 4096).
 * One per thread; {@link #addAll} merges. Almost every offer is one comparison once the set fills.
 */
final class DistinctEstimate {
    static final int K = 4096;

    private final TreeSet<Long> smallest = new TreeSet<>();
    /** Offers at or above this are not among the K smallest (2^63 - 1 lets all 63-bit values in). */
    private long bound = Long.MAX_VALUE;

    /** One comparison for all but a few thousand of the offers. */
    void offer(long hash) {
        long v = hash >>> 1; // 63 bits, so signed order is the unsigned order
        if (v < bound) {
            insert(v);
        }
    }

    private void insert(long v) {
        if (smallest.add(v) && smallest.size() > K) {
            smallest.pollLast();
        }
        if (smallest.size() == K) {
            bound = smallest.last();
        }
    }

    void addAll(DistinctEstimate other) {
        for (long v : other.smallest) {
            if (v < bound) {
                insert(v);
            }
        }
    }

    /** The estimate; exact while fewer than K distinct hashes were seen. */
    long estimate() {
        if (smallest.size() < K) {
            return smallest.size();
        }
        double u = (smallest.last() + 1.0) / 0x1p63;
        return Math.round((K - 1) / u);
    }
}
