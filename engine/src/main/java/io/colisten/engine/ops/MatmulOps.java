package io.colisten.engine.ops;

import io.colisten.engine.Backend;
import io.colisten.engine.Graph;
import io.colisten.engine.Node;
import io.colisten.engine.Shapes;
import io.colisten.engine.Tensor;

/** Matrix products: matmul with transpose flags, and the fused linear layer. */
public final class MatmulOps {
    private MatmulOps() {}

    /** op(a)[m x k] op(b)[k x n]; a is stored k x m when transA, b is stored n x k when transB. */
    public static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        String op = "matmul";
        Shapes.rank(op, "a", a, 2);
        Shapes.rank(op, "b", b, 2);
        int m = transA ? a.dim(1) : a.dim(0), k = transA ? a.dim(0) : a.dim(1);
        int kb = transB ? b.dim(1) : b.dim(0), n = transB ? b.dim(0) : b.dim(1);
        if (k != kb) {
            throw new IllegalArgumentException(op + ": shapes " + Shapes.str(a) + (transA ? "^T" : "") + " and "
                    + Shapes.str(b) + (transB ? "^T" : "") + " do not chain (" + k + " != " + kb + ")");
        }
        Backend be = Shapes.sameDevice(op, a, b);
        Tensor out = Graph.output(be, new int[] {m, n});
        be.matmul(transA, transB, m, n, k, 1f, a, b, 0f, out);
        if (Graph.recording(a, b)) Graph.record(new MatmulNode(a, b, transA, transB, m, n, k), out);
        return out;
    }

    /** x[..., in] W[out, in]^T + b[out] (PyTorch's layout); b may be null. */
    public static Tensor linear(Tensor x, Tensor w, Tensor b) {
        String op = "linear";
        Shapes.minRank(op, "input", x, 1);
        Shapes.rank(op, "weight", w, 2);
        int in = x.dim(-1), outF = w.dim(0);
        if (w.dim(1) != in) {
            throw new IllegalArgumentException(op + ": input " + Shapes.str(x) + " has " + in
                    + " features but weight " + Shapes.str(w) + " expects " + w.dim(1));
        }
        if (b != null) Shapes.vector(op, "bias", b, outF, "weight " + Shapes.str(w));
        Backend be = Shapes.sameDevice(op, x, w, b);
        int rows = x.size() / in;
        int[] shape = x.shape();
        shape[shape.length - 1] = outF;
        Tensor out = Graph.output(be, shape);
        be.matmul(false, true, rows, outF, in, 1f, x, w, 0f, out);
        if (b != null) be.addRowBias(out, b, rows, outF);
        if (Graph.recording(x, w, b)) Graph.record(new LinearNode(x, w, b, rows, in, outF), out);
        return out;
    }

    private static final class MatmulNode extends Node {
        private final Tensor a, b;
        private final boolean ta, tb;
        private final int m, n, k;

        MatmulNode(Tensor a, Tensor b, boolean ta, boolean tb, int m, int n, int k) {
            this.a = a;
            this.b = b;
            this.ta = ta;
            this.tb = tb;
            this.m = m;
            this.n = n;
            this.k = k;
        }

        @Override public String name() { return "matmul"; }

        @Override
        protected void backward(Tensor g) {
            Backend be = a.backend();
            // C = op(A) op(B): d op(A) = dC op(B)^T, d op(B) = op(A)^T dC, stored as A and B are.
            if (needsGrad(a)) {
                if (!ta) be.matmul(false, !tb, m, k, n, 1f, g, b, 1f, gradOf(a));
                else be.matmul(tb, true, k, m, n, 1f, b, g, 1f, gradOf(a));
            }
            if (needsGrad(b)) {
                if (!tb) be.matmul(!ta, false, k, n, m, 1f, a, g, 1f, gradOf(b));
                else be.matmul(true, ta, n, k, m, 1f, g, a, 1f, gradOf(b));
            }
        }
    }

    private static final class LinearNode extends Node {
        private final Tensor x, w, b;
        private final int rows, in, outF;

        LinearNode(Tensor x, Tensor w, Tensor b, int rows, int in, int outF) {
            this.x = x;
            this.w = w;
            this.b = b;
            this.rows = rows;
            this.in = in;
            this.outF = outF;
        }

        @Override public String name() { return "linear"; }

        @Override
        protected void backward(Tensor g) {
            Backend be = x.backend();
            if (needsGrad(x)) be.matmul(false, false, rows, in, outF, 1f, g, w, 1f, gradOf(x));
            if (needsGrad(w)) be.matmul(true, false, outF, in, rows, 1f, g, x, 1f, gradOf(w));
            if (needsGrad(b)) be.sumColumns(gradOf(b), g, rows, outF);
        }
    }
}
