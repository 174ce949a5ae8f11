package io.colisten.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Activations.addReluForward (a residual sum and its ReLU in one pass) against relu(a + b) in
 * double: sizes 1, lanes -1, lanes +1, odd, and one past the parallel threshold; offsets; in place
 * on either input; NaN stays NaN; the output's neighbours untouched. Exact (one float addition).
 */
class AddReluTest {
    static final int L = SimdMath.L;

    @Test
    void matchesReluOfTheSum() {
        Random r = new Random(31);
        int[] sizes = {1, L - 1, L, L + 1, 3 * L + 5, 1000, 2 * SimdMath.GRAIN + 17};
        for (int n : sizes) {
            for (int mode = 0; mode < 3; mode++) {   // 0: separate output, 1: out = a, 2: out = b
                int ao = r.nextInt(4), bo = r.nextInt(4), oo = r.nextInt(4);
                float[] a = random(r, ao + n + 3), b = random(r, bo + n + 3);
                if (n > 2) a[ao + n / 2] = Float.NaN;
                float[] out = mode == 1 ? a : mode == 2 ? b : random(r, oo + n + 3);
                if (mode == 1) oo = ao;
                if (mode == 2) oo = bo;
                float[] a0 = a.clone(), b0 = b.clone(), out0 = out.clone();
                Activations.addReluForward(out, oo, a, ao, b, bo, n);
                String what = "addRelu n " + n + " mode " + mode;
                for (int i = 0; i < n; i++) {
                    float s = a0[ao + i] + b0[bo + i];
                    if (Float.isNaN(s)) assertTrue(Float.isNaN(out[oo + i]), what + " at " + i);
                    else assertEquals(Math.max(s, 0f), out[oo + i], 0f, what + " at " + i);
                }
                for (int i = 0; i < oo; i++) assertEquals(out0[i], out[i], what + ": wrote before");
                for (int i = oo + n; i < out.length; i++) assertEquals(out0[i], out[i], what + ": wrote after");
            }
        }
    }

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = r.nextFloat() * 2 - 1;
        return v;
    }
}
