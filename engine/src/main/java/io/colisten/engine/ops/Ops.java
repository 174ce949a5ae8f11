package io.colisten.engine.ops;

import io.colisten.engine.Tensor;
import io.colisten.engine.optim.ClassifierAdam;

/**
 * Every differentiable op in one place, for {@code import static io.colisten.engine.ops.Ops.*}.
 * Primitives define their derivative once (in their *Ops class); composites (mean) are built from
 * them; fused ops (linear, conv2d, batchNorm2d, logSoftmax, l2Normalize, the losses) have their own
 * backward and are tested against the composition.
 */
public final class Ops {
    private Ops() {}

    public static Tensor add(Tensor a, Tensor b) { return ElementwiseOps.add(a, b); }

    public static Tensor sub(Tensor a, Tensor b) { return ElementwiseOps.sub(a, b); }

    public static Tensor mul(Tensor a, Tensor b) { return ElementwiseOps.mul(a, b); }

    public static Tensor scale(Tensor a, float alpha) { return ElementwiseOps.scale(a, alpha); }

    public static Tensor addRowBias(Tensor x, Tensor bias) { return ElementwiseOps.addRowBias(x, bias); }

    public static Tensor addChannelBias(Tensor x, Tensor bias) { return ElementwiseOps.addChannelBias(x, bias); }

    public static Tensor sum(Tensor a) { return ReduceOps.sum(a); }

    public static Tensor mean(Tensor a) { return ReduceOps.mean(a); }

    public static Tensor matmul(Tensor a, Tensor b) { return MatmulOps.matmul(a, b, false, false); }

    public static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        return MatmulOps.matmul(a, b, transA, transB);
    }

    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) { return MatmulOps.linear(x, weight, bias); }

    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int strideH, int strideW, int padH, int padW,
                                int groups) {
        return ConvOps.conv2d(x, weight, bias, strideH, strideW, padH, padW, groups);
    }

    public static Tensor conv2dRelu(Tensor x, Tensor weight, Tensor bias, int strideH, int strideW, int padH, int padW,
                                    int groups, Tensor residual) {
        return ConvOps.conv2dRelu(x, weight, bias, strideH, strideW, padH, padW, groups, residual);
    }

    public static Tensor conv2dMaxPoolRelu(Tensor x, Tensor weight, Tensor bias, int strideH, int strideW, int padH,
                                           int padW, int groups, int poolKh, int poolKw, int poolSh, int poolSw) {
        return ConvOps.conv2dMaxPoolRelu(x, weight, bias, strideH, strideW, padH, padW, groups, poolKh, poolKw, poolSh, poolSw);
    }

    public static Tensor maxPool2d(Tensor x, int kh, int kw, int strideH, int strideW, int padH, int padW) {
        return PoolOps.maxPool2d(x, kh, kw, strideH, strideW, padH, padW);
    }

    public static Tensor globalAvgPool(Tensor x) { return PoolOps.globalAvgPool(x); }

    public static Tensor globalMaxPool(Tensor x) { return PoolOps.globalMaxPool(x); }

    public static Tensor batchNorm2d(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar,
                                     boolean training, float momentum, float eps) {
        return BatchNormOps.batchNorm2d(x, gamma, beta, runningMean, runningVar, training, momentum, eps);
    }

    public static Tensor relu(Tensor x) { return ActivationOps.relu(x); }

    public static Tensor softmax(Tensor x) { return ActivationOps.softmax(x); }

    public static Tensor logSoftmax(Tensor x) { return ActivationOps.logSoftmax(x); }

    public static Tensor l2Normalize(Tensor x) { return ActivationOps.l2Normalize(x); }

    public static Tensor l2Normalize(Tensor x, float eps) { return ActivationOps.l2Normalize(x, eps); }

    public static Tensor tripletHinge(Tensor a, Tensor p, Tensor n, int[] choice, float margin) {
        return LossOps.tripletHinge(a, p, n, choice, margin);
    }

    public static Tensor tripletLoss(Tensor a, Tensor p, Tensor n, int[] choice, float margin) {
        return LossOps.tripletLoss(a, p, n, choice, margin);
    }

    public static Tensor softmaxCrossEntropy(Tensor u, Tensor w, Tensor b, LabelTargets targets) {
        return LossOps.softmaxCrossEntropy(u, w, b, targets);
    }

    public static Tensor softmaxCrossEntropy(Tensor u, Tensor w, Tensor b, LabelTargets targets, ClassifierAdam update) {
        return LossOps.softmaxCrossEntropy(u, w, b, targets, update);
    }

    public static Tensor sigmoidCrossEntropy(Tensor logits, Tensor targets) {
        return MultiLabelLossOps.sigmoidCrossEntropy(logits, targets);
    }

    public static Tensor sigmoidCrossEntropyMean(Tensor logits, Tensor targets) {
        return MultiLabelLossOps.sigmoidCrossEntropyMean(logits, targets);
    }

    public static Tensor reshape(Tensor x, int... shape) { return ShapeOps.reshape(x, shape); }

    public static Tensor flatten(Tensor x) { return ShapeOps.flatten(x); }

    public static Tensor rows(Tensor x, int from, int to) { return ShapeOps.rows(x, from, to); }
}
