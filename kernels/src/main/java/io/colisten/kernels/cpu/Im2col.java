package io.colisten.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * im2col / col2im for one image and one group over a band of output rows [y0, y1):
 * col[(ci * kh + ky) * kw + kx][(y - y0) * outW + x] = in[ci][y * strideH - padH + ky][x * strideW - padW + kx]
 * (zero outside the input), ci < cIn / groups; the column matrix has ldc = (y1 - y0) * outW.
 */
final class Im2col {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Lane i picks element 2 i of v1 ++ v2 (selectFrom): the even elements of 2 L consecutive floats. */
    private static final FloatVector EVEN;

    static {
        float[] idx = new float[L];
        for (int i = 0; i < L; i++) idx[i] = 2 * i;
        EVEN = FloatVector.fromArray(S, idx, 0);
    }

    private Im2col() {}

    /** Fills col from the group's input channels starting at in[inOff] (channel planes of h x w). */
    static void im2col(float[] col, float[] in, int inOff, Conv2dShape s, int y0, int y1) {
        im2col(col, 0, (y1 - y0) * s.outW(), in, inOff, s, y0, y1);
    }

    /**
     * The same into columns [colOff, colOff + (y1 - y0) * outW) of a wider column matrix with row
     * stride ldc (the batched forward puts images side by side).
     */
    static void im2col(float[] col, int colOff, int ldc, float[] in, int inOff, Conv2dShape s, int y0, int y1) {
        int h = s.h(), w = s.w(), ow = s.outW(), kh = s.kh(), kw = s.kw(), nc = ldc;
        int sh = s.strideH(), sw = s.strideW(), ph = s.padH(), pw = s.padW();
        for (int ci = 0; ci < s.cInPerGroup(); ci++) {
            int plane = inOff + ci * h * w;
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    int row = colOff + ((ci * kh + ky) * kw + kx) * nc;
                    // Valid output columns: 0 <= x * sw - pw + kx < w.
                    int xa = Math.min(ow, ceilDiv(Math.max(0, pw - kx), sw));
                    int xb = Math.max(xa, Math.min(ow, ceilDiv(w + pw - kx, sw)));
                    for (int y = y0; y < y1; y++) {
                        int d = row + (y - y0) * ow, iy = y * sh - ph + ky;
                        if (iy < 0 || iy >= h) {
                            java.util.Arrays.fill(col, d, d + ow, 0f);
                            continue;
                        }
                        int src = plane + iy * w - pw + kx;
                        for (int x = 0; x < xa; x++) col[d + x] = 0f;
                        if (sw == 1) System.arraycopy(in, src + xa, col, d + xa, xb - xa);
                        else if (sw == 2) stride2(col, d, in, src, xa, xb);
                        else for (int x = xa; x < xb; x++) col[d + x] = in[src + x * sw];
                        for (int x = xb; x < ow; x++) col[d + x] = 0f;
                    }
                }
            }
        }
    }

    /**
     * col[d + x] = in[src + 2 x] for x in [xa, xb): two vector loads and one two-vector permute per
     * L outputs (ResNet's stride-2 layers: a scalar strided copy took about a third of their time).
     * The loads may read past the row (the lanes are dropped), never past the array: near its end
     * the copy is scalar.
     */
    private static void stride2(float[] col, int d, float[] in, int src, int xa, int xb) {
        int x = xa;
        for (; x < xb; x += L) {
            int base = src + 2 * x, n = Math.min(L, xb - x);
            if (base + 2 * L > in.length) break;
            FloatVector v = EVEN.selectFrom(FloatVector.fromArray(S, in, base), FloatVector.fromArray(S, in, base + L));
            if (n == L) v.intoArray(col, d + x);
            else v.intoArray(col, d + x, S.indexInRange(0, n));
        }
        for (; x < xb; x++) col[d + x] = in[src + 2 * x];
    }

    /** dIn (the group's channels from dIn[dInOff]) += the scatter of col back onto the input. */
    static void col2im(float[] dIn, int dInOff, float[] col, Conv2dShape s, int y0, int y1) {
        int h = s.h(), w = s.w(), ow = s.outW(), kh = s.kh(), kw = s.kw(), nc = (y1 - y0) * ow;
        int sh = s.strideH(), sw = s.strideW(), ph = s.padH(), pw = s.padW();
        for (int ci = 0; ci < s.cInPerGroup(); ci++) {
            int plane = dInOff + ci * h * w;
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    int row = ((ci * kh + ky) * kw + kx) * nc;
                    int xa = Math.min(ow, ceilDiv(Math.max(0, pw - kx), sw));
                    int xb = Math.max(xa, Math.min(ow, ceilDiv(w + pw - kx, sw)));
                    for (int y = y0; y < y1; y++) {
                        int iy = y * sh - ph + ky;
                        if (iy < 0 || iy >= h) continue;
                        int d = plane + iy * w - pw + kx, c = row + (y - y0) * ow;
                        if (sw == 1) addRow(dIn, d + xa, col, c + xa, xb - xa);
                        else for (int x = xa; x < xb; x++) dIn[d + x * sw] += col[c + x];
                    }
                }
            }
        }
    }

    /** a[ao, ao + n) += b[bo, bo + n). */
    static void addRow(float[] a, int ao, float[] b, int bo, int n) {
        int i = 0;
        for (int e = S.loopBound(n); i < e; i += S.length())
            FloatVector.fromArray(S, a, ao + i).add(FloatVector.fromArray(S, b, bo + i)).intoArray(a, ao + i);
        for (; i < n; i++) a[ao + i] += b[bo + i];
    }

    static int ceilDiv(int a, int b) { return a <= 0 ? 0 : (a + b - 1) / b; }
}
