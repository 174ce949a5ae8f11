package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.SimdMath.GRAIN;
import static io.colisten.kernels.cpu.SimdMath.L;
import static io.colisten.kernels.cpu.SimdMath.S;

import jdk.incubator.vector.FloatVector;

/**
 * One fused Adam / AdamW step over n parameters, PyTorch semantics with the step counted from 1:
 * m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
 * param -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps). With weightDecay > 0 the decay is
 * decoupled (AdamW): param *= 1 - lr * weightDecay before the update. One pass over the four arrays
 * (28 bytes of traffic per parameter), so the kernel is memory-bound for any n beyond the caches.
 */
public final class Adam {
    private Adam() {}

    public static void step(float[] param, int po, float[] grad, int go, float[] m, int mo, float[] v, int vo, int n,
                            float lr, float beta1, float beta2, float eps, float weightDecay, long step) {
        run(param, po, grad, go, m, mo, v, vo, n, lr, beta1, beta2, eps, weightDecay, step, n >= 2 * GRAIN);
    }

    /**
     * The same step on the calling thread only, for a kernel that already runs in parallel parts
     * (ChunkedSoftmaxCrossEntropy's fused update): identical per element, and no task objects.
     */
    static void stepSerial(float[] param, int po, float[] grad, int go, float[] m, int mo, float[] v, int vo, int n,
                           float lr, float beta1, float beta2, float eps, float weightDecay, long step) {
        run(param, po, grad, go, m, mo, v, vo, n, lr, beta1, beta2, eps, weightDecay, step, false);
    }

    private static void run(float[] param, int po, float[] grad, int go, float[] m, int mo, float[] v, int vo, int n,
                            float lr, float beta1, float beta2, float eps, float weightDecay, long step,
                            boolean parallel) {
        String op = "adam.step";
        Check.count(op, "n", n);
        if (step < 1) throw new IllegalArgumentException(op + ": step counts from 1, got " + step);
        Check.span(op, "param", param, po, n);
        Check.span(op, "grad", grad, go, n);
        Check.span(op, "m", m, mo, n);
        Check.span(op, "v", v, vo, n);
        // PyTorch computes 1 - beta, the bias corrections and 1 - lr * wd in double from the decimal
        // values the user typed; the float arguments lost that (0.999f = 0.99900001287..., which
        // would put 1 - beta2 off by 1.3e-5 relative), so recover the decimals first.
        double b1 = intended(beta1), b2 = intended(beta2), lrD = intended(lr), wd = intended(weightDecay);
        float stepSize = (float) (lrD / (1 - Math.pow(b1, step)));
        float invSqrtBc2 = (float) (1 / Math.sqrt(1 - Math.pow(b2, step)));
        float decay = weightDecay > 0 ? (float) (1 - lrD * wd) : 1f;
        float b1c = (float) (1 - b1), b2c = (float) (1 - b2);
        if (!parallel) {
            range(param, po, grad, go, m, mo, v, vo, beta1, beta2, b1c, b2c, eps, stepSize, invSqrtBc2, decay, 0, n);
        } else {
            Parallel.forRange(n, GRAIN, (f, t) ->
                    range(param, po, grad, go, m, mo, v, vo, beta1, beta2, b1c, b2c, eps, stepSize, invSqrtBc2, decay, f, t));
        }
    }

    // Per element, in PyTorch's order: p *= decay; m = b1 m + (1-b1) g; v = b2 v + (1-b2) g g;
    // p -= stepSize * m / (sqrt(v) / sqrt(bc2) + eps). The vector body and the tail do the same
    // ops. Dividing by sqrt(bc2) is a multiply by its reciprocal: the divider is the bottleneck
    // in cache (a 16-lane divide or square root issues about once per 10-16 cycles).
    private static void range(float[] param, int po, float[] grad, int go, float[] m, int mo, float[] v, int vo,
                              float beta1, float beta2, float b1c, float b2c, float eps, float stepSize,
                              float invSqrtBc2, float decay, int from, int to) {
        int i = from;
        for (int end = to - L; i <= end; i += L) {
            FloatVector g = FloatVector.fromArray(S, grad, go + i);
            FloatVector mi = FloatVector.fromArray(S, m, mo + i).mul(beta1).add(g.mul(b1c));
            FloatVector vi = FloatVector.fromArray(S, v, vo + i).mul(beta2).add(g.mul(g).mul(b2c));
            mi.intoArray(m, mo + i);
            vi.intoArray(v, vo + i);
            FloatVector denom = vi.sqrt().mul(invSqrtBc2).add(eps);
            FloatVector p = FloatVector.fromArray(S, param, po + i).mul(decay);
            p.sub(mi.div(denom).mul(stepSize)).intoArray(param, po + i);
        }
        for (; i < to; i++) {
            float g = grad[go + i];
            float mi = m[mo + i] * beta1 + g * b1c;
            float vi = v[vo + i] * beta2 + g * g * b2c;
            m[mo + i] = mi;
            v[vo + i] = vi;
            float denom = (float) Math.sqrt(vi) * invSqrtBc2 + eps;
            param[po + i] = param[po + i] * decay - mi / denom * stepSize;
        }
    }

    /**
     * The shortest decimal (up to 12 fractional digits) that rounds to x: the value a caller who
     * wrote 0.999f meant. Allocation-free; falls back to x itself when no such decimal exists.
     */
    static double intended(float x) {
        double scale = 1;
        for (int k = 0; k <= 12; k++, scale *= 10) {
            double c = Math.rint(x * scale) / scale;
            if ((float) c == x) return c;
        }
        return x;
    }
}
