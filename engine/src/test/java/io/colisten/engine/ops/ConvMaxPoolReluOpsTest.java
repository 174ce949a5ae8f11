package io.colisten.engine.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.colisten.engine.Graph;
import io.colisten.engine.NoGrad;
import io.colisten.engine.Tensor;
import io.colisten.engine.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * conv2dMaxPoolRelu: under NoGrad the fused kernel (the CPU backend fuses one-input-channel stems),
 * bit-identical to conv2d -> maxPool2d -> relu; when recording, the three ops themselves, so the
 * gradient reaches the weights; shapes the backend does not fuse (several input channels) compose
 * the ops under NoGrad too.
 */
class ConvMaxPoolReluOpsTest {
    private final Rng rng = new Rng(9);

    private Tensor randn(int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rng.nextGaussian();
        return Tensor.of(v, shape);
    }

    @Test
    void fusedUnderNoGradEqualsTheComposition() {
        check(randn(2, 1, 40, 20), randn(9, 1, 7, 5), randn(9), 5, 3, 4, 2);   // fused (one input channel)
        check(randn(2, 3, 12, 20), randn(8, 3, 3, 3), null, 2, 2, 2, 2);       // composed
    }

    private void check(Tensor x, Tensor w, Tensor b, int pkh, int pkw, int psh, int psw) {
        int ph = w.dim(2) / 2, pw = w.dim(3) / 2;
        float[] composed, fused;
        try (NoGrad ng = NoGrad.enter()) {
            Tensor y = Ops.maxPool2d(Ops.conv2d(x, w, b, 2, 1, ph, pw, 1), pkh, pkw, psh, psw, 0, 0);
            composed = Ops.relu(y).toArray();
            fused = Ops.conv2dMaxPoolRelu(x, w, b, 2, 1, ph, pw, 1, pkh, pkw, psh, psw).toArray();
        }
        assertArrayEquals(composed, fused);
        // Recorded: the ops of the composition (exact conv path), and gradients flow to the weight.
        Tensor wg = Tensor.of(w.toArray(), w.shape()).requiresGrad(true);
        Tensor recorded = Ops.conv2dMaxPoolRelu(x, wg, b, 2, 1, ph, pw, 1, pkh, pkw, psh, psw);
        float[] exact = Ops.relu(Ops.maxPool2d(Ops.conv2d(x, wg, b, 2, 1, ph, pw, 1), pkh, pkw, psh, psw, 0, 0)).toArray();
        assertArrayEquals(exact, recorded.toArray());
        Ops.sum(recorded).backward();
        assertNotNull(wg.grad());
        assertEquals(w.size(), wg.grad().size());
        Graph.clearTape();
    }
}
