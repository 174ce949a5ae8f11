package io.colisten.kernels.cpu;

/**
 * Reductions. Summation order depends only on the sizes (and Parallel.threads()), so results are
 * bit-identical run to run.
 */
public final class Reduce {
    private Reduce() {}

    /** sum of a[ao, ao + n). */
    public static float sum(float[] a, int ao, int n) {
        Check.count("sum", "n", n);
        Check.span("sum", "a", a, ao, n);
        float s = 0;
        for (int i = 0; i < n; i++) s += a[ao + i];
        return s;
    }

    /** sum of a[i] * b[i]. */
    public static float dot(float[] a, int ao, float[] b, int bo, int n) {
        Check.count("dot", "n", n);
        Check.span("dot", "a", a, ao, n);
        Check.span("dot", "b", b, bo, n);
        float s = 0;
        for (int i = 0; i < n; i++) s = Math.fma(a[ao + i], b[bo + i], s);
        return s;
    }

    /** out[c] += sum over r of a[rows x cols][r, c] (the bias gradient of a linear layer). */
    public static void sumColumns(float[] out, int oo, float[] a, int ao, int rows, int cols) {
        Check.count("sumColumns", "rows", rows);
        Check.count("sumColumns", "cols", cols);
        Check.span("sumColumns", "out", out, oo, cols);
        Check.span("sumColumns", "a", a, ao, (long) rows * cols);
        for (int c = 0; c < cols; c++) {
            float s = 0;
            for (int r = 0; r < rows; r++) s += a[ao + r * cols + c];
            out[oo + c] += s;
        }
    }

    /** out[ch] += sum over b, i of a[n x c x hw][b, ch, i] (the bias gradient of a convolution). */
    public static void sumChannels(float[] out, int oo, float[] a, int ao, int n, int c, int hw) {
        Check.count("sumChannels", "n", n);
        Check.count("sumChannels", "c", c);
        Check.count("sumChannels", "hw", hw);
        Check.span("sumChannels", "out", out, oo, c);
        Check.span("sumChannels", "a", a, ao, (long) n * c * hw);
        for (int ch = 0; ch < c; ch++) {
            float s = 0;
            for (int b = 0; b < n; b++) {
                int base = ao + (b * c + ch) * hw;
                for (int i = 0; i < hw; i++) s += a[base + i];
            }
            out[oo + ch] += s;
        }
    }
}
