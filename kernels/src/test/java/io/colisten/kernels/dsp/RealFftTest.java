package io.colisten.kernels.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RealFft against a plain double DFT. Sizes 8 ... 4096 cover one radix-4 stage alone, radix-4
 * stages with and without the final radix-2 stage. Tolerance per bin:
 * 2e-7 * log2(n) * ||x||_2 absolute (float rounding grows with the number of stages and with
 * the signal's energy; a wrong twiddle or slot gives errors of order ||x||).
 */
class RealFftTest {
    private static final int L = RealFft.LANES;

    private static double tolerance(int n, double[] x) {
        double e = 0;
        for (double v : x) e += v * v;
        return 2e-7 * Integer.numberOfTrailingZeros(n) * Math.sqrt(e) + 1e-30;
    }

    private static double[] random(SplittableRandom rnd, int len) {
        double[] x = new double[len];
        for (int i = 0; i < len; i++) x[i] = (float) (rnd.nextDouble() * 2 - 1);
        return x;
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096})
    void forwardMatchesDft(int n) {
        SplittableRandom rnd = new SplittableRandom(n);
        RealFft fft = new RealFft(n);
        for (int len : new int[] {n, n - 1, n / 2 + 3, 1, 0}) {
            double[] x = random(rnd, len);
            float[] xf = new float[len + 5];
            for (int i = 0; i < len; i++) xf[5 + i] = (float) x[i];
            float[] re = new float[n / 2 + 3], im = new float[n / 2 + 4];
            fft.forward(re, 2, im, 3, xf, 5, len);
            double[][] ref = DftReference.realDft(x, n);
            double tol = tolerance(n, x);
            for (int k = 0; k <= n / 2; k++) {
                assertEquals(ref[0][k], re[2 + k], tol, "n " + n + " len " + len + " Re X[" + k + "]");
                assertEquals(ref[1][k], im[3 + k], tol, "n " + n + " len " + len + " Im X[" + k + "]");
            }
        }
    }

    /** The lane path as LogMel drives it: distinct windowed frames per lane, complex and magnitude outputs. */
    @ParameterizedTest
    @ValueSource(ints = {8, 32, 128, 512, 2048})
    void everyLaneTransformsItsOwnFrame(int n) {
        SplittableRandom rnd = new SplittableRandom(7 * n);
        RealFft fft = new RealFft(n);
        int window = n - n / 4 - 1, hop = n / 4 + 3, base = 11;
        double[] signal = random(rnd, base + (L - 1) * hop + window);
        float[] xf = new float[signal.length];
        for (int i = 0; i < signal.length; i++) xf[i] = (float) signal[i];
        float[] w = new float[window];
        for (int i = 0; i < window; i++) w[i] = (float) (0.25 + rnd.nextDouble());
        int[] laneStart = new int[L];
        for (int j = 0; j < L; j++) laneStart[j] = j * hop;
        float[] complex = new float[fft.bufferLength()], magnitude = new float[fft.bufferLength()];
        java.util.Arrays.fill(complex, Float.NaN); // stale contents must not leak through
        fft.loadFrames(complex, xf, base, laneStart, w, window);
        fft.transform(complex);
        System.arraycopy(complex, 0, magnitude, 0, complex.length);
        fft.finishComplex(complex);
        fft.finishMagnitude(magnitude, 0, n / 2);
        for (int j = 0; j < L; j++) {
            double[] frame = new double[window];
            for (int s = 0; s < window; s++) frame[s] = xf[base + j * hop + s] * (double) w[s];
            double[][] ref = DftReference.realDft(frame, n);
            double tol = tolerance(n, frame);
            for (int k = 0; k <= n / 2; k++) {
                String at = "n " + n + " lane " + j + " bin " + k;
                assertEquals(ref[0][k], complex[fft.reOffset(k) + j], tol, at + " re");
                if (k > 0 && k < n / 2) assertEquals(ref[1][k], complex[fft.imOffset(k) + j], tol, at + " im");
                assertEquals(Math.hypot(ref[0][k], ref[1][k]), magnitude[fft.reOffset(k) + j], tol, at + " |X|");
            }
        }
    }

    /** Magnitudes of a bin range only (as LogMel asks for the bins with mel weight): those bins are right. */
    @ParameterizedTest
    @ValueSource(ints = {8, 16, 64, 512})
    void magnitudeOfABinRange(int n) {
        SplittableRandom rnd = new SplittableRandom(n + 1);
        RealFft fft = new RealFft(n);
        double[] x = random(rnd, n);
        float[] xf = new float[n], ones = new float[n];
        for (int i = 0; i < n; i++) {
            xf[i] = (float) x[i];
            ones[i] = 1f;
        }
        double[][] ref = DftReference.realDft(x, n);
        int h = n / 2;
        int[][] ranges = {{0, 0}, {h, h}, {h / 2, h / 2}, {1, h - 1}, {3, h / 2 + 1}, {h / 2 - 1, h - 2}, {2, 2}};
        for (int[] r : ranges) {
            float[] buf = new float[fft.bufferLength()];
            fft.loadFrames(buf, xf, 0, new int[L], ones, n);
            fft.transform(buf);
            fft.finishMagnitude(buf, r[0], r[1]);
            for (int k = r[0]; k <= r[1]; k++) {
                assertEquals(Math.hypot(ref[0][k], ref[1][k]), buf[fft.reOffset(k) + L - 1], tolerance(n, x),
                        "n " + n + " range " + r[0] + ".." + r[1] + " bin " + k);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4, 6, 12, 100})
    void rejectsLengthsThatAreNotPowersOfTwoFromEight(int n) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RealFft(n));
        assertTrue(e.getMessage().contains("power of two"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void rejectsBadSpans(int which) {
        RealFft fft = new RealFft(16);
        float[] ok = new float[9];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            if (which == 0) fft.forward(ok, 0, ok, 0, new float[16], 1, 16);
            else fft.forward(ok, 1, ok, 0, new float[16], 0, 16);
        });
        assertTrue(e.getMessage().contains(which == 0 ? "x needs" : "re needs"), e.getMessage());
    }
}
