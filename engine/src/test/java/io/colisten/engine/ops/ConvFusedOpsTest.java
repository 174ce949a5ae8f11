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
 * conv2dRelu: under NoGrad the backend's fused pass, bit-identical to conv2d -> (add) -> relu; when
 * recording, those ops (gradients reach the residual and the weight); a residual of the wrong shape
 * is named.
 * <p>conv2dMaxPoolRelu: under NoGrad the fused kernel (the CPU backend fuses one-input-channel stems),
 * bit-identical to conv2d -> maxPool2d -> relu; when recording, the three ops themselves, so the
 * gradient reaches the weights; shapes the backend does not fuse (several input channels) compose
 * the ops under NoGrad too.
 */
class ConvFusedOpsTest {
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

    @Test
    void conv2dReluEqualsTheComposition() {
        // Winograd (3x3, 16 channels), lane per image (strided, 16 images), and a shape with no fused path.
        checkRelu(randn(2, 16, 9, 7), randn(16, 16, 3, 3), randn(16), 1, 1);
        checkRelu(randn(16, 8, 9, 8), randn(8, 8, 3, 3), null, 2, 1);
        checkRelu(randn(2, 3, 9, 8), randn(4, 3, 3, 3), randn(4), 1, 1);
    }

    private void checkRelu(Tensor x, Tensor w, Tensor b, int stride, int pad) {
        Tensor y0 = Ops.conv2d(x, w, b, stride, stride, pad, pad, 1);
        Tensor res = randn(y0.shape());
        float[] composed, fused, composedNoRes, fusedNoRes;
        try (NoGrad ng = NoGrad.enter()) {
            composed = Ops.relu(Ops.add(Ops.conv2d(x, w, b, stride, stride, pad, pad, 1), res)).toArray();
            fused = Ops.conv2dRelu(x, w, b, stride, stride, pad, pad, 1, res).toArray();
            composedNoRes = Ops.relu(Ops.conv2d(x, w, b, stride, stride, pad, pad, 1)).toArray();
            fusedNoRes = Ops.conv2dRelu(x, w, b, stride, stride, pad, pad, 1, null).toArray();
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> Ops.conv2dRelu(x, w, b, stride, stride, pad, pad, 1, randn(1, 2, 3, 4)));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("residual"), e.getMessage());
        }
        assertArrayEquals(composed, fused);
        assertArrayEquals(composedNoRes, fusedNoRes);
        Tensor resG = Tensor.of(res.toArray(), res.shape()).requiresGrad(true);
        Tensor wg = Tensor.of(w.toArray(), w.shape()).requiresGrad(true);
        Tensor recorded = Ops.conv2dRelu(x, wg, b, stride, stride, pad, pad, 1, resG);
        assertArrayEquals(Ops.relu(Ops.add(Ops.conv2d(x, wg, b, stride, stride, pad, pad, 1), resG)).toArray(), recorded.toArray());
        Ops.sum(recorded).backward();
        assertNotNull(resG.grad());
        assertNotNull(wg.grad());
        Graph.clearTape();
    }
}
