package io.colisten.train.eval;

import io.colisten.engine.StepScope;
import io.colisten.engine.Tensor;
import io.colisten.engine.ops.Ops;
import io.colisten.engine.optim.Adam;
import io.colisten.engine.random.Rng;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.nn.models.ModelConfig;
import io.colisten.train.eval.embed.RecordingEmbeddings;
import io.colisten.train.eval.embed.WindowEmbedder;
import io.colisten.train.progress.Progress;
import io.colisten.train.store.FeatureStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The warm-start probe of paper Table 4 ("ResNet-18 hybrid warm-start"): the embedding network,
 * starting from a trained checkpoint, is fine-tuned together with the probe's classifier on the
 * task's training recordings. Each example is one window drawn at random from a training recording.
 * Batch norm keeps the checkpoint's statistics (eval mode, its scale and shift still trained): the
 * probe's few recordings would give noisy batch statistics, and the fine-tuned network then computes
 * at the first step exactly what the fixed probe saw. The classifier sits on the standardised embedding, the
 * standardisation being that of the fixed probe (statistics of the fixed embeddings' training rows),
 * kept as a constant affine layer, and starts as the fixed probe trained to convergence: fine-tuning
 * starts from the fixed probe's solution (epoch 0), and early stopping keeps it if no epoch of
 * fine-tuning lowers the validation loss.
 * <p>
 * Scored like the fixed probe: a recording's embedding is the mean of its windows' (eval mode), the
 * classifier's logits of it rank the test recordings, early stopping on the validation loss keeps the
 * best epoch's network and classifier, and the figure is the class-balanced test ROC-AUC.
 * The network given is modified; pass a fresh copy. Deterministic for a seed and thread count.
 */
public final class WarmStartProbe {
    /**
     * @param maxEpochs    epochs at most (an epoch: one window of every training recording)
     * @param patience     epochs without a validation improvement before stopping
     * @param batch        windows per step
     * @param networkLr    Adam's step size for the network (fine-tuning: small)
     * @param classifierLr Adam's step size for the probe's classifier
     */
    public record Settings(int maxEpochs, int patience, int batch, float networkLr, float classifierLr, long seed) {
        public Settings {
            if (maxEpochs < 1 || patience < 1 || batch < 1) {
                throw new IllegalArgumentException("warm-start probe: need epochs >= 1, patience >= 1 and batch >= 1, got "
                        + maxEpochs + ", " + patience + ", " + batch);
            }
            if (!(networkLr > 0) || !(classifierLr > 0)) {
                throw new IllegalArgumentException("warm-start probe: learning rates must be > 0, got " + networkLr + ", " + classifierLr);
            }
        }

        /** Batches of 32 windows, the network at 1e-4 (the paper's training rate), the classifier at 1e-3 as the fixed probes. */
        public static Settings defaults(int maxEpochs, long seed) {
            return new Settings(maxEpochs, Math.min(3, maxEpochs), 32, 1e-4f, 1e-3f, seed);
        }
    }

    private WarmStartProbe() {}

    /**
     * @param network the network to fine-tune (modified)
     * @param store   the feature store holding every task recording
     * @param ids     the task's recordings, row order of {@code labels} and {@code fixed}
     * @param labels  the task's multi-hot rows
     * @param fixed    the network's fixed recording embeddings (rows of ids): the standardisation and the fixed probe
     * @param headSpec the fixed probe's classifier and training settings
     */
    public static ProbeResult train(EmbeddingNetwork network, FeatureStore store, List<String> ids, boolean[][] labels,
                                    ProbeSplit split, float[][] fixed, ProbeSpec headSpec, Settings s) {
        ProbeClassifier kind = headSpec.classifier();
        int hidden = headSpec.hidden();
        int n = ids.size();
        if (labels.length != n || fixed.length != n) {
            throw new IllegalArgumentException("warm-start probe: " + n + " recordings, " + labels.length + " label rows, "
                    + fixed.length + " embedding rows");
        }
        split.check(n);
        if (split.train().length == 0) throw new IllegalArgumentException("warm-start probe: no training recordings");
        ModelConfig c = network.config();
        int dim = c.embeddingSize(), classes = labels[0].length, frames = c.frames(), bands = c.bands();
        if (store.bands() != bands) {
            throw new IllegalArgumentException(store.dir() + ": the store holds " + store.bands() + " mel bands but the network takes " + bands);
        }
        int[] ordinal = new int[n];
        for (int i = 0; i < n; i++) {
            ordinal[i] = store.ordinal(ids.get(i));
            if (ordinal[i] < 0) throw new IllegalArgumentException(store.dir() + ": no features for probe recording '" + ids.get(i) + "'");
        }
        FeatureStandardiser standardiser = FeatureStandardiser.fit(fixed, split.train(), dim);
        Tensor scaleW = Tensor.of(standardiser.diagonal(), dim, dim), shiftB = Tensor.of(standardiser.shift(), dim);
        float[] y = new float[n * classes];
        for (int i = 0; i < n; i++) for (int k = 0; k < classes; k++) y[i * classes + k] = labels[i][k] ? 1f : 0f;

        Rng rng = new Rng(s.seed());
        // The fixed probe first: the classifier on the fixed embeddings, trained to its best epoch.
        float[] fixedX = standardiser.apply(fixed);
        ProbeModel head = ProbeTrainer.fit(fixedX, y, dim, classes, split, headSpec).model();
        Adam netAdam = new Adam(network.parameters(), s.networkLr(), Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, Adam.DEFAULT_EPS, 0f);
        Adam headAdam = new Adam(head.params, s.classifierLr(), Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, Adam.DEFAULT_EPS, 0f);

        int[] held = concat(split.validation(), split.test());
        List<String> heldIds = new ArrayList<>(held.length);
        for (int r : held) heldIds.add(ids.get(r));
        int[] validationRows = range(0, split.validation().length), testRows = range(split.validation().length, held.length);

        int[] order = split.train().clone();
        int batch = Math.min(s.batch(), order.length), perWindow = frames * bands;
        float[] xb = new float[batch * perWindow], yb = new float[batch * classes];
        double[] trainLoss = new double[s.maxEpochs()], validationLoss = new double[s.maxEpochs()];
        // Epoch 0: the fixed probe, whose held-out logits the unchanged network reproduces.
        float[] bestHeld = head.predict(fixedX, held);
        double best = ProbeTrainer.meanLoss(bestHeld, heldTargets(y, held, classes), validationRows, classes);
        int bestEpoch = 0, epoch = 0;
        Snapshot bestState = new Snapshot(network, head);
        while (epoch < s.maxEpochs() && epoch - bestEpoch < s.patience()) {
            ProbeTrainer.shuffle(order, rng);
            network.train(false);
            double sum = 0;
            int seen = 0;
            for (int from = 0; from < order.length; from += batch) {
                int m = Math.min(batch, order.length - from);
                for (int i = 0; i < m; i++) {
                    int row = order[from + i];
                    readWindow(store, ordinal[row], frames, bands, rng, xb, i * perWindow);
                    System.arraycopy(y, row * classes, yb, i * classes, classes);
                }
                try (StepScope scope = StepScope.open()) {
                    Tensor x = Tensor.of(m == batch ? xb : Arrays.copyOf(xb, m * perWindow), m, 1, frames, bands);
                    Tensor t = Tensor.of(m == batch ? yb : Arrays.copyOf(yb, m * classes), m, classes);
                    Tensor z = Ops.linear(network.embed(x), scaleW, shiftB);
                    Tensor loss = Ops.sigmoidCrossEntropyMean(head.logits(z), t);
                    float v = loss.item();
                    if (!Float.isFinite(v)) throw new IllegalStateException("warm-start probe: the loss is " + v + " at epoch " + (epoch + 1));
                    sum += (double) v * m;
                    seen += m;
                    loss.backward();
                    netAdam.step();
                    headAdam.step();
                    netAdam.zeroGrad();
                    headAdam.zeroGrad();
                }
            }
            trainLoss[epoch] = sum / seen;
            float[] z = heldLogits(network, store, heldIds, standardiser, head);
            validationLoss[epoch] = ProbeTrainer.meanLoss(z, heldTargets(y, held, classes), validationRows, classes);
            epoch++;
            if (validationLoss[epoch - 1] < best) {
                best = validationLoss[epoch - 1];
                bestEpoch = epoch;
                bestState = new Snapshot(network, head);
                bestHeld = z;
            }
        }
        bestState.restore(network, head);
        MacroMetrics test = null;
        if (testRows.length > 0) {
            float[][] scores = new float[testRows.length][];
            boolean[][] truth = new boolean[testRows.length][];
            for (int i = 0; i < testRows.length; i++) {
                scores[i] = Arrays.copyOfRange(bestHeld, testRows[i] * classes, (testRows[i] + 1) * classes);
                truth[i] = labels[held[testRows[i]]];
            }
            test = MacroMetrics.of(scores, truth);
        }
        ProbeSpec spec = new ProbeSpec(kind, hidden, s.classifierLr(), batch, s.maxEpochs(), s.patience(), 0f, s.seed());
        return new ProbeResult(spec, split.train().length, test, bestEpoch, Arrays.copyOf(trainLoss, epoch),
                Arrays.copyOf(validationLoss, epoch));
    }

    /** One window of a recording at a random start (a recording shorter than a window: padded with silence). */
    private static void readWindow(FeatureStore store, int ordinal, int frames, int bands, Rng rng, float[] out, int off) {
        int count = store.frames(ordinal);
        if (count >= frames) {
            store.read(ordinal, rng.nextInt(count - frames + 1), frames, out, off);
        } else {
            store.read(ordinal, 0, count, out, off);
            Arrays.fill(out, off + count * bands, off + frames * bands, WindowEmbedder.silence());
        }
    }

    /** Logits [held x classes] of the held-out recordings' mean embeddings (eval mode). */
    private static float[] heldLogits(EmbeddingNetwork network, FeatureStore store, List<String> heldIds,
                                      FeatureStandardiser standardiser, ProbeModel head) {
        RecordingEmbeddings e = new WindowEmbedder(network, WindowEmbedder.DEFAULT_BATCH).embed(store, heldIds, Progress.NONE);
        Map<String, float[]> byId = e.byId();
        float[][] rows = new float[heldIds.size()][];
        for (int i = 0; i < rows.length; i++) rows[i] = byId.get(heldIds.get(i));
        return head.predict(standardiser.apply(rows), range(0, rows.length));
    }

    private static float[] heldTargets(float[] y, int[] held, int classes) {
        float[] out = new float[held.length * classes];
        for (int i = 0; i < held.length; i++) System.arraycopy(y, held[i] * classes, out, i * classes, classes);
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int[] range(int from, int to) {
        int[] out = new int[to - from];
        for (int i = 0; i < out.length; i++) out[i] = from + i;
        return out;
    }

    /** The network's parameters and buffers (batch norm's running statistics) and the classifier's parameters. */
    private static final class Snapshot {
        private final List<float[]> network = new ArrayList<>();
        private final float[][] head;

        Snapshot(EmbeddingNetwork net, ProbeModel probe) {
            for (Tensor t : tensors(net)) network.add(t.toArray());
            head = probe.snapshot();
        }

        void restore(EmbeddingNetwork net, ProbeModel probe) {
            List<Tensor> ts = tensors(net);
            for (int i = 0; i < ts.size(); i++) ts.get(i).copyFrom(network.get(i));
            probe.restore(head);
        }

        private static List<Tensor> tensors(EmbeddingNetwork net) {
            List<Tensor> out = new ArrayList<>(net.parameters().parameters().values());
            out.addAll(net.parameters().buffers().values());
            return out;
        }
    }
}
