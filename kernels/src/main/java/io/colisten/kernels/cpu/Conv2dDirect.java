package io.colisten.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Direct conv2d forward for layers where every output channel reads one input channel
 * (cIn / groups == 1: first layers on a mono spectrogram, depthwise layers) and strideW == 1.
 * Such layers have too little reduction depth for im2col + GEMM to pay; here each image plane is
 * copied once into a zero-padded scratch plane and output rows are computed as vectors along the
 * width, four output channels (which share the input plane) times four vectors per register block.
 */
final class Conv2dDirect {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private Conv2dDirect() {}

    static boolean applies(Conv2dShape s) {
        return s.cInPerGroup() == 1 && s.strideW() == 1;
    }

    static int roundUp(int v, int m) { return (v + m - 1) / m * m; }

    /** Rows of the padded input plane: h + 2 padH (all rows any window touches). */
    static int paddedH(Conv2dShape s) { return s.h() + 2 * s.padH(); }

    /** Width of the padded input plane: wide enough for full-vector loads at every tap. */
    static int paddedW(Conv2dShape s) {
        return Math.max(s.w() + 2 * s.padW(), roundUp(s.outW(), L) + s.kw() - 1);
    }

    /** dst[hp x wp] = src[h x w] surrounded by padH rows and padW columns of zeros (right side to wp). */
    static void padPlane(float[] dst, float[] src, int srcOff, Conv2dShape s, int wp) {
        int h = s.h(), w = s.w(), ph = s.padH(), pw = s.padW(), hp = paddedH(s);
        java.util.Arrays.fill(dst, 0, ph * wp, 0f);
        for (int y = 0; y < h; y++) {
            int d = (ph + y) * wp;
            java.util.Arrays.fill(dst, d, d + pw, 0f);
            System.arraycopy(src, srcOff + y * w, dst, d + pw, w);
            java.util.Arrays.fill(dst, d + pw + w, d + wp, 0f);
        }
        java.util.Arrays.fill(dst, (ph + h) * wp, hp * wp, 0f);
    }

    static void forward(float[] out, int outOff, float[] in, int inOff, float[] wt, int wOff,
                        float[] bias, int bOff, Conv2dShape s) {
        int groups = s.groups(), cog = s.cOutPerGroup(), n = s.n();
        int blocks = (cog + 3) / 4;
        // Enough units for every thread even at batch 1: split a group's channels when images are few.
        int splits = (long) n * groups >= Parallel.threads() ? 1 : blocks;
        int units = n * groups * splits;
        Parallel.forRange(units, 1, (from, to) -> {
            int wp = paddedW(s);
            float[] plane = ConvScratch.get(ConvScratch.PLANE, paddedH(s) * wp);
            for (int u = from; u < to; u++) {
                int split = u % splits, bg = u / splits, g = bg % groups, b = bg / groups;
                int c0 = g * cog + 4 * (int) ((long) blocks * split / splits);
                int c1 = Math.min(g * cog + cog, g * cog + 4 * (int) ((long) blocks * (split + 1) / splits));
                padPlane(plane, in, inOff + (b * s.cIn() + g) * s.h() * s.w(), s, wp);
                image(out, outOff + b * s.cOut() * s.outH() * s.outW(), plane, wp, wt, wOff, bias, bOff, s, c0, c1);
            }
        });
    }

    /** Output channels [c0, c1) of one image from its padded plane. */
    private static void image(float[] out, int outOff, float[] p, int wp, float[] wt, int wOff,
                              float[] bias, int bOff, Conv2dShape s, int c0, int c1) {
        int oh = s.outH(), ow = s.outW(), ohw = oh * ow, kk = s.kh() * s.kw();
        for (int y = 0; y < oh; y++) {
            int pBase = y * s.strideH() * wp;
            int co = c0;
            for (; co + 4 <= c1; co += 4) {
                int o = outOff + co * ohw + y * ow, w0 = wOff + co * kk;
                float b0 = b(bias, bOff, co), b1 = b(bias, bOff, co + 1), b2 = b(bias, bOff, co + 2), b3 = b(bias, bOff, co + 3);
                int x = 0;
                for (; x + 4 * L <= ow; x += 4 * L)
                    block4x4(out, o + x, ohw, p, pBase + x, wp, wt, w0, kk, s.kh(), s.kw(), b0, b1, b2, b3);
                for (; x < ow; x += L)
                    block4x1(out, o + x, ohw, Math.min(L, ow - x), p, pBase + x, wp, wt, w0, kk, s.kh(), s.kw(), b0, b1, b2, b3);
            }
            for (; co < c1; co++) {
                int o = outOff + co * ohw + y * ow, w0 = wOff + co * kk;
                float b0 = b(bias, bOff, co);
                int x = 0;
                for (; x + 4 * L <= ow; x += 4 * L) block1x4(out, o + x, p, pBase + x, wp, wt, w0, s.kh(), s.kw(), b0);
                for (; x < ow; x += L) block1x1(out, o + x, Math.min(L, ow - x), p, pBase + x, wp, wt, w0, s.kh(), s.kw(), b0);
            }
        }
    }

    private static float b(float[] bias, int bOff, int co) { return bias == null ? 0f : bias[bOff + co]; }

    /** out[c][0, 4L) for channels c = 0..3 at stride cs; weights of channel c at w0 + c * kk. */
    private static void block4x4(float[] out, int o, int cs, float[] p, int pb, int wp, float[] wt, int w0, int kk,
                                 int kh, int kw, float b0, float b1, float b2, float b3) {
        FloatVector a00 = FloatVector.broadcast(S, b0), a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = FloatVector.broadcast(S, b1), a11 = a10, a12 = a10, a13 = a10;
        FloatVector a20 = FloatVector.broadcast(S, b2), a21 = a20, a22 = a20, a23 = a20;
        FloatVector a30 = FloatVector.broadcast(S, b3), a31 = a30, a32 = a30, a33 = a30;
        for (int ky = 0; ky < kh; ky++) {
            int r = pb + ky * wp, wr = w0 + ky * kw;
            for (int kx = 0; kx < kw; kx++) {
                int q = r + kx, t = wr + kx;
                FloatVector v0 = FloatVector.fromArray(S, p, q), v1 = FloatVector.fromArray(S, p, q + L);
                FloatVector v2 = FloatVector.fromArray(S, p, q + 2 * L), v3 = FloatVector.fromArray(S, p, q + 3 * L);
                FloatVector c = FloatVector.broadcast(S, wt[t]);
                a00 = v0.fma(c, a00); a01 = v1.fma(c, a01); a02 = v2.fma(c, a02); a03 = v3.fma(c, a03);
                c = FloatVector.broadcast(S, wt[t + kk]);
                a10 = v0.fma(c, a10); a11 = v1.fma(c, a11); a12 = v2.fma(c, a12); a13 = v3.fma(c, a13);
                c = FloatVector.broadcast(S, wt[t + 2 * kk]);
                a20 = v0.fma(c, a20); a21 = v1.fma(c, a21); a22 = v2.fma(c, a22); a23 = v3.fma(c, a23);
                c = FloatVector.broadcast(S, wt[t + 3 * kk]);
                a30 = v0.fma(c, a30); a31 = v1.fma(c, a31); a32 = v2.fma(c, a32); a33 = v3.fma(c, a33);
            }
        }
        a00.intoArray(out, o); a01.intoArray(out, o + L); a02.intoArray(out, o + 2 * L); a03.intoArray(out, o + 3 * L);
        o += cs;
        a10.intoArray(out, o); a11.intoArray(out, o + L); a12.intoArray(out, o + 2 * L); a13.intoArray(out, o + 3 * L);
        o += cs;
        a20.intoArray(out, o); a21.intoArray(out, o + L); a22.intoArray(out, o + 2 * L); a23.intoArray(out, o + 3 * L);
        o += cs;
        a30.intoArray(out, o); a31.intoArray(out, o + L); a32.intoArray(out, o + 2 * L); a33.intoArray(out, o + 3 * L);
    }

    /** Like block4x4 for one vector of which the first {@code valid} lanes are stored. */
    private static void block4x1(float[] out, int o, int cs, int valid, float[] p, int pb, int wp, float[] wt, int w0,
                                 int kk, int kh, int kw, float b0, float b1, float b2, float b3) {
        FloatVector a0 = FloatVector.broadcast(S, b0), a1 = FloatVector.broadcast(S, b1);
        FloatVector a2 = FloatVector.broadcast(S, b2), a3 = FloatVector.broadcast(S, b3);
        for (int ky = 0; ky < kh; ky++) {
            int r = pb + ky * wp, wr = w0 + ky * kw;
            for (int kx = 0; kx < kw; kx++) {
                FloatVector v = FloatVector.fromArray(S, p, r + kx);
                int t = wr + kx;
                a0 = v.fma(FloatVector.broadcast(S, wt[t]), a0);
                a1 = v.fma(FloatVector.broadcast(S, wt[t + kk]), a1);
                a2 = v.fma(FloatVector.broadcast(S, wt[t + 2 * kk]), a2);
                a3 = v.fma(FloatVector.broadcast(S, wt[t + 3 * kk]), a3);
            }
        }
        VectorMask<Float> m = S.indexInRange(0, valid);
        a0.intoArray(out, o, m); a1.intoArray(out, o + cs, m); a2.intoArray(out, o + 2 * cs, m); a3.intoArray(out, o + 3 * cs, m);
    }

    /** One output channel, four full vectors. */
    private static void block1x4(float[] out, int o, float[] p, int pb, int wp, float[] wt, int w0, int kh, int kw, float b0) {
        FloatVector a0 = FloatVector.broadcast(S, b0), a1 = a0, a2 = a0, a3 = a0;
        for (int ky = 0; ky < kh; ky++) {
            int r = pb + ky * wp, wr = w0 + ky * kw;
            for (int kx = 0; kx < kw; kx++) {
                int q = r + kx;
                FloatVector c = FloatVector.broadcast(S, wt[wr + kx]);
                a0 = FloatVector.fromArray(S, p, q).fma(c, a0);
                a1 = FloatVector.fromArray(S, p, q + L).fma(c, a1);
                a2 = FloatVector.fromArray(S, p, q + 2 * L).fma(c, a2);
                a3 = FloatVector.fromArray(S, p, q + 3 * L).fma(c, a3);
            }
        }
        a0.intoArray(out, o); a1.intoArray(out, o + L); a2.intoArray(out, o + 2 * L); a3.intoArray(out, o + 3 * L);
    }

    /** One output channel, one vector of which the first {@code valid} lanes are stored. */
    private static void block1x1(float[] out, int o, int valid, float[] p, int pb, int wp, float[] wt, int w0,
                                 int kh, int kw, float b0) {
        FloatVector a = FloatVector.broadcast(S, b0);
        for (int ky = 0; ky < kh; ky++) {
            int r = pb + ky * wp, wr = w0 + ky * kw;
            for (int kx = 0; kx < kw; kx++) a = FloatVector.fromArray(S, p, r + kx).fma(FloatVector.broadcast(S, wt[wr + kx]), a);
        }
        a.intoArray(out, o, S.indexInRange(0, valid));
    }
}
