package io.colisten.train.training;

import io.colisten.engine.StepScope;
import io.colisten.engine.Tensor;
import io.colisten.engine.ops.Ops;
import io.colisten.engine.optim.Adam;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.train.stream.LabelBatch;

/**
 * One step of the CF-regression baseline (paper Table 2, after van den Oord et al.): B windows
 * through the network, the mean squared error between the embedding and its recording's WMF
 * factor ({@link CfTargets}: l2-normalised, so the error is 2 - 2 cos and the model learns the
 * factor's direction, which is what cosine retrieval reads), one Adam update.
 */
final class CfRegressionStep {
    private final EmbeddingNetwork network;
    private final Adam adam;
    private final CfTargets factors;
    private final Tensor target;
    private final float[] rows;

    CfRegressionStep(EmbeddingNetwork network, Adam adam, CfTargets factors, int batch) {
        if (factors.dim() != network.config().embeddingSize()) {
            throw new IllegalArgumentException("cf-regression: the factors have rank " + factors.dim()
                    + " but the network embeds into " + network.config().embeddingSize() + " dimensions");
        }
        this.network = network;
        this.adam = adam;
        this.factors = factors;
        this.rows = new float[batch * factors.dim()];
        this.target = Tensor.zeros(network.parameters().device(), batch, factors.dim());
    }

    StepResult run(LabelBatch batch, LossCheck check) {
        int b = batch.size(), d = factors.dim();
        for (int i = 0; i < b; i++) factors.copy(batch.id(i), rows, i * d);
        target.copyFrom(rows);
        adam.zeroGrad();
        float value;
        try (StepScope scope = StepScope.open()) {
            Tensor u = network.embed(DeviceInputs.on(network, batch.windows()));
            Tensor diff = Ops.sub(u, target);
            Tensor l = Ops.mean(Ops.mul(diff, diff));
            value = l.item();
            check.check(value);
            l.backward();
            adam.step();
        }
        return new StepResult(value, b, null);
    }
}
