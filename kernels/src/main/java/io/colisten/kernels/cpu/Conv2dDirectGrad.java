package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.Conv2dDirect.L;
import static io.colisten.kernels.cpu.Conv2dDirect.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Backward kernels of {@link Conv2dDirect} (cIn / groups == 1, strideW == 1).
 * Backward-filter: per image and group, the padded input plane and (four channels at a time) the
 * output-gradient planes with rows rounded up to whole vectors are correlated tap by tap, in
 * register blocks of 4 channels x 4 taps (or 1 channel x 8 taps for depthwise); each partition of
 * images adds into its own partial buffer and the caller reduces them in partition order.
 * Backward-data: the gather form dIn[iy][ix] = sum w[ky][kx] dOut[y][ix + padW - kx] over
 * y * strideH + ky = iy + padH, on an output-gradient plane padded by kw - 1 zeros on the left.
 */
final class Conv2dDirectGrad {
    private Conv2dDirectGrad() {}

    static void backwardFilter(float[] dW, int dwOff, float[] dB, int dbOff, float[] dOut, int dOutOff,
                               float[] in, int inOff, Conv2dShape s) {
        int units = s.n() * s.groups(), wsize = s.weightSize();
        int parts = Math.min(Parallel.threads(), units);
        float[][] part = ConvScratch.partials(parts, wsize + s.cOut());
        Parallel.forEach(parts, pi -> {
            int from = (int) ((long) units * pi / parts), to = (int) ((long) units * (pi + 1) / parts);
            filterUnits(part[pi], wsize, dOut, dOutOff, in, inOff, s, from, to);
        });
        ConvScratch.reduceInto(dW, dwOff, part, parts, 0, wsize);
        if (dB != null) ConvScratch.reduceInto(dB, dbOff, part, parts, wsize, s.cOut());
    }

    /** acc[0, wsize) += dWeight and acc[wsize + co] += dBias of the (image, group) units [from, to). */
    private static void filterUnits(float[] acc, int wsize, float[] dOut, int dOutOff, float[] in, int inOff,
                                    Conv2dShape s, int from, int to) {
        int groups = s.groups(), cog = s.cOutPerGroup(), oh = s.outH(), ow = s.outW(), kw = s.kw();
        int kk = s.kh() * kw, owp = Conv2dDirect.roundUp(ow, L), gs = oh * owp, wp = Conv2dDirect.paddedW(s);
        float[] plane = ConvScratch.get(ConvScratch.PLANE, Conv2dDirect.paddedH(s) * wp);
        float[] g = ConvScratch.get(ConvScratch.ROW, 4 * gs);
        for (int u = from; u < to; u++) {
            int b = u / groups, grp = u % groups;
            Conv2dDirect.padPlane(plane, in, inOff + (b * s.cIn() + grp) * s.h() * s.w(), s, wp);
            for (int c0 = grp * cog; c0 < (grp + 1) * cog; c0 += 4) {
                int cb = Math.min(4, (grp + 1) * cog - c0);
                for (int c = 0; c < cb; c++) {
                    int src = dOutOff + ((b * s.cOut() + c0 + c) * oh) * ow;
                    acc[wsize + c0 + c] += padRows(g, c * gs, dOut, src, oh, ow, owp);
                }
                if (cb == 4) {
                    for (int t = 0; t < kk; t += 4)
                        filter4x4(acc, c0 * kk + t, kk, Math.min(4, kk - t), g, gs, owp, oh, plane, wp, s.strideH(),
                                tapOff(t, kk, kw, wp), tapOff(t + 1, kk, kw, wp), tapOff(t + 2, kk, kw, wp), tapOff(t + 3, kk, kw, wp));
                } else {
                    for (int c = 0; c < cb; c++)
                        for (int t = 0; t < kk; t += 8)
                            filter1x8(acc, (c0 + c) * kk + t, Math.min(8, kk - t), g, c * gs, owp, oh, plane, wp, s.strideH(),
                                    tapOff(t, kk, kw, wp), tapOff(t + 1, kk, kw, wp), tapOff(t + 2, kk, kw, wp), tapOff(t + 3, kk, kw, wp),
                                    tapOff(t + 4, kk, kw, wp), tapOff(t + 5, kk, kw, wp), tapOff(t + 6, kk, kw, wp), tapOff(t + 7, kk, kw, wp));
                }
            }
        }
    }

    /** Offset of tap t = ky * kw + kx in the padded plane; taps past the end alias tap 0 (results unused). */
    private static int tapOff(int t, int kk, int kw, int wp) {
        if (t >= kk) t = 0;
        return (t / kw) * wp + t % kw;
    }

    /** dst[off + y * owp + x] = src[srcOff + y * ow + x], zero for x in [ow, owp); returns the sum. */
    private static float padRows(float[] dst, int off, float[] src, int srcOff, int rows, int ow, int owp) {
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
        return sum.reduceLanes(VectorOperators.ADD);
    }

    /** acc[a + c * kk + i] += sum over y, x of g[c][y][x] * p[y * sh * wp + x + t_i], c < 4, i < nt. */
    private static void filter4x4(float[] acc, int a, int kk, int nt, float[] g, int gs, int owp, int oh,
                                  float[] p, int wp, int sh, int t0, int t1, int t2, int t3) {
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00, s03 = s00, s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        FloatVector s20 = s00, s21 = s00, s22 = s00, s23 = s00, s30 = s00, s31 = s00, s32 = s00, s33 = s00;
        for (int y = 0; y < oh; y++) {
            int gr = y * owp, pr = y * sh * wp;
            for (int x = 0; x < owp; x += L) {
                FloatVector g0 = FloatVector.fromArray(S, g, gr + x), g1 = FloatVector.fromArray(S, g, gs + gr + x);
                FloatVector g2 = FloatVector.fromArray(S, g, 2 * gs + gr + x), g3 = FloatVector.fromArray(S, g, 3 * gs + gr + x);
                int q = pr + x;
                FloatVector i0 = FloatVector.fromArray(S, p, q + t0), i1 = FloatVector.fromArray(S, p, q + t1);
                FloatVector i2 = FloatVector.fromArray(S, p, q + t2), i3 = FloatVector.fromArray(S, p, q + t3);
                s00 = g0.fma(i0, s00); s01 = g0.fma(i1, s01); s02 = g0.fma(i2, s02); s03 = g0.fma(i3, s03);
                s10 = g1.fma(i0, s10); s11 = g1.fma(i1, s11); s12 = g1.fma(i2, s12); s13 = g1.fma(i3, s13);
                s20 = g2.fma(i0, s20); s21 = g2.fma(i1, s21); s22 = g2.fma(i2, s22); s23 = g2.fma(i3, s23);
                s30 = g3.fma(i0, s30); s31 = g3.fma(i1, s31); s32 = g3.fma(i2, s32); s33 = g3.fma(i3, s33);
            }
        }
        add4(acc, a, nt, s00, s01, s02, s03);
        add4(acc, a + kk, nt, s10, s11, s12, s13);
        add4(acc, a + 2 * kk, nt, s20, s21, s22, s23);
        add4(acc, a + 3 * kk, nt, s30, s31, s32, s33);
    }

    private static void add4(float[] acc, int a, int nt, FloatVector v0, FloatVector v1, FloatVector v2, FloatVector v3) {
        acc[a] += v0.reduceLanes(VectorOperators.ADD);
        if (nt > 1) acc[a + 1] += v1.reduceLanes(VectorOperators.ADD);
        if (nt > 2) acc[a + 2] += v2.reduceLanes(VectorOperators.ADD);
        if (nt > 3) acc[a + 3] += v3.reduceLanes(VectorOperators.ADD);
    }

    /** One channel (gradient plane at g[go]), eight taps: acc[a + i] += ..., i < nt. */
    private static void filter1x8(float[] acc, int a, int nt, float[] g, int go, int owp, int oh, float[] p, int wp, int sh,
                                  int t0, int t1, int t2, int t3, int t4, int t5, int t6, int t7) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        for (int y = 0; y < oh; y++) {
            int gr = go + y * owp, pr = y * sh * wp;
            for (int x = 0; x < owp; x += L) {
                FloatVector gv = FloatVector.fromArray(S, g, gr + x);
                int q = pr + x;
                s0 = gv.fma(FloatVector.fromArray(S, p, q + t0), s0);
                s1 = gv.fma(FloatVector.fromArray(S, p, q + t1), s1);
                s2 = gv.fma(FloatVector.fromArray(S, p, q + t2), s2);
                s3 = gv.fma(FloatVector.fromArray(S, p, q + t3), s3);
                s4 = gv.fma(FloatVector.fromArray(S, p, q + t4), s4);
                s5 = gv.fma(FloatVector.fromArray(S, p, q + t5), s5);
                s6 = gv.fma(FloatVector.fromArray(S, p, q + t6), s6);
                s7 = gv.fma(FloatVector.fromArray(S, p, q + t7), s7);
            }
        }
        add4(acc, a, nt, s0, s1, s2, s3);
        if (nt > 4) add4(acc, a + 4, nt - 4, s4, s5, s6, s7);
    }

    static void backwardData(float[] dIn, int dInOff, float[] dOut, int dOutOff, float[] wt, int wOff, Conv2dShape s) {
        int groups = s.groups(), units = s.n() * groups;
        Parallel.forRange(units, 1, (from, to) -> {
            int w = s.w(), kw = s.kw(), ow = s.outW(), oh = s.outH(), kk = s.kh() * kw;
            int wdp = Math.max(Conv2dDirect.roundUp(w, L) + s.padW() + kw - 1, ow + kw - 1);
            float[] buf = ConvScratch.get(ConvScratch.PLANE, oh * wdp);
            for (int u = from; u < to; u++) {
                int b = u / groups, grp = u % groups;
                int dst = dInOff + (b * s.cIn() + grp) * s.h() * w;
                for (int co = grp * s.cOutPerGroup(); co < (grp + 1) * s.cOutPerGroup(); co++) {
                    int src = dOutOff + (b * s.cOut() + co) * oh * ow;
                    for (int y = 0; y < oh; y++) {
                        int d = y * wdp;
                        java.util.Arrays.fill(buf, d, d + kw - 1, 0f);
                        System.arraycopy(dOut, src + y * ow, buf, d + kw - 1, ow);
                        java.util.Arrays.fill(buf, d + kw - 1 + ow, d + wdp, 0f);
                    }
                    int wBase = wOff + co * kk;
                    for (int iy = 0; iy < s.h(); iy++) {
                        int o = dst + iy * w, ix = 0;
                        for (; ix + 4 * L <= w; ix += 4 * L)
                            data4(dIn, o + ix, buf, wdp, ix + s.padW() + kw - 1, wt, wBase, s, iy);
                        for (; ix < w; ix += L)
                            data1(dIn, o + ix, Math.min(L, w - ix), buf, wdp, ix + s.padW() + kw - 1, wt, wBase, s, iy);
                    }
                }
            }
        });
    }

    /** dIn[o, o + 4L) += the gradient of input row iy, columns from the padded-gradient column xb. */
    private static void data4(float[] dIn, int o, float[] buf, int wdp, int xb, float[] wt, int wBase, Conv2dShape s, int iy) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int kw = s.kw(), sh = s.strideH();
        for (int ky = 0; ky < s.kh(); ky++) {
            int t = iy + s.padH() - ky;
            if (t < 0) break;
            if (t % sh != 0 || t / sh >= s.outH()) continue;
            int r = (t / sh) * wdp + xb, wr = wBase + ky * kw;
            for (int kx = 0; kx < kw; kx++) {
                FloatVector c = FloatVector.broadcast(S, wt[wr + kx]);
                int q = r - kx;
                a0 = FloatVector.fromArray(S, buf, q).fma(c, a0);
                a1 = FloatVector.fromArray(S, buf, q + L).fma(c, a1);
                a2 = FloatVector.fromArray(S, buf, q + 2 * L).fma(c, a2);
                a3 = FloatVector.fromArray(S, buf, q + 3 * L).fma(c, a3);
            }
        }
        FloatVector.fromArray(S, dIn, o).add(a0).intoArray(dIn, o);
        FloatVector.fromArray(S, dIn, o + L).add(a1).intoArray(dIn, o + L);
        FloatVector.fromArray(S, dIn, o + 2 * L).add(a2).intoArray(dIn, o + 2 * L);
        FloatVector.fromArray(S, dIn, o + 3 * L).add(a3).intoArray(dIn, o + 3 * L);
    }

    /** Like data4 for one vector of which the first {@code valid} lanes are written. */
    private static void data1(float[] dIn, int o, int valid, float[] buf, int wdp, int xb, float[] wt, int wBase,
                              Conv2dShape s, int iy) {
        FloatVector a = FloatVector.zero(S);
        int kw = s.kw(), sh = s.strideH();
        for (int ky = 0; ky < s.kh(); ky++) {
            int t = iy + s.padH() - ky;
            if (t < 0) break;
            if (t % sh != 0 || t / sh >= s.outH()) continue;
            int r = (t / sh) * wdp + xb, wr = wBase + ky * kw;
            for (int kx = 0; kx < kw; kx++) a = FloatVector.fromArray(S, buf, r - kx).fma(FloatVector.broadcast(S, wt[wr + kx]), a);
        }
        VectorMask<Float> m = S.indexInRange(0, valid);
        FloatVector.fromArray(S, dIn, o, m).add(a).intoArray(dIn, o, m);
    }
}
