package io.colisten.engine.ops;

import io.colisten.engine.Tensor;
import io.colisten.engine.ops.GradCase.Input;

import java.util.List;

import static io.colisten.engine.ops.GradCase.Kind.CONST;
import static io.colisten.engine.ops.GradCase.Kind.GRAD;
import static io.colisten.engine.ops.GradCase.in;

/**
 * The gradient-check cases of the losses and the row view (added to {@link GradCases#all()}).
 * Triplet inputs are N(0, 1) draws whose hinge arguments lie well away from the kink at 0 (checked
 * by LossOpsTest for these exact draws), with both active and inactive rows and a negative chosen
 * twice (its gradient must sum both terms). The softmax uses chunks of 4 over 11 classes (a short
 * last chunk), an empty row, with and without bias, and a frozen weight.
 */
final class LossGradCases {
    static final int[] CHOICE = {3, 0, 6, 2, 2};
    static final float MARGIN = 0.5f;
    static final int[][] LABELS = {{3, 7}, {}, {10}, {0, 1, 2, 5}};
    static final float[] SIGMOID_TARGETS = new float[24];

    static {
        for (int i = 0; i < 24; i++) SIGMOID_TARGETS[i] = i % 5 == 0 ? 0.3f : i % 2;
    }

    private LossGradCases() {}

    static void add(List<GradCase> l) {
        l.add(c("tripletHinge 5x6 over 7 negatives", t -> Ops.tripletHinge(t[0], t[1], t[2], CHOICE, MARGIN),
                x -> RefLosses.tripletHinge(x[0], x[1], x[2], CHOICE, 5, 6, MARGIN),
                in(GRAD, 5, 6), in(GRAD, 5, 6), in(GRAD, 7, 6)));
        l.add(c("tripletLoss on l2-normalised 5x6", t -> Ops.tripletLoss(Ops.l2Normalize(t[0]), Ops.l2Normalize(t[1]),
                        Ops.l2Normalize(t[2]), CHOICE, 0.1f),
                x -> RefLosses.mean(RefLosses.tripletHinge(RefOps.l2Normalize(x[0], 6, 1e-12), RefOps.l2Normalize(x[1], 6, 1e-12),
                        RefOps.l2Normalize(x[2], 6, 1e-12), CHOICE, 5, 6, 0.1)),
                in(GRAD, 5, 6), in(GRAD, 5, 6), in(GRAD, 7, 6)));
        LabelTargets targets = LabelTargets.of(LABELS);
        l.add(c("softmaxCrossEntropy 4x6 -> 11 in chunks of 4",
                t -> LossOps.softmaxCrossEntropy(t[0], t[1], t[2], targets, null, 4),
                x -> RefLosses.softmaxCrossEntropy(x[0], x[1], x[2], LABELS, 4, 6, 11),
                in(GRAD, 4, 6), in(GRAD, 11, 6), in(GRAD, 11)));
        l.add(c("softmaxCrossEntropy no bias, one chunk", t -> LossOps.softmaxCrossEntropy(t[0], t[1], null, targets, null, 64),
                x -> RefLosses.softmaxCrossEntropy(x[0], x[1], null, LABELS, 4, 6, 11),
                in(GRAD, 4, 6), in(GRAD, 11, 6)));
        l.add(c("softmaxCrossEntropy frozen weight, 17-d", t -> LossOps.softmaxCrossEntropy(t[0], t[1], t[2], targets, null, 3),
                x -> RefLosses.softmaxCrossEntropy(x[0], x[1], x[2], LABELS, 4, 17, 11),
                in(GRAD, 4, 17), in(CONST, 11, 17), in(GRAD, 11)));
        l.add(c("sigmoidCrossEntropy 4x6, hard and soft targets", t -> Ops.sigmoidCrossEntropy(t[0], Tensor.of(SIGMOID_TARGETS, 4, 6)),
                x -> RefLosses.sigmoidCrossEntropy(x[0], SIGMOID_TARGETS), in(GRAD, 4, 6)));
        l.add(c("sigmoidCrossEntropyMean of a linear layer", t -> Ops.sigmoidCrossEntropyMean(Ops.linear(t[0], t[1], t[2]),
                        Tensor.of(SIGMOID_TARGETS, 4, 6)),
                x -> RefLosses.mean(RefLosses.sigmoidCrossEntropy(RefOps.linear(x[0], x[1], x[2], 4, 5, 6), SIGMOID_TARGETS)),
                in(GRAD, 4, 5), in(GRAD, 6, 5), in(GRAD, 6)));
        // Overlapping row views of one input: their gradients must add up in x's rows.
        l.add(c("rows [0,3) * rows [1,4) of 5x3", t -> Ops.mul(Ops.rows(t[0], 0, 3), Ops.rows(t[0], 1, 4)),
                x -> RefOps.mul(RefLosses.rows(x[0], 3, 0, 3), RefLosses.rows(x[0], 3, 1, 4)), in(GRAD, 5, 3)));
    }

    private static GradCase c(String name, GradCase.EngineFn e, GradCase.RefFn r, Input... inputs) {
        return new GradCase(name, inputs, e, r, 1e-4, 1e-3);
    }
}
