package io.colisten.engine.ops;

import io.colisten.engine.Graph;
import io.colisten.engine.Node;
import io.colisten.engine.Shapes;
import io.colisten.engine.Tensor;

/** Full reductions to a scalar (shape []). */
public final class ReduceOps {
    private static final int[] SCALAR = new int[0];

    private ReduceOps() {}

    public static Tensor sum(Tensor a) {
        Shapes.present("sum", "input", a);
        Tensor out = Graph.output(a.backend(), SCALAR);
        a.backend().sum(out, a);
        if (Graph.recording(a)) Graph.record(new SumNode(a), out);
        return out;
    }

    /** sum(a) / size: a composite, so it needs no derivative of its own. */
    public static Tensor mean(Tensor a) {
        Shapes.present("mean", "input", a);
        return ElementwiseOps.scale(sum(a), 1f / a.size());
    }

    private static final class SumNode extends Node {
        private final Tensor a;

        SumNode(Tensor a) {
            this.a = a;
        }

        @Override public String name() { return "sum"; }

        @Override
        protected void backward(Tensor g) {
            // dA += g broadcast: a plane bias with one channel over all of a.
            a.backend().addChannelBias(gradOf(a), g, 1, 1, a.size());
        }
    }
}
