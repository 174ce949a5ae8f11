package io.colisten.engine.random;

import io.colisten.engine.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generator's determinism and the initialisers' distributions (PyTorch's, fan_in mode). */
class RngInitTest {
    @Test
    void sameSeedSameStream() {
        Rng a = new Rng(123), b = new Rng(123), c = new Rng(124);
        boolean differs = false;
        for (int i = 0; i < 1000; i++) {
            long x = a.nextLong();
            assertEquals(x, b.nextLong());
            differs |= x != c.nextLong();
        }
        assertTrue(differs);
        assertEquals(new Rng(5).fork().nextLong(), new Rng(5).fork().nextLong());
    }

    @Test
    void uniformAndIntegerRanges() {
        Rng r = new Rng(9);
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) {
            double d = r.nextDouble();
            float f = r.nextFloat();
            assertTrue(d >= 0 && d < 1 && f >= 0 && f < 1);
            counts[r.nextInt(7)]++;
        }
        for (int c : counts) assertTrue(Math.abs(c - 10_000) < 500, "bucket " + c);
    }

    @Test
    void gaussianMoments() {
        Rng r = new Rng(77);
        int n = 200_000;
        double s = 0, q = 0, k4 = 0;
        for (int i = 0; i < n; i++) {
            double x = r.nextGaussian();
            s += x;
            q += x * x;
            k4 += x * x * x * x;
        }
        assertEquals(0, s / n, 0.01);
        assertEquals(1, q / n, 0.02);
        assertEquals(3, k4 / n, 0.1, "fourth moment of a normal");
    }

    @Test
    void kaimingNormalForConvolutions() {
        Tensor w = Tensor.zeros(64, 16, 7, 5);
        Init.kaimingNormal(w, new Rng(1));
        assertEquals(16 * 7 * 5, Init.fanIn(w));
        double std = Math.sqrt(2.0 / (16 * 7 * 5));
        float[] v = w.toArray();
        double s = 0, q = 0;
        for (float x : v) {
            s += x;
            q += x * x;
        }
        assertEquals(0, s / v.length, 0.02 * std);
        assertEquals(std, Math.sqrt(q / v.length), 0.02 * std);
    }

    @Test
    void linearDefaultIsUniformOverOneOverSqrtFanIn() {
        Tensor w = Tensor.zeros(128, 100), b = Tensor.zeros(128);
        Init.linearDefault(w, b, new Rng(2));
        double bound = 1 / Math.sqrt(100);
        double q = 0;
        float[] v = w.toArray();
        for (float x : v) {
            assertTrue(Math.abs(x) <= bound);
            q += x * x;
        }
        assertEquals(bound * bound / 3, q / v.length, 0.03 * bound * bound / 3);
        for (float x : b.toArray()) assertTrue(Math.abs(x) <= bound);
        assertNotEquals(0f, b.get(0));
    }

    @Test
    void batchNormDefaultsAndDeterminism() {
        Tensor g = Tensor.zeros(3), be = Tensor.of(new float[] {1, 2, 3}, 3), m = Tensor.zeros(3), var = Tensor.zeros(3);
        Init.batchNorm(g, be, m, var);
        assertArrayEquals(new float[] {1, 1, 1}, g.toArray());
        assertArrayEquals(new float[] {0, 0, 0}, be.toArray());
        assertArrayEquals(new float[] {0, 0, 0}, m.toArray());
        assertArrayEquals(new float[] {1, 1, 1}, var.toArray());
        Tensor a = Tensor.zeros(8, 3, 3, 3), b = Tensor.zeros(8, 3, 3, 3);
        Init.kaimingNormal(a, new Rng(10));
        Init.kaimingNormal(b, new Rng(10));
        assertArrayEquals(a.toArray(), b.toArray());
    }
}
