package io.colisten.train.eval;

/**
 * A trained probe's figures (paper Tables 4-5: class-balanced AUC-ROC on the test split) and its
 * training history for charts.
 *
 * @param test               macro metrics of the test rows' scores (null when the split has no test rows)
 * @param bestEpoch          the epoch (from 1) whose parameters were kept: lowest validation loss
 * @param trainLoss          mean training loss of each epoch run
 * @param validationLoss     validation loss after each epoch run
 */
public record ProbeResult(ProbeSpec spec, int trainRows, MacroMetrics test, int bestEpoch, double[] trainLoss,
                          double[] validationLoss) {
    public int epochs() {
        return trainLoss.length;
    }

    /** The test's class-balanced ROC-AUC (NaN without test rows or usable classes). */
    public double testRocAuc() {
        return test == null ? Double.NaN : test.rocAuc();
    }
}
