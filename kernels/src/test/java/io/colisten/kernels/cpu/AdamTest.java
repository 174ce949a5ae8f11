package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.TestArrays.assertClose;
import static io.colisten.kernels.cpu.TestArrays.assertUntouchedOutside;
import static io.colisten.kernels.cpu.TestArrays.gaussian;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Adam against a step-by-step double reference fed the same float gradients, five steps, with and
 * without decoupled weight decay. Float state drifts from the double one by a few ulps over the
 * steps: rtol 1e-6 on parameters, m and v; m = b1 m + (1 - b1) g can cancel to far below
 * its terms (about 0.1 |g| <= 0.1), so it also gets atol 3e-8, a few ulps of those terms.
 */
class AdamTest {
    static Stream<Arguments> cases() {
        return IntStream.of(TestArrays.SIZES).boxed()
                .flatMap(n -> Stream.of(Arguments.of(n, 0.0, 0), Arguments.of(n, 0.05, 3)));
    }

    @ParameterizedTest(name = "n={0} weightDecay={1} offset={2}")
    @MethodSource("cases")
    void matchesDoubleReferenceOverSteps(int n, double wd, int off) {
        SplittableRandom rnd = new SplittableRandom(n * 17L + off);
        // The reference gets the decimal hyperparameters, the kernel their float roundings.
        double lr = 1e-2, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        int po = off, go = 2 * off, mo = 3 * off + 1, vo = off + 5;
        float[] p = gaussian(rnd, po, n, 1), m = new float[mo + n + 2], v = new float[vo + n + 2];
        float[] pBefore = p.clone();
        double[] pr = SmallRef.toDouble(p, po, n), mr = new double[n], vr = new double[n];
        for (long t = 1; t <= 5; t++) {
            float[] g = gaussian(rnd, go, n, 0.3);
            if (n > 2) g[go + 1] = 0f;
            SmallRef.adamStep(pr, SmallRef.toDouble(g, go, n), mr, vr, lr, b1, b2, eps, wd, t);
            Adam.step(p, po, g, go, m, mo, v, vo, n, (float) lr, (float) b1, (float) b2, (float) eps, (float) wd, t);
        }
        assertClose("adam param", pr, p, po, 2e-7, 1e-6);
        assertClose("adam m", mr, m, mo, 3e-8, 1e-6);
        assertClose("adam v", vr, v, vo, 1e-12, 1e-6);
        assertUntouchedOutside("adam param", pBefore, p, po, n);
    }

    @Test
    void recoversTheDecimalHyperparameters() {
        assertEquals(0.999, Adam.intended(0.999f));
        assertEquals(0.9, Adam.intended(0.9f));
        assertEquals(1e-8, Adam.intended(1e-8f));
        assertEquals(3e-4, Adam.intended(3e-4f));
        assertEquals(0.0, Adam.intended(0f));
        assertEquals(2.0, Adam.intended(2f));
        float odd = Float.intBitsToFloat(0x3f7fffff); // 0.99999994: needs more digits, still round-trips
        assertEquals(odd, (float) Adam.intended(odd));
    }

    @Test
    void rejectsStepZero() {
        float[] a = new float[4];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Adam.step(a, 0, a, 0, a, 0, a, 0, 4, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 0));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("adam"), e.getMessage());
    }
}
