package io.colisten.engine.random;

import io.colisten.engine.Tensor;

/**
 * Seeded initialisers with PyTorch's distributions (not its random streams): values are drawn on
 * the host in row-major order and uploaded, so the same seed gives the same tensors on any device.
 * fan_in is size / dim(0): in for a linear weight [out, in], (cIn / groups) kh kw for a
 * convolution weight [cOut, cIn / groups, kh, kw], as in torch.nn.init.
 */
public final class Init {
    private Init() {}

    public static int fanIn(Tensor weight) {
        if (weight.rank() < 2) {
            throw new IllegalArgumentException("init: fan_in needs a weight of rank >= 2, got " + weight);
        }
        return weight.size() / weight.dim(0);
    }

    /** He / Kaiming normal, fan_in mode, gain sqrt(2) (ReLU): N(0, 2 / fan_in). For convolutions. */
    public static void kaimingNormal(Tensor weight, Rng rng) {
        normal(weight, Math.sqrt(2.0 / fanIn(weight)), rng);
    }

    /** N(0, std^2). */
    public static void normal(Tensor t, double std, Rng rng) {
        float[] v = new float[t.size()];
        for (int i = 0; i < v.length; i++) v[i] = (float) (std * rng.nextGaussian());
        t.copyFrom(v);
    }

    /** U(-bound, bound). */
    public static void uniform(Tensor t, double bound, Rng rng) {
        float[] v = new float[t.size()];
        for (int i = 0; i < v.length; i++) v[i] = (float) rng.uniform(-bound, bound);
        t.copyFrom(v);
    }

    /**
     * nn.Linear's default: weight kaiming_uniform_(a = sqrt(5)), which is U(-1/sqrt(fan_in),
     * 1/sqrt(fan_in)), and bias (may be null) from the same interval. Weight first, then bias.
     */
    public static void linearDefault(Tensor weight, Tensor bias, Rng rng) {
        double bound = 1.0 / Math.sqrt(fanIn(weight));
        uniform(weight, bound, rng);
        if (bias != null) uniform(bias, bound, rng);
    }

    /** A convolution's bias as PyTorch's default: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) of its weight's fan_in. */
    public static void convBias(Tensor bias, Tensor weight, Rng rng) {
        uniform(bias, 1.0 / Math.sqrt(fanIn(weight)), rng);
    }

    /** Batch norm: gamma 1, beta 0, running mean 0, running variance 1 (any may be null). */
    public static void batchNorm(Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar) {
        if (gamma != null) gamma.backend().fill(gamma, 1f);
        if (beta != null) beta.backend().fill(beta, 0f);
        if (runningMean != null) runningMean.backend().fill(runningMean, 0f);
        if (runningVar != null) runningVar.backend().fill(runningVar, 1f);
    }
}
