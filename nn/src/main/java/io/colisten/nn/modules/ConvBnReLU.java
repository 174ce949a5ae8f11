package io.colisten.nn.modules;

import io.colisten.engine.Graph;
import io.colisten.engine.cpu.CpuStorage;
import io.colisten.kernels.cpu.Activations;
import io.colisten.engine.Tensor;
import io.colisten.engine.ops.Ops;

/**
 * Runs conv -> batch norm -> [ReLU] -> [max-pool], the unit every network here is built from, and
 * fuses it for inference: when the batch norm is in eval mode and grad recording is off, the
 * normalisation is an affine map per channel, s = gamma / sqrt(var + eps), so it folds into the
 * convolution, w' = w s and b' = beta + (b - mean) s, and the conv writes the normalised output
 * directly; ReLU then runs in place, after the max-pool when one follows (max and ReLU commute, and
 * the pooled tensor is several times smaller). The folded weights are computed on every call, so
 * they can never be stale; that costs a pass over the weights, which only pays when the layer's
 * output per channel (batch x positions) is larger than its weights per channel, so layers with
 * large weights on small planes (ResNet's last stage) keep the separate normalisation, done in
 * place. Training mode with a ReLU runs batch norm, ReLU and the pool as one fused op (BatchNorm2d's
 * forwardTrainingReLU: same values, less memory kept for backward); any other call that records
 * the tape runs the modules as they are.
 */
public final class ConvBnReLU {
    private ConvBnReLU() {}

    /** pool(relu(bn(conv(x)))), with relu and pool optional (null). */
    public static Tensor forward(Conv2d conv, BatchNorm2d bn, ReLU relu, MaxPool2d pool, Tensor x) {
        if (bn.isTraining() && relu != null) return bn.forwardTrainingReLU(conv.forward(x), pool);
        if (bn.isTraining() || Graph.gradEnabled()) {
            Tensor y = bn.forward(conv.forward(x));
            if (relu != null) y = relu.forward(y);
            return pool == null ? y : pool.forward(y);
        }
        long t = LayerClock.start();
        if (pool != null && relu != null && pool.unpadded() && folds(conv, x)) {
            // The stems: conv, pool and ReLU in one pass (the conv's output never reaches memory where
            // the backend fuses them).
            Tensor[] wb = folded(conv, bn);
            Tensor y = conv.forwardPoolReluWith(x, wb[0], wb[1], pool);
            LayerClock.stop(conv.name(), "conv+bn+pool+relu", t);
            return y;
        }
        if (pool == null && relu != null && folds(conv, x)) {
            Tensor[] wb = folded(conv, bn);
            Tensor y = conv.forwardReluWith(x, wb[0], wb[1], null);   // ReLU in the conv's output pass
            LayerClock.stop(conv.name(), "conv+bn+relu", t);
            return y;
        }
        Tensor y = convBn(conv, bn, x);
        LayerClock.stop(conv.name(), "conv+bn", t);
        if (pool != null) {
            t = LayerClock.start();
            y = pool.forward(y);
            LayerClock.stop(conv.name(), "pool", t);
        }
        if (relu != null) {
            t = LayerClock.start();
            reluInPlace(y);
            LayerClock.stop(conv.name(), "relu", t);
        }
        return y;
    }

    /**
     * relu(bn(conv(x)) + residual), a residual block's second conv, for inference (eval mode, grad off:
     * callers check): the sum and ReLU in the conv's output pass where the batch norm folds, else one
     * pass after it.
     */
    public static Tensor forwardAddReLU(Conv2d conv, BatchNorm2d bn, Tensor x, Tensor residual, String clockName) {
        long t = LayerClock.start();
        if (folds(conv, x)) {
            Tensor[] wb = folded(conv, bn);
            Tensor y = conv.forwardReluWith(x, wb[0], wb[1], residual);
            LayerClock.stop(conv.name(), "conv+bn+add+relu", t);
            return y;
        }
        Tensor y = convBn(conv, bn, x);
        LayerClock.stop(conv.name(), "conv+bn", t);
        t = LayerClock.start();
        if (y.storage() instanceof CpuStorage o && residual.storage() instanceof CpuStorage r) {
            Activations.addReluForward(o.data(), y.offset(), o.data(), y.offset(), r.data(), residual.offset(), y.size());
        } else {
            y.backend().axpy(y, 1f, residual);
            y.backend().reluForward(y, y);
        }
        LayerClock.stop(clockName, "add+relu", t);
        return y;
    }

    /** bn(conv(x)) for inference (eval mode, no grad): folded or normalised in place. */
    static Tensor convBn(Conv2d conv, BatchNorm2d bn, Tensor x) {
        if (!folds(conv, x)) {
            Tensor y = conv.forward(x);
            y.backend().batchNormEval(y, y, bn.weight(), bn.bias(), bn.runningMean(), bn.runningVar(), bn.eps(),
                    y.dim(0), y.dim(1), y.size() / (y.dim(0) * y.dim(1)));
            return y;
        }
        Tensor[] wb = folded(conv, bn);
        return conv.forwardWith(x, wb[0], wb[1]);
    }

    /** Folding pays where the layer's output per channel (batch x positions) exceeds its weights per channel. */
    private static boolean folds(Conv2d conv, Tensor x) {
        Tensor w = conv.weight();
        long outputsPerChannel = (long) x.dim(0) * conv.outputPositions(x.dim(2), x.dim(3));
        return outputsPerChannel > w.size() / w.dim(0);
    }

    /** {w', b'}: the batch norm folded into the conv's weights and bias (shapes of conv's weight, [cOut]). */
    private static Tensor[] folded(Conv2d conv, BatchNorm2d bn) {
        Tensor w = conv.weight();
        int cOut = w.dim(0), perChannel = w.size() / cOut;
        // w' = (w - 0) s + 0 and b' = (b - mean) s + beta: batch norm's own eval kernel on [1, cOut, k] views.
        Tensor zeros = bn.zerosPerChannel();
        Tensor wFolded = Ops.batchNorm2d(view(w, 1, cOut, perChannel), bn.weight(), null, zeros, bn.runningVar(), false,
                0f, bn.eps());
        Tensor b = conv.bias() != null ? conv.bias() : zeros;
        Tensor bFolded = Ops.batchNorm2d(view(b, 1, cOut, 1), bn.weight(), bn.bias(), bn.runningMean(), bn.runningVar(),
                false, 0f, bn.eps());
        return new Tensor[] {view(wFolded, w.shape()), view(bFolded, cOut)};
    }

    /** max(y, 0) over y's own storage (no grad is being recorded, so nothing needs the input). */
    static void reluInPlace(Tensor y) {
        y.backend().reluForward(y, y);
    }

    private static Tensor view(Tensor t, int... shape) {
        return new Tensor(t.backend(), t.storage(), t.offset(), shape);
    }
}
