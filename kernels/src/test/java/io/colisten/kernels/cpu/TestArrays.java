package io.colisten.kernels.cpu;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;

/** Random inputs at offsets, and the |got - ref| <= atol + rtol * |ref| check, for the kernel tests. */
final class TestArrays {
    private TestArrays() {}

    /** Sizes every elementwise test runs: around 1, 16 lanes, 2 and 4 vectors, the parallel split. */
    static final int[] SIZES = {0, 1, 2, 15, 16, 17, 31, 32, 33, 63, 64, 65, 1000, 100003};
    /** Non-zero offsets so no vector lines up with the array start. */
    static final int[] OFFSETS = {0, 3, 17};

    /** len uniform values in [-1, 1) preceded by off values and followed by a few guard values. */
    static float[] uniform(SplittableRandom rnd, int off, int len) {
        float[] a = new float[off + len + 5];
        for (int i = 0; i < a.length; i++) a[i] = (float) (rnd.nextDouble() * 2 - 1);
        return a;
    }

    static float[] gaussian(SplittableRandom rnd, int off, int len, double sd) {
        float[] a = new float[off + len + 5];
        for (int i = 0; i < a.length; i++) a[i] = (float) (gauss(rnd) * sd);
        return a;
    }

    static double gauss(SplittableRandom rnd) {
        double u = rnd.nextDouble(), v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /** Asserts got[off + i] is close to ref[i] for every i. */
    static void assertClose(String what, double[] ref, float[] got, int off, double atol, double rtol) {
        for (int i = 0; i < ref.length; i++) {
            double g = got[off + i], r = ref[i];
            if (!(Math.abs(g - r) <= atol + rtol * Math.abs(r))) {
                fail(what + ": element " + i + " of " + ref.length + " is " + g + ", reference " + r
                        + " (atol " + atol + ", rtol " + rtol + ")");
            }
        }
    }

    /** Asserts the elements of a outside [off, off + n) equal those of before (the kernel wrote nothing else). */
    static void assertUntouchedOutside(String what, float[] before, float[] a, int off, int n) {
        for (int i = 0; i < a.length; i++) {
            if ((i < off || i >= off + n) && Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(before[i])) {
                fail(what + ": wrote index " + i + " outside [" + off + ", " + (off + n) + ")");
            }
        }
    }
}
