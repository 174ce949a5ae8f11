package io.colisten.bench;

import io.colisten.engine.Tensor;
import io.colisten.engine.ops.LabelTargets;
import io.colisten.engine.optim.Adam;
import io.colisten.engine.optim.ClassifierAdam;
import io.colisten.engine.random.Rng;
import io.colisten.nn.loss.NegativeExclusion;
import io.colisten.nn.models.ClassifierHead;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.nn.models.ModelConfig;
import io.colisten.nn.models.Models;
import io.colisten.train.training.LabelStep;
import io.colisten.train.training.LossCheck;
import io.colisten.train.training.TripletStep;

/**
 * One SmallCNN training step of either stage as the trainer runs it (TripletStep, LabelStep), on
 * synthetic batches: batch 132, windows 1 x 300 x 64 drawn N(0, 1), Adam lr 1e-4, batch norm in
 * training mode.
 * <ul>
 * <li>triplet: 3 x 132 windows in one forward pass, semi-hard mining over the 132 negatives with
 *     {@link #excluded} as the anchors' known neighbours, the mean hinge, backward, Adam;</li>
 * <li>labels: 132 windows, the 100,000-label chunked softmax cross-entropy with the classifier's
 *     Adam fused into its backward (1 to 7 distinct labels per row, about 4), network Adam.</li>
 * </ul>
 * bench/peer/train_step.py builds the same batch shapes, exclusion rule and label counts in PyTorch.
 * Shared by TrainStepSmallCnnBench (time), TrainStepMemory (peak RSS) and TrainStepProfile (phases).
 */
final class SmallCnnTrainStep {
    static final int BATCH = 132, FRAMES = 300, BANDS = 64, LABELS = 100_000;

    final String stage;
    final EmbeddingNetwork network;
    final Adam adam;
    final Tensor windows;
    final TripletStep triplet;
    final LabelStep labels;
    final ClassifierHead head;
    final ClassifierAdam classifierAdam;
    final LabelTargets targets;

    SmallCnnTrainStep(String stage, long seed) {
        this.stage = stage;
        network = Models.create(ModelConfig.SMALLCNN, seed);
        network.train(true);
        adam = new Adam(network.parameters());
        Rng rng = new Rng(seed + 1);
        int rows = stage.equals("triplet") ? 3 * BATCH : BATCH;
        float[] x = new float[rows * FRAMES * BANDS];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian();
        windows = Tensor.of(x, rows, 1, FRAMES, BANDS);
        switch (stage) {
            case "triplet" -> {
                triplet = new TripletStep(network, adam);
                labels = null;
                head = null;
                classifierAdam = null;
                targets = null;
            }
            case "labels" -> {
                triplet = null;
                head = ClassifierHead.create(LABELS, network.config().embeddingSize(), seed + 2);
                classifierAdam = new ClassifierAdam(head.weight(), head.bias());
                labels = new LabelStep(network, adam, head, classifierAdam);
                int[][] ids = new int[BATCH][];
                for (int i = 0; i < BATCH; i++) {
                    ids[i] = new int[1 + rng.nextInt(7)];
                    for (int j = 0; j < ids[i].length; j++) {
                        int id;
                        do id = rng.nextInt(LABELS); while (contains(ids[i], j, id));
                        ids[i][j] = id;
                    }
                }
                targets = LabelTargets.of(ids);
            }
            default -> throw new IllegalArgumentException("train step: unknown stage '" + stage + "' (triplet, labels)");
        }
    }

    /**
     * Anchor i may not take negative j when j == i (its own sampled negative's recording is a
     * neighbour in this synthetic batch) or (31 i + 17 j) mod 29 == 0: about 4% of the pairs, a
     * stand-in for co-listen neighbours. The peer uses the same rule.
     */
    static boolean excluded(int i, int j) {
        return i == j || (31 * i + 17 * j) % 29 == 0;
    }

    private static final NegativeExclusion EXCLUDED = SmallCnnTrainStep::excluded;

    private static boolean contains(int[] a, int n, int v) {
        for (int i = 0; i < n; i++) if (a[i] == v) return true;
        return false;
    }

    /** One step of the stage; returns the loss. */
    float step() {
        return triplet != null ? triplet.run(windows, BATCH, EXCLUDED, LossCheck.NONE).loss()
                : labels.run(windows, targets, LossCheck.NONE).loss();
    }
}
