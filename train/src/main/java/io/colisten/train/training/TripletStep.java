package io.colisten.train.training;

import io.colisten.engine.StepScope;
import io.colisten.engine.Tensor;
import io.colisten.engine.ops.Ops;
import io.colisten.engine.optim.Adam;
import io.colisten.nn.loss.NegativeExclusion;
import io.colisten.nn.loss.TripletLoss;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.train.stream.TripletBatch;

/**
 * One step of paper eq. 1: the batch's 3B windows through the network in one pass (so batch norm
 * sees the statistics of the whole batch), semi-hard negatives mined among the batch's negative
 * windows (minus the anchor's own recording and its co-listen neighbours), the mean hinge, its
 * gradient, one Adam update of the network.
 */
public final class TripletStep {
    private final EmbeddingNetwork network;
    private final Adam adam;
    private final TripletLoss loss = new TripletLoss();

    public TripletStep(EmbeddingNetwork network, Adam adam) {
        this.network = network;
        this.adam = adam;
    }

    public StepResult run(TripletBatch batch, LossCheck check) {
        int b = batch.size();
        return run(batch.all(), b, (i, j) -> batch.excluded(i, 2 * b + j), check);
    }

    /**
     * The same step on 3B windows [3B, 1, frames, bands], role-major (anchors in rows [0, B),
     * positives in [B, 2B), negatives in [2B, 3B)); {@code excluded.neighbours(i, j)} is true when
     * negative row j (0 <= j < B) may not serve anchor i. The train-step benchmark calls this with
     * synthetic batches.
     */
    public StepResult run(Tensor windows, int b, NegativeExclusion excluded, LossCheck check) {
        if (windows.rank() != 4 || windows.dim(0) != 3 * b) {
            throw new IllegalArgumentException("triplet step: need [3 x " + b + ", 1, frames, bands] windows, got " + windows);
        }
        adam.zeroGrad();
        float value;
        try (StepScope scope = StepScope.open()) {
            Tensor e = network.embed(DeviceInputs.on(network, windows));
            Tensor a = Ops.rows(e, 0, b), p = Ops.rows(e, b, 2 * b), n = Ops.rows(e, 2 * b, 3 * b);
            Tensor l = loss.apply(a, p, n, null, null, excluded);
            value = l.item();
            check.check(value);
            l.backward();
            adam.step();
        }
        return new StepResult(value, 3 * b, loss.lastStats());
    }

    /** The loss (and its miner), shared with the held-out measurement. */
    TripletLoss loss() {
        return loss;
    }
}
