package io.colisten.engine.ops;

import io.colisten.engine.Backend;
import io.colisten.engine.Graph;
import io.colisten.engine.IndexBuffer;
import io.colisten.engine.Node;
import io.colisten.engine.Shapes;
import io.colisten.engine.Tensor;
import io.colisten.kernels.cpu.Pool2dShape;

/** Max pooling over windows, and global average / max pooling over whole planes (NCHW). */
public final class PoolOps {
    private PoolOps() {}

    /** x[n, c, h, w] -> [n, c, outH, outW]; padding counts as -infinity (PyTorch, floor mode). */
    public static Tensor maxPool2d(Tensor x, int kh, int kw, int strideH, int strideW, int padH, int padW) {
        String op = "maxPool2d";
        Shapes.rank(op, "input", x, 4);
        Pool2dShape s;
        try {
            s = new Pool2dShape(x.dim(0), x.dim(1), x.dim(2), x.dim(3), kh, kw, strideH, strideW, padH, padW);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": input " + Shapes.str(x) + ", kernel " + kh + "x" + kw
                    + ", stride " + strideH + "x" + strideW + ", padding " + padH + "x" + padW + ": " + e.getMessage(), e);
        }
        Backend be = x.backend();
        Tensor out = Graph.output(be, new int[] {s.n(), s.c(), s.outH(), s.outW()});
        IndexBuffer argmax = Graph.indexBuffer(be, s.outputSize());
        be.maxPool2dForward(out, argmax, x, s);
        if (Graph.recording(x)) Graph.record(new MaxPoolNode(x, argmax, s), out);
        return out;
    }

    /** x[n, c, ...] -> [n, c], the mean of each plane. */
    public static Tensor globalAvgPool(Tensor x) {
        String op = "globalAvgPool";
        planes(op, x);
        Backend be = x.backend();
        int n = x.dim(0), c = x.dim(1), hw = x.size() / (n * c);
        Tensor out = Graph.output(be, new int[] {n, c});
        be.globalAvgPoolForward(out, x, n, c, hw);
        if (Graph.recording(x)) Graph.record(new GlobalPoolNode(op, x, null, n, c, hw), out);
        return out;
    }

    /** x[n, c, ...] -> [n, c], the maximum of each plane. */
    public static Tensor globalMaxPool(Tensor x) {
        String op = "globalMaxPool";
        planes(op, x);
        Backend be = x.backend();
        int n = x.dim(0), c = x.dim(1), hw = x.size() / (n * c);
        Tensor out = Graph.output(be, new int[] {n, c});
        IndexBuffer argmax = Graph.indexBuffer(be, n * c);
        be.globalMaxPoolForward(out, argmax, x, n, c, hw);
        if (Graph.recording(x)) Graph.record(new GlobalPoolNode(op, x, argmax, n, c, hw), out);
        return out;
    }

    private static void planes(String op, Tensor x) {
        Shapes.present(op, "input", x);
        if (x.rank() < 3) throw new IllegalArgumentException(op + ": input must be [n, c, h, ...], got " + Shapes.str(x));
    }

    private static final class MaxPoolNode extends Node {
        private final Tensor x;
        private final IndexBuffer argmax;
        private final Pool2dShape s;

        MaxPoolNode(Tensor x, IndexBuffer argmax, Pool2dShape s) {
            this.x = x;
            this.argmax = argmax;
            this.s = s;
        }

        @Override public String name() { return "maxPool2d"; }

        @Override
        protected void backward(Tensor g) {
            x.backend().maxPool2dBackward(gradOf(x), g, argmax, s);
        }
    }

    private static final class GlobalPoolNode extends Node {
        private final String op;
        private final Tensor x;
        private final IndexBuffer argmax; // null for the average
        private final int n, c, hw;

        GlobalPoolNode(String op, Tensor x, IndexBuffer argmax, int n, int c, int hw) {
            this.op = op;
            this.x = x;
            this.argmax = argmax;
            this.n = n;
            this.c = c;
            this.hw = hw;
        }

        @Override public String name() { return op; }

        @Override
        protected void backward(Tensor g) {
            if (argmax == null) x.backend().globalAvgPoolBackward(gradOf(x), g, n, c, hw);
            else x.backend().globalMaxPoolBackward(gradOf(x), g, argmax, n, c, hw);
        }
    }
}
