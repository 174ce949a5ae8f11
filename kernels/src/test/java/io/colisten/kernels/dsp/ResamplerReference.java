package io.colisten.kernels.dsp;

/**
 * The resampler written plainly in double precision, from the design's parameters (cutoff fc,
 * Kaiser beta, half-width K) and nothing else of the main code: for output k at input time
 * t = k * from / to, y[k] = sum of x[j] h(t - j) / sum of h(t - j) over the taps
 * j = floor(t) - K + 1 ... floor(t) + K, with h(u) = 2 fc sinc(2 fc u) I0(beta sqrt(1 - (u/K)^2)) /
 * I0(beta) for |u| <= K, else 0. Every fractional position gets its exact taps (no phase table).
 */
final class ResamplerReference {
    private ResamplerReference() {}

    static double[] resample(float[] in, int inOff, int n, int fromRate, int toRate, ResamplerDesign d) {
        int outLen = (int) (((long) n * toRate + fromRate - 1) / fromRate);
        double[] out = new double[outLen];
        for (int k = 0; k < outLen; k++) out[k] = output(in, inOff, n, fromRate, toRate, d, k);
        return out;
    }

    /** Output k alone. */
    static double output(float[] in, int inOff, int n, int fromRate, int toRate, ResamplerDesign d, int k) {
        if (fromRate == toRate) return in[inOff + k];
        int g = gcd(fromRate, toRate);
        long up = toRate / g, down = fromRate / g;
        int halfTaps = d.halfTaps();
        long j = (long) k * down / up;
        double frac = (double) ((long) k * down - j * up) / up;
        double acc = 0, norm = 0;
        for (int i = 0; i < 2 * halfTaps; i++) {
            long x = j - halfTaps + 1 + i;
            double h = h(frac + halfTaps - 1 - i, d.cutoff(), d.beta(), halfTaps);
            norm += h;
            if (x >= 0 && x < n) acc += h * in[(int) (inOff + x)];
        }
        return acc / norm;
    }

    static double h(double u, double fc, double beta, int halfWidth) {
        if (Math.abs(u) > halfWidth) return 0;
        double v = 2 * fc * u;
        double sinc = v == 0 ? 1 : Math.sin(Math.PI * v) / (Math.PI * v);
        double r = u / halfWidth;
        return 2 * fc * sinc * i0(beta * Math.sqrt(1 - r * r)) / i0(beta);
    }

    /** I0 by its series, summed until the terms vanish. */
    static double i0(double x) {
        double sum = 0, term = 1;
        for (int k = 1; term != 0 && sum + term != sum; k++) {
            sum += term;
            term *= (x / 2) * (x / 2) / ((double) k * k);
        }
        return sum;
    }

    static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
