package io.colisten.kernels.cpu;

/**
 * Element-wise binary cross-entropy on logits (the multi-label loss of the downstream probes,
 * PyTorch's {@code binary_cross_entropy_with_logits} without reduction): for logit z and target y
 * in [0, 1], loss = -y log s(z) - (1 - y) log(1 - s(z)) with s the logistic sigmoid, evaluated in
 * the stable form max(z, 0) - z y + log1p(exp(-|z|)) (no overflow for any finite z). Its gradient
 * in z is s(z) - y. Scalar loops in float with the transcendental functions in double: the probes
 * that use it are tiny next to the networks, and the result is exactly reproducible.
 */
public final class SigmoidCrossEntropy {
    private SigmoidCrossEntropy() {}

    /** loss[i] = max(z, 0) - z y + log1p(exp(-|z|)) for z = logits[i], y = targets[i], i < n. */
    public static void forward(float[] loss, int lo, float[] logits, int zo, float[] targets, int yo, int n) {
        Check.count("sigmoidXentForward", "n", n);
        Check.span("sigmoidXentForward", "loss", loss, lo, n);
        Check.span("sigmoidXentForward", "logits", logits, zo, n);
        Check.span("sigmoidXentForward", "targets", targets, yo, n);
        for (int i = 0; i < n; i++) {
            double z = logits[zo + i];
            loss[lo + i] = (float) (Math.max(z, 0) - z * targets[yo + i] + Math.log1p(Math.exp(-Math.abs(z))));
        }
    }

    /** dLogits[i] += dLoss[i] (s(z_i) - y_i): backward adds into the gradient. */
    public static void backward(float[] dLogits, int dzo, float[] dLoss, int dlo, float[] logits, int zo, float[] targets,
                                int yo, int n) {
        Check.count("sigmoidXentBackward", "n", n);
        Check.span("sigmoidXentBackward", "dLogits", dLogits, dzo, n);
        Check.span("sigmoidXentBackward", "dLoss", dLoss, dlo, n);
        Check.span("sigmoidXentBackward", "logits", logits, zo, n);
        Check.span("sigmoidXentBackward", "targets", targets, yo, n);
        for (int i = 0; i < n; i++) {
            dLogits[dzo + i] += (float) (dLoss[dlo + i] * (sigmoid(logits[zo + i]) - targets[yo + i]));
        }
    }

    /** 1 / (1 + exp(-z)), written so that exp never overflows. */
    static double sigmoid(double z) {
        if (z >= 0) return 1 / (1 + Math.exp(-z));
        double e = Math.exp(z);
        return e / (1 + e);
    }
}
