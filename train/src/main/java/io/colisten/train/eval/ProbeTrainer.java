package io.colisten.train.eval;

import io.colisten.engine.StepScope;
import io.colisten.engine.Tensor;
import io.colisten.engine.ops.Ops;
import io.colisten.engine.optim.Adam;
import io.colisten.engine.random.Rng;
import java.util.Arrays;

/**
 * Trains and scores a downstream probe (paper section 4.4): features standardised on the training
 * rows ({@link FeatureStandardiser}), a logistic or one-hidden-layer model ({@link ProbeModel}) on
 * the engine, Adam on the mean sigmoid cross-entropy over shuffled mini-batches, early stopping on
 * the validation loss with the best epoch's parameters kept, then the class-balanced
 * ({@link MacroMetrics}) ROC-AUC of the test rows' logits (the sigmoid is monotone, so logits rank
 * as probabilities do). Deterministic for a seed and thread count: the generator seeds the
 * initialisation, then shuffles each epoch.
 */
public final class ProbeTrainer {
    private ProbeTrainer() {}

    /**
     * @param features n rows of d values (embeddings); each row the same length, finite
     * @param labels   n rows of L flags (multi-hot)
     */
    public static ProbeResult train(float[][] features, boolean[][] labels, ProbeSplit split, ProbeSpec spec) {
        int n = features.length;
        if (labels.length != n) throw new IllegalArgumentException("probe: " + n + " feature rows but " + labels.length + " label rows");
        if (n == 0) throw new IllegalArgumentException("probe: no rows");
        int dim = features[0].length, classes = labels[0].length;
        for (int i = 0; i < n; i++) {
            if (features[i].length != dim) throw new IllegalArgumentException("probe: feature row " + i + " has " + features[i].length + " values, row 0 " + dim);
            if (labels[i].length != classes) throw new IllegalArgumentException("probe: label row " + i + " has " + labels[i].length + " classes, row 0 " + classes);
            for (float v : features[i]) if (!Float.isFinite(v)) throw new IllegalArgumentException("probe: feature row " + i + " is not finite");
        }
        if (dim == 0 || classes == 0) throw new IllegalArgumentException("probe: need features and classes, got " + dim + " and " + classes);
        split.check(n);

        float[] x = FeatureStandardiser.fit(features, split.train(), dim).apply(features);
        float[] y = new float[n * classes];
        for (int i = 0; i < n; i++) for (int c = 0; c < classes; c++) y[i * classes + c] = labels[i][c] ? 1f : 0f;

        Fitted f = fit(x, y, dim, classes, split, spec);
        ProbeModel model = f.model();
        MacroMetrics test = null;
        if (split.test().length > 0) {
            float[] z = model.predict(x, split.test());
            float[][] scores = new float[split.test().length][];
            boolean[][] truth = new boolean[split.test().length][];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = Arrays.copyOfRange(z, i * classes, (i + 1) * classes);
                truth[i] = labels[split.test()[i]];
            }
            test = MacroMetrics.of(scores, truth);
        }
        return new ProbeResult(spec, split.train().length, test, f.bestEpoch(), f.trainLoss(), f.validationLoss());
    }

    /** A trained probe model (the best epoch's parameters) and its history. */
    record Fitted(ProbeModel model, int bestEpoch, double[] trainLoss, double[] validationLoss) {}

    /**
     * Trains a probe model on standardised features x [n x dim] and targets y [n x classes]
     * (row-major) over the split's training rows, early stopping on its validation rows.
     */
    static Fitted fit(float[] x, float[] y, int dim, int classes, ProbeSplit split, ProbeSpec spec) {
        Rng rng = new Rng(spec.seed());
        ProbeModel model = new ProbeModel(spec.classifier(), dim, spec.hidden(), classes, rng);
        Adam adam = new Adam(model.params, spec.learningRate(), Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, Adam.DEFAULT_EPS,
                spec.weightDecay());
        int[] order = split.train().clone();
        int batch = Math.min(spec.batchSize(), order.length), tail = order.length % batch;
        // Host and engine buffers for a full batch and for the epoch's shorter last one, reused.
        Batch full = new Batch(batch, dim, classes), last = tail == 0 ? null : new Batch(tail, dim, classes);
        double[] trainLoss = new double[spec.maxEpochs()], validationLoss = new double[spec.maxEpochs()];
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0, epoch = 0;
        float[][] bestParams = model.snapshot();
        while (epoch < spec.maxEpochs() && epoch - bestEpoch < spec.patience()) {
            shuffle(order, rng);
            double sum = 0;
            for (int from = 0; from < order.length; from += batch) {
                int m = Math.min(batch, order.length - from);
                Batch b = m == batch ? full : last;
                for (int i = 0; i < m; i++) {
                    System.arraycopy(x, order[from + i] * dim, b.x, i * dim, dim);
                    System.arraycopy(y, order[from + i] * classes, b.y, i * classes, classes);
                }
                b.xt.copyFrom(b.x);
                b.yt.copyFrom(b.y);
                try (StepScope s = StepScope.open()) {
                    Tensor loss = Ops.sigmoidCrossEntropyMean(model.logits(b.xt), b.yt);
                    sum += (double) loss.item() * m;
                    loss.backward();
                    adam.step();
                    adam.zeroGrad();
                }
            }
            trainLoss[epoch] = sum / order.length;
            validationLoss[epoch] = meanLoss(model.predict(x, split.validation()), y, split.validation(), classes);
            epoch++;
            if (validationLoss[epoch - 1] < best) {
                best = validationLoss[epoch - 1];
                bestEpoch = epoch;
                bestParams = model.snapshot();
            }
        }
        model.restore(bestParams);
        return new Fitted(model, bestEpoch, Arrays.copyOf(trainLoss, epoch), Arrays.copyOf(validationLoss, epoch));
    }

    /** Mean binary cross-entropy (double, stable form) of logits z [rows x classes] against y's rows. */
    static double meanLoss(float[] z, float[] y, int[] rows, int classes) {
        double sum = 0;
        for (int i = 0; i < rows.length; i++) {
            for (int c = 0; c < classes; c++) {
                double v = z[i * classes + c], t = y[rows[i] * classes + c];
                sum += Math.max(v, 0) - v * t + Math.log1p(Math.exp(-Math.abs(v)));
            }
        }
        return sum / ((double) rows.length * classes);
    }

    /** One batch size's buffers: rows x dim features and rows x classes targets, host and engine. */
    private static final class Batch {
        final float[] x, y;
        final Tensor xt, yt;

        Batch(int rows, int dim, int classes) {
            x = new float[rows * dim];
            y = new float[rows * classes];
            xt = Tensor.zeros(rows, dim);
            yt = Tensor.zeros(rows, classes);
        }
    }

    /** Fisher-Yates with the probe's generator (shared with WarmStartProbe). */
    static void shuffle(int[] a, Rng rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
