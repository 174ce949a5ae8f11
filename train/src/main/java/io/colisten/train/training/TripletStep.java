package io.colisten.train.training;

import io.colisten.engine.StepScope;
import io.colisten.engine.Tensor;
import io.colisten.engine.ops.Ops;
import io.colisten.engine.optim.Adam;
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
        adam.zeroGrad();
        float value;
        try (StepScope scope = StepScope.open()) {
            Tensor e = network.embed(batch.all());
            Tensor a = Ops.rows(e, 0, b), p = Ops.rows(e, b, 2 * b), n = Ops.rows(e, 2 * b, 3 * b);
            Tensor l = loss.apply(a, p, n, null, null, (i, j) -> batch.excluded(i, 2 * b + j));
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
