package io.colisten.kernels.dsp;

/**
 * The filter of a {@link Resampler}: a Kaiser-windowed sinc, evaluated at the fractional input
 * positions that output samples fall on.
 *
 * <p>Output k sits at input time t = k * down / up (in input samples), where up / down = to / from in
 * lowest terms. It is y[k] = sum over j of x[j] * h(t - j) with
 * <pre>
 *   h(u) = 2 fc sinc(2 fc u) * I0(beta sqrt(1 - (u / K)^2)) / I0(beta)   for |u| &lt;= K, else 0,
 *   sinc(v) = sin(pi v) / (pi v),
 * </pre>
 * fc the cutoff in cycles per input sample and K = {@link #halfTaps} the window's half-width in input
 * samples. Each output reads the 2K inputs j = floor(t) - K + 1 ... floor(t) + K. The taps for one
 * fractional position (a "phase") are scaled to sum to exactly 1, so DC passes with gain 1 at every
 * phase (otherwise the tiny gain ripple between phases would modulate a DC offset into tones).
 *
 * <p>The band edges are fractions of the lower of the two Nyquist frequencies: passband up to 0.9,
 * stop band from 1.0 (so nothing above the new Nyquist aliases, and upsampling images start above the
 * old one), the cutoff midway. The Kaiser formulas for {@link #TARGET_ATTENUATION_DB} fix beta and
 * the half-width, which is then rounded up to a multiple of 8 so that 2K is a whole number of 16-lane
 * vectors; the wider window only narrows the transition.
 *
 * <p>Phases: when up is small the table holds all up phases exactly (phase p = frac(t) * up).
 * Otherwise (an odd rate such as 44099 Hz makes up = 16000) it holds 1024 phases, plus one,
 * on a uniform grid of frac(t), and an output interpolates linearly between the two rows around its
 * position (error about 1e-6 of full scale, see notes/resample.md).
 */
public record ResamplerDesign(int fromRate, int toRate, int up, int down, double cutoff, double beta,
                              int halfTaps, int phases, boolean interpolated) {

    /** Stop-band attenuation the Kaiser formulas aim at (the measured one is in notes/resample.md). */
    public static final double TARGET_ATTENUATION_DB = 80;
    /** Passband and stop-band edges as fractions of the lower Nyquist frequency. */
    public static final double PASS_EDGE = 0.9, STOP_EDGE = 1.0;
    /** Above this many phases (or floats of table) the table is quantised and interpolated. */
    static final int MAX_EXACT_PHASES = 4096, MAX_EXACT_FLOATS = 1 << 21;
    /**
     * Grid of the interpolated table. Linear interpolation between rows is accurate because every tap
     * is a continuous function of frac(t) on [0, 1]: the window is closed (|u| <= K), so the tap that
     * enters at u = -K when frac = 0 does not jump (an open window put a 1e-5 step there).
     */
    static final int INTERPOLATED_PHASES = 1024;

    /** Designs the filter for fromRate -> toRate (both > 0, validated by the caller). */
    public static ResamplerDesign of(int fromRate, int toRate) {
        int g = gcd(fromRate, toRate);
        int up = toRate / g, down = fromRate / g;
        double lowNyquist = Math.min(fromRate, toRate) / 2.0;
        double cutoff = (PASS_EDGE + STOP_EDGE) / 2 * lowNyquist / fromRate;
        double transition = (STOP_EDGE - PASS_EDGE) * lowNyquist / fromRate; // cycles per input sample
        double a = TARGET_ATTENUATION_DB;
        double beta = a > 50 ? 0.1102 * (a - 8.7) : a >= 21 ? 0.5842 * Math.pow(a - 21, 0.4) + 0.07886 * (a - 21) : 0;
        double length = (a - 7.95) / (2.285 * 2 * Math.PI * transition); // window length - 1, input samples
        double half = Math.ceil(length / 2);
        long rows = up <= MAX_EXACT_PHASES && up * 2 * half <= MAX_EXACT_FLOATS ? up : INTERPOLATED_PHASES + 1;
        if (rows * 2 * half > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("Resampler " + fromRate + " -> " + toRate + " Hz: the filter would need "
                    + (long) (rows * 2 * half) + " taps; the ratio is too extreme");
        }
        int halfTaps = roundUp((int) half, 8);
        long taps = 2L * halfTaps;
        boolean exact = up <= MAX_EXACT_PHASES && up * taps <= MAX_EXACT_FLOATS;
        int phases = exact ? up : INTERPOLATED_PHASES;
        return new ResamplerDesign(fromRate, toRate, up, down, cutoff, beta, halfTaps, phases, !exact);
    }

    /** Taps per output, 2 K. */
    public int taps() {
        return 2 * halfTaps;
    }

    /** Rows of {@link #table()}: phases, plus one closing row (frac = 1) when interpolated. */
    public int rows() {
        return interpolated ? phases + 1 : phases;
    }

    /**
     * The phase table, rows() x taps() floats: row r holds the taps for frac(t) = r / phases, in input
     * order (tap i multiplies x[floor(t) - K + 1 + i]), each row summing to 1 (computed in double).
     */
    public float[] table() {
        int t = taps();
        float[] table = new float[rows() * t];
        double[] row = new double[t];
        double i0Beta = besselI0(beta);
        for (int r = 0; r < rows(); r++) {
            double frac = (double) r / phases;
            double sum = 0;
            for (int i = 0; i < t; i++) {
                row[i] = tap(frac + halfTaps - 1 - i, i0Beta);
                sum += row[i];
            }
            for (int i = 0; i < t; i++) table[r * t + i] = (float) (row[i] / sum);
        }
        return table;
    }

    /** h(u) before the per-phase normalisation; i0Beta = I0(beta). */
    double tap(double u, double i0Beta) {
        double r = u / halfTaps;
        if (Math.abs(r) > 1) return 0;
        double v = 2 * cutoff * u;
        double sinc = v == 0 ? 1 : Math.sin(Math.PI * v) / (Math.PI * v);
        return 2 * cutoff * sinc * besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (x up to ~30). */
    static double besselI0(double x) {
        double term = 1, sum = 1, q = x * x / 4;
        for (int k = 1; k < 500 && term > 1e-17 * sum; k++) {
            term *= q / ((double) k * k);
            sum += term;
        }
        return sum;
    }

    static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private static int roundUp(int x, int m) {
        return (x + m - 1) / m * m;
    }
}
