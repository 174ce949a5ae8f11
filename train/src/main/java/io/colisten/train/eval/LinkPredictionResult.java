package io.colisten.train.eval;

import java.util.List;

/**
 * Link prediction's figures (paper Table 2): per set and their means.
 *
 * @param requested   pairs per set asked for (the paper: 1,250)
 * @param perSet      pairs per set drawn (fewer when the held-out graph is small)
 * @param heldOutEdges edges of the held-out graph the pairs were drawn from
 * @param positives   which pairs counted as positive
 * @param sets        the two sets' figures
 * @param averagePrecision mean AP over the sets
 * @param rocAuc      mean ROC-AUC over the sets
 */
public record LinkPredictionResult(int requested, int perSet, long heldOutEdges, LinkPositives positives,
                                   List<SetResult> sets, double averagePrecision, double rocAuc) {
    /**
     * One set's figures.
     *
     * @param recordings   distinct recordings in the set's pairs (up to 2 x pairs)
     * @param scoredPairs  recordings-choose-2, all ranked
     * @param positivePairs pairs that counted as positive
     * @param averagePrecision AP of the positives among all scored pairs
     * @param rocAuc       ROC-AUC likewise
     */
    public record SetResult(int pairs, int recordings, long scoredPairs, long positivePairs, double averagePrecision,
                            double rocAuc) {
        /** The share of positive pairs: the AP a random scorer gets on average. */
        public double positiveRate() {
            return (double) positivePairs / scoredPairs;
        }
    }
}
