package io.colisten.train.eval;

/**
 * Area under the ROC curve, scikit-learn's {@code roc_auc_score} for binary labels: the trapezoid
 * rule over the curve's points at the distinct thresholds, so a tie group spanning both classes
 * counts half (the midrank convention; the same as the probability that a random positive outscores
 * a random negative, ties counting one half).
 *
 * <p>Computed exactly in integers: the trapezoid of a tie group adding {@code dfp} negatives and
 * {@code dtp} positives above {@code tp} earlier positives has twice its area
 * {@code dfp * (2 tp + dtp)} in units of 1 / (P N); the sum is at most 2 P N < 2^63 for any array
 * sizes, and one division at the end rounds once. O(n) on ranked scores.
 */
public final class RocAuc {
    private RocAuc() {}

    /**
     * @throws IllegalArgumentException when the scores hold only one class (the area is undefined;
     *                                  scikit-learn raises too)
     */
    public static double of(RankedScores r) {
        long p = r.positives(), n = r.negatives();
        if (p == 0 || n == 0) {
            throw new IllegalArgumentException("roc-auc: needs both classes, got " + p + " positives and " + n + " negatives");
        }
        ThresholdWalk w = new ThresholdWalk(r);
        long twiceArea = 0;
        while (w.next()) {
            twiceArea += (long) w.groupFp * (2L * (w.tp - w.groupTp) + w.groupTp);
        }
        return twiceArea / (2.0 * p * n);
    }
}
