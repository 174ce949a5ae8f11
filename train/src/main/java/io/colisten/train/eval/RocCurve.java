package io.colisten.train.eval;

import java.util.Arrays;

/**
 * The ROC curve as arrays for charts, scikit-learn's {@code roc_curve}: one point per distinct
 * threshold, high to low, after the origin (0, 0), whose threshold is +infinity (scikit-learn 1.2
 * writes max + 1 there; later versions infinity). {@code fpr[i]}, {@code tpr[i]} are the rates of
 * scores at least {@code thresholds[i]}. With {@code dropIntermediate}, points collinear with their
 * neighbours on a horizontal or vertical run are left out as scikit-learn does (the area is
 * unchanged; a 3-million-pair curve shrinks to its corners).
 */
public record RocCurve(double[] fpr, double[] tpr, double[] thresholds) {
    public int points() {
        return fpr.length;
    }

    /** @throws IllegalArgumentException when the scores hold only one class */
    public static RocCurve of(RankedScores r, boolean dropIntermediate) {
        int p = r.positives(), n = r.negatives();
        if (p == 0 || n == 0) {
            throw new IllegalArgumentException("roc curve: needs both classes, got " + p + " positives and " + n + " negatives");
        }
        int groups = 0;
        ThresholdWalk count = new ThresholdWalk(r);
        while (count.next()) groups++;
        int[] tps = new int[groups], fps = new int[groups];
        double[] thr = new double[groups];
        int k = 0;
        ThresholdWalk w = new ThresholdWalk(r);
        while (w.next()) {
            tps[k] = w.tp;
            fps[k] = w.fp;
            thr[k++] = w.threshold;
        }
        boolean[] keep = new boolean[k];
        Arrays.fill(keep, true);
        if (dropIntermediate && k > 2) {
            // scikit-learn's test: keep a point where the second difference of fps or tps is non-zero.
            for (int i = 1; i < k - 1; i++) {
                keep[i] = fps[i + 1] - 2 * fps[i] + fps[i - 1] != 0 || tps[i + 1] - 2 * tps[i] + tps[i - 1] != 0;
            }
        }
        int kept = 0;
        for (boolean b : keep) kept += b ? 1 : 0;
        double[] fpr = new double[kept + 1], tpr = new double[kept + 1], t = new double[kept + 1];
        t[0] = Double.POSITIVE_INFINITY;
        for (int i = 0, j = 1; i < k; i++) {
            if (!keep[i]) continue;
            fpr[j] = (double) fps[i] / n;
            tpr[j] = (double) tps[i] / p;
            t[j++] = thr[i];
        }
        return new RocCurve(fpr, tpr, t);
    }
}
