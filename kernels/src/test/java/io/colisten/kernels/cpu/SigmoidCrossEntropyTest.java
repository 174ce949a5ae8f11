package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.TestArrays.assertClose;
import static io.colisten.kernels.cpu.TestArrays.assertUntouchedOutside;
import static io.colisten.kernels.cpu.TestArrays.gaussian;
import static io.colisten.kernels.cpu.TestArrays.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Binary cross-entropy on logits against the textbook -y log s - (1 - y) log(1 - s) in double
 * (tolerance 1e-6 absolute + 1e-6 relative: the kernel rounds to float), its gradient against
 * central differences of that reference (1e-5 + 1e-4 relative), with offsets, and its stability
 * at large |z|.
 */
class SigmoidCrossEntropyTest {
    static double reference(double z, double y) {
        double s = 1 / (1 + Math.exp(-z));
        return -y * Math.log(s) - (1 - y) * Math.log(1 - s);
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {0, 1, 15, 16, 17, 100})
    void matchesReferenceAndFiniteDifferences(int n) {
        SplittableRandom rnd = new SplittableRandom(n + 11L);
        float[] z = gaussian(rnd, 3, n, 3), y = uniform(rnd, 5, n), loss = uniform(rnd, 2, n);
        for (int i = 0; i < n; i++) y[5 + i] = i % 3 == 0 ? 0.5f * (y[5 + i] + 1) : (i % 3 == 1 ? 1f : 0f);
        float[] before = loss.clone();
        double[] want = new double[n];
        for (int i = 0; i < n; i++) want[i] = reference(z[3 + i], y[5 + i]);
        SigmoidCrossEntropy.forward(loss, 2, z, 3, y, 5, n);
        assertClose("forward", want, loss, 2, 1e-6, 1e-6);
        assertUntouchedOutside("forward", before, loss, 2, n);

        float[] g = uniform(rnd, 1, n), dz = uniform(rnd, 4, n);
        float[] dBefore = dz.clone();
        double[] grad = new double[n];
        double h = 1e-5;
        for (int i = 0; i < n; i++) {
            double fd = (reference(z[3 + i] + h, y[5 + i]) - reference(z[3 + i] - h, y[5 + i])) / (2 * h);
            grad[i] = dz[4 + i] + g[1 + i] * fd;
        }
        SigmoidCrossEntropy.backward(dz, 4, g, 1, z, 3, y, 5, n);
        assertClose("backward", grad, dz, 4, 1e-5, 1e-4);
        assertUntouchedOutside("backward", dBefore, dz, 4, n);
    }

    @Test
    void stableAtLargeLogits() {
        float[] z = {1000f, -1000f, 80f, -80f}, y = {1f, 0f, 0f, 1f}, loss = new float[4], dz = new float[4];
        SigmoidCrossEntropy.forward(loss, 0, z, 0, y, 0, 4);
        assertEquals(0f, loss[0]);
        assertEquals(0f, loss[1]);
        assertEquals(80f, loss[2], 1e-5);
        assertEquals(80f, loss[3], 1e-5);
        SigmoidCrossEntropy.backward(dz, 0, new float[] {1, 1, 1, 1}, 0, z, 0, y, 0, 4);
        assertEquals(0f, dz[0]);
        assertEquals(0f, dz[1]);
        assertEquals(1f, dz[2], 1e-6);
        assertEquals(-1f, dz[3], 1e-6);
    }
}
