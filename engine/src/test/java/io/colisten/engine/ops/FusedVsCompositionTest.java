package io.colisten.engine.ops;

import io.colisten.engine.Tensor;
import io.colisten.engine.random.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fused ops against the same function composed from primitives: forward and gradients must agree.
 * Tolerance |a - b| <= 1e-5 + 1e-4 |b| (both sides are float32; only summation order differs).
 */
class FusedVsCompositionTest {
    private static final double ATOL = 1e-5, RTOL = 1e-4;

    private final Rng rng = new Rng(11);

    private Tensor randn(boolean grad, int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rng.nextGaussian();
        return Tensor.of(v, shape).requiresGrad(grad);
    }

    private Tensor projection(Tensor like) {
        return randn(false, like.shape());
    }

    @Test
    void linearEqualsMatmulPlusRowBias() {
        Tensor x = randn(true, 6, 9), w = randn(true, 4, 9), b = randn(true, 4);
        Tensor x2 = copyLeaf(x), w2 = copyLeaf(w), b2 = copyLeaf(b);
        Tensor fused = Ops.linear(x, w, b);
        Tensor composed = Ops.addRowBias(Ops.matmul(x2, w2, false, true), b2);
        close("linear forward", fused.toArray(), composed.toArray());
        Tensor r = projection(fused);
        Ops.sum(Ops.mul(fused, r)).backward();
        Ops.sum(Ops.mul(composed, r)).backward();
        close("d x", x.grad().toArray(), x2.grad().toArray());
        close("d weight", w.grad().toArray(), w2.grad().toArray());
        close("d bias", b.grad().toArray(), b2.grad().toArray());
    }

    @Test
    void convBiasEqualsConvPlusChannelBias() {
        Tensor x = randn(true, 2, 3, 7, 6), w = randn(true, 4, 3, 3, 3), b = randn(true, 4);
        Tensor x2 = copyLeaf(x), w2 = copyLeaf(w), b2 = copyLeaf(b);
        Tensor fused = Ops.conv2d(x, w, b, 2, 1, 1, 1, 1);
        Tensor composed = Ops.addChannelBias(Ops.conv2d(x2, w2, null, 2, 1, 1, 1, 1), b2);
        close("conv forward", fused.toArray(), composed.toArray());
        Tensor r = projection(fused);
        Ops.sum(Ops.mul(fused, r)).backward();
        Ops.sum(Ops.mul(composed, r)).backward();
        close("d x", x.grad().toArray(), x2.grad().toArray());
        close("d weight", w.grad().toArray(), w2.grad().toArray());
        close("d bias", b.grad().toArray(), b2.grad().toArray());
    }

    @Test
    void pointwiseConvEqualsLinear() {
        // A 1x1 convolution over 1x1 planes is a linear layer: [n, c, 1, 1] with weight [o, c, 1, 1].
        Tensor x = randn(true, 5, 7, 1, 1), w = randn(true, 3, 7, 1, 1), b = randn(true, 3);
        Tensor x2 = copyLeaf(x), w2 = copyLeaf(w), b2 = copyLeaf(b);
        Tensor conv = Ops.flatten(Ops.conv2d(x, w, b, 1, 1, 0, 0, 1));
        Tensor lin = Ops.linear(Ops.flatten(x2), Ops.reshape(w2, 3, 7), b2);
        close("forward", conv.toArray(), lin.toArray());
        Tensor r = projection(conv);
        Ops.sum(Ops.mul(conv, r)).backward();
        Ops.sum(Ops.mul(lin, r)).backward();
        close("d x", x.grad().toArray(), x2.grad().toArray());
        close("d weight", w.grad().toArray(), w2.grad().toArray());
        close("d bias", b.grad().toArray(), b2.grad().toArray());
    }

    @Test
    void sigmoidCrossEntropyIsATwoWayLogSoftmax() {
        // log s(z) and log s(-z) are the log-softmax of the pair (z / 2, -z / 2): the loss
        // -(y log s(z) + (1 - y) log s(-z)) composed from matmul, reshape, logSoftmax, mul.
        int rows = 5, cols = 7, n = rows * cols;
        Tensor z = randn(true, rows, cols), z2 = copyLeaf(z);
        float[] y = new float[n], pair = new float[2 * n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 4 == 0 ? 0.25f : i % 3 == 0 ? 1f : 0f;
            pair[2 * i] = y[i];
            pair[2 * i + 1] = 1 - y[i];
        }
        Tensor fused = Ops.sigmoidCrossEntropy(z, Tensor.of(y, rows, cols));
        Tensor halves = Ops.matmul(Ops.reshape(z2, n, 1), Tensor.of(new float[] {0.5f, -0.5f}, 1, 2));
        Tensor perPair = Ops.mul(Ops.logSoftmax(halves), Tensor.of(pair, n, 2));
        Tensor composed = Ops.scale(Ops.matmul(perPair, Tensor.of(new float[] {1, 1}, 2, 1)), -1f);
        close("sigmoid xent forward", fused.toArray(), composed.toArray());
        Tensor r = projection(fused);
        Ops.sum(Ops.mul(fused, r)).backward();
        Ops.sum(Ops.mul(Ops.reshape(composed, rows, cols), r)).backward();
        close("d logits", z.grad().toArray(), z2.grad().toArray());
    }

    @Test
    void logSoftmaxIsLogOfSoftmax() {
        Tensor x = randn(true, 4, 9), x2 = copyLeaf(x);
        Tensor ls = Ops.logSoftmax(x), s = Ops.softmax(x2);
        float[] lsv = ls.toArray(), sv = s.toArray();
        float[] expLs = new float[lsv.length];
        for (int i = 0; i < lsv.length; i++) expLs[i] = (float) Math.exp(lsv[i]);
        close("exp(logSoftmax) vs softmax", expLs, sv);
        // d/dx sum(r log softmax(x)) = softmax's backward applied to r / softmax(x) (chain rule).
        Tensor r = projection(ls);
        float[] rv = r.toArray(), rOverS = new float[rv.length];
        for (int i = 0; i < rv.length; i++) rOverS[i] = rv[i] / sv[i];
        Ops.sum(Ops.mul(ls, r)).backward();
        Ops.sum(Ops.mul(s, Tensor.of(rOverS, s.shape()))).backward();
        close("d x", x.grad().toArray(), x2.grad().toArray());
    }

    @Test
    void meanIsScaledSum() {
        Tensor x = randn(true, 3, 5), x2 = copyLeaf(x);
        Tensor m = Ops.mean(x), s = Ops.scale(Ops.sum(x2), 1f / 15);
        close("mean", m.toArray(), s.toArray());
        m.backward();
        s.backward();
        close("d x", x.grad().toArray(), x2.grad().toArray());
    }

    private static Tensor copyLeaf(Tensor t) {
        return Tensor.of(t.toArray(), t.shape()).requiresGrad(t.requiresGrad());
    }

    private static void close(String what, float[] a, float[] b) {
        assertTrue(a.length == b.length, what + ": lengths " + a.length + " vs " + b.length);
        for (int i = 0; i < a.length; i++) {
            assertTrue(Math.abs(a[i] - b[i]) <= ATOL + RTOL * Math.abs(b[i]),
                    what + " differs at " + i + ": " + a[i] + " vs " + b[i]);
        }
    }
}
