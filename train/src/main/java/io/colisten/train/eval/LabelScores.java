package io.colisten.train.eval;

import io.colisten.engine.NoGrad;
import io.colisten.engine.StepScope;
import io.colisten.engine.Tensor;
import io.colisten.nn.models.ClassifierHead;
import io.colisten.train.eval.embed.RecordingEmbeddings;

/**
 * The classifier scores of label prediction (paper 4.1: "we average per-context window scores
 * across each recording"): each window's softmax probabilities over the whole vocabulary, from the
 * classifier head on its embedding, averaged over the recording's windows, kept for the requested
 * labels only. The softmax's normaliser runs over all |V| labels a chunk at a time (an online
 * log-sum-exp), so nothing windows x |V| is held; the result is recordings x requested.
 */
public final class LabelScores {
    /** Labels per logits chunk and windows per block: 256 x 8192 floats = 8 MiB of logits. */
    static final int LABEL_CHUNK = 8192, WINDOW_BLOCK = 256;

    private LabelScores() {}

    /**
     * @param labels vocabulary ids to keep, each in [0, head.labels())
     * @return one row per recording of {@code e}: its mean window probability of each kept label
     */
    public static float[][] of(RecordingEmbeddings e, ClassifierHead head, int[] labels) {
        if (head.dim() != e.dim()) {
            throw new IllegalArgumentException("label scores: the classifier takes " + head.dim() + "-d embeddings, got " + e.dim());
        }
        int v = head.labels(), d = e.dim(), q = labels.length, w = e.windowStart()[e.size()];
        for (int k = 0; k < q; k++) {
            if (labels[k] < 0 || labels[k] >= v) throw new IllegalArgumentException("label scores: label " + labels[k] + " is outside [0, " + v + ")");
        }
        float[] windowProbs = new float[w * q]; // window x kept label
        double[] max = new double[WINDOW_BLOCK], sum = new double[WINDOW_BLOCK];
        try (NoGrad ng = NoGrad.enter()) {
            for (int w0 = 0; w0 < w; w0 += WINDOW_BLOCK) {
                int b = Math.min(WINDOW_BLOCK, w - w0);
                float[] u = java.util.Arrays.copyOfRange(e.windows(), w0 * d, (w0 + b) * d);
                java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
                java.util.Arrays.fill(sum, 0);
                for (int from = 0; from < v; from += LABEL_CHUNK) {
                    int to = Math.min(v, from + LABEL_CHUNK), c = to - from;
                    float[] z;
                    try (StepScope s = StepScope.open()) {
                        z = head.logits(Tensor.of(u, b, d), from, to).toArray();
                    }
                    for (int i = 0; i < b; i++) {
                        double m = max[i];
                        for (int j = 0; j < c; j++) m = Math.max(m, z[i * c + j]);
                        double s = sum[i] * Math.exp(max[i] - m);
                        for (int j = 0; j < c; j++) s += Math.exp(z[i * c + j] - m);
                        max[i] = m;
                        sum[i] = s;
                    }
                    for (int k = 0; k < q; k++) {
                        if (labels[k] < from || labels[k] >= to) continue;
                        for (int i = 0; i < b; i++) windowProbs[(w0 + i) * q + k] = z[i * c + labels[k] - from];
                    }
                }
                for (int i = 0; i < b; i++) {
                    double lse = max[i] + Math.log(sum[i]);
                    for (int k = 0; k < q; k++) {
                        int at = (w0 + i) * q + k;
                        windowProbs[at] = (float) Math.exp(windowProbs[at] - lse);
                    }
                }
            }
        }
        float[][] out = new float[e.size()][q];
        for (int r = 0; r < e.size(); r++) {
            int a = e.windowStart()[r], z = e.windowStart()[r + 1];
            for (int k = 0; k < q; k++) {
                double s = 0;
                for (int i = a; i < z; i++) s += windowProbs[i * q + k];
                out[r][k] = (float) (s / (z - a));
            }
        }
        return out;
    }
}
