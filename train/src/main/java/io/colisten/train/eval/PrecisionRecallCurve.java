package io.colisten.train.eval;

/**
 * The precision-recall curve as arrays for charts: one point per distinct threshold, high to low
 * (recall non-decreasing), after a first point (recall 0, precision 1) at threshold +infinity.
 * {@code precision[i]} and {@code recall[i]} describe the scores at least {@code thresholds[i]}.
 * These are scikit-learn's {@code precision_recall_curve} values in reverse order (it lists
 * thresholds low to high and ends with the (recall 0, precision 1) point, which has no threshold).
 * The step-wise area under it is {@link AveragePrecision}.
 */
public record PrecisionRecallCurve(double[] precision, double[] recall, double[] thresholds) {
    public int points() {
        return precision.length;
    }

    /** @throws IllegalArgumentException when there is no positive (recall is undefined) */
    public static PrecisionRecallCurve of(RankedScores r) {
        int p = r.positives();
        if (p == 0) throw new IllegalArgumentException("precision-recall curve: needs a positive, got none");
        int groups = 0;
        ThresholdWalk count = new ThresholdWalk(r);
        while (count.next()) groups++;
        double[] precision = new double[groups + 1], recall = new double[groups + 1], t = new double[groups + 1];
        precision[0] = 1;
        t[0] = Double.POSITIVE_INFINITY;
        ThresholdWalk w = new ThresholdWalk(r);
        for (int i = 1; w.next(); i++) {
            precision[i] = (double) w.tp / (w.tp + w.fp);
            recall[i] = (double) w.tp / p;
            t[i] = w.threshold;
        }
        return new PrecisionRecallCurve(precision, recall, t);
    }
}
