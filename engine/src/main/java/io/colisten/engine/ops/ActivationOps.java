package io.colisten.engine.ops;

import io.colisten.engine.Backend;
import io.colisten.engine.Graph;
import io.colisten.engine.Node;
import io.colisten.engine.Shapes;
import io.colisten.engine.Tensor;

/**
 * ReLU, and the row-wise ops over the last dimension (rows = size / cols): softmax, log-softmax and
 * l2 normalisation. Each backward works from the forward's output, which the node keeps.
 */
public final class ActivationOps {
    /** torch.nn.functional.normalize's default. */
    public static final float L2_EPS = 1e-12f;

    private static final int RELU = 0, SOFTMAX = 1, LOG_SOFTMAX = 2;

    private ActivationOps() {}

    public static Tensor relu(Tensor x) {
        Shapes.present("relu", "input", x);
        Tensor out = Graph.outputLike(x);
        x.backend().reluForward(out, x);
        if (Graph.recording(x)) Graph.record(new PointNode(RELU, x, 0, 0), out);
        return out;
    }

    /** Softmax over the last dimension. */
    public static Tensor softmax(Tensor x) {
        Shapes.minRank("softmax", "input", x, 1);
        int cols = x.dim(-1), rows = x.size() / cols;
        Tensor out = Graph.outputLike(x);
        x.backend().softmaxForward(out, x, rows, cols);
        if (Graph.recording(x)) Graph.record(new PointNode(SOFTMAX, x, rows, cols), out);
        return out;
    }

    /** Log-softmax over the last dimension (fused: stable, and its own backward). */
    public static Tensor logSoftmax(Tensor x) {
        Shapes.minRank("logSoftmax", "input", x, 1);
        int cols = x.dim(-1), rows = x.size() / cols;
        Tensor out = Graph.outputLike(x);
        x.backend().logSoftmaxForward(out, x, rows, cols);
        if (Graph.recording(x)) Graph.record(new PointNode(LOG_SOFTMAX, x, rows, cols), out);
        return out;
    }

    /** x / max(||x||, eps) along the last dimension. */
    public static Tensor l2Normalize(Tensor x) {
        return l2Normalize(x, L2_EPS);
    }

    public static Tensor l2Normalize(Tensor x, float eps) {
        Shapes.minRank("l2Normalize", "input", x, 1);
        if (!(eps > 0)) throw new IllegalArgumentException("l2Normalize: eps must be positive, got " + eps
                + " for input " + Shapes.str(x));
        Backend be = x.backend();
        int cols = x.dim(-1), rows = x.size() / cols;
        Tensor out = Graph.outputLike(x);
        Tensor norms = Graph.output(be, new int[] {rows});
        be.l2NormalizeForward(out, norms, x, rows, cols, eps);
        if (Graph.recording(x)) Graph.record(new L2Node(x, norms, rows, cols, eps), out);
        return out;
    }

    private static final class PointNode extends Node {
        private final int kind;
        private final Tensor x;
        private final int rows, cols;

        PointNode(int kind, Tensor x, int rows, int cols) {
            this.kind = kind;
            this.x = x;
            this.rows = rows;
            this.cols = cols;
        }

        @Override
        public String name() {
            return kind == RELU ? "relu" : kind == SOFTMAX ? "softmax" : "logSoftmax";
        }

        @Override
        protected void backward(Tensor g) {
            Backend be = x.backend();
            switch (kind) {
                case RELU -> be.reluBackward(gradOf(x), g, out());
                case SOFTMAX -> be.softmaxBackward(gradOf(x), g, out(), rows, cols);
                default -> be.logSoftmaxBackward(gradOf(x), g, out(), rows, cols);
            }
        }
    }

    private static final class L2Node extends Node {
        private final Tensor x, norms;
        private final int rows, cols;
        private final float eps;

        L2Node(Tensor x, Tensor norms, int rows, int cols, float eps) {
            this.x = x;
            this.norms = norms;
            this.rows = rows;
            this.cols = cols;
            this.eps = eps;
        }

        @Override public String name() { return "l2Normalize"; }

        @Override
        protected void backward(Tensor g) {
            x.backend().l2NormalizeBackward(gradOf(x), g, out(), norms, rows, cols, eps);
        }
    }
}
