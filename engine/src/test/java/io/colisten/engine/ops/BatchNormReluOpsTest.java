package io.colisten.engine.ops;

import io.colisten.engine.Device;
import io.colisten.engine.StepScope;
import io.colisten.engine.Tensor;
import io.colisten.engine.random.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused training ops against batchNorm2d(training) -> relu [-> maxPool2d], exactly (as float
 * values: the fused backward may write -0 where the composition adds 0 + -0): outputs, running
 * statistics and the gradients of the input, gamma and beta. The input is an intermediate (x = 1 * leaf) so
 * that the in-place paths run (the output gradient handed down, the pool's transient buffer
 * adopted), and it is also read by a second op recorded before or after, so that the gradient
 * arrives first or second (accumulating into an existing gradient). Also inside a step scope, where the
 * buffers are pooled: a second step creates none.
 */
class BatchNormReluOpsTest {
    private static final float EPS = 1e-5f, MOMENTUM = 0.1f;
    private final Rng rng = new Rng(5);

    private Tensor randn(boolean grad, int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (rng.nextGaussian() + 0.2);
        return Tensor.of(v, shape).requiresGrad(grad);
    }

    private static Tensor leafCopy(Tensor t) {
        return Tensor.of(t.toArray(), t.shape()).requiresGrad(t.requiresGrad());
    }

    /** Runs the op under test (fused or composed) and returns {output, dx, dGamma, dBeta, running mean, running var}. */
    private static float[][] run(boolean fused, boolean pool, int otherOrder, Tensor x0, Tensor gamma0, Tensor beta0, Tensor r) {
        Tensor x = leafCopy(x0), gamma = leafCopy(gamma0), beta = leafCopy(beta0);
        int c = x.dim(1);
        Tensor rm = Tensor.zeros(c), rv = Tensor.zeros(c);
        rv.copyFrom(ones(c));
        Tensor xi = Ops.scale(x, 1f);
        Tensor other = otherOrder < 0 ? Ops.sum(Ops.mul(xi, xi)) : null;
        Tensor y;
        if (fused) {
            y = pool ? BatchNormReluOps.batchNormReLUMaxPool(xi, gamma, beta, rm, rv, MOMENTUM, EPS, 4, 2, 2, 1, 0, 0)
                    : BatchNormReluOps.batchNormReLU(xi, gamma, beta, rm, rv, MOMENTUM, EPS);
        } else {
            y = Ops.relu(Ops.batchNorm2d(xi, gamma, beta, rm, rv, true, MOMENTUM, EPS));
            if (pool) y = Ops.maxPool2d(y, 4, 2, 2, 1, 0, 0);
        }
        if (otherOrder > 0) other = Ops.sum(Ops.mul(xi, xi));
        Tensor loss = Ops.sum(Ops.mul(y, r));
        if (other != null) loss = Ops.add(loss, Ops.scale(other, 0.01f));
        loss.backward();
        return new float[][] {y.toArray(), x.grad().toArray(), gamma.grad().toArray(), beta.grad().toArray(),
                rm.toArray(), rv.toArray()};
    }

    private static float[] ones(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 1f);
        return a;
    }

    @Test
    void fusedEqualsComposition() {
        String[] names = {"output", "d x", "d gamma", "d beta", "running mean", "running var"};
        for (boolean pool : new boolean[] {false, true}) {
            for (int order = -1; order <= 1; order++) {
                Tensor x = randn(true, 3, 5, 11, 17), gamma = randn(true, 5), beta = randn(true, 5);
                int[] yShape = pool ? new int[] {3, 5, 4, 16} : x.shape();
                Tensor r = randn(false, yShape);
                float[][] fused = run(true, pool, order, x, gamma, beta, r), plain = run(false, pool, order, x, gamma, beta, r);
                for (int k = 0; k < names.length; k++) {
                    assertEquals(plain[k].length, fused[k].length, names[k]);
                    for (int i = 0; i < plain[k].length; i++) {
                        assertEquals(plain[k][i], fused[k][i], 0f, "pool " + pool + ", other op " + order + ": " + names[k] + " at " + i);
                    }
                }
            }
        }
    }

    @Test
    void steadyStateStepCreatesNoBuffers() {
        Tensor x = randn(true, 2, 4, 9, 8), gamma = randn(true, 4), beta = randn(true, 4), r = randn(false, 2, 4, 3, 7);
        long created = 0;
        for (int step = 0; step < 3; step++) {
            if (step == 2) created = Device.CPU.backend().pooledBuffersCreated();
            try (StepScope s = StepScope.open()) {
                Tensor y = BatchNormReluOps.batchNormReLUMaxPool(Ops.scale(x, 1f), gamma, beta, null, null, MOMENTUM, EPS, 4, 2, 2, 1, 0, 0);
                Ops.sum(Ops.mul(y, r)).backward();
            }
        }
        assertEquals(created, Device.CPU.backend().pooledBuffersCreated(), "buffers created by a steady-state step");
        assertTrue(x.grad() != null && gamma.grad() != null && beta.grad() != null);
    }

    @Test
    void badInputNamesTheOp() {
        Tensor x = randn(true, 2, 4, 9, 8), gamma = randn(true, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchNormReluOps.batchNormReLU(x, gamma, null, null, null, MOMENTUM, EPS));
        assertTrue(e.getMessage().startsWith("batchNormReLU: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BatchNormReluOps.batchNormReLUMaxPool(x, null, null, null, null, MOMENTUM, EPS, 12, 2, 2, 1, 0, 0));
        assertTrue(e.getMessage().startsWith("batchNormReLUMaxPool: "), e.getMessage());
    }
}
