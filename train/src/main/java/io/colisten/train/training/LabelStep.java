package io.colisten.train.training;

import io.colisten.engine.StepScope;
import io.colisten.engine.Tensor;
import io.colisten.engine.ops.LabelTargets;
import io.colisten.engine.ops.Ops;
import io.colisten.engine.optim.Adam;
import io.colisten.engine.optim.ClassifierAdam;
import io.colisten.nn.models.ClassifierHead;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.train.stream.LabelBatch;

/**
 * One step of paper eq. 2: B windows through the network, the chunked softmax cross-entropy over
 * the whole vocabulary against each window's l1-normalised labels, its backward (which steps the
 * classifier chunk by chunk: no |V| x d gradient exists), then one Adam update of the network.
 */
public final class LabelStep {
    private final EmbeddingNetwork network;
    private final Adam adam;
    private final ClassifierHead head;
    private final ClassifierAdam classifierAdam;
    private final LabelTargets targets = new LabelTargets();
    private int[] rowStart = new int[1];

    public LabelStep(EmbeddingNetwork network, Adam adam, ClassifierHead head, ClassifierAdam classifierAdam) {
        this.network = network;
        this.adam = adam;
        this.head = head;
        this.classifierAdam = classifierAdam;
    }

    /** The batch's targets in {@code into} (shared with the held-out measurement). */
    static LabelTargets targets(LabelBatch batch, LabelTargets into, int[] rowStart) {
        int b = batch.size();
        for (int i = 0; i <= b; i++) rowStart[i] = batch.labelStart(i);
        return into.set(b, rowStart, batch.labelIds());
    }

    public StepResult run(LabelBatch batch, LossCheck check) {
        int b = batch.size();
        if (rowStart.length < b + 1) rowStart = new int[b + 1];
        targets(batch, targets, rowStart);
        return run(batch.windows(), targets, check);
    }

    /**
     * The same step on windows [B, 1, frames, bands] with their targets (B rows; the train-step
     * benchmark calls this with synthetic batches).
     */
    public StepResult run(Tensor windows, LabelTargets targets, LossCheck check) {
        int b = windows.dim(0);
        adam.zeroGrad();
        float value;
        try (StepScope scope = StepScope.open()) {
            Tensor u = network.embed(DeviceInputs.on(network, windows));
            Tensor l = Ops.softmaxCrossEntropy(u, head.weight(), head.bias(), targets, classifierAdam);
            value = l.item();
            check.check(value);
            l.backward();
            adam.step();
        }
        return new StepResult(value, b, null);
    }
}
