package io.colisten.kernels.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LogMel against the plain double reference (LogMelReference) on random input, plus the physical
 * checks: a tone lands in its band, silence gives log(offset). Tolerance on log values: 2e-5
 * absolute (random input keeps every band far above the offset, so float rounding in the FFT
 * stays near 1e-6 relative; a wrong bin or weight moves values by 1e-2 or more).
 */
class LogMelTest {
    private static final double ATOL = 2e-5;

    private static float[] random(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (rnd.nextDouble() * 2 - 1);
        return x;
    }

    private static void assertMatchesReference(LogMel lm, float[] x, int xOff, int n, double fMin, double fMax,
                                               String what) {
        int frames = lm.frames(n);
        int outOff = 7;
        float[] out = new float[outOff + frames * lm.bands() + 3];
        Arrays.fill(out, Float.NaN);
        lm.compute(out, outOff, x, xOff, n);
        double[] xd = new double[n];
        for (int i = 0; i < n; i++) xd[i] = x[xOff + i];
        double[] ref = LogMelReference.logMel(xd, lm.sampleRate(), lm.windowLength(), lm.hop(), lm.fftLength(),
                lm.bands(), fMin, fMax, lm.logOffset());
        assertEquals(frames * lm.bands(), ref.length, what + ": frame count");
        for (int i = 0; i < ref.length; i++) {
            if (Math.abs(ref[i] - out[outOff + i]) > ATOL) {
                fail(what + ": frame " + i / lm.bands() + " band " + i % lm.bands() + ": expected " + ref[i]
                        + " got " + out[outOff + i]);
            }
        }
        for (int i = 0; i < outOff; i++) assertTrue(Float.isNaN(out[i]), what + ": wrote before outOff");
        for (int i = outOff + ref.length; i < out.length; i++) assertTrue(Float.isNaN(out[i]), what + ": wrote past the end");
    }

    /** frames = 0, 1, 15, 16, 17, 33, 40 on one instance (the partial-block lanes change between calls). */
    @Test
    void vggishMatchesReferenceOnOddSizes() {
        LogMel lm = LogMel.vggish();
        int xOff = 13;
        float[] x = random(1, xOff + 400 + 39 * 160 + 100);
        for (int frames : new int[] {0, 1, 15, 16, 17, 33, 40, 17}) {
            int n = frames == 0 ? 399 : 400 + (frames - 1) * 160 + (frames * 37) % 160;
            assertEquals(frames, lm.frames(n));
            assertMatchesReference(lm, x, xOff, n, 125, 7500, "frames " + frames);
        }
    }

    /** Another geometry: odd window, 8 kHz, FFT 256 (a radix-2 stage), 40 bands up to Nyquist. */
    @Test
    void otherGeometryMatchesReference() {
        LogMel lm = new LogMel(8000, 201, 80, 256, 40, 0, 4000, 1e-3f);
        float[] x = random(2, 3 + 201 + 20 * 80);
        assertMatchesReference(lm, x, 3, 201 + 20 * 80, 0, 4000, "8 kHz / 256");
    }

    @Test
    void framesFollowDesignFormula() {
        LogMel lm = LogMel.vggish();
        assertEquals(0, lm.frames(0));
        assertEquals(0, lm.frames(399));
        assertEquals(1, lm.frames(400));
        assertEquals(1, lm.frames(559));
        assertEquals(2, lm.frames(560));
        assertEquals(998, lm.frames(160000));
    }

    /** A tone at a band's centre frequency (in mel) makes that band the largest in every frame. */
    @ParameterizedTest
    @ValueSource(ints = {8, 20, 33, 47, 60})
    void toneLandsInItsBand(int band) {
        double lo = LogMelReference.mel(125), hi = LogMelReference.mel(7500);
        double centreMel = lo + (hi - lo) * (band + 1) / 65.0;
        double hz = 700 * Math.expm1(centreMel / 1127.0);
        assertLargestBand(hz, band);
    }

    @Test
    void oneKilohertzLandsInTheBandWhoseCentreIsNearest() {
        double lo = LogMelReference.mel(125), hi = LogMelReference.mel(7500), m = LogMelReference.mel(1000);
        int nearest = 0;
        for (int b = 1; b < 64; b++) {
            double c = lo + (hi - lo) * (b + 1) / 65.0, cn = lo + (hi - lo) * (nearest + 1) / 65.0;
            if (Math.abs(c - m) < Math.abs(cn - m)) nearest = b;
        }
        assertLargestBand(1000, nearest);
    }

    private static void assertLargestBand(double hz, int band) {
        LogMel lm = LogMel.vggish();
        float[] x = new float[16000];
        for (int i = 0; i < x.length; i++) x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / 16000 + 0.4));
        int frames = lm.frames(x.length);
        float[] out = new float[frames * 64];
        lm.compute(out, 0, x, 0, x.length);
        for (int f = 0; f < frames; f++) {
            int best = 0;
            for (int b = 1; b < 64; b++) if (out[f * 64 + b] > out[f * 64 + best]) best = b;
            assertEquals(band, best, hz + " Hz, frame " + f);
        }
    }

    @Test
    void silenceGivesLogOfTheOffset() {
        LogMel lm = LogMel.vggish();
        float[] x = new float[16000 + 77];
        float[] out = new float[lm.frames(x.length) * 64];
        lm.compute(out, 0, x, 0, x.length);
        float expected = (float) Math.log(0.01);
        for (int i = 0; i < out.length; i++) assertEquals(expected, out[i], 0f, "element " + i);
    }

    /**
     * Our log against Math.log over band values from 2^-50 to 2^60 (relative 2e-6: about 1 ulp of
     * the log plus the FFT's rounding), and log 0 = -inf. Magnitudes below about 1e-19 underflow to 0
     * in float (|X|^2 does), so smaller values cannot be tested through the chain.
     */
    @Test
    void logIsWithinAnUlpOfMathLogAndHandlesZeroAndInfinity() {
        LogMel lm = new LogMel(16000, 8, 8, 8, 1, 0, 8000, 0f);
        float[] out = new float[1];
        // One frame of a cosine at bin 1 of an 8-point FFT; the single band spans 0-8 kHz and sees bin 1.
        float[] mm = lm.melMatrix();
        assertTrue(mm[1] > 0, "bin 1 feeds the band");
        SplittableRandom rnd = new SplittableRandom(3);
        float[] x = new float[8];
        for (int t = 0; t < 2000; t++) {
            double v = Math.pow(2, rnd.nextDouble() * 110 - 50);
            for (int i = 0; i < 8; i++) x[i] = (float) (v * Math.cos(2 * Math.PI * i / 8));
            lm.compute(out, 0, x, 0, 8);
            double[] ref = LogMelReference.logMel(new double[] {x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7]},
                    16000, 8, 8, 8, 1, 0, 8000, 0);
            assertEquals(ref[0], out[0], 2e-6 * Math.max(1, Math.abs(ref[0])), "v " + v);
        }
        Arrays.fill(x, 0f);
        lm.compute(out, 0, x, 0, 8);
        assertEquals(Float.NEGATIVE_INFINITY, out[0]);
        x[1] = Float.POSITIVE_INFINITY;
        lm.compute(out, 0, x, 0, 8);
        assertTrue(Float.isNaN(out[0]) || out[0] == Float.POSITIVE_INFINITY, "inf input gives " + out[0]);
    }

    @Test
    void melMatrixIsACopyWithTheDesignShape() {
        LogMel lm = LogMel.vggish();
        float[] m = lm.melMatrix();
        assertEquals(257 * 64, m.length);
        m[5 * 64] = 123f;
        assertTrue(lm.melMatrix()[5 * 64] != 123f);
    }

    @Test
    void badArgumentsAreNamed() {
        LogMel lm = LogMel.vggish();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lm.compute(new float[64], 0, new float[560], 0, 560));
        assertTrue(e.getMessage().contains("out needs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> lm.compute(new float[64], 0, new float[400], 1, 400));
        assertTrue(e.getMessage().contains("x needs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LogMel(16000, 600, 160, 512, 64, 125, 7500, 0.01f));
        assertTrue(e.getMessage().contains("windowLength"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LogMel(16000, 400, 160, 500, 64, 125, 7500, 0.01f));
        assertTrue(e.getMessage().contains("fftLength"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LogMel(16000, 400, 160, 512, 64, 125, 9000, 0.01f));
        assertTrue(e.getMessage().contains("fMax"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LogMel(16000, 400, 160, 512, 64, 125, 7500, -1f));
        assertTrue(e.getMessage().contains("logOffset"), e.getMessage());
    }
}
