package io.colisten.train.labels;

/**
 * Picks count thresholds from the distribution of a sketch's counters: B(t), half the number of
 * counters holding at least t, stands in for the number of terms counted at least t (a heavy term
 * owns two counters; light terms only add noise). Thresholds are only a guess at where the K-th count
 * lies: {@link VocabularyBuilder} checks the guess against exact counts, so a poor guess costs an
 * extra pass, never a wrong vocabulary. Values above {@link #CAP} are grouped at the cap.
 */
final class SketchThresholds {
    static final int CAP = 1 << 22;

    /** atLeast[t] = 2 B(t) for 1 <= t <= maxValue; atLeast[maxValue + 1] = 0. */
    private final long[] atLeast;
    private final int maxValue;

    SketchThresholds(CountMinSketch sketch) {
        int max = 0;
        for (int i = 0; i < sketch.counters(); i++) {
            max = Math.max(max, sketch.counter(i));
        }
        maxValue = Math.min(max, CAP);
        atLeast = new long[maxValue + 2];
        for (int i = 0; i < sketch.counters(); i++) {
            atLeast[Math.min(sketch.counter(i), CAP)]++;
        }
        for (int t = maxValue - 1; t >= 0; t--) {
            atLeast[t] += atLeast[t + 1];
        }
    }

    /** B(t). */
    long bucketsAtLeast(int t) {
        return t > maxValue ? 0 : atLeast[Math.max(t, 0)] / 2;
    }

    /** The largest t >= 1 with B(t) >= target (1 when even B(1) falls short). */
    int forBuckets(long target) {
        int lo = 1;
        int hi = Math.max(1, maxValue);
        if (bucketsAtLeast(hi) >= target) {
            return hi;
        }
        while (hi - lo > 1) { // B(lo) >= target or lo == 1; B(hi) < target
            int mid = (lo + hi) >>> 1;
            if (bucketsAtLeast(mid) >= target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** A lower threshold than {@code t} with about twice as many counters above it (at least 1). */
    int lower(int t) {
        return Math.max(1, Math.min(t - 1, forBuckets(2 * Math.max(1, bucketsAtLeast(t)))));
    }

    /** A higher threshold than {@code t} with about half as many counters above it. */
    int higher(int t) {
        return Math.max(t + 1, forBuckets(Math.max(1, bucketsAtLeast(t) / 2)));
    }
}
