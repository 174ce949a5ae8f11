package io.colisten.engine.ops;

import io.colisten.engine.Backend;
import io.colisten.engine.Graph;
import io.colisten.engine.IndexBuffer;
import io.colisten.engine.Node;
import io.colisten.engine.Shapes;
import io.colisten.engine.Tensor;
import io.colisten.kernels.cpu.Pool2dShape;

/**
 * Training-mode batch norm fused with the ReLU after it, optionally with the max-pool after that:
 * the unit of every network's training forward. Same values as batchNorm2d(training) -> relu
 * [-> maxPool2d], with less memory kept for backward:
 * <ul>
 * <li>{@link #batchNormReLU}: keeps the input x (batch norm's backward needs it) and the output y;
 *     the batch-norm output never exists (unfused: x, bn(x) and y).</li>
 * <li>{@link #batchNormReLUMaxPool}: keeps x, the pooled output and the pool's winners; y exists one
 *     plane at a time inside the backend's kernel (unfused: x, bn(x), y, pooled, winners). For
 *     SmallCNN's first layer in a triplet step (396 windows) that is 1.5 GB less.</li>
 * </ul>
 * Backward recomputes which outputs were positive from x, overwrites a fresh gradient for x (in
 * place in its output gradient's buffer where the sizes match): no zero fill, no separate ReLU or
 * pool pass.
 */
public final class BatchNormReluOps {
    private BatchNormReluOps() {}

    /** max(batchNorm2d(x, training), 0): x[n, c, ...]; running statistics updated in place (may be null). */
    public static Tensor batchNormReLU(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar,
                                       float momentum, float eps) {
        Backend be = BatchNormOps.check("batchNormReLU", x, gamma, beta, runningMean, runningVar, true, momentum, eps);
        int n = x.dim(0), c = x.dim(1), hw = x.size() / (n * c);
        Tensor out = Graph.outputLike(x);
        int[] cs = {c};
        Tensor mean = Graph.output(be, cs), rstd = Graph.output(be, cs);
        be.batchNormReluTrain(out, mean, rstd, x, gamma, beta, runningMean, runningVar, momentum, eps, n, c, hw);
        if (Graph.recording(x, gamma, beta)) Graph.record(new BnReluNode(x, gamma, beta, mean, rstd, null, null, n, c, hw), out);
        return out;
    }

    /**
     * maxPool2d(max(batchNorm2d(x, training), 0), kh, kw, stride, padding): x[n, c, h, w] ->
     * [n, c, outH, outW]; the ReLU output is not kept.
     */
    public static Tensor batchNormReLUMaxPool(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar,
                                              float momentum, float eps, int kh, int kw, int strideH, int strideW,
                                              int padH, int padW) {
        String op = "batchNormReLUMaxPool";
        Backend be = BatchNormOps.check(op, x, gamma, beta, runningMean, runningVar, true, momentum, eps);
        Shapes.rank(op, "input", x, 4);
        Pool2dShape s;
        try {
            s = new Pool2dShape(x.dim(0), x.dim(1), x.dim(2), x.dim(3), kh, kw, strideH, strideW, padH, padW);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": input " + Shapes.str(x) + ", kernel " + kh + "x" + kw
                    + ", stride " + strideH + "x" + strideW + ", padding " + padH + "x" + padW + ": " + e.getMessage(), e);
        }
        int n = x.dim(0), c = x.dim(1), hw = x.size() / (n * c);
        int[] cs = {c};
        Tensor mean = Graph.output(be, cs), rstd = Graph.output(be, cs);
        Tensor out = Graph.output(be, new int[] {s.n(), s.c(), s.outH(), s.outW()});
        IndexBuffer argmax = Graph.indexBuffer(be, s.outputSize());
        be.batchNormReluMaxPoolTrain(out, argmax, mean, rstd, x, gamma, beta, runningMean, runningVar, momentum, eps, s);
        if (Graph.recording(x, gamma, beta)) Graph.record(new BnReluNode(x, gamma, beta, mean, rstd, argmax, s, n, c, hw), out);
        return out;
    }

    /** Backward of both ops. */
    private static final class BnReluNode extends Node {
        private final Tensor x, gamma, beta, mean, rstd;
        private final IndexBuffer argmax; // null: no pool
        private final Pool2dShape pool;
        private final int n, c, hw;

        BnReluNode(Tensor x, Tensor gamma, Tensor beta, Tensor mean, Tensor rstd, IndexBuffer argmax, Pool2dShape pool,
                   int n, int c, int hw) {
            this.x = x;
            this.gamma = gamma;
            this.beta = beta;
            this.mean = mean;
            this.rstd = rstd;
            this.argmax = argmax;
            this.pool = pool;
            this.n = n;
            this.c = c;
            this.hw = hw;
        }

        @Override public String name() { return argmax == null ? "batchNormReLU" : "batchNormReLUMaxPool"; }

        @Override
        protected void backward(Tensor g) {
            Backend be = x.backend();
            Tensor dGamma = needsGrad(gamma) ? gradOf(gamma) : null, dBeta = needsGrad(beta) ? gradOf(beta) : null;
            // Without a pool, g has x's size and its buffer may be handed down (the kernel works in place);
            // with one, x's gradient is a fresh buffer, overwritten: no zero fill either way.
            Tensor dIn = gradToOverwrite(x, g);
            boolean accumulate = false, drop = false;
            if (dIn == null && needsGrad(x)) {
                dIn = gradOf(x);
                accumulate = true;
            } else if (dIn == null) {
                dIn = scratch(be, x.shape());   // nobody wants dx: computed and dropped
                drop = true;
            }
            if (argmax == null) be.batchNormReluBackward(dIn, dGamma, dBeta, g, x, mean, rstd, gamma, beta, accumulate, n, c, hw);
            else be.batchNormReluMaxPoolBackward(dIn, dGamma, dBeta, g, argmax, x, mean, rstd, gamma, beta, accumulate, pool);
            if (drop) releaseScratch(dIn);
        }
    }
}
