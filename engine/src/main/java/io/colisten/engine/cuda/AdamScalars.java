package io.colisten.engine.cuda;

/**
 * The per-step scalars of the fused Adam kernel, computed on the host exactly as the CPU kernel
 * does (PyTorch semantics): 1 - beta, the bias corrections and the decoupled decay in double from
 * the decimals the caller meant (0.999f is 0.99900001287..., which would shift 1 - beta2 by 1.3e-5
 * relative), then rounded to float.
 */
record AdamScalars(float beta1, float beta2, float b1c, float b2c, float eps, float stepSize, float invSqrtBc2,
                   float decay) {
    static AdamScalars of(float lr, float beta1, float beta2, float eps, float weightDecay, long step) {
        if (step < 1) throw new IllegalArgumentException("adam.step: step counts from 1, got " + step);
        double b1 = intended(beta1), b2 = intended(beta2), lrD = intended(lr), wd = intended(weightDecay);
        return new AdamScalars(beta1, beta2, (float) (1 - b1), (float) (1 - b2), eps,
                (float) (lrD / (1 - Math.pow(b1, step))), (float) (1 / Math.sqrt(1 - Math.pow(b2, step))),
                weightDecay > 0 ? (float) (1 - lrD * wd) : 1f);
    }

    /** The shortest decimal (up to 12 fractional digits) that rounds to x, else x. */
    static double intended(float x) {
        double scale = 1;
        for (int k = 0; k <= 12; k++, scale *= 10) {
            double c = Math.rint(x * scale) / scale;
            if ((float) c == x) return c;
        }
        return x;
    }
}
