package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.SimdMath.GRAIN;
import static io.colisten.kernels.cpu.SimdMath.L;
import static io.colisten.kernels.cpu.SimdMath.S;

import jdk.incubator.vector.FloatVector;

/**
 * Elementwise kernels over n floats at given offsets. An output may alias an input exactly (same
 * array, same offset); partially overlapping ranges are not supported, except by copy. Work of at
 * least 2 * GRAIN elements is split across Parallel's threads; every element is computed the same
 * way whatever the split.
 */
public final class Elementwise {
    private Elementwise() {}

    /** out = a + b. */
    public static void add(float[] out, int oo, float[] a, int ao, float[] b, int bo, int n) {
        check3("add", out, oo, a, ao, b, bo, n);
        if (n < 2 * GRAIN) addRange(out, oo, a, ao, b, bo, 0, n);
        else Parallel.forRange(n, GRAIN, (f, t) -> addRange(out, oo, a, ao, b, bo, f, t));
    }

    private static void addRange(float[] out, int oo, float[] a, int ao, float[] b, int bo, int from, int to) {
        int i = from;
        for (int end = to - L; i <= end; i += L) {
            FloatVector.fromArray(S, a, ao + i).add(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
        }
        for (; i < to; i++) out[oo + i] = a[ao + i] + b[bo + i];
    }

    /** out = a - b. */
    public static void sub(float[] out, int oo, float[] a, int ao, float[] b, int bo, int n) {
        check3("sub", out, oo, a, ao, b, bo, n);
        if (n < 2 * GRAIN) subRange(out, oo, a, ao, b, bo, 0, n);
        else Parallel.forRange(n, GRAIN, (f, t) -> subRange(out, oo, a, ao, b, bo, f, t));
    }

    private static void subRange(float[] out, int oo, float[] a, int ao, float[] b, int bo, int from, int to) {
        int i = from;
        for (int end = to - L; i <= end; i += L) {
            FloatVector.fromArray(S, a, ao + i).sub(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
        }
        for (; i < to; i++) out[oo + i] = a[ao + i] - b[bo + i];
    }

    /** out = a * b. */
    public static void mul(float[] out, int oo, float[] a, int ao, float[] b, int bo, int n) {
        check3("mul", out, oo, a, ao, b, bo, n);
        if (n < 2 * GRAIN) mulRange(out, oo, a, ao, b, bo, 0, n);
        else Parallel.forRange(n, GRAIN, (f, t) -> mulRange(out, oo, a, ao, b, bo, f, t));
    }

    private static void mulRange(float[] out, int oo, float[] a, int ao, float[] b, int bo, int from, int to) {
        int i = from;
        for (int end = to - L; i <= end; i += L) {
            FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
        }
        for (; i < to; i++) out[oo + i] = a[ao + i] * b[bo + i];
    }

    /** out = alpha * a. */
    public static void scale(float[] out, int oo, float[] a, int ao, float alpha, int n) {
        check2("scale", out, oo, a, ao, n);
        if (n < 2 * GRAIN) scaleRange(out, oo, a, ao, alpha, 0, n);
        else Parallel.forRange(n, GRAIN, (f, t) -> scaleRange(out, oo, a, ao, alpha, f, t));
    }

    private static void scaleRange(float[] out, int oo, float[] a, int ao, float alpha, int from, int to) {
        int i = from;
        for (int end = to - L; i <= end; i += L) FloatVector.fromArray(S, a, ao + i).mul(alpha).intoArray(out, oo + i);
        for (; i < to; i++) out[oo + i] = alpha * a[ao + i];
    }

    /** y += alpha * x (one fused multiply-add per element). */
    public static void axpy(float[] y, int yo, float alpha, float[] x, int xo, int n) {
        Check.count("axpy", "n", n);
        Check.span("axpy", "y", y, yo, n);
        Check.span("axpy", "x", x, xo, n);
        if (n < 2 * GRAIN) axpyRange(y, yo, alpha, x, xo, 0, n);
        else Parallel.forRange(n, GRAIN, (f, t) -> axpyRange(y, yo, alpha, x, xo, f, t));
    }

    private static void axpyRange(float[] y, int yo, float alpha, float[] x, int xo, int from, int to) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        int i = from;
        for (int end = to - L; i <= end; i += L) {
            FloatVector.fromArray(S, x, xo + i).fma(va, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < to; i++) y[yo + i] = Math.fma(alpha, x[xo + i], y[yo + i]);
    }

    /** y += a * b (one fused multiply-add per element). */
    public static void mulAdd(float[] y, int yo, float[] a, int ao, float[] b, int bo, int n) {
        check3("mulAdd", y, yo, a, ao, b, bo, n);
        if (n < 2 * GRAIN) mulAddRange(y, yo, a, ao, b, bo, 0, n);
        else Parallel.forRange(n, GRAIN, (f, t) -> mulAddRange(y, yo, a, ao, b, bo, f, t));
    }

    private static void mulAddRange(float[] y, int yo, float[] a, int ao, float[] b, int bo, int from, int to) {
        int i = from;
        for (int end = to - L; i <= end; i += L) {
            FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), FloatVector.fromArray(S, y, yo + i))
                    .intoArray(y, yo + i);
        }
        for (; i < to; i++) y[yo + i] = Math.fma(a[ao + i], b[bo + i], y[yo + i]);
    }

    /** out = value. Arrays.fill is already vectorised by C2; one thread saturates the write stream here. */
    public static void fill(float[] out, int oo, float value, int n) {
        Check.count("fill", "n", n);
        Check.span("fill", "out", out, oo, n);
        if (n < 4 * GRAIN) java.util.Arrays.fill(out, oo, oo + n, value);
        else Parallel.forRange(n, 2 * GRAIN, (f, t) -> java.util.Arrays.fill(out, oo + f, oo + t, value));
    }

    /** out = a; overlapping ranges behave like memmove. */
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
        if ((long) rows * cols < 2L * GRAIN || rows == 1) addRowBiasRange(out, oo, bias, bo, cols, 0, rows);
        else Parallel.forRange(rows, Math.max(1, GRAIN / Math.max(1, cols)),
                (f, t) -> addRowBiasRange(out, oo, bias, bo, cols, f, t));
    }

    private static void addRowBiasRange(float[] out, int oo, float[] bias, int bo, int cols, int r0, int r1) {
        for (int r = r0; r < r1; r++) addRange(out, oo + r * cols, out, oo + r * cols, bias, bo, 0, cols);
    }

    /** out[n x c x hw][b, ch, i] += bias[ch] (NCHW with hw = h * w). */
    public static void addChannelBias(float[] out, int oo, float[] bias, int bo, int n, int c, int hw) {
        Check.count("addChannelBias", "n", n);
        Check.count("addChannelBias", "c", c);
        Check.count("addChannelBias", "hw", hw);
        Check.span("addChannelBias", "out", out, oo, (long) n * c * hw);
        Check.span("addChannelBias", "bias", bias, bo, c);
        if (hw == 1) {
            addRowBias(out, oo, bias, bo, n, c);
            return;
        }
        int planes = n * c;
        if ((long) planes * hw < 2L * GRAIN) addChannelBiasRange(out, oo, bias, bo, c, hw, 0, planes);
        else Parallel.forRange(planes, Math.max(1, GRAIN / hw),
                (f, t) -> addChannelBiasRange(out, oo, bias, bo, c, hw, f, t));
    }

    /** Planes [p0, p1) of the n * c planes of hw elements each. */
    private static void addChannelBiasRange(float[] out, int oo, float[] bias, int bo, int c, int hw, int p0, int p1) {
        for (int p = p0; p < p1; p++) {
            float v = bias[bo + p % c];
            int base = oo + p * hw;
            int i = 0;
            for (int end = hw - L; i <= end; i += L) FloatVector.fromArray(S, out, base + i).add(v).intoArray(out, base + i);
            for (; i < hw; i++) out[base + i] += v;
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
