package io.colisten.bench;

import io.colisten.engine.StepScope;
import io.colisten.engine.Tensor;
import io.colisten.engine.ops.LabelTargets;
import io.colisten.engine.ops.Ops;
import io.colisten.engine.optim.ClassifierAdam;
import io.colisten.engine.random.Rng;

/**
 * One training step of the label classifier of paper eq. 2 as the trainer runs it: a batch of 132
 * unit-length 128-d embeddings (requiring grad, as the network's output does), W [classes x 128]
 * and b [classes] initialised as nn.Linear does, 1 to 7 distinct labels per row (about 4), and the
 * chunked softmax cross-entropy with the classifier's Adam step fused into its backward (lr 1e-4).
 * Shared by SoftmaxBench (time) and SoftmaxMemory (peak resident memory).
 */
final class SoftmaxStep {
    static final int BATCH = 132, DIM = 128;

    private final Tensor u, w, b;
    private final ClassifierAdam adam;
    private final LabelTargets targets;

    SoftmaxStep(int classes, long seed) {
        Rng rng = new Rng(seed);
        float[] uv = new float[BATCH * DIM];
        for (int i = 0; i < BATCH; i++) {
            double norm = 0;
            for (int d = 0; d < DIM; d++) {
                uv[i * DIM + d] = (float) rng.nextGaussian();
                norm += uv[i * DIM + d] * uv[i * DIM + d];
            }
            for (int d = 0; d < DIM; d++) uv[i * DIM + d] /= (float) Math.sqrt(norm);
        }
        u = Tensor.of(uv, BATCH, DIM).requiresGrad(true);
        u.setGrad(Tensor.zeros(BATCH, DIM));
        w = Tensor.zeros(classes, DIM);
        b = Tensor.zeros(classes);
        uniform(w, rng, 1 / Math.sqrt(DIM));
        uniform(b, rng, 1 / Math.sqrt(DIM));
        adam = new ClassifierAdam(w, b);
        int[][] rows = new int[BATCH][];
        for (int i = 0; i < BATCH; i++) {
            int k = 1 + rng.nextInt(7);
            rows[i] = new int[k];
            for (int j = 0; j < k; j++) {
                int id;
                do id = rng.nextInt(classes); while (contains(rows[i], j, id));
                rows[i][j] = id;
            }
        }
        targets = LabelTargets.of(rows);
    }

    private static boolean contains(int[] a, int n, int v) {
        for (int i = 0; i < n; i++) if (a[i] == v) return true;
        return false;
    }

    /** U(-bound, bound) in row-major order, uploaded in slices (no second full-size array). */
    private static void uniform(Tensor t, Rng rng, double bound) {
        float[] buf = new float[1 << 16];
        for (int at = 0; at < t.size(); at += buf.length) {
            int n = Math.min(buf.length, t.size() - at);
            for (int i = 0; i < n; i++) buf[i] = (float) rng.uniform(-bound, bound);
            t.backend().upload(t.storage(), t.offset() + at, buf, 0, n);
        }
    }

    /** Forward, backward (W and b stepped inside it), the embeddings' gradient cleared; returns the loss. */
    float step() {
        try (StepScope s = StepScope.open()) {
            Tensor loss = Ops.softmaxCrossEntropy(u, w, b, targets, adam);
            loss.backward();
            float l = loss.item();
            u.backend().fill(u.grad(), 0f);
            return l;
        }
    }
}
