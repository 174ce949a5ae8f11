package io.colisten.engine.ops;

import io.colisten.engine.Backend;
import io.colisten.engine.Graph;
import io.colisten.engine.Node;
import io.colisten.engine.Shapes;
import io.colisten.engine.Tensor;

/**
 * Batch normalisation over (n, spatial) per channel, PyTorch's convention (momentum 0.1, eps 1e-5
 * by default; biased variance to normalise, unbiased for the running variance). A fused op: its
 * backward is the kernel's, checked against finite differences.
 */
public final class BatchNormOps {
    public static final float DEFAULT_MOMENTUM = 0.1f;
    public static final float DEFAULT_EPS = 1e-5f;

    private BatchNormOps() {}

    /**
     * x[n, c, ...]; gamma, beta [c] or null (no affine); runningMean, runningVar [c]: updated in
     * place in training mode (may then be null), used in eval mode (required).
     */
    public static Tensor batchNorm2d(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar,
                                     boolean training, float momentum, float eps) {
        Backend be = check("batchNorm2d", x, gamma, beta, runningMean, runningVar, training, momentum, eps);
        int n = x.dim(0), c = x.dim(1), hw = x.size() / (n * c);
        Tensor out = Graph.outputLike(x);
        boolean rec = Graph.recording(x, gamma, beta);
        if (training) {
            int[] cs = {c};
            Tensor mean = Graph.output(be, cs), rstd = Graph.output(be, cs);
            be.batchNormTrain(out, mean, rstd, x, gamma, beta, runningMean, runningVar, momentum, eps, n, c, hw);
            if (rec) Graph.record(new TrainNode(x, gamma, beta, mean, rstd, n, c, hw), out);
        } else {
            be.batchNormEval(out, x, gamma, beta, runningMean, runningVar, eps, n, c, hw);
            if (rec) Graph.record(new EvalNode(x, gamma, beta, runningMean, runningVar, eps, n, c, hw), out);
        }
        return out;
    }

    /** The checks of every batch-norm op (named {@code op} in messages); returns the operands' backend. */
    static Backend check(String op, Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar,
                         boolean training, float momentum, float eps) {
        Shapes.present(op, "input", x);
        if (x.rank() < 2) throw new IllegalArgumentException(op + ": input must be [n, c, ...], got " + Shapes.str(x));
        int c = x.dim(1);
        String ctx = "input " + Shapes.str(x);
        if (gamma != null) Shapes.vector(op, "gamma", gamma, c, ctx);
        if (beta != null) Shapes.vector(op, "beta", beta, c, ctx);
        if (!training && (runningMean == null || runningVar == null)) {
            throw new IllegalArgumentException(op + ": eval mode needs running statistics, input " + Shapes.str(x));
        }
        if (runningMean != null) Shapes.vector(op, "runningMean", runningMean, c, ctx);
        if (runningVar != null) Shapes.vector(op, "runningVar", runningVar, c, ctx);
        if (!(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(op + ": need eps > 0 and momentum in [0, 1], got eps=" + eps
                    + " momentum=" + momentum + " for input " + Shapes.str(x));
        }
        Backend be = Shapes.sameDevice(op, x, gamma, beta);
        Shapes.sameDevice(op, x, runningMean, runningVar);
        return be;
    }

    private static final class TrainNode extends Node {
        private final Tensor x, gamma, beta, mean, rstd;
        private final int n, c, hw;

        TrainNode(Tensor x, Tensor gamma, Tensor beta, Tensor mean, Tensor rstd, int n, int c, int hw) {
            this.x = x;
            this.gamma = gamma;
            this.beta = beta;
            this.mean = mean;
            this.rstd = rstd;
            this.n = n;
            this.c = c;
            this.hw = hw;
        }

        @Override public String name() { return "batchNorm2d"; }

        @Override
        protected void backward(Tensor g) {
            Backend be = x.backend();
            // The kernel always writes dIn; a frozen input gets a scratch buffer.
            Tensor dIn = needsGrad(x) ? gradOf(x) : scratch(be, g.shape());
            be.batchNormBackward(dIn, needsGrad(gamma) ? gradOf(gamma) : null, needsGrad(beta) ? gradOf(beta) : null,
                    g, x, mean, rstd, gamma, n, c, hw);
            if (!needsGrad(x)) releaseScratch(dIn);
        }
    }

    private static final class EvalNode extends Node {
        private final Tensor x, gamma, beta, runningMean, runningVar;
        private final float eps;
        private final int n, c, hw;

        EvalNode(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, float eps,
                 int n, int c, int hw) {
            this.x = x;
            this.gamma = gamma;
            this.beta = beta;
            this.runningMean = runningMean;
            this.runningVar = runningVar;
            this.eps = eps;
            this.n = n;
            this.c = c;
            this.hw = hw;
        }

        @Override public String name() { return "batchNorm2d(eval)"; }

        @Override
        protected void backward(Tensor g) {
            x.backend().batchNormEvalBackward(needsGrad(x) ? gradOf(x) : null, needsGrad(gamma) ? gradOf(gamma) : null,
                    needsGrad(beta) ? gradOf(beta) : null, g, x, gamma, runningMean, runningVar, eps, n, c, hw);
        }
    }
}
