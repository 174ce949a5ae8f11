package io.colisten.engine.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colisten.engine.NoGrad;
import io.colisten.engine.Tensor;
import io.colisten.engine.random.Rng;
import io.colisten.kernels.cpu.Conv2d;
import io.colisten.kernels.cpu.Conv2dShape;
import org.junit.jupiter.api.Test;

/**
 * conv2d takes the kernels' inference forward (Winograd where it applies) only when nothing records:
 * a recorded forward is bit-identical to {@link Conv2d#forward} (the paths the backward kernels
 * mirror), an unrecorded one to {@link Conv2d#forwardInference}; the two agree to 1e-5 K, K the
 * number of products per output (Winograd rounding grows with the sum of |w x|; inputs N(0, 1)).
 */
class ConvInferencePathTest {
    private final Rng rng = new Rng(5);

    private float[] randn(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rng.nextGaussian();
        return v;
    }

    @Test
    void recordedForwardIsExactAndInferenceForwardIsTheTransform() {
        // 5-wide kernels (SmallCNN) and 3x3 (ResNet): both take a Winograd transform in inference.
        check(new Conv2dShape(2, 8, 6, 36, 5, 3, 5, 2, 1, 1, 2, 1));
        check(new Conv2dShape(3, 16, 7, 9, 16, 3, 3, 1, 1, 1, 1, 1));
    }

    private void check(Conv2dShape s) {
        float[] xv = randn(s.inputSize()), wv = randn(s.weightSize()), bv = randn(s.cOut());
        float[] exact = new float[s.outputSize()], fast = new float[s.outputSize()];
        Conv2d.forward(exact, 0, xv, 0, wv, 0, bv, 0, s);
        Conv2d.forwardInference(fast, 0, xv, 0, wv, 0, bv, 0, s);
        double tol = 1e-5 * s.cIn() * s.kh() * s.kw();
        for (int i = 0; i < exact.length; i++)
            assertTrue(Math.abs(exact[i] - fast[i]) <= tol, s + ": element " + i + " " + exact[i] + " vs " + fast[i]);

        Tensor w = Tensor.of(wv.clone(), s.cOut(), s.cIn(), s.kh(), s.kw()).requiresGrad(true);
        Tensor b = Tensor.of(bv.clone(), s.cOut()).requiresGrad(true);
        Tensor x = Tensor.of(xv.clone(), s.n(), s.cIn(), s.h(), s.w());
        Tensor recorded = Ops.conv2d(x, w, b, s.strideH(), s.strideW(), s.padH(), s.padW(), 1);
        assertArrayEquals(exact, recorded.toArray(), "recorded forward " + s);
        try (NoGrad ng = NoGrad.enter()) {
            Tensor inference = Ops.conv2d(x, w, b, s.strideH(), s.strideW(), s.padH(), s.padW(), 1);
            assertArrayEquals(fast, inference.toArray(), "forward under NoGrad " + s);
        }
    }
}
