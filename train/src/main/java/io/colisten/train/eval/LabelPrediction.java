package io.colisten.train.eval;

import io.colisten.train.labels.LabelMatrix;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Text-label prediction (paper section 4.1, Table 1): the unweighted mean ROC-AUC, over the labels
 * with at least {@code minPositives} positives among the evaluation recordings (the paper: 10, on a
 * 10,000-recording sample), of each recording's classifier score for that label against whether the
 * label is in its set. Scores come from the caller, already averaged over each recording's
 * windows; labels from the corpus's {@link LabelMatrix}. A label on every evaluation recording has
 * no ROC-AUC and is left out (counted in the result).
 *
 * <p>Cost: O(n V) to count, then O(n log n) per label used, with one reused {@link RankedScores};
 * the positives of the used labels are gathered once in compressed columns, so no n x V label
 * matrix is formed.
 */
public final class LabelPrediction {
    /** The paper's threshold: labels with at least 10 occurrences in the evaluation set. */
    public static final int PAPER_MIN_POSITIVES = 10;
    private static final int MAX_NAMED = 20;

    private LabelPrediction() {}

    /**
     * @param ids          the evaluation recordings, distinct, each a row of {@code labels}
     * @param scores       one row per recording: its score for every label, {@code labels.vocabularySize()} values
     * @param minPositives labels qualify with at least this many positives (>= 1)
     * @throws IllegalArgumentException on a recording missing from {@code labels} (all such are
     *                                  named), a row of the wrong length or a NaN score (named)
     */
    public static LabelPredictionResult evaluate(List<String> ids, float[][] scores, LabelMatrix labels, int minPositives) {
        if (minPositives < 1) throw new IllegalArgumentException("label prediction: minimum positives must be >= 1, got " + minPositives);
        int n = ids.size(), vocab = labels.vocabularySize();
        if (scores.length != n) {
            throw new IllegalArgumentException("label prediction: " + n + " recordings but " + scores.length + " score rows");
        }
        int[] row = rows(ids, labels);
        int[] count = new int[vocab];
        for (int i = 0; i < n; i++) {
            if (scores[i].length != vocab) {
                throw new IllegalArgumentException("label prediction: scores of '" + ids.get(i) + "' have " + scores[i].length
                        + " values for a vocabulary of " + vocab);
            }
            for (int v : labels.labels(row[i])) count[v]++;
        }
        int used = 0, rare = 0, noNegatives = 0;
        int[] column = new int[vocab]; // label -> its index among the used labels, or -1
        for (int v = 0; v < vocab; v++) {
            column[v] = -1;
            if (count[v] == 0) continue;
            if (count[v] < minPositives) rare++;
            else if (count[v] == n) noNegatives++;
            else column[v] = used++;
        }
        // Positives of the used labels, compressed by column; rows ascend within each column.
        int[] start = new int[used + 1];
        int[] labelIds = new int[used];
        for (int v = 0; v < vocab; v++) {
            if (column[v] >= 0) {
                start[column[v] + 1] = count[v];
                labelIds[column[v]] = v;
            }
        }
        for (int k = 0; k < used; k++) start[k + 1] += start[k];
        int[] fill = start.clone(), positiveRows = new int[start[used]];
        for (int i = 0; i < n; i++) {
            for (int v : labels.labels(row[i])) if (column[v] >= 0) positiveRows[fill[column[v]]++] = i;
        }
        double[] auc = new double[used];
        double sum = 0;
        RankedScores ranked = new RankedScores(0, n);
        for (int k = 0; k < used; k++) {
            int v = labelIds[k], next = start[k];
            ranked.clear();
            for (int i = 0; i < n; i++) {
                float s = scores[i][v];
                if (Float.isNaN(s)) {
                    throw new IllegalArgumentException("label prediction: score of '" + ids.get(i) + "' for label " + v + " is NaN");
                }
                boolean positive = next < start[k + 1] && positiveRows[next] == i;
                if (positive) next++;
                ranked.add(i, s, positive);
            }
            auc[k] = RocAuc.of(ranked.rank());
            sum += auc[k];
        }
        return new LabelPredictionResult(used == 0 ? Double.NaN : sum / used, labelIds, auc, n, minPositives, rare, noNegatives);
    }

    /** Each recording's row in {@code labels}; names every recording it lacks, and a repeated one. */
    private static int[] rows(List<String> ids, LabelMatrix labels) {
        int[] row = new int[ids.size()];
        List<String> missing = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < row.length; i++) {
            String id = ids.get(i);
            if (!seen.add(id)) throw new IllegalArgumentException("label prediction: recording '" + id + "' given twice");
            row[i] = labels.row(id);
            if (row[i] < 0) missing.add(id);
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("label prediction: " + missing.size() + " of " + row.length
                    + " recordings have no row in the labels: " + String.join(", ", missing.subList(0, Math.min(MAX_NAMED, missing.size())))
                    + (missing.size() > MAX_NAMED ? ", ..." : ""));
        }
        return row;
    }
}
