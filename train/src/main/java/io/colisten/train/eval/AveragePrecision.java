package io.colisten.train.eval;

/**
 * Average precision, scikit-learn's {@code average_precision_score} for binary labels: the sum over
 * distinct thresholds (high to low) of {@code (R_n - R_{n-1}) P_n}, with recall R and precision P
 * taken after the whole tie group at that threshold, both classes together (no interpolation).
 * This is the area under the step-wise precision-recall curve; we report it as the PR-AUC.
 *
 * <p>Evaluated as {@code (1 / P) sum dtp_n * tp_n / (tp_n + fp_n)} with compensated (Neumaier)
 * summation, so millions of thresholds lose no accuracy. O(n) on ranked scores.
 */
public final class AveragePrecision {
    private AveragePrecision() {}

    /**
     * @throws IllegalArgumentException when there is no positive (recall is undefined; scikit-learn
     *                                  warns and returns 0); with no negative the result is 1
     */
    public static double of(RankedScores r) {
        if (r.positives() == 0) {
            throw new IllegalArgumentException("average precision: needs a positive, got " + r.negatives() + " negatives only");
        }
        ThresholdWalk w = new ThresholdWalk(r);
        double sum = 0, compensation = 0;
        while (w.next()) {
            if (w.groupTp == 0) continue;
            double term = w.groupTp * ((double) w.tp / (w.tp + w.fp));
            double t = sum + term;
            compensation += Math.abs(sum) >= Math.abs(term) ? (sum - t) + term : (term - t) + sum;
            sum = t;
        }
        return (sum + compensation) / r.positives();
    }
}
