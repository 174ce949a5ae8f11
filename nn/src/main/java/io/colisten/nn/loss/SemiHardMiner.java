package io.colisten.nn.loss;

import io.colisten.engine.NoGrad;
import io.colisten.engine.Tensor;
import io.colisten.engine.ops.LossOps;

/**
 * Within-batch semi-hard negative mining (FaceNet; paper 3.2.1, the rule DESIGN fixes). For each
 * anchor-positive pair (a_i, p_i), the candidates are the batch's negatives n_j (every row of the
 * negative slot) except those from the anchor's own recording or from one of its known co-listen
 * neighbours. Among them:
 * <ol>
 * <li>semi-hard: the candidate with the smallest d(a_i, n_j) such that d(a_i, n_j) > d(a_i, p_i);</li>
 * <li>else (every candidate is at most as far as the positive) the candidate with the largest
 *     d(a_i, n_j), TensorFlow's triplet_semihard_loss convention;</li>
 * <li>else (no candidate at all) the row's own sampled negative n_i.</li>
 * </ol>
 * d is the squared Euclidean distance computed exactly as the loss computes it; ties go to the
 * lowest row. Mining is a selection, without gradient; the loss then runs on the chosen triplets.
 * The choice array and the counts are reused across calls (valid until the next).
 */
public final class SemiHardMiner {
    /** How a row's negative was chosen. */
    public static final byte SEMI_HARD = 0, FALLBACK = 1, NO_CANDIDATE = 2;

    private int[] choice = new int[0];
    private byte[] kind = new byte[0];
    private float[] dAN = new float[0], dAP = new float[0];
    private int rows, semiHard, fallback, noCandidate;

    /**
     * Chooses a negative row for every anchor. a, p [B, d], n [N, d]; anchorRecording[B] and
     * negativeRecording[N] are recording ordinals (both null: no own-recording rule);
     * neighbours may be {@link NegativeExclusion#NONE}. Returns choice[B] (indices into n's rows).
     */
    public int[] mine(Tensor a, Tensor p, Tensor n, int[] anchorRecording, int[] negativeRecording,
                      NegativeExclusion neighbours) {
        int b = a.dim(0), negRows = n.dim(0);
        if ((anchorRecording == null) != (negativeRecording == null)
                || (anchorRecording != null && (anchorRecording.length < b || negativeRecording.length < negRows))) {
            throw new IllegalArgumentException("semiHardMiner: need recording ordinals for all " + b + " anchors and "
                    + negRows + " negatives, or none");
        }
        if (neighbours == null) throw new IllegalArgumentException("semiHardMiner: neighbours is null (use NegativeExclusion.NONE)");
        grow(b, negRows);
        try (NoGrad ng = NoGrad.enter()) {
            Tensor an = LossOps.squaredDistances(a, n), ap = LossOps.rowDistances(a, p);
            an.backend().download(dAN, 0, an.storage(), an.offset(), b * negRows);
            ap.backend().download(dAP, 0, ap.storage(), ap.offset(), b);
        }
        select(b, negRows, anchorRecording, negativeRecording, neighbours);
        return choice;
    }

    /** The selection on host distances dAN [rows x negRows], dAP [rows]. */
    private void select(int b, int negRows, int[] anchorRecording, int[] negativeRecording, NegativeExclusion neighbours) {
        rows = b;
        semiHard = fallback = noCandidate = 0;
        for (int i = 0; i < b; i++) {
            float dap = dAP[i];
            int best = -1, far = -1;
            float bestD = Float.POSITIVE_INFINITY, farD = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < negRows; j++) {
                if (anchorRecording != null && negativeRecording[j] == anchorRecording[i]) continue;
                if (neighbours.neighbours(i, j)) continue;
                float d = dAN[i * negRows + j];
                if (d > dap && d < bestD) {
                    best = j;
                    bestD = d;
                }
                if (d > farD) {
                    far = j;
                    farD = d;
                }
            }
            if (best >= 0) {
                choice[i] = best;
                kind[i] = SEMI_HARD;
                semiHard++;
            } else if (far >= 0) {
                choice[i] = far;
                kind[i] = FALLBACK;
                fallback++;
            } else {
                if (i >= negRows) {
                    throw new IllegalArgumentException("semiHardMiner: anchor " + i + " has no candidate negative and no"
                            + " negative row of its own (" + negRows + " negatives)");
                }
                choice[i] = i;
                kind[i] = NO_CANDIDATE;
                noCandidate++;
            }
        }
    }

    private void grow(int b, int negRows) {
        if (choice.length < b) {
            choice = new int[b];
            kind = new byte[b];
            dAP = new float[b];
        }
        if (dAN.length < b * negRows) dAN = new float[b * negRows];
    }

    /** How row i's negative was chosen in the last call: SEMI_HARD, FALLBACK or NO_CANDIDATE. */
    public byte kind(int i) {
        return kind[i];
    }

    /** Rows mined in the last call. */
    public int rows() { return rows; }

    public int semiHard() { return semiHard; }

    public int fallback() { return fallback; }

    public int noCandidate() { return noCandidate; }
}
