package io.colisten.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Geometry and copies of the zero-padded planes that the direct conv2d kernels read with full
 * vector loads at every tap (strideW == 1):
 * <ul>
 * <li>input planes, hp x wp per channel: the input at row padH, column padW, zeros around, wide
 *     enough that a vector starting at any output slot and shifted by any kx stays inside;</li>
 * <li>output-gradient planes for backward-data, rowsD x wdp per channel: dOut at row top(s),
 *     column kw - 1;</li>
 * <li>output-gradient rows rounded up to whole vectors for backward-filter.</li>
 * </ul>
 */
final class ConvPlanes {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private ConvPlanes() {}

    static int roundUp(int v, int m) { return (v + m - 1) / m * m; }

    static int hp(Conv2dShape s) { return s.h() + 2 * s.padH(); }

    static int wp(Conv2dShape s) { return Math.max(s.w() + 2 * s.padW(), roundUp(s.outW(), L) + s.kw() - 1); }

    /** True when the input itself can serve as its padded planes (no padding, no overreach). */
    static boolean inputIsPadded(Conv2dShape s) { return s.padH() == 0 && s.padW() == 0 && wp(s) == s.w(); }

    /** dst[c][hp x wp] for c < channels, from src planes of h x w at srcOff. */
    static void padInput(float[] dst, float[] src, int srcOff, int channels, Conv2dShape s) {
        int h = s.h(), w = s.w(), ph = s.padH(), pw = s.padW(), hp = hp(s), wp = wp(s);
        for (int c = 0; c < channels; c++) {
            int d0 = c * hp * wp, s0 = srcOff + c * h * w;
            java.util.Arrays.fill(dst, d0, d0 + ph * wp, 0f);
            for (int y = 0; y < h; y++) {
                int d = d0 + (ph + y) * wp;
                java.util.Arrays.fill(dst, d, d + pw, 0f);
                System.arraycopy(src, s0 + y * w, dst, d + pw, w);
                java.util.Arrays.fill(dst, d + pw + w, d + wp, 0f);
            }
            java.util.Arrays.fill(dst, d0 + (ph + h) * wp, d0 + hp * wp, 0f);
        }
    }

    /** Zero rows above dOut in a backward-data plane: enough for the lowest ky of every phase. */
    static int topD(Conv2dShape s) { return (s.kh() - 1) / s.strideH() + 1; }

    static int rowsD(Conv2dShape s) {
        int sh = s.strideH();
        return topD(s) + Math.max(s.outH(), (s.h() - 1) / sh + (sh - 1 + s.padH()) / sh + 1);
    }

    static int wdp(Conv2dShape s) {
        return Math.max(roundUp(s.w(), L) + s.padW() + s.kw() - 1, s.outW() + s.kw() - 1);
    }

    /** dst[c][rowsD x wdp] for c < channels: dOut row y at row topD + y, column kw - 1; zeros elsewhere. */
    static void padGradient(float[] dst, float[] src, int srcOff, int channels, Conv2dShape s) {
        int oh = s.outH(), ow = s.outW(), kw = s.kw(), top = topD(s), rows = rowsD(s), wd = wdp(s);
        for (int c = 0; c < channels; c++) {
            int d0 = c * rows * wd, s0 = srcOff + c * oh * ow;
            java.util.Arrays.fill(dst, d0, d0 + top * wd, 0f);
            for (int y = 0; y < oh; y++) {
                int d = d0 + (top + y) * wd;
                java.util.Arrays.fill(dst, d, d + kw - 1, 0f);
                System.arraycopy(src, s0 + y * ow, dst, d + kw - 1, ow);
                java.util.Arrays.fill(dst, d + kw - 1 + ow, d + wd, 0f);
            }
            java.util.Arrays.fill(dst, d0 + (top + oh) * wd, d0 + rows * wd, 0f);
        }
    }

    /** dst[off + y * owp + x] = src[srcOff + y * ow + x], zero for x in [ow, owp); returns the sum. */
    static float padRows(float[] dst, int off, float[] src, int srcOff, int rows, int ow, int owp) {
        FloatVector sum = FloatVector.zero(S);
        for (int y = 0; y < rows; y++) {
            int d = off + y * owp, sr = srcOff + y * ow, x = 0;
            for (; x + L <= ow; x += L) {
                FloatVector v = FloatVector.fromArray(S, src, sr + x);
                v.intoArray(dst, d + x);
                sum = sum.add(v);
            }
            if (x < ow) {
                FloatVector v = FloatVector.fromArray(S, src, sr + x, S.indexInRange(0, ow - x));
                v.intoArray(dst, d + x);
                sum = sum.add(v);
            }
        }
        if (SimdMath.L > 32) sum = sum.add(sum.rearrange(SimdMath.XOR_32));
        if (SimdMath.L > 16) sum = sum.add(sum.rearrange(SimdMath.XOR_16));
        if (SimdMath.L > 8) sum = sum.add(sum.rearrange(SimdMath.XOR_8));
        if (SimdMath.L > 4) sum = sum.add(sum.rearrange(SimdMath.XOR_4));
        if (SimdMath.L > 2) sum = sum.add(sum.rearrange(SimdMath.XOR_2));
        if (SimdMath.L > 1) sum = sum.add(sum.rearrange(SimdMath.XOR_1));
        return sum.lane(0);
    }
}
