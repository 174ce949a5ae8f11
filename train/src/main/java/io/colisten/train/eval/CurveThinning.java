package io.colisten.train.eval;

import io.colisten.train.eval.report.EvaluationReport.Curve;

/**
 * Thins a curve for a chart: at most {@code max} points, the first and last always kept and the
 * rest evenly spaced by index. A link-prediction set has millions of pairs; a few thousand points
 * draw the same picture.
 */
public final class CurveThinning {
    public static final int CHART_POINTS = 2000;

    private CurveThinning() {}

    public static Curve thin(double[] x, double[] y, int max) {
        if (x.length != y.length) throw new IllegalArgumentException("curve: " + x.length + " x values but " + y.length + " y values");
        if (max < 2) throw new IllegalArgumentException("curve: need at least 2 points, got " + max);
        int n = x.length;
        if (n <= max) return new Curve(x.clone(), y.clone());
        double[] tx = new double[max], ty = new double[max];
        for (int k = 0; k < max; k++) {
            int i = (int) Math.round((double) k * (n - 1) / (max - 1));
            tx[k] = x[i];
            ty[k] = y[i];
        }
        return new Curve(tx, ty);
    }

    /** Set 1's ROC (fpr, tpr) and PR (recall, precision) curves, thinned. */
    static Curve[] of(RankedScores ranked) {
        RocCurve roc = RocCurve.of(ranked, true);
        PrecisionRecallCurve pr = PrecisionRecallCurve.of(ranked);
        return new Curve[] {thin(roc.fpr(), roc.tpr(), CHART_POINTS), thin(pr.recall(), pr.precision(), CHART_POINTS)};
    }
}
