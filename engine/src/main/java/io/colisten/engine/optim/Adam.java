package io.colisten.engine.optim;

import io.colisten.engine.Tensor;
import io.colisten.engine.param.ParameterSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adam over a parameter set with the fused kernel (PyTorch semantics: bias-corrected, step counted
 * from 1; decoupled AdamW decay when weightDecay > 0). The state (m, v per parameter, the step
 * count) is allocated once and exposed for checkpoints. The parameters are those registered when
 * the optimiser is made.
 */
public final class Adam {
    public static final float DEFAULT_LR = 1e-4f, DEFAULT_BETA1 = 0.9f, DEFAULT_BETA2 = 0.999f, DEFAULT_EPS = 1e-8f;

    private final ParameterSet params;
    private final Tensor[] list, m, v;
    private float lr;
    private final float beta1, beta2, eps, weightDecay;
    private long step;

    /** DESIGN's defaults: lr 1e-4, betas 0.9 / 0.999, eps 1e-8, no weight decay. */
    public Adam(ParameterSet params) {
        this(params, DEFAULT_LR, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, 0f);
    }

    public Adam(ParameterSet params, float lr, float beta1, float beta2, float eps, float weightDecay) {
        if (!(lr >= 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("adam: need lr >= 0, betas in [0, 1), eps > 0, weightDecay >= 0; got lr="
                    + lr + " betas=" + beta1 + "," + beta2 + " eps=" + eps + " weightDecay=" + weightDecay);
        }
        this.params = params;
        this.list = params.list().clone();
        this.m = new Tensor[list.length];
        this.v = new Tensor[list.length];
        for (int i = 0; i < list.length; i++) {
            m[i] = Tensor.zeros(list[i].device(), list[i].shape());
            v[i] = Tensor.zeros(list[i].device(), list[i].shape());
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    /** One update of every parameter from its accumulated gradient. */
    public void step() {
        step++;
        for (int i = 0; i < list.length; i++) {
            Tensor p = list[i];
            p.backend().adamStep(p, p.grad(), m[i], v[i], lr, beta1, beta2, eps, weightDecay, step);
        }
    }

    /** Zeroes the gradients of the parameters this optimiser updates. */
    public void zeroGrad() {
        params.zeroGrad();
    }

    public float lr() { return lr; }

    /** Learning-rate schedules change it between steps. */
    public void setLr(float lr) {
        if (!(lr >= 0)) throw new IllegalArgumentException("adam: lr must be >= 0, got " + lr);
        this.lr = lr;
    }

    public float beta1() { return beta1; }

    public float beta2() { return beta2; }

    public float eps() { return eps; }

    public float weightDecay() { return weightDecay; }

    /** Steps taken so far (PyTorch's state["step"]). */
    public long stepCount() { return step; }

    /** Restores the step count from a checkpoint. */
    public void setStepCount(long step) {
        if (step < 0) throw new IllegalArgumentException("adam: step count must be >= 0, got " + step);
        this.step = step;
    }

    /** First moment of the parameter registered as {@code name} (PyTorch's exp_avg). */
    public Tensor firstMoment(String name) { return m[indexOf(name)]; }

    /** Second moment (PyTorch's exp_avg_sq). */
    public Tensor secondMoment(String name) { return v[indexOf(name)]; }

    /** Names of the optimised parameters, in the order they are updated. */
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>(list.length);
        for (Tensor p : list) {
            for (Map.Entry<String, Tensor> e : params.parameters().entrySet()) {
                if (e.getValue() == p) {
                    names.add(e.getKey());
                    break;
                }
            }
        }
        return names;
    }

    private int indexOf(String name) {
        Tensor p = params.get(name);
        for (int i = 0; i < list.length; i++) if (list[i] == p) return i;
        throw new IllegalArgumentException("adam: '" + name + "' is not one of the optimised parameters");
    }
}
