package io.colisten.train.eval;

import java.util.Arrays;

/**
 * The scores of a binary problem split by class and sorted: what every ranking metric here
 * (ROC-AUC, average precision, the curves) reads. Positives' and negatives' scores are held in two
 * ascending double arrays, so ranking n scores costs two primitive sorts (O(n log n)) and no
 * per-element object or index array; the metrics then merge the two from the top
 * ({@link ThresholdWalk}). Float scores are held exactly (every float is a double).
 *
 * <p>Ties are values that compare equal with {@code ==}, so -0.0 ties with 0.0, as in scikit-learn.
 * NaN is refused (naming its index), infinities are ordinary scores.
 *
 * <p>Reusable: {@link #clear()} keeps the buffers, so scoring many columns or sets allocates only
 * when one is larger than any before. Not thread-safe.
 */
public final class RankedScores {
    private double[] pos, neg;
    private int positives, negatives;
    private boolean sorted = true;

    public RankedScores() {
        this(16, 16);
    }

    /** Buffers sized for the given class counts (they grow past them). */
    public RankedScores(int positivesHint, int negativesHint) {
        pos = new double[Math.max(1, positivesHint)];
        neg = new double[Math.max(1, negativesHint)];
    }

    public static RankedScores of(float[] scores, boolean[] labels) {
        checkLength(scores.length, labels.length);
        RankedScores r = new RankedScores(0, scores.length);
        for (int i = 0; i < scores.length; i++) r.add(i, scores[i], labels[i]);
        return r.rank();
    }

    public static RankedScores of(double[] scores, boolean[] labels) {
        checkLength(scores.length, labels.length);
        RankedScores r = new RankedScores(0, scores.length);
        for (int i = 0; i < scores.length; i++) r.add(i, scores[i], labels[i]);
        return r.rank();
    }

    /** Labels 0 (negative) or 1 (positive); any other value is an error naming its index. */
    public static RankedScores of(float[] scores, int[] labels) {
        checkLength(scores.length, labels.length);
        RankedScores r = new RankedScores(0, scores.length);
        for (int i = 0; i < scores.length; i++) r.add(i, scores[i], label(labels, i));
        return r.rank();
    }

    /** Labels 0 (negative) or 1 (positive); any other value is an error naming its index. */
    public static RankedScores of(double[] scores, int[] labels) {
        checkLength(scores.length, labels.length);
        RankedScores r = new RankedScores(0, scores.length);
        for (int i = 0; i < scores.length; i++) r.add(i, scores[i], label(labels, i));
        return r.rank();
    }

    private static void checkLength(int scores, int labels) {
        if (scores != labels) throw new IllegalArgumentException("metrics: " + scores + " scores but " + labels + " labels");
    }

    private static boolean label(int[] labels, int i) {
        int y = labels[i];
        if (y != 0 && y != 1) throw new IllegalArgumentException("metrics: label " + i + " is " + y + ", not 0 or 1");
        return y == 1;
    }

    /** Forgets all scores, keeping the buffers. */
    public RankedScores clear() {
        positives = 0;
        negatives = 0;
        sorted = true;
        return this;
    }

    /** Adds one score; {@code index} only names it in the error for NaN. */
    public void add(long index, double score, boolean positive) {
        if (Double.isNaN(score)) throw new IllegalArgumentException("metrics: score " + index + " is NaN");
        if (positive) {
            if (positives == pos.length) pos = Arrays.copyOf(pos, grow(pos.length));
            pos[positives++] = score;
        } else {
            if (negatives == neg.length) neg = Arrays.copyOf(neg, grow(neg.length));
            neg[negatives++] = score;
        }
        sorted = false;
    }

    /** Makes room for this many more negatives at once (a caller that knows its pair count). */
    public void reserveNegatives(int more) {
        long need = (long) negatives + more;
        if (need > neg.length) neg = Arrays.copyOf(neg, Math.toIntExact(need));
    }

    private static int grow(int length) {
        return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(16L, 2L * length));
    }

    /** Sorts what was added; the metrics need this first (they check). */
    public RankedScores rank() {
        if (!sorted) {
            Arrays.sort(pos, 0, positives);
            Arrays.sort(neg, 0, negatives);
            sorted = true;
        }
        return this;
    }

    public int positives() {
        return positives;
    }

    public int negatives() {
        return negatives;
    }

    public int size() {
        return positives + negatives;
    }

    /** The positives' scores, ascending, in {@code [0, positives())} (the live buffer, not a copy). */
    double[] sortedPositives() {
        requireRanked();
        return pos;
    }

    /** The negatives' scores, ascending, in {@code [0, negatives())} (the live buffer, not a copy). */
    double[] sortedNegatives() {
        requireRanked();
        return neg;
    }

    private void requireRanked() {
        if (!sorted) throw new IllegalStateException("metrics: scores added since the last rank()");
    }
}
