package io.colisten.kernels.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The VGGish mel matrix (257 x 64) against NumPy's float64 construction (golden/mel_matrix_vggish.f64,
 * make_logmel_golden.py, mel_features.spectrogram_to_mel_matrix's recipe): the double matrix within
 * 1e-12 absolute (the two libm logs may differ in the last ulp), and the float matrix LogMel uses
 * exactly equal to the golden rounded to float, but for at most a 1-ulp difference.
 */
class MelFilterBankTest {
    @Test
    void doubleMatrixMatchesNumpy() throws IOException {
        double[] golden = GoldenFiles.float64("mel_matrix_vggish.f64");
        double[] w = MelFilterBank.weights(257, 64, 16000, 125, 7500);
        assertEquals(golden.length, w.length);
        for (int i = 0; i < w.length; i++) assertEquals(golden[i], w[i], 1e-12, "bin " + i / 64 + " band " + i % 64);
    }

    @Test
    void logMelUsesTheGoldenRoundedToFloat() throws IOException {
        double[] golden = GoldenFiles.float64("mel_matrix_vggish.f64");
        float[] m = LogMel.vggish().melMatrix();
        for (int i = 0; i < m.length; i++) {
            float g = (float) golden[i];
            assertEquals(g, m[i], Math.ulp(g), "bin " + i / 64 + " band " + i % 64);
        }
    }

    @Test
    void structure() {
        double[] w = MelFilterBank.weights(257, 64, 16000, 125, 7500);
        for (int b = 0; b < 64; b++) assertEquals(0.0, w[b], "DC weight of band " + b);
        for (int k = 0; k < 257; k++) {
            int nonZero = 0;
            for (int b = 0; b < 64; b++) if (w[k * 64 + b] > 0) nonZero++;
            assertTrue(nonZero <= 2, "bin " + k + " feeds " + nonZero + " bands");
            double hz = k * 31.25;
            if (hz <= 125 || hz >= 7500) assertEquals(0, nonZero, "bin " + k + " outside 125-7500 Hz");
        }
        for (int b = 0; b < 64; b++) {
            double max = 0;
            for (int k = 0; k < 257; k++) max = Math.max(max, w[k * 64 + b]);
            assertTrue(max > 0.3 && max <= 1.0, "band " + b + " peaks at " + max);
        }
        assertEquals(1127 * Math.log(1 + 1000 / 700.0), MelFilterBank.hertzToMel(1000), 0);
    }
}
