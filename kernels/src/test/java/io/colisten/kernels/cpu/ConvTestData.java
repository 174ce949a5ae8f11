package io.colisten.kernels.cpu;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

/** Random data, float/double conversion and tolerance checks shared by the conv, pool and batch-norm tests. */
final class ConvTestData {
    private ConvTestData() {}

    /** size floats uniform in [-1, 1) preceded by {@code off} garbage values (NaN, to catch stray reads). */
    static float[] random(Random r, int off, int size) {
        float[] a = new float[off + size + 3];
        java.util.Arrays.fill(a, Float.NaN);
        for (int i = 0; i < size; i++) a[off + i] = r.nextFloat() * 2 - 1;
        return a;
    }

    static double[] toDouble(float[] a, int off, int size) {
        double[] d = new double[size];
        for (int i = 0; i < size; i++) d[i] = a[off + i];
        return d;
    }

    static double[] toDouble(float[] a) { return a == null ? null : toDouble(a, 0, a.length); }

    /** Checks |actual[off + i] - (base[i] + ref[i])| <= atol + rtol * |base[i] + ref[i]|; base may be null. */
    static void assertClose(String what, double[] ref, double[] base, float[] actual, int off, double atol, double rtol) {
        for (int i = 0; i < ref.length; i++) {
            double want = ref[i] + (base == null ? 0 : base[i]);
            double got = actual[off + i];
            if (!(Math.abs(got - want) <= atol + rtol * Math.abs(want))) {
                fail(what + ": element " + i + " is " + got + ", want " + want + " (atol " + atol + ", rtol " + rtol + ")");
            }
        }
    }

    /** The values around [off, off + size) must be untouched (still NaN). */
    static void assertGuards(String what, float[] a, int off, int size) {
        for (int i = 0; i < off; i++) if (!Float.isNaN(a[i])) fail(what + ": wrote before its offset at " + i);
        for (int i = off + size; i < a.length; i++) if (!Float.isNaN(a[i])) fail(what + ": wrote past its end at " + i);
    }

    /** A copy of a with [off, off + size) replaced by random values and the rest kept as NaN guards. */
    static float[] guarded(Random r, int off, int size) { return random(r, off, size); }
}
