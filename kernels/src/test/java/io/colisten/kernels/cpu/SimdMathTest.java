package io.colisten.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** The vector exp against Math.exp, and every vector helper against its scalar twin, bit for bit. */
class SimdMathTest {
    private static final int L = SimdMath.L;

    @Test
    void expIsWithinTwoUlpsAndLanesEqualTheScalarTwin() {
        SplittableRandom rnd = new SplittableRandom(1);
        float[] x = new float[L * 4096], y = new float[x.length];
        for (int i = 0; i < x.length; i++) x[i] = (float) (rnd.nextDouble() * 176 - 87.3);
        x[0] = 0f;
        x[1] = -0f;
        x[2] = 88.72f;
        x[3] = -87.33f;
        x[4] = 1e-8f;
        for (int i = 0; i < x.length; i += L) SimdMath.exp(FloatVector.fromArray(SimdMath.S, x, i)).intoArray(y, i);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToRawIntBits(SimdMath.exp(x[i])), Float.floatToRawIntBits(y[i]), "lane vs scalar at " + x[i]);
            double ref = Math.exp(x[i]);
            worst = Math.max(worst, Math.abs(y[i] - ref) / Math.ulp((float) ref));
        }
        assertTrue(worst <= 2, "worst error " + worst + " ulps");
    }

    @Test
    void expSpecialValues() {
        float[] x = {Float.NEGATIVE_INFINITY, -100f, -87.4f, 89f, Float.POSITIVE_INFINITY, Float.NaN, 0f, 1f};
        float[] expect = {0f, 0f, 0f, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.NaN, 1f, (float) Math.E};
        float[] in = new float[L], out = new float[L];
        for (int k = 0; k < x.length; k++) {
            java.util.Arrays.fill(in, x[k]);
            SimdMath.exp(FloatVector.fromArray(SimdMath.S, in, 0)).intoArray(out, 0);
            float tol = Float.isFinite(expect[k]) ? Math.ulp(expect[k]) : 0f;
            assertEquals(expect[k], out[0], tol, "vector exp(" + x[k] + ")");
            assertEquals(expect[k], SimdMath.exp(x[k]), tol, "scalar exp(" + x[k] + ")");
        }
    }

    @Test
    void laneSumUsesAFixedTree() {
        // Magnitudes chosen so a different order gives a different float: a tree fixes one answer.
        float[] a = new float[L];
        for (int i = 0; i < L; i++) a[i] = (i % 2 == 0 ? 1e8f : -1e8f) + i;
        float tree = SimdMath.hsum(FloatVector.fromArray(SimdMath.S, a, 0));
        float[] t = a.clone();
        for (int w = L / 2; w >= 1; w /= 2) {
            float[] next = t.clone();
            for (int i = 0; i < L; i++) next[i] = t[i] + t[i ^ w];
            t = next;
        }
        assertEquals(Float.floatToRawIntBits(t[0]), Float.floatToRawIntBits(tree));
    }
}
