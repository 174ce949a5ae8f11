package io.colisten.train.eval;

/**
 * How a downstream probe is trained: Adam on the mean binary cross-entropy of independent sigmoid
 * outputs, shuffled mini-batches, early stopping on the validation loss (training stops when it has
 * not improved for {@code patience} epochs, and the best epoch's parameters are kept).
 *
 * @param hidden       hidden units of the MLP (the paper: 512); unused by logistic regression
 * @param learningRate Adam's step size
 * @param batchSize    rows per step (the last batch of an epoch may be shorter)
 * @param maxEpochs    an upper bound on epochs
 * @param patience     epochs without a validation improvement before stopping
 * @param weightDecay  decoupled (AdamW) weight decay, 0 for none
 * @param seed         initialisation and shuffling; the same seed gives the same result
 */
public record ProbeSpec(ProbeClassifier classifier, int hidden, float learningRate, int batchSize, int maxEpochs,
                        int patience, float weightDecay, long seed) {
    public static final int PAPER_HIDDEN = 512;

    public ProbeSpec {
        if (classifier == null) throw new IllegalArgumentException("probe: no classifier given");
        if (hidden < 1 || batchSize < 1 || maxEpochs < 1 || patience < 1) {
            throw new IllegalArgumentException("probe: hidden, batch size, epochs and patience must be >= 1, got " + hidden + ", "
                    + batchSize + ", " + maxEpochs + ", " + patience);
        }
        if (!(learningRate > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("probe: need learning rate > 0 and weight decay >= 0, got " + learningRate
                    + " and " + weightDecay);
        }
    }

    /** The defaults: 512 hidden units, Adam at 1e-3, batches of 64, at most 200 epochs, patience 10, no decay. */
    public static ProbeSpec defaults(ProbeClassifier classifier, long seed) {
        return new ProbeSpec(classifier, PAPER_HIDDEN, 1e-3f, 64, 200, 10, 0f, seed);
    }

    public ProbeSpec withEpochs(int maxEpochs, int patience) {
        return new ProbeSpec(classifier, hidden, learningRate, batchSize, maxEpochs, patience, weightDecay, seed);
    }
}
