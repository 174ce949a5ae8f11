package io.colisten.kernels.dsp;

/**
 * The log-mel chain of DESIGN.md in plain double precision, written from the formulas without
 * sharing code with LogMel: periodic Hann, DFT of fftLength (zero-padded), magnitude, HTK mel
 * triangles over linspace(0, rate/2, bins) with edges evenly spaced in mel and the DC row zero,
 * log(mel + offset). Returns frames x bands, frame-major.
 */
final class LogMelReference {
    private LogMelReference() {}

    static double mel(double hz) {
        return 1127.0 * Math.log(1.0 + hz / 700.0);
    }

    /** (bins x bands) row-major. */
    static double[] melWeights(int bins, int bands, double rate, double fMin, double fMax) {
        double lo = mel(fMin), hi = mel(fMax);
        double[] w = new double[bins * bands];
        for (int b = 0; b < bands; b++) {
            double e0 = lo + (hi - lo) * b / (bands + 1);
            double e1 = lo + (hi - lo) * (b + 1) / (bands + 1);
            double e2 = b + 2 == bands + 1 ? hi : lo + (hi - lo) * (b + 2) / (bands + 1);
            for (int k = 1; k < bins; k++) {
                double m = mel(rate / 2.0 * k / (bins - 1));
                w[k * bands + b] = Math.max(0.0, Math.min((m - e0) / (e1 - e0), (e2 - m) / (e2 - e1)));
            }
        }
        return w;
    }

    static double[] logMel(double[] x, int rate, int window, int hop, int fft, int bands,
                           double fMin, double fMax, double offset) {
        int frames = x.length < window ? 0 : 1 + (x.length - window) / hop;
        int bins = fft / 2 + 1;
        double[] w = melWeights(bins, bands, rate, fMin, fMax);
        double[] out = new double[frames * bands];
        double[] frame = new double[window];
        for (int f = 0; f < frames; f++) {
            for (int s = 0; s < window; s++) {
                frame[s] = x[f * hop + s] * (0.5 - 0.5 * Math.cos(2.0 * Math.PI * s / window));
            }
            double[][] spec = DftReference.realDft(frame, fft);
            for (int b = 0; b < bands; b++) {
                double sum = 0;
                for (int k = 0; k < bins; k++) sum += Math.hypot(spec[0][k], spec[1][k]) * w[k * bands + b];
                out[f * bands + b] = Math.log(sum + offset);
            }
        }
        return out;
    }
}
