package io.colisten.kernels.cpu;

/**
 * One fused Adam / AdamW step over n parameters, PyTorch semantics with the step counted from 1:
 * m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
 * param -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps). With weightDecay > 0 the decay is
 * decoupled (AdamW): param *= 1 - lr * weightDecay before the update.
 */
public final class Adam {
    private Adam() {}

    public static void step(float[] param, int po, float[] grad, int go, float[] m, int mo, float[] v, int vo, int n,
                            float lr, float beta1, float beta2, float eps, float weightDecay, long step) {
        String op = "adam.step";
        Check.count(op, "n", n);
        if (step < 1) throw new IllegalArgumentException(op + ": step counts from 1, got " + step);
        Check.span(op, "param", param, po, n);
        Check.span(op, "grad", grad, go, n);
        Check.span(op, "m", m, mo, n);
        Check.span(op, "v", v, vo, n);
        double bc1 = 1 - Math.pow(beta1, step), bc2 = 1 - Math.pow(beta2, step);
        float stepSize = (float) (lr / bc1);
        float rsqrtBc2 = (float) (1 / Math.sqrt(bc2));
        float decay = weightDecay > 0 ? 1f - lr * weightDecay : 1f;
        float b1c = 1f - beta1, b2c = 1f - beta2;
        for (int i = 0; i < n; i++) {
            float g = grad[go + i];
            float mi = beta1 * m[mo + i] + b1c * g;
            float vi = beta2 * v[vo + i] + b2c * g * g;
            m[mo + i] = mi;
            v[vo + i] = vi;
            float denom = (float) Math.sqrt(vi) * rsqrtBc2 + eps;
            param[po + i] = param[po + i] * decay - stepSize * mi / denom;
        }
    }
}
