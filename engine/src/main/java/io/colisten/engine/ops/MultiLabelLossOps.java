package io.colisten.engine.ops;

import io.colisten.engine.Graph;
import io.colisten.engine.Node;
import io.colisten.engine.Shapes;
import io.colisten.engine.Tensor;

/**
 * The multi-label loss of the downstream probes (paper section 4.4: "an independent logistic
 * output layer" per tag): binary cross-entropy on logits, one independent sigmoid per element,
 * PyTorch's {@code binary_cross_entropy_with_logits}. The fused op gives each element's loss
 * (reduction 'none'); {@link #sigmoidCrossEntropyMean} averages it, as a composite.
 */
public final class MultiLabelLossOps {
    private MultiLabelLossOps() {}

    /**
     * Element-wise max(z, 0) - z y + log1p(exp(-|z|)) for logits z and targets y in [0, 1] of the
     * same shape; the gradient reaches z (targets are constants: their gradient is never formed).
     */
    public static Tensor sigmoidCrossEntropy(Tensor logits, Tensor targets) {
        String op = "sigmoidCrossEntropy";
        Shapes.present(op, "logits", logits);
        Shapes.present(op, "targets", targets);
        Shapes.same(op, logits, targets);
        Shapes.sameDevice(op, logits, targets);
        Tensor loss = Graph.outputLike(logits);
        logits.backend().sigmoidXentForward(loss, logits, targets);
        if (Graph.recording(logits)) Graph.record(new SigmoidXentNode(logits, targets), loss);
        return loss;
    }

    /** The mean over all elements of {@link #sigmoidCrossEntropy}: a scalar. */
    public static Tensor sigmoidCrossEntropyMean(Tensor logits, Tensor targets) {
        return ReduceOps.mean(sigmoidCrossEntropy(logits, targets));
    }

    private static final class SigmoidXentNode extends Node {
        private final Tensor logits, targets;

        SigmoidXentNode(Tensor logits, Tensor targets) {
            this.logits = logits;
            this.targets = targets;
        }

        @Override public String name() { return "sigmoidCrossEntropy"; }

        @Override
        protected void backward(Tensor g) {
            logits.backend().sigmoidXentBackward(gradOf(logits), g, logits, targets);
        }
    }
}
