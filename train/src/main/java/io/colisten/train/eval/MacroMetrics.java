package io.colisten.train.eval;

import java.util.Arrays;

/**
 * Class-balanced (macro) metrics of a multi-label problem: ROC-AUC and average precision (our
 * PR-AUC) of each column of an n x L score matrix against its labels, and their unweighted means
 * over the columns used, as scikit-learn's {@code average="macro"}.
 *
 * <p>A column whose labels are all one class has no ROC-AUC (scikit-learn raises for the whole
 * matrix; its average precision would count such a column as 0 or 1). Here such a column is
 * skipped: left out of both means, its per-column values NaN, its index listed in
 * {@link #skippedColumns()} so a report can say so. With no column used both means are NaN.
 *
 * @param rocAucPerColumn           L values, NaN where skipped
 * @param averagePrecisionPerColumn L values, NaN where skipped
 * @param usedColumns               ascending indices of the columns with both classes
 * @param skippedColumns            ascending indices of the single-class columns
 */
public record MacroMetrics(double rocAuc, double averagePrecision, double[] rocAucPerColumn,
                           double[] averagePrecisionPerColumn, int[] usedColumns, int[] skippedColumns) {

    /** Fills a {@link RankedScores} (cleared) with column c's scores and labels. */
    private interface Column {
        void fill(int c, RankedScores into);
    }

    public static MacroMetrics of(float[][] scores, boolean[][] labels) {
        int cols = shape(scores.length, labels.length, scores.length == 0 ? 0 : scores[0].length);
        for (int i = 0; i < scores.length; i++) rowShape(i, scores[i].length, labels[i].length, cols);
        return compute(cols, (c, r) -> {
            for (int i = 0; i < scores.length; i++) r.add(i, scores[i][c], labels[i][c]);
        });
    }

    public static MacroMetrics of(double[][] scores, boolean[][] labels) {
        int cols = shape(scores.length, labels.length, scores.length == 0 ? 0 : scores[0].length);
        for (int i = 0; i < scores.length; i++) rowShape(i, scores[i].length, labels[i].length, cols);
        return compute(cols, (c, r) -> {
            for (int i = 0; i < scores.length; i++) r.add(i, scores[i][c], labels[i][c]);
        });
    }

    /** Labels 0 or 1 (multi-hot); any other value is an error naming its row and column. */
    public static MacroMetrics of(float[][] scores, int[][] labels) {
        int cols = shape(scores.length, labels.length, scores.length == 0 ? 0 : scores[0].length);
        for (int i = 0; i < scores.length; i++) rowShape(i, scores[i].length, labels[i].length, cols);
        checkBinary(labels);
        return compute(cols, (c, r) -> {
            for (int i = 0; i < scores.length; i++) r.add(i, scores[i][c], labels[i][c] == 1);
        });
    }

    /** Labels 0 or 1 (multi-hot); any other value is an error naming its row and column. */
    public static MacroMetrics of(double[][] scores, int[][] labels) {
        int cols = shape(scores.length, labels.length, scores.length == 0 ? 0 : scores[0].length);
        for (int i = 0; i < scores.length; i++) rowShape(i, scores[i].length, labels[i].length, cols);
        checkBinary(labels);
        return compute(cols, (c, r) -> {
            for (int i = 0; i < scores.length; i++) r.add(i, scores[i][c], labels[i][c] == 1);
        });
    }

    /** Number of columns used. */
    public int columnsUsed() {
        return usedColumns.length;
    }

    private static int shape(int scoreRows, int labelRows, int cols) {
        if (scoreRows != labelRows) {
            throw new IllegalArgumentException("macro metrics: " + scoreRows + " score rows but " + labelRows + " label rows");
        }
        return cols;
    }

    private static void rowShape(int row, int scores, int labels, int cols) {
        if (scores != cols || labels != cols) {
            throw new IllegalArgumentException("macro metrics: row " + row + " has " + scores + " scores and " + labels
                    + " labels, expected " + cols + " (the width of row 0)");
        }
    }

    private static void checkBinary(int[][] labels) {
        for (int i = 0; i < labels.length; i++) {
            for (int c = 0; c < labels[i].length; c++) {
                int y = labels[i][c];
                if (y != 0 && y != 1) {
                    throw new IllegalArgumentException("macro metrics: label at row " + i + ", column " + c + " is " + y + ", not 0 or 1");
                }
            }
        }
    }

    private static MacroMetrics compute(int cols, Column column) {
        double[] auc = new double[cols], ap = new double[cols];
        int[] used = new int[cols], skipped = new int[cols];
        int nUsed = 0, nSkipped = 0;
        double aucSum = 0, apSum = 0;
        RankedScores r = new RankedScores();
        for (int c = 0; c < cols; c++) {
            column.fill(c, r.clear());
            r.rank();
            if (r.positives() == 0 || r.negatives() == 0) {
                auc[c] = Double.NaN;
                ap[c] = Double.NaN;
                skipped[nSkipped++] = c;
                continue;
            }
            auc[c] = RocAuc.of(r);
            ap[c] = AveragePrecision.of(r);
            aucSum += auc[c];
            apSum += ap[c];
            used[nUsed++] = c;
        }
        double meanAuc = nUsed == 0 ? Double.NaN : aucSum / nUsed;
        double meanAp = nUsed == 0 ? Double.NaN : apSum / nUsed;
        return new MacroMetrics(meanAuc, meanAp, auc, ap, Arrays.copyOf(used, nUsed), Arrays.copyOf(skipped, nSkipped));
    }
}
