package io.colisten.kernels.dsp;

/**
 * The mel weight matrix of the VGGish / AudioSet front end (its mel_features.py
 * spectrogram_to_mel_matrix): triangles on the HTK mel scale mel(f) = 1127 ln(1 + f / 700),
 * computed in the mel domain at the FFT bins' centre frequencies linspace(0, rate/2, bins); the
 * bands + 2 edges are spaced evenly in mel between mel(fMin) and mel(fMax); band b rises from
 * edge b to edge b+1 and falls to edge b+2; the DC bin's weights are zero. Unlike Slaney-style
 * banks, there is no area normalisation.
 *
 * Arithmetic follows NumPy's: linspace(start, stop, num)[i] = i * ((stop - start) / (num - 1)) + start
 * with the last element exactly stop, so the double matrix agrees with NumPy's to a few ulps.
 */
public final class MelFilterBank {
    private MelFilterBank() {}

    /** HTK mel of a frequency in Hz. */
    public static double hertzToMel(double hertz) {
        return 1127.0 * Math.log(1.0 + hertz / 700.0);
    }

    /**
     * The (bins x bands) weights, row-major (row = FFT bin k at k * rate / (2 (bins - 1)) Hz,
     * column = mel band), with bins = fftLength / 2 + 1.
     */
    public static double[] weights(int bins, int bands, double sampleRate, double fMin, double fMax) {
        if (bins < 2 || bands < 1) {
            throw new IllegalArgumentException("MelFilterBank: need bins >= 2 and bands >= 1, got " + bins + ", " + bands);
        }
        if (!(sampleRate > 0) || !(fMin >= 0) || !(fMax > fMin) || fMax > sampleRate / 2) {
            throw new IllegalArgumentException("MelFilterBank: need 0 <= fMin < fMax <= sampleRate / 2, got fMin "
                    + fMin + ", fMax " + fMax + ", sampleRate " + sampleRate);
        }
        double[] binMel = linspace(0.0, sampleRate / 2.0, bins);
        for (int k = 0; k < bins; k++) binMel[k] = hertzToMel(binMel[k]);
        double[] edges = linspace(hertzToMel(fMin), hertzToMel(fMax), bands + 2);
        double[] w = new double[bins * bands];
        for (int b = 0; b < bands; b++) {
            double lo = edges[b], centre = edges[b + 1], hi = edges[b + 2];
            for (int k = 1; k < bins; k++) {
                double lower = (binMel[k] - lo) / (centre - lo);
                double upper = (hi - binMel[k]) / (hi - centre);
                w[k * bands + b] = Math.max(0.0, Math.min(lower, upper));
            }
        }
        return w;
    }

    private static double[] linspace(double start, double stop, int num) {
        double[] y = new double[num];
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) y[i] = i * step + start;
        y[num - 1] = stop;
        return y;
    }
}
