package io.colisten.engine.ops;

import io.colisten.engine.Backend;
import io.colisten.engine.Graph;
import io.colisten.engine.Node;
import io.colisten.engine.Shapes;
import io.colisten.engine.Tensor;
import io.colisten.kernels.cpu.Conv2dShape;
import io.colisten.kernels.cpu.Pool2dShape;

/** 2-D convolution (cross-correlation) on NCHW with stride, zero padding and groups. */
public final class ConvOps {
    private ConvOps() {}

    /**
     * x[n, cIn, h, w] * weight[cOut, cIn / groups, kh, kw] + bias[cOut] (bias may be null) ->
     * [n, cOut, outH, outW], outH = (h + 2 padH - kh) / strideH + 1.
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int strideH, int strideW, int padH, int padW,
                                int groups) {
        Conv2dShape s = checkedShape("conv2d", x, weight, bias, strideH, strideW, padH, padW, groups);
        Backend be = Shapes.sameDevice("conv2d", x, weight, bias);
        Tensor out = Graph.output(be, new int[] {s.n(), s.cOut(), s.outH(), s.outW()});
        // Nothing records (inference, eval under NoGrad): the backend may take its faster, differently
        // rounded paths; a recorded forward stays on the paths the backward kernels mirror.
        if (Graph.recording(x, weight, bias)) {
            be.conv2dForward(out, x, weight, bias, s);
            Graph.record(new ConvNode(x, weight, bias, s), out);
        } else {
            be.conv2dForwardInference(out, x, weight, bias, s);
        }
        return out;
    }

    /**
     * relu(conv2d(x, weight, bias) + residual), residual (the conv output's shape) may be null: the ops
     * themselves when anything records, else (inference) the backend's fused pass.
     */
    public static Tensor conv2dRelu(Tensor x, Tensor weight, Tensor bias, int strideH, int strideW, int padH, int padW,
                                    int groups, Tensor residual) {
        if (Graph.recording(x, weight, bias) || (residual != null && Graph.recording(residual))) {
            Tensor y = conv2d(x, weight, bias, strideH, strideW, padH, padW, groups);
            return ActivationOps.relu(residual == null ? y : ElementwiseOps.add(y, residual));
        }
        Conv2dShape s = checkedShape("conv2dRelu", x, weight, bias, strideH, strideW, padH, padW, groups);
        Backend be = Shapes.sameDevice("conv2dRelu", x, weight, bias);
        Tensor y = Graph.output(be, new int[] {s.n(), s.cOut(), s.outH(), s.outW()});
        if (residual != null) {
            if (!java.util.Arrays.equals(residual.shape(), y.shape())) {
                throw new IllegalArgumentException("conv2dRelu: residual " + Shapes.str(residual) + " does not match the conv output "
                        + Shapes.str(y));
            }
            Shapes.sameDevice("conv2dRelu", y, residual);
        }
        be.conv2dReluInference(y, x, weight, bias, residual, s);
        return y;
    }

    /**
     * relu(maxPool2d(conv2d(x, weight, bias))) with an unpadded pool (kernel poolKh x poolKw, stride
     * poolSh x poolSw): the three ops as they are when anything records, or when the backend does not
     * fuse these shapes; otherwise (inference) one fused pass whose conv output never reaches memory.
     */
    public static Tensor conv2dMaxPoolRelu(Tensor x, Tensor weight, Tensor bias, int strideH, int strideW, int padH,
                                           int padW, int groups, int poolKh, int poolKw, int poolSh, int poolSw) {
        Backend be = x.backend();
        if (!Graph.recording(x, weight, bias)) {
            Conv2dShape c = checkedShape("conv2dMaxPoolRelu", x, weight, bias, strideH, strideW, padH, padW, groups);
            if (c.outH() >= poolKh && c.outW() >= poolKw && poolKh > 0 && poolKw > 0 && poolSh > 0 && poolSw > 0) {
                Pool2dShape p = new Pool2dShape(c.n(), c.cOut(), c.outH(), c.outW(), poolKh, poolKw, poolSh, poolSw, 0, 0);
                if (be.fusesConv2dMaxPoolRelu(c, p)) {
                    Tensor out = Graph.output(be, new int[] {p.n(), p.c(), p.outH(), p.outW()});
                    be.conv2dMaxPoolReluInference(out, x, weight, bias, c, p);
                    return out;
                }
            }
        }
        Tensor y = PoolOps.maxPool2d(conv2d(x, weight, bias, strideH, strideW, padH, padW, groups), poolKh, poolKw,
                poolSh, poolSw, 0, 0);
        if (Graph.recording(y)) return ActivationOps.relu(y);
        be.reluForward(y, y);   // nothing records: y is this call's own fresh output
        return y;
    }

    /** The conv's geometry after checking ranks, channels, the bias and the geometry itself; errors name op. */
    private static Conv2dShape checkedShape(String op, Tensor x, Tensor weight, Tensor bias, int strideH, int strideW,
                                            int padH, int padW, int groups) {
        Shapes.rank(op, "input", x, 4);
        Shapes.rank(op, "weight", weight, 4);
        if (groups <= 0 || weight.dim(1) * groups != x.dim(1)) {
            throw new IllegalArgumentException(op + ": input " + Shapes.str(x) + " has " + x.dim(1)
                    + " channels but weight " + Shapes.str(weight) + " with groups=" + groups + " expects "
                    + weight.dim(1) * groups);
        }
        if (bias != null) Shapes.vector(op, "bias", bias, weight.dim(0), "weight " + Shapes.str(weight));
        Shapes.sameDevice(op, x, weight, bias);
        Conv2dShape s;
        try {
            s = new Conv2dShape(x.dim(0), x.dim(1), x.dim(2), x.dim(3), weight.dim(0), weight.dim(2), weight.dim(3),
                    strideH, strideW, padH, padW, groups);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": input " + Shapes.str(x) + ", weight " + Shapes.str(weight)
                    + ", stride " + strideH + "x" + strideW + ", padding " + padH + "x" + padW + ": " + e.getMessage(), e);
        }
        return s;
    }

    private static final class ConvNode extends Node {
        private final Tensor x, w, b;
        private final Conv2dShape s;

        ConvNode(Tensor x, Tensor w, Tensor b, Conv2dShape s) {
            this.x = x;
            this.w = w;
            this.b = b;
            this.s = s;
        }

        @Override public String name() { return "conv2d"; }

        @Override
        protected void backward(Tensor g) {
            Backend be = x.backend();
            if (needsGrad(w)) {
                be.conv2dBackwardFilter(gradOf(w), needsGrad(b) ? gradOf(b) : null, g, x, s);
            } else if (needsGrad(b)) {
                be.sumChannels(gradOf(b), g, s.n(), s.cOut(), s.outH() * s.outW());
            }
            // The first layer's input needs no gradient: backward-data is skipped there. An input
            // without a gradient yet gets a fresh one, overwritten (no zero fill).
            Tensor dx = freshGrad(x);
            if (dx != null) be.conv2dBackwardDataInto(dx, g, w, s);
            else if (needsGrad(x)) be.conv2dBackwardData(gradOf(x), g, w, s);
        }
    }
}
