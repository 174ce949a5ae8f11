package io.colisten.engine.optim;

import io.colisten.engine.Shapes;
import io.colisten.engine.Tensor;

/**
 * Adam for a label classifier W [classes x d], b [classes] (b may be absent) trained by the chunked
 * softmax cross-entropy, whose update is fused into that op's backward: each chunk of W is stepped
 * as soon as its gradient chunk exists, so no classes x d gradient is ever held (512 MiB at
 * 1M x 128). Same arithmetic as {@link Adam} (PyTorch semantics, bias-corrected, step counted from
 * 1, decoupled decay when weightDecay > 0); W and b must not require grad (they get no gradient).
 * The moments are allocated here, once; they and the step count are exposed for checkpoints.
 *
 * <p>Use: {@code loss = Ops.softmaxCrossEntropy(u, w, b, targets, classifierAdam); loss.backward();}
 * updates W and b during the backward (one step per backward); the network's own optimiser steps
 * the other parameters afterwards.
 */
public final class ClassifierAdam {
    private final Tensor weight, bias, mW, vW, mB, vB;
    private float lr;
    private final float beta1, beta2, eps, weightDecay;
    private long step;

    /** DESIGN's defaults: lr 1e-4, betas 0.9 / 0.999, eps 1e-8, no weight decay. */
    public ClassifierAdam(Tensor weight, Tensor bias) {
        this(weight, bias, Adam.DEFAULT_LR, Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, Adam.DEFAULT_EPS, 0f);
    }

    public ClassifierAdam(Tensor weight, Tensor bias, float lr, float beta1, float beta2, float eps, float weightDecay) {
        Shapes.rank("classifierAdam", "weight", weight, 2);
        if (bias != null) Shapes.vector("classifierAdam", "bias", bias, weight.dim(0), "weight " + Shapes.str(weight));
        if (weight.requiresGrad() || (bias != null && bias.requiresGrad())) {
            throw new IllegalArgumentException("classifierAdam: weight and bias must not require grad: their update is"
                    + " fused into the softmax backward (weight " + weight + ")");
        }
        if (!(lr >= 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("classifierAdam: need lr >= 0, betas in [0, 1), eps > 0, weightDecay >= 0;"
                    + " got lr=" + lr + " betas=" + beta1 + "," + beta2 + " eps=" + eps + " weightDecay=" + weightDecay);
        }
        this.weight = weight;
        this.bias = bias;
        this.mW = Tensor.zeros(weight.device(), weight.shape());
        this.vW = Tensor.zeros(weight.device(), weight.shape());
        this.mB = bias == null ? null : Tensor.zeros(bias.device(), bias.shape());
        this.vB = bias == null ? null : Tensor.zeros(bias.device(), bias.shape());
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    public Tensor weight() { return weight; }

    /** The bias, or null. */
    public Tensor bias() { return bias; }

    /** PyTorch's exp_avg / exp_avg_sq of the weight and of the bias (null without a bias). */
    public Tensor weightFirstMoment() { return mW; }

    public Tensor weightSecondMoment() { return vW; }

    public Tensor biasFirstMoment() { return mB; }

    public Tensor biasSecondMoment() { return vB; }

    public float lr() { return lr; }

    public void setLr(float lr) {
        if (!(lr >= 0)) throw new IllegalArgumentException("classifierAdam: lr must be >= 0, got " + lr);
        this.lr = lr;
    }

    public float beta1() { return beta1; }

    public float beta2() { return beta2; }

    public float eps() { return eps; }

    public float weightDecay() { return weightDecay; }

    /** Steps taken so far. */
    public long stepCount() { return step; }

    /** Restores the step count from a checkpoint. */
    public void setStepCount(long step) {
        if (step < 0) throw new IllegalArgumentException("classifierAdam: step count must be >= 0, got " + step);
        this.step = step;
    }

    /** Counts one more step and returns its number (called by the op's backward, once per step). */
    public long advance() {
        return ++step;
    }
}
