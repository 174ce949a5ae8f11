package io.colisten.train.senses;

import io.colisten.engine.NoGrad;
import io.colisten.engine.StepScope;
import io.colisten.engine.Tensor;
import io.colisten.engine.ops.LabelTargets;
import io.colisten.engine.ops.Ops;
import io.colisten.engine.optim.Adam;
import io.colisten.engine.optim.ClassifierAdam;
import io.colisten.nn.models.ClassifierHead;
import io.colisten.train.eval.embed.RecordingEmbeddings;
import io.colisten.train.labels.LabelMatrix;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Retrains only the softmax classifier (paper section 4: "we then freeze the trained ResNet-18
 * network and retrain a softmax classifier of size 1M corresponding to the cluster id prefixed
 * labels") on window embeddings computed once by the frozen network (eval mode, NoGrad): each step
 * takes B windows, their recordings' l1-normalised sense labels as targets, and runs the chunked
 * softmax cross-entropy over the whole vocabulary whose backward applies the classifier's Adam
 * chunk by chunk (no |V| x d gradient exists). The embeddings are constants, so the step costs
 * the classifier's products alone.
 *
 * <p>Windows are visited in epochs, each a fresh permutation of the labelled windows drawn from
 * the seed, so a fit is a function of its inputs and the seed. The held-out loss is the mean
 * cross-entropy of every labelled held-out window (no sampling).
 */
public final class FrozenClassifier {
    /** Windows per held-out block. */
    private static final int BLOCK = 256;

    /**
     * @param steps steps of {@code batch} windows
     * @param lr    the classifier's Adam learning rate
     */
    public record Settings(int steps, int batch, double lr, long seed) {
        public Settings {
            if (steps < 1 || batch < 1) throw new IllegalArgumentException("classifier: steps and batch must be >= 1");
            if (!(lr > 0)) throw new IllegalArgumentException("classifier: the learning rate must be > 0, got " + lr);
        }
    }

    /** A trained head, the mean training loss of the last tenth of the steps, and the held-out loss (NaN without held-out labels). */
    public record Outcome(ClassifierHead head, double trainLoss, double heldOutLoss, int windows, double seconds) {}

    private FrozenClassifier() {}

    /**
     * @param train   training recordings' window embeddings; each recording a row of {@code labels}
     * @param labels  the targets (sense ids), rows for every recording of {@code train} and {@code heldOut}
     * @param heldOut held-out recordings' window embeddings (may be null)
     */
    public static Outcome train(RecordingEmbeddings train, LabelMatrix labels, RecordingEmbeddings heldOut, Settings s,
                                Consumer<String> notes) {
        long t0 = System.nanoTime();
        int d = train.dim(), v = labels.vocabularySize();
        int[] windowRow = labelledWindows(train, labels);
        int w = windowRow.length / 2;
        if (w == 0) throw new IllegalArgumentException("classifier: no training window has a label");
        ClassifierHead head = ClassifierHead.create(v, d, s.seed());
        ClassifierAdam adam = new ClassifierAdam(head.weight(), head.bias(), (float) s.lr(), Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2,
                Adam.DEFAULT_EPS, 0f);
        SplittableRandom rng = new SplittableRandom(s.seed());
        int[] order = new int[w];
        for (int i = 0; i < w; i++) order[i] = i;
        int b = Math.min(s.batch(), w), next = w;
        float[] u = new float[b * d];
        int[] rowStart = new int[b + 1], ids = new int[16];
        LabelTargets targets = new LabelTargets();
        double tail = 0;
        int tailCount = 0, tailFrom = s.steps() - Math.max(1, s.steps() / 10);
        for (int step = 0; step < s.steps(); step++) {
            int at = 0;
            for (int i = 0; i < b; i++) {
                if (next == w) {
                    shuffle(order, rng);
                    next = 0;
                }
                int k = order[next++], window = windowRow[2 * k], row = windowRow[2 * k + 1];
                System.arraycopy(train.windows(), window * d, u, i * d, d);
                int n = labels.labelCount(row);
                if (ids.length < at + n) ids = Arrays.copyOf(ids, Math.max(2 * ids.length, at + n));
                System.arraycopy(labels.labels(row), 0, ids, at, n);
                at += n;
                rowStart[i + 1] = at;
            }
            targets.set(b, rowStart, ids);
            float loss;
            try (StepScope scope = StepScope.open()) {
                Tensor l = Ops.softmaxCrossEntropy(Tensor.of(u, b, d), head.weight(), head.bias(), targets, adam);
                loss = l.item();
                if (!Float.isFinite(loss)) throw new IllegalStateException("classifier: the loss is " + loss + " at step " + (step + 1));
                l.backward();
            }
            if (step >= tailFrom) {
                tail += loss;
                tailCount++;
            }
            if (notes != null && (step + 1) % 500 == 0) notes.accept(String.format(java.util.Locale.ROOT, "step %d/%d: loss %.4f", step + 1, s.steps(), loss));
        }
        double held = heldOut == null ? Double.NaN : loss(head, heldOut, labels);
        return new Outcome(head, tail / tailCount, held, w, (System.nanoTime() - t0) / 1e9);
    }

    /** The mean softmax cross-entropy of every window of {@code e} whose recording has labels (NaN when none has). */
    public static double loss(ClassifierHead head, RecordingEmbeddings e, LabelMatrix labels) {
        int[] windowRow = labelledWindows(e, labels);
        int w = windowRow.length / 2, d = e.dim();
        if (w == 0) return Double.NaN;
        double sum = 0;
        LabelTargets targets = new LabelTargets();
        try (NoGrad ng = NoGrad.enter()) {
            for (int from = 0; from < w; from += BLOCK) {
                int b = Math.min(BLOCK, w - from);
                float[] u = new float[b * d];
                int[][] rows = new int[b][];
                for (int i = 0; i < b; i++) {
                    System.arraycopy(e.windows(), windowRow[2 * (from + i)] * d, u, i * d, d);
                    rows[i] = labels.labels(windowRow[2 * (from + i) + 1]);
                }
                int[] start = new int[b + 1];
                for (int i = 0; i < b; i++) start[i + 1] = start[i] + rows[i].length;
                int[] ids = new int[start[b]];
                for (int i = 0; i < b; i++) System.arraycopy(rows[i], 0, ids, start[i], rows[i].length);
                targets.set(b, start, ids);
                try (StepScope scope = StepScope.open()) {
                    sum += (double) Ops.softmaxCrossEntropy(Tensor.of(u, b, d), head.weight(), head.bias(), targets).item() * b;
                }
            }
        }
        return sum / w;
    }

    /** Pairs (window index, label row) of every window whose recording has at least one label, flattened. */
    private static int[] labelledWindows(RecordingEmbeddings e, LabelMatrix labels) {
        int count = 0;
        int[] rowOf = new int[e.size()];
        for (int r = 0; r < e.size(); r++) {
            rowOf[r] = labels.row(e.ids().get(r));
            if (rowOf[r] < 0) throw new IllegalArgumentException("classifier: recording '" + e.ids().get(r) + "' has no row in the labels");
            if (labels.labelCount(rowOf[r]) > 0) count += e.windowCount(r);
        }
        int[] out = new int[2 * count];
        int at = 0;
        for (int r = 0; r < e.size(); r++) {
            if (labels.labelCount(rowOf[r]) == 0) continue;
            for (int k = e.windowStart()[r]; k < e.windowStart()[r + 1]; k++) {
                out[at++] = k;
                out[at++] = rowOf[r];
            }
        }
        return out;
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1), t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
