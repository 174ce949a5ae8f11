package io.colisten.nn.loss;

import io.colisten.engine.Tensor;
import io.colisten.engine.ops.LossOps;
import io.colisten.engine.ops.Ops;

/**
 * Paper eq. 1 with within-batch semi-hard mining, as one step of the trainer uses it: mine the
 * negatives (no gradient), then the mean over the batch of
 * [ |f(a) - f(p)|^2 - |f(a) - f(n)|^2 + margin ]_+ on the chosen triplets, with the gradient reaching
 * the anchors, the positives and the chosen negatives. The embeddings are the network's outputs,
 * already l2-normalised inside it (DESIGN), so distances lie in [0, 4] and the margin is 0.1.
 * {@link #lastStats()} describes the last batch (semi-hard, fallback, no-candidate and zero-loss
 * counts) for the metrics log.
 */
public final class TripletLoss {
    private final float margin;
    private final SemiHardMiner miner = new SemiHardMiner();
    private float[] hinge = new float[0];
    private MiningStats last = new MiningStats(0, 0, 0, 0, 0);

    /** DESIGN's margin, 0.1. */
    public TripletLoss() {
        this(LossOps.TRIPLET_MARGIN);
    }

    public TripletLoss(float margin) {
        if (!(margin >= 0)) throw new IllegalArgumentException("tripletLoss: margin must be >= 0, got " + margin);
        this.margin = margin;
    }

    public float margin() { return margin; }

    /**
     * The batch loss (a scalar to call backward on) for anchors a, positives p [B, d] and the
     * batch's negatives n [N, d]; recordings and neighbours as in {@link SemiHardMiner#mine}.
     */
    public Tensor apply(Tensor a, Tensor p, Tensor n, int[] anchorRecording, int[] negativeRecording,
                        NegativeExclusion neighbours) {
        int[] choice = miner.mine(a, p, n, anchorRecording, negativeRecording, neighbours);
        Tensor h = Ops.tripletHinge(a, p, n, choice, margin);
        int b = a.dim(0);
        if (hinge.length < b) hinge = new float[b];
        h.backend().download(hinge, 0, h.storage(), h.offset(), b);
        int zero = 0;
        for (int i = 0; i < b; i++) if (hinge[i] == 0f) zero++;
        last = new MiningStats(b, miner.semiHard(), miner.fallback(), miner.noCandidate(), zero);
        return Ops.mean(h);
    }

    /** The counts of the last batch. */
    public MiningStats lastStats() { return last; }

    /** The miner (its per-row choices and kinds of the last batch). */
    public SemiHardMiner miner() { return miner; }
}
