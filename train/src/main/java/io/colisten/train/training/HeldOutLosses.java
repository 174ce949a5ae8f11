package io.colisten.train.training;

import io.colisten.engine.NoGrad;
import io.colisten.engine.StepScope;
import io.colisten.engine.Tensor;
import io.colisten.engine.ops.LabelTargets;
import io.colisten.engine.ops.Ops;
import io.colisten.nn.loss.TripletLoss;
import io.colisten.nn.models.ClassifierHead;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.train.labels.LabelMatrix;
import io.colisten.train.stream.LabelBatch;
import io.colisten.train.stream.LabelStream;
import io.colisten.train.stream.StreamOptions;
import io.colisten.train.stream.TrainingGraph;
import io.colisten.train.stream.TripletBatch;
import io.colisten.train.stream.TripletStream;

/**
 * The losses of the model on held-out recordings (the split's validation part), measured in
 * evaluation mode (batch norm on its running statistics, no gradient) on the same fixed batches
 * every time: batches 0..K-1 of a triplet stream over the validation graph and of a label stream
 * over the validation recordings, from a seed of their own. Equal windows at every measurement
 * make the curve show what the model learnt, not which windows were drawn.
 * A part with nothing to measure (no validation edge, no labelled validation recording) gives NaN.
 */
final class HeldOutLosses {
    /** The stream seeds' offset from the run's seed, so the held-out batches are not the training ones. */
    private static final long SEED_OFFSET = 0x5EED_0F_4E1DL;

    private final TrainingGraph validation;
    private final LabelMatrix labels;
    private final StreamOptions options;
    private final int batches;
    private final TripletLoss triplet = new TripletLoss();
    private final LabelTargets targets = new LabelTargets();

    HeldOutLosses(TrainingGraph validation, LabelMatrix labels, int batchSize, int batches, long seed) {
        this.validation = validation;
        this.labels = labels;
        this.options = new StreamOptions(batchSize, 1, 1, seed + SEED_OFFSET);
        this.batches = batches;
    }

    /** True when the validation graph has an edge to make triplets of. */
    boolean hasTriplets() {
        return batches > 0 && validation.anchors() > 0;
    }

    /** True when some validation recording has a label. */
    boolean hasLabels() {
        if (batches == 0 || labels == null) return false;
        for (int v = 0; v < validation.size(); v++) {
            int row = labels.row(validation.id(v));
            if (row >= 0 && labels.labelCount(row) > 0) return true;
        }
        return false;
    }

    /** Mean mined triplet loss over the fixed validation batches (NaN when there are none). */
    double tripletLoss(EmbeddingNetwork network) {
        if (!hasTriplets()) return Double.NaN;
        boolean was = network.isTraining();
        network.train(false);
        double sum = 0;
        try (TripletStream s = TripletStream.open(validation, options); NoGrad ng = NoGrad.enter()) {
            for (int k = 0; k < batches; k++) {
                TripletBatch batch = s.next();
                int b = batch.size();
                try (StepScope scope = StepScope.open()) {
                    Tensor e = network.embed(DeviceInputs.on(network, batch.all()));
                    Tensor l = triplet.apply(Ops.rows(e, 0, b), Ops.rows(e, b, 2 * b), Ops.rows(e, 2 * b, 3 * b), null, null,
                            (i, j) -> batch.excluded(i, 2 * b + j));
                    sum += l.item();
                }
            }
        } finally {
            network.train(was);
        }
        return sum / batches;
    }

    /** Mean softmax cross-entropy over the fixed validation batches (NaN without labels or head). */
    double labelLoss(EmbeddingNetwork network, ClassifierHead head) {
        if (head == null || !hasLabels()) return Double.NaN;
        boolean was = network.isTraining();
        network.train(false);
        double sum = 0;
        int[] rowStart = new int[options.batchSize() + 1];
        try (LabelStream s = LabelStream.open(validation, labels, options); NoGrad ng = NoGrad.enter()) {
            for (int k = 0; k < batches; k++) {
                LabelBatch batch = s.next();
                LabelStep.targets(batch, targets, rowStart);
                try (StepScope scope = StepScope.open()) {
                    Tensor u = network.embed(DeviceInputs.on(network, batch.windows()));
                    sum += Ops.softmaxCrossEntropy(u, head.weight(), head.bias(), targets).item();
                }
            }
        } finally {
            network.train(was);
        }
        return sum / batches;
    }
}
