package io.colisten.kernels.cpu;

/** Elementwise kernels over n floats at given offsets. Outputs may alias inputs exactly. */
public final class Elementwise {
    private Elementwise() {}

    /** out = a + b. */
    public static void add(float[] out, int oo, float[] a, int ao, float[] b, int bo, int n) {
        check3("add", out, oo, a, ao, b, bo, n);
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] + b[bo + i];
    }

    /** out = a - b. */
    public static void sub(float[] out, int oo, float[] a, int ao, float[] b, int bo, int n) {
        check3("sub", out, oo, a, ao, b, bo, n);
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] - b[bo + i];
    }

    /** out = a * b. */
    public static void mul(float[] out, int oo, float[] a, int ao, float[] b, int bo, int n) {
        check3("mul", out, oo, a, ao, b, bo, n);
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] * b[bo + i];
    }

    /** out = alpha * a. */
    public static void scale(float[] out, int oo, float[] a, int ao, float alpha, int n) {
        check2("scale", out, oo, a, ao, n);
        for (int i = 0; i < n; i++) out[oo + i] = alpha * a[ao + i];
    }

    /** y += alpha * x. */
    public static void axpy(float[] y, int yo, float alpha, float[] x, int xo, int n) {
        Check.count("axpy", "n", n);
        Check.span("axpy", "y", y, yo, n);
        Check.span("axpy", "x", x, xo, n);
        for (int i = 0; i < n; i++) y[yo + i] = Math.fma(alpha, x[xo + i], y[yo + i]);
    }

    /** y += a * b. */
    public static void mulAdd(float[] y, int yo, float[] a, int ao, float[] b, int bo, int n) {
        check3("mulAdd", y, yo, a, ao, b, bo, n);
        for (int i = 0; i < n; i++) y[yo + i] = Math.fma(a[ao + i], b[bo + i], y[yo + i]);
    }

    /** out = value. */
    public static void fill(float[] out, int oo, float value, int n) {
        Check.count("fill", "n", n);
        Check.span("fill", "out", out, oo, n);
        java.util.Arrays.fill(out, oo, oo + n, value);
    }

    /** out = a (overlapping ranges behave like memmove). */
    public static void copy(float[] out, int oo, float[] a, int ao, int n) {
        check2("copy", out, oo, a, ao, n);
        System.arraycopy(a, ao, out, oo, n);
    }

    /** out[rows x cols][r, c] += bias[c]. */
    public static void addRowBias(float[] out, int oo, float[] bias, int bo, int rows, int cols) {
        Check.count("addRowBias", "rows", rows);
        Check.count("addRowBias", "cols", cols);
        Check.span("addRowBias", "out", out, oo, (long) rows * cols);
        Check.span("addRowBias", "bias", bias, bo, cols);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) out[oo + r * cols + c] += bias[bo + c];
    }

    /** out[n x c x hw][b, ch, i] += bias[ch] (NCHW with hw = h * w). */
    public static void addChannelBias(float[] out, int oo, float[] bias, int bo, int n, int c, int hw) {
        Check.count("addChannelBias", "n", n);
        Check.count("addChannelBias", "c", c);
        Check.count("addChannelBias", "hw", hw);
        Check.span("addChannelBias", "out", out, oo, (long) n * c * hw);
        Check.span("addChannelBias", "bias", bias, bo, c);
        for (int b = 0; b < n; b++)
            for (int ch = 0; ch < c; ch++) {
                float v = bias[bo + ch];
                int base = oo + (b * c + ch) * hw;
                for (int i = 0; i < hw; i++) out[base + i] += v;
            }
    }

    private static void check2(String op, float[] out, int oo, float[] a, int ao, int n) {
        Check.count(op, "n", n);
        Check.span(op, "out", out, oo, n);
        Check.span(op, "a", a, ao, n);
    }

    private static void check3(String op, float[] out, int oo, float[] a, int ao, float[] b, int bo, int n) {
        check2(op, out, oo, a, ao, n);
        Check.span(op, "b", b, bo, n);
    }
}
