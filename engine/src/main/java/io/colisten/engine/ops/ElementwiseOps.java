package io.colisten.engine.ops;

import io.colisten.engine.Backend;
import io.colisten.engine.Graph;
import io.colisten.engine.Node;
import io.colisten.engine.Shapes;
import io.colisten.engine.Tensor;

/** add, sub, mul, scale over equal shapes, and the two explicit bias broadcasts. */
public final class ElementwiseOps {
    private ElementwiseOps() {}

    public static Tensor add(Tensor a, Tensor b) {
        return addSub("add", a, b, 1f);
    }

    public static Tensor sub(Tensor a, Tensor b) {
        return addSub("sub", a, b, -1f);
    }

    private static Tensor addSub(String op, Tensor a, Tensor b, float sign) {
        Shapes.same(op, a, b);
        Backend be = Shapes.sameDevice(op, a, b);
        Tensor out = Graph.outputLike(a);
        if (sign > 0) be.add(out, a, b);
        else be.sub(out, a, b);
        if (Graph.recording(a, b)) Graph.record(new AddSubNode(op, a, b, sign), out);
        return out;
    }

    /** Elementwise product. */
    public static Tensor mul(Tensor a, Tensor b) {
        Shapes.same("mul", a, b);
        Backend be = Shapes.sameDevice("mul", a, b);
        Tensor out = Graph.outputLike(a);
        be.mul(out, a, b);
        if (Graph.recording(a, b)) Graph.record(new MulNode(a, b), out);
        return out;
    }

    /** alpha * a. */
    public static Tensor scale(Tensor a, float alpha) {
        Shapes.present("scale", "input", a);
        Tensor out = Graph.outputLike(a);
        a.backend().scale(out, a, alpha);
        if (Graph.recording(a)) Graph.record(new ScaleNode(a, alpha), out);
        return out;
    }

    /** x[..., cols] + bias[cols] on every row (the bias of a linear layer). */
    public static Tensor addRowBias(Tensor x, Tensor bias) {
        String op = "addRowBias";
        Shapes.minRank(op, "input", x, 1);
        int cols = x.dim(-1);
        Shapes.vector(op, "bias", bias, cols, "input " + Shapes.str(x));
        Backend be = Shapes.sameDevice(op, x, bias);
        Tensor out = Graph.outputLike(x);
        be.copy(out, x);
        be.addRowBias(out, bias, x.size() / cols, cols);
        if (Graph.recording(x, bias)) Graph.record(new BiasNode(op, x, bias, false), out);
        return out;
    }

    /** x[n, c, ...] + bias[c] on every plane (the bias of a convolution). */
    public static Tensor addChannelBias(Tensor x, Tensor bias) {
        String op = "addChannelBias";
        Shapes.minRank(op, "input", x, 2);
        Shapes.vector(op, "bias", bias, x.dim(1), "input " + Shapes.str(x));
        Backend be = Shapes.sameDevice(op, x, bias);
        Tensor out = Graph.outputLike(x);
        be.copy(out, x);
        int n = x.dim(0), c = x.dim(1);
        be.addChannelBias(out, bias, n, c, x.size() / (n * c));
        if (Graph.recording(x, bias)) Graph.record(new BiasNode(op, x, bias, true), out);
        return out;
    }

    private static final class AddSubNode extends Node {
        private final String op;
        private final Tensor a, b;
        private final float sign;

        AddSubNode(String op, Tensor a, Tensor b, float sign) {
            this.op = op;
            this.a = a;
            this.b = b;
            this.sign = sign;
        }

        @Override public String name() { return op; }

        @Override
        protected void backward(Tensor g) {
            if (needsGrad(b)) b.backend().axpy(gradOf(b), sign, g);
            passThrough(a, g); // last: it may hand g itself to a
        }
    }

    private static final class MulNode extends Node {
        private final Tensor a, b;

        MulNode(Tensor a, Tensor b) {
            this.a = a;
            this.b = b;
        }

        @Override public String name() { return "mul"; }

        @Override
        protected void backward(Tensor g) {
            if (needsGrad(a)) a.backend().mulAdd(gradOf(a), g, b);
            if (needsGrad(b)) b.backend().mulAdd(gradOf(b), g, a);
        }
    }

    private static final class ScaleNode extends Node {
        private final Tensor a;
        private final float alpha;

        ScaleNode(Tensor a, float alpha) {
            this.a = a;
            this.alpha = alpha;
        }

        @Override public String name() { return "scale"; }

        @Override
        protected void backward(Tensor g) {
            a.backend().axpy(gradOf(a), alpha, g);
        }
    }

    private static final class BiasNode extends Node {
        private final String op;
        private final Tensor x, bias;
        private final boolean channels;

        BiasNode(String op, Tensor x, Tensor bias, boolean channels) {
            this.op = op;
            this.x = x;
            this.bias = bias;
            this.channels = channels;
        }

        @Override public String name() { return op; }

        @Override
        protected void backward(Tensor g) {
            if (needsGrad(bias)) {
                Backend be = bias.backend();
                if (channels) {
                    int n = x.dim(0), c = x.dim(1);
                    be.sumChannels(gradOf(bias), g, n, c, x.size() / (n * c));
                } else {
                    int cols = x.dim(-1);
                    be.sumColumns(gradOf(bias), g, x.size() / cols, cols);
                }
            }
            passThrough(x, g);
        }
    }
}
