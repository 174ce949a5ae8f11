package io.colisten.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused inference stem (conv, max-pool, ReLU): bit for bit the unfused kernels' result
 * (Conv2d.forward, MaxPool2d.forward, Activations.reluForward), and within 2e-7 per term of the
 * double-precision reference. Shapes: the two real stems (ResNet-18's 7x5 s2x1 + 5x3 s4x2, three
 * bands; SmallCNN's 7x5 s2x1 + 4x2 s2x1, two bands), odd widths around a vector, channel counts
 * around the 8-channel block, the scalar pool path (strideW 3), one and several images, offsets.
 */
class ConvPoolReLUTest {
    private static final int L = ConvTapKernels.L;

    record Case(Conv2dShape c, int pkh, int pkw, int psh, int psw) {
        Pool2dShape pool() { return new Pool2dShape(c.n(), c.cOut(), c.outH(), c.outW(), pkh, pkw, psh, psw, 0, 0); }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(new Conv2dShape(1, 1, 300, 64, 64, 7, 5, 2, 1, 3, 2, 1), 5, 3, 4, 2),
                new Case(new Conv2dShape(2, 1, 300, 64, 32, 7, 5, 2, 1, 3, 2, 1), 4, 2, 2, 1),
                new Case(new Conv2dShape(3, 1, 21, L + 1, 9, 7, 5, 2, 1, 3, 2, 1), 5, 3, 4, 2),
                new Case(new Conv2dShape(2, 1, 17, L - 1, 7, 3, 3, 1, 1, 1, 1, 1), 2, 2, 2, 2),
                new Case(new Conv2dShape(1, 1, 30, 2 * L + 3, 17, 3, 5, 2, 1, 1, 2, 1), 3, 3, 2, 3),
                new Case(new Conv2dShape(2, 1, 12, 5, 8, 3, 3, 1, 1, 0, 0, 1), 2, 2, 1, 1),
                new Case(new Conv2dShape(1, 1, 40, 3 * L, 1, 5, 5, 3, 1, 2, 2, 1), 4, 2, 2, 1));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void equalsTheUnfusedKernelsAndTheReference(Case k) {
        Conv2dShape c = k.c();
        Pool2dShape p = k.pool();
        assertTrue(ConvPoolReLU.applies(c, p), k.toString());
        Random r = new Random(c.hashCode());
        int inOff = 3, wOff = 5, bOff = 2, outOff = 7;
        float[] in = random(r, inOff + c.inputSize()), w = random(r, wOff + c.weightSize()), b = random(r, bOff + c.cOut());
        float[] conv = new float[c.outputSize()], pooled = new float[p.outputSize()];
        Conv2d.forward(conv, 0, in, inOff, w, wOff, b, bOff, c);
        MaxPool2d.forward(pooled, 0, new int[p.outputSize()], conv, 0, p);
        Activations.reluForward(pooled, 0, pooled, 0, pooled.length);
        float[] out = new float[outOff + p.outputSize() + 9];
        java.util.Arrays.fill(out, Float.NaN);
        ConvPoolReLU.forward(out, outOff, in, inOff, w, wOff, b, bOff, c, p);
        for (int i = 0; i < pooled.length; i++) {
            assertEquals(Float.floatToIntBits(pooled[i]), Float.floatToIntBits(out[outOff + i]), "element " + i + " of " + k);
        }
        for (int i = 0; i < outOff; i++) assertTrue(Float.isNaN(out[i]), "wrote before the output");
        for (int i = outOff + p.outputSize(); i < out.length; i++) assertTrue(Float.isNaN(out[i]), "wrote past the output");
        // Double reference: conv, pool, relu; error bound 2e-7 per term of sum |w x|.
        double[] ref = PoolReference.maxForward(Conv2dReference.forward(slice(in, inOff, c.inputSize()),
                slice(w, wOff, c.weightSize()), slice(b, bOff, c.cOut()), c), new int[p.outputSize()], p);
        double tol = 2e-7 * (c.kh() * c.kw() + 1) * 4;
        for (int i = 0; i < ref.length; i++) assertEquals(Math.max(ref[i], 0), out[outOff + i], tol, "element " + i);
    }

    @Test
    void withoutBiasAndWithNaN() {
        Conv2dShape c = new Conv2dShape(2, 1, 24, L + 5, 11, 7, 5, 2, 1, 3, 2, 1);
        Pool2dShape p = new Pool2dShape(2, 11, c.outH(), c.outW(), 5, 3, 4, 2, 0, 0);
        Random r = new Random(11);
        float[] in = random(r, c.inputSize()), w = random(r, c.weightSize());
        in[5 * c.w() + 7] = Float.NaN;
        float[] conv = new float[c.outputSize()], pooled = new float[p.outputSize()], out = new float[p.outputSize()];
        Conv2d.forward(conv, 0, in, 0, w, 0, null, 0, c);
        MaxPool2d.forward(pooled, 0, new int[p.outputSize()], conv, 0, p);
        Activations.reluForward(pooled, 0, pooled, 0, pooled.length);
        ConvPoolReLU.forward(out, 0, in, 0, w, 0, null, 0, c, p);
        int nans = 0;
        for (int i = 0; i < out.length; i++) {
            assertEquals(Float.isNaN(pooled[i]), Float.isNaN(out[i]), "NaN at " + i);
            if (Float.isNaN(out[i])) nans++;
            else assertEquals(Float.floatToIntBits(pooled[i]), Float.floatToIntBits(out[i]), "element " + i);
        }
        assertTrue(nans > 0, "the NaN must reach some outputs");
    }

    @Test
    void rejectsShapesItDoesNotTake() {
        Conv2dShape two = new Conv2dShape(1, 2, 20, 20, 8, 3, 3, 1, 1, 1, 1, 1);
        Conv2dShape strided = new Conv2dShape(1, 1, 20, 20, 8, 3, 3, 1, 2, 1, 1, 1);
        Conv2dShape ok = new Conv2dShape(1, 1, 20, 20, 8, 3, 3, 1, 1, 1, 1, 1);
        for (Conv2dShape c : List.of(two, strided)) {
            assertFalse(ConvPoolReLU.applies(c, new Pool2dShape(1, 8, c.outH(), c.outW(), 2, 2, 2, 2, 0, 0)), c.toString());
        }
        Pool2dShape padded = new Pool2dShape(1, 8, 20, 20, 3, 3, 2, 2, 1, 1);
        Pool2dShape wrongPlane = new Pool2dShape(1, 8, 19, 20, 2, 2, 2, 2, 0, 0);
        assertFalse(ConvPoolReLU.applies(ok, padded));
        assertFalse(ConvPoolReLU.applies(ok, wrongPlane));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConvPoolReLU.forward(new float[2000],
                0, new float[400], 0, new float[72], 0, null, 0, ok, padded));
        assertTrue(e.getMessage().contains("unsupported"), e.getMessage());
        Pool2dShape fine = new Pool2dShape(1, 8, 20, 20, 2, 2, 2, 2, 0, 0);
        e = assertThrows(IllegalArgumentException.class, () -> ConvPoolReLU.forward(new float[10], 0, new float[400], 0,
                new float[72], 0, null, 0, ok, fine));
        assertTrue(e.getMessage().contains("out"), e.getMessage());
    }

    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian();
        return a;
    }

    private static double[] slice(float[] a, int off, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = a[off + i];
        return d;
    }
}
