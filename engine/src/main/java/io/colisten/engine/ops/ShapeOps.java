package io.colisten.engine.ops;

import io.colisten.engine.Graph;
import io.colisten.engine.Node;
import io.colisten.engine.Shapes;
import io.colisten.engine.Tensor;

/** Views: a new shape, or a range of rows, over the same storage; the gradient passes through unchanged. */
public final class ShapeOps {
    private ShapeOps() {}

    /** The same elements in a new shape; one dimension may be -1 (inferred). */
    public static Tensor reshape(Tensor x, int... shape) {
        String op = "reshape";
        Shapes.present(op, "input", x);
        int[] s = shape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1 && infer < 0) infer = i;
            else if (s[i] <= 0) throw bad(x, shape);
            else known *= s[i];
        }
        if (infer >= 0) {
            if (x.size() % known != 0) throw bad(x, shape);
            s[infer] = (int) (x.size() / known);
        }
        if (Shapes.numel(op, s) != x.size()) throw bad(x, shape);
        return view(x, s);
    }

    /** [d0, d1, ...] -> [d0, d1 * ...]. */
    public static Tensor flatten(Tensor x) {
        Shapes.present("flatten", "input", x);
        if (x.rank() < 1) throw new IllegalArgumentException("flatten: a scalar has no first dimension");
        return view(x, new int[] {x.dim(0), x.size() / x.dim(0)});
    }

    /**
     * Rows [from, to) of x [rows, ...] as a view (no copy): e.g. the anchors, positives and
     * negatives of one forward pass over a batch of 3B windows. The gradient is added into the
     * same rows of x's gradient.
     */
    public static Tensor rows(Tensor x, int from, int to) {
        String op = "rows";
        Shapes.present(op, "input", x);
        if (x.rank() < 1 || from < 0 || to > x.dim(0) || from >= to) {
            throw new IllegalArgumentException(op + ": rows [" + from + ", " + to + ") are not a non-empty range of "
                    + Shapes.str(x));
        }
        int[] shape = x.shape();
        shape[0] = to - from;
        int rowSize = x.size() / x.dim(0);
        Tensor out = new Tensor(x.backend(), x.storage(), x.offset() + from * rowSize, shape);
        if (Graph.recording(x)) Graph.record(new RowsNode(x, from * rowSize), out);
        return out;
    }

    private static Tensor view(Tensor x, int[] shape) {
        Tensor out = new Tensor(x.backend(), x.storage(), x.offset(), shape);
        if (Graph.recording(x)) Graph.record(new ViewNode(x), out);
        return out;
    }

    private static IllegalArgumentException bad(Tensor x, int[] shape) {
        return new IllegalArgumentException("reshape: cannot view " + Shapes.str(x) + " (" + x.size()
                + " elements) as " + Shapes.str(shape));
    }

    private static final class RowsNode extends Node {
        private final Tensor x;
        private final int start;

        RowsNode(Tensor x, int start) {
            this.x = x;
            this.start = start;
        }

        @Override public String name() { return "rows"; }

        @Override
        protected void backward(Tensor g) {
            if (!needsGrad(x)) return;
            Tensor gx = gradOf(x);
            x.backend().axpy(new Tensor(gx.backend(), gx.storage(), gx.offset() + start, g.shape()), 1f, g);
        }
    }

    private static final class ViewNode extends Node {
        private final Tensor x;

        ViewNode(Tensor x) {
            this.x = x;
        }

        @Override public String name() { return "reshape"; }

        @Override
        protected void backward(Tensor g) {
            passThrough(x, g);
        }
    }
}
