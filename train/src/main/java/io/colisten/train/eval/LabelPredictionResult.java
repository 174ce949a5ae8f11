package io.colisten.train.eval;

/**
 * Label prediction's figures (paper Table 1).
 *
 * @param rocAuc        unweighted mean ROC-AUC over the labels used; NaN when none qualifies
 * @param labelIds      the labels used (vocabulary ids), ascending
 * @param rocAucs       each used label's ROC-AUC, parallel to {@code labelIds}
 * @param recordings    evaluation recordings scored
 * @param minPositives  the qualifying threshold: positives among the evaluation recordings
 * @param rareLabels    labels present in the evaluation set but with fewer positives than that
 * @param labelsWithoutNegatives labels with enough positives but on every evaluation recording
 *                      (no ROC-AUC), left out
 */
public record LabelPredictionResult(double rocAuc, int[] labelIds, double[] rocAucs, int recordings, int minPositives,
                                    int rareLabels, int labelsWithoutNegatives) {
    /** Labels used in the mean. */
    public int labelsUsed() {
        return labelIds.length;
    }
}
