package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.ConvTapKernels.L;
import static io.colisten.kernels.cpu.ConvTapKernels.S;
import static jdk.incubator.vector.VectorOperators.ADD;

import jdk.incubator.vector.FloatVector;

/**
 * Direct conv2d backward-filter (strideW == 1), see {@link Conv2dDirect}:
 * dW[co][ci][ky][kx] += sum over y, x of dOut[co][y][x] * in_pad[ci][y sh + ky][x + kx].
 * Groups of at least one vector of output channels transpose each image's output gradient and run
 * {@link ConvFilterKernels} (taps x channel vectors, no reductions). Smaller groups correlate the
 * padded input planes with the output-gradient planes (rows rounded up to whole vectors) along the
 * positions, in register blocks of 4 channels x 4 taps (1 channel x 8 taps below 4 channels),
 * reducing lanes once per block.
 * Each partition of (image, group) units adds into its own partial buffer; the caller reduces them
 * in partition order, so results are reproducible for a given thread count.
 */
final class Conv2dDirectFilter {
    private Conv2dDirectFilter() {}

    static void backwardFilter(float[] dW, int dwOff, float[] dB, int dbOff, float[] dOut, int dOutOff,
                               float[] in, int inOff, Conv2dShape s) {
        int units = s.n() * s.groups(), wsize = s.weightSize(), cig = s.cInPerGroup(), kw = s.kw();
        int k = cig * s.kh() * kw;
        boolean direct = ConvPlanes.inputIsPadded(s);
        int wp = direct ? s.w() : ConvPlanes.wp(s), plane = direct ? s.h() * s.w() : ConvPlanes.hp(s) * wp;
        int[] toff = ConvScratch.ints(ConvScratch.TAPS, k + 12);
        for (int ci = 0, t = 0; ci < cig; ci++)
            for (int ky = 0; ky < s.kh(); ky++)
                for (int kx = 0; kx < kw; kx++) toff[t++] = ci * plane + ky * wp + kx;
        for (int t = k; t < k + 12; t++) toff[t] = 0;    // blocks past the last tap alias tap 0 (unused)
        // Partitions claimed by the threads as they go (see Parallel.forRangeBalanced); each adds into
        // its own partial buffer, reduced in partition order: reproducible for a given thread count.
        int parts = Math.min(Parallel.threads() == 1 ? 1 : Parallel.threads() * Parallel.BALANCE, units);
        int cog = s.cOutPerGroup();
        if (cog >= L) {
            // Transposed partials: [g][tap][cogp] then the bias gradient.
            int cogp = ConvPlanes.roundUp(cog, L), tsize = s.groups() * k * cogp, ow = s.outW();
            int[] qt = ConvScratch.ints(ConvScratch.SLOT_Q, s.outH() * ow);
            for (int y = 0, i = 0; y < s.outH(); y++)
                for (int x = 0; x < ow; x++) qt[i++] = y * s.strideH() * wp + x;
            int psize = tsize + s.cOut();
            float[][] part = ConvScratch.partialBuffers(parts, psize);
            Parallel.forEach(parts, pi -> {
                int from = (int) ((long) units * pi / parts), to = (int) ((long) units * (pi + 1) / parts);
                java.util.Arrays.fill(part[pi], 0, psize, 0f);
                transposedUnits(part[pi], tsize, dOut, dOutOff, in, inOff, s, from, to, direct, wp, plane, toff, cogp, qt);
            });
            // part[0] = part[0] + part[1] + ... (in partition order), then dW += its transpose.
            Parallel.forRangeBalanced(psize, 4096, (from, to) -> sumPartials(part, parts, from, to));
            int gk = s.groups() * cog;
            Parallel.forRangeBalanced(gk, 1, (from, to) -> {
                for (int gc = from; gc < to; gc++) {
                    int g = gc / cog, co = gc % cog, src = g * k * cogp + co, dst = dwOff + gc * k;
                    for (int t = 0; t < k; t++) dW[dst + t] += part[0][src + t * cogp];
                }
            });
            if (dB != null) for (int co = 0; co < s.cOut(); co++) dB[dbOff + co] += part[0][tsize + co];
            return;
        }
        float[][] part = ConvScratch.partials(parts, wsize + s.cOut());
        Parallel.forEach(parts, pi -> {
            int from = (int) ((long) units * pi / parts), to = (int) ((long) units * (pi + 1) / parts);
            units(part[pi], wsize, dOut, dOutOff, in, inOff, s, from, to, direct, wp, plane, toff);
        });
        ConvScratch.reduceInto(dW, dwOff, part, parts, 0, wsize);
        if (dB != null) ConvScratch.reduceInto(dB, dbOff, part, parts, wsize, s.cOut());
    }

    /** part[0][i] = part[0][i] + part[1][i] + ... + part[parts - 1][i] for i in [from, to), summed in that order. */
    private static void sumPartials(float[][] part, int parts, int from, int to) {
        float[] p0 = part[0];
        int i = from;
        for (int e = from + S.loopBound(to - from); i < e; i += L) {
            FloatVector v = FloatVector.fromArray(S, p0, i);
            for (int pi = 1; pi < parts; pi++) v = v.add(FloatVector.fromArray(S, part[pi], i));
            v.intoArray(p0, i);
        }
        for (; i < to; i++) {
            float sum = p0[i];
            for (int pi = 1; pi < parts; pi++) sum += part[pi][i];
            p0[i] = sum;
        }
    }

    /**
     * Units [from, to) with the output gradient transposed (groups of at least L channels):
     * acc[(g K + t) cogp + co] += dW[g cog + co][t], acc[tsize + co] += dBias[co].
     * qt[i] = y sh wp + x for output position i = y ow + x.
     */
    private static void transposedUnits(float[] acc, int tsize, float[] dOut, int dOutOff, float[] in, int inOff,
                                        Conv2dShape s, int from, int to, boolean direct, int wp, int plane, int[] toff,
                                        int cogp, int[] qt) {
        int groups = s.groups(), cog = s.cOutPerGroup(), cig = s.cInPerGroup(), oh = s.outH(), ow = s.outW();
        int k = cig * s.kh() * s.kw(), ohw = oh * ow, nv = cogp / L;
        float[] p = direct ? in : ConvScratch.get(ConvScratch.PLANE, cig * plane);
        // Bands of positions whose gT slice is about 32 KiB: it stays in L1 across the tap blocks
        // (measured on conv2 32->64 7x5: 256 KiB bands 162 GF/s per core, 32 KiB 174, 8 KiB 148).
        int bands = (ohw + Math.max(L, (1 << 13) / cogp) - 1) / Math.max(L, (1 << 13) / cogp);
        int band = (ohw + bands - 1) / bands;    // equal bands: no short last band
        float[] gT = ConvScratch.get(ConvScratch.ROW, band * cogp);
        for (int u = from; u < to; u++) {
            int b = u / groups, grp = u % groups;
            int src = inOff + (b * s.cIn() + grp * cig) * s.h() * s.w(), base = src;
            if (!direct) {
                ConvPlanes.padInput(p, in, src, cig, s);
                base = 0;
            }
            int g0 = dOutOff + (b * s.cOut() + grp * cog) * ohw;
            for (int i0 = 0; i0 < ohw; i0 += band) {
                int i1 = Math.min(ohw, i0 + band);
                ConvTranspose.band(gT, cogp, dOut, g0 + i0, ohw, cog, i1 - i0, acc, tsize + grp * cog);
                int v = 0;
                for (; v + 4 <= nv; v += 4)
                    for (int t = 0; t < k; t += 6)
                        ConvFilterKernels.f6x4(acc, (grp * k + t) * cogp + v * L, cogp, Math.min(6, k - t), gT, v * L, cogp,
                                i0, i1, qt, p, base + toff[t], base + toff[t + 1], base + toff[t + 2], base + toff[t + 3],
                                base + toff[t + 4], base + toff[t + 5]);
                for (; v < nv; v += 2) {
                    boolean two = v + 2 <= nv;
                    for (int t = 0; t < k; t += 12) {
                        int a = (grp * k + t) * cogp + v * L, nt = Math.min(12, k - t);
                        int t0 = base + toff[t], t1 = base + toff[t + 1], t2 = base + toff[t + 2], t3 = base + toff[t + 3];
                        int t4 = base + toff[t + 4], t5 = base + toff[t + 5], t6 = base + toff[t + 6], t7 = base + toff[t + 7];
                        int t8 = base + toff[t + 8], t9 = base + toff[t + 9], t10 = base + toff[t + 10], t11 = base + toff[t + 11];
                        if (two) ConvFilterKernels.f12x2(acc, a, cogp, nt, gT, v * L, cogp, i0, i1, qt, p, t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11);
                        else ConvFilterKernels.f12x1(acc, a, cogp, nt, gT, v * L, cogp, i0, i1, qt, p, t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11);
                    }
                }
            }
        }
    }

    /** acc[0, wsize) += dWeight and acc[wsize + co] += dBias of the (image, group) units [from, to). */
    private static void units(float[] acc, int wsize, float[] dOut, int dOutOff, float[] in, int inOff, Conv2dShape s,
                              int from, int to, boolean direct, int wp, int plane, int[] toff) {
        int groups = s.groups(), cog = s.cOutPerGroup(), cig = s.cInPerGroup(), oh = s.outH(), ow = s.outW();
        int k = cig * s.kh() * s.kw(), owp = ConvPlanes.roundUp(ow, L), gs = oh * owp, sh = s.strideH();
        boolean rowsOk = owp == ow;    // whole vectors already: read dOut in place
        float[] p = direct ? in : ConvScratch.get(ConvScratch.PLANE, cig * plane);
        float[] gbuf = rowsOk ? null : ConvScratch.get(ConvScratch.ROW, 4 * gs);
        for (int u = from; u < to; u++) {
            int b = u / groups, grp = u % groups;
            int src = inOff + (b * s.cIn() + grp * cig) * s.h() * s.w(), base = src;
            if (!direct) {
                ConvPlanes.padInput(p, in, src, cig, s);
                base = 0;
            }
            for (int c0 = grp * cog; c0 < (grp + 1) * cog; c0 += 4) {
                int cb = Math.min(4, (grp + 1) * cog - c0);
                float[] g;
                int go;
                if (rowsOk) {
                    g = dOut;
                    go = dOutOff + (b * s.cOut() + c0) * gs;
                    for (int c = 0; c < cb; c++) acc[wsize + c0 + c] += Conv2dGemm.sum(dOut, go + c * gs, gs);
                } else {
                    g = gbuf;
                    go = 0;
                    for (int c = 0; c < cb; c++)
                        acc[wsize + c0 + c] += ConvPlanes.padRows(gbuf, c * gs, dOut, dOutOff + (b * s.cOut() + c0 + c) * oh * ow, oh, ow, owp);
                }
                if (cb == 4) {
                    for (int t = 0; t < k; t += 4)
                        filter4x4(acc, c0 * k + t, k, Math.min(4, k - t), g, go, gs, owp, oh, p, base, wp, sh,
                                toff[t], toff[t + 1], toff[t + 2], toff[t + 3]);
                } else {
                    for (int c = 0; c < cb; c++)
                        for (int t = 0; t < k; t += 8)
                            filter1x8(acc, (c0 + c) * k + t, Math.min(8, k - t), g, go + c * gs, owp, oh, p, base, wp, sh,
                                    toff[t], toff[t + 1], toff[t + 2], toff[t + 3], toff[t + 4], toff[t + 5], toff[t + 6], toff[t + 7]);
                }
            }
        }
    }

    /** acc[a + c k + i] += sum over y, x of g[go + c gs + y owp + x] * p[base + y sh wp + x + t_i], c < 4, i < nt. */
    private static void filter4x4(float[] acc, int a, int k, int nt, float[] g, int go, int gs, int owp, int oh,
                                  float[] p, int base, int wp, int sh, int t0, int t1, int t2, int t3) {
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00, s03 = s00, s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        FloatVector s20 = s00, s21 = s00, s22 = s00, s23 = s00, s30 = s00, s31 = s00, s32 = s00, s33 = s00;
        for (int y = 0; y < oh; y++) {
            int gr = go + y * owp, pr = base + y * sh * wp;
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
        // Reductions stay inline: a FloatVector passed to a method that is not inlined is boxed.
        int a1 = a + k, a2 = a + 2 * k, a3 = a + 3 * k;
        if (SimdMath.L > 32) s00 = s00.add(s00.rearrange(SimdMath.XOR_32));
        if (SimdMath.L > 16) s00 = s00.add(s00.rearrange(SimdMath.XOR_16));
        if (SimdMath.L > 8) s00 = s00.add(s00.rearrange(SimdMath.XOR_8));
        if (SimdMath.L > 4) s00 = s00.add(s00.rearrange(SimdMath.XOR_4));
        if (SimdMath.L > 2) s00 = s00.add(s00.rearrange(SimdMath.XOR_2));
        if (SimdMath.L > 1) s00 = s00.add(s00.rearrange(SimdMath.XOR_1));
        acc[a] += s00.lane(0);
        if (SimdMath.L > 32) s10 = s10.add(s10.rearrange(SimdMath.XOR_32));
        if (SimdMath.L > 16) s10 = s10.add(s10.rearrange(SimdMath.XOR_16));
        if (SimdMath.L > 8) s10 = s10.add(s10.rearrange(SimdMath.XOR_8));
        if (SimdMath.L > 4) s10 = s10.add(s10.rearrange(SimdMath.XOR_4));
        if (SimdMath.L > 2) s10 = s10.add(s10.rearrange(SimdMath.XOR_2));
        if (SimdMath.L > 1) s10 = s10.add(s10.rearrange(SimdMath.XOR_1));
        acc[a1] += s10.lane(0);
        if (SimdMath.L > 32) s20 = s20.add(s20.rearrange(SimdMath.XOR_32));
        if (SimdMath.L > 16) s20 = s20.add(s20.rearrange(SimdMath.XOR_16));
        if (SimdMath.L > 8) s20 = s20.add(s20.rearrange(SimdMath.XOR_8));
        if (SimdMath.L > 4) s20 = s20.add(s20.rearrange(SimdMath.XOR_4));
        if (SimdMath.L > 2) s20 = s20.add(s20.rearrange(SimdMath.XOR_2));
        if (SimdMath.L > 1) s20 = s20.add(s20.rearrange(SimdMath.XOR_1));
        acc[a2] += s20.lane(0);
        if (SimdMath.L > 32) s30 = s30.add(s30.rearrange(SimdMath.XOR_32));
        if (SimdMath.L > 16) s30 = s30.add(s30.rearrange(SimdMath.XOR_16));
        if (SimdMath.L > 8) s30 = s30.add(s30.rearrange(SimdMath.XOR_8));
        if (SimdMath.L > 4) s30 = s30.add(s30.rearrange(SimdMath.XOR_4));
        if (SimdMath.L > 2) s30 = s30.add(s30.rearrange(SimdMath.XOR_2));
        if (SimdMath.L > 1) s30 = s30.add(s30.rearrange(SimdMath.XOR_1));
        acc[a3] += s30.lane(0);
        if (nt > 1) {
            if (SimdMath.L > 32) s01 = s01.add(s01.rearrange(SimdMath.XOR_32));
            if (SimdMath.L > 16) s01 = s01.add(s01.rearrange(SimdMath.XOR_16));
            if (SimdMath.L > 8) s01 = s01.add(s01.rearrange(SimdMath.XOR_8));
            if (SimdMath.L > 4) s01 = s01.add(s01.rearrange(SimdMath.XOR_4));
            if (SimdMath.L > 2) s01 = s01.add(s01.rearrange(SimdMath.XOR_2));
            if (SimdMath.L > 1) s01 = s01.add(s01.rearrange(SimdMath.XOR_1));
            acc[a + 1] += s01.lane(0);
            if (SimdMath.L > 32) s11 = s11.add(s11.rearrange(SimdMath.XOR_32));
            if (SimdMath.L > 16) s11 = s11.add(s11.rearrange(SimdMath.XOR_16));
            if (SimdMath.L > 8) s11 = s11.add(s11.rearrange(SimdMath.XOR_8));
            if (SimdMath.L > 4) s11 = s11.add(s11.rearrange(SimdMath.XOR_4));
            if (SimdMath.L > 2) s11 = s11.add(s11.rearrange(SimdMath.XOR_2));
            if (SimdMath.L > 1) s11 = s11.add(s11.rearrange(SimdMath.XOR_1));
            acc[a1 + 1] += s11.lane(0);
            if (SimdMath.L > 32) s21 = s21.add(s21.rearrange(SimdMath.XOR_32));
            if (SimdMath.L > 16) s21 = s21.add(s21.rearrange(SimdMath.XOR_16));
            if (SimdMath.L > 8) s21 = s21.add(s21.rearrange(SimdMath.XOR_8));
            if (SimdMath.L > 4) s21 = s21.add(s21.rearrange(SimdMath.XOR_4));
            if (SimdMath.L > 2) s21 = s21.add(s21.rearrange(SimdMath.XOR_2));
            if (SimdMath.L > 1) s21 = s21.add(s21.rearrange(SimdMath.XOR_1));
            acc[a2 + 1] += s21.lane(0);
            if (SimdMath.L > 32) s31 = s31.add(s31.rearrange(SimdMath.XOR_32));
            if (SimdMath.L > 16) s31 = s31.add(s31.rearrange(SimdMath.XOR_16));
            if (SimdMath.L > 8) s31 = s31.add(s31.rearrange(SimdMath.XOR_8));
            if (SimdMath.L > 4) s31 = s31.add(s31.rearrange(SimdMath.XOR_4));
            if (SimdMath.L > 2) s31 = s31.add(s31.rearrange(SimdMath.XOR_2));
            if (SimdMath.L > 1) s31 = s31.add(s31.rearrange(SimdMath.XOR_1));
            acc[a3 + 1] += s31.lane(0);
        }
        if (nt > 2) {
            if (SimdMath.L > 32) s02 = s02.add(s02.rearrange(SimdMath.XOR_32));
            if (SimdMath.L > 16) s02 = s02.add(s02.rearrange(SimdMath.XOR_16));
            if (SimdMath.L > 8) s02 = s02.add(s02.rearrange(SimdMath.XOR_8));
            if (SimdMath.L > 4) s02 = s02.add(s02.rearrange(SimdMath.XOR_4));
            if (SimdMath.L > 2) s02 = s02.add(s02.rearrange(SimdMath.XOR_2));
            if (SimdMath.L > 1) s02 = s02.add(s02.rearrange(SimdMath.XOR_1));
            acc[a + 2] += s02.lane(0);
            if (SimdMath.L > 32) s12 = s12.add(s12.rearrange(SimdMath.XOR_32));
            if (SimdMath.L > 16) s12 = s12.add(s12.rearrange(SimdMath.XOR_16));
            if (SimdMath.L > 8) s12 = s12.add(s12.rearrange(SimdMath.XOR_8));
            if (SimdMath.L > 4) s12 = s12.add(s12.rearrange(SimdMath.XOR_4));
            if (SimdMath.L > 2) s12 = s12.add(s12.rearrange(SimdMath.XOR_2));
            if (SimdMath.L > 1) s12 = s12.add(s12.rearrange(SimdMath.XOR_1));
            acc[a1 + 2] += s12.lane(0);
            if (SimdMath.L > 32) s22 = s22.add(s22.rearrange(SimdMath.XOR_32));
            if (SimdMath.L > 16) s22 = s22.add(s22.rearrange(SimdMath.XOR_16));
            if (SimdMath.L > 8) s22 = s22.add(s22.rearrange(SimdMath.XOR_8));
            if (SimdMath.L > 4) s22 = s22.add(s22.rearrange(SimdMath.XOR_4));
            if (SimdMath.L > 2) s22 = s22.add(s22.rearrange(SimdMath.XOR_2));
            if (SimdMath.L > 1) s22 = s22.add(s22.rearrange(SimdMath.XOR_1));
            acc[a2 + 2] += s22.lane(0);
            if (SimdMath.L > 32) s32 = s32.add(s32.rearrange(SimdMath.XOR_32));
            if (SimdMath.L > 16) s32 = s32.add(s32.rearrange(SimdMath.XOR_16));
            if (SimdMath.L > 8) s32 = s32.add(s32.rearrange(SimdMath.XOR_8));
            if (SimdMath.L > 4) s32 = s32.add(s32.rearrange(SimdMath.XOR_4));
            if (SimdMath.L > 2) s32 = s32.add(s32.rearrange(SimdMath.XOR_2));
            if (SimdMath.L > 1) s32 = s32.add(s32.rearrange(SimdMath.XOR_1));
            acc[a3 + 2] += s32.lane(0);
        }
        if (nt > 3) {
            if (SimdMath.L > 32) s03 = s03.add(s03.rearrange(SimdMath.XOR_32));
            if (SimdMath.L > 16) s03 = s03.add(s03.rearrange(SimdMath.XOR_16));
            if (SimdMath.L > 8) s03 = s03.add(s03.rearrange(SimdMath.XOR_8));
            if (SimdMath.L > 4) s03 = s03.add(s03.rearrange(SimdMath.XOR_4));
            if (SimdMath.L > 2) s03 = s03.add(s03.rearrange(SimdMath.XOR_2));
            if (SimdMath.L > 1) s03 = s03.add(s03.rearrange(SimdMath.XOR_1));
            acc[a + 3] += s03.lane(0);
            if (SimdMath.L > 32) s13 = s13.add(s13.rearrange(SimdMath.XOR_32));
            if (SimdMath.L > 16) s13 = s13.add(s13.rearrange(SimdMath.XOR_16));
            if (SimdMath.L > 8) s13 = s13.add(s13.rearrange(SimdMath.XOR_8));
            if (SimdMath.L > 4) s13 = s13.add(s13.rearrange(SimdMath.XOR_4));
            if (SimdMath.L > 2) s13 = s13.add(s13.rearrange(SimdMath.XOR_2));
            if (SimdMath.L > 1) s13 = s13.add(s13.rearrange(SimdMath.XOR_1));
            acc[a1 + 3] += s13.lane(0);
            if (SimdMath.L > 32) s23 = s23.add(s23.rearrange(SimdMath.XOR_32));
            if (SimdMath.L > 16) s23 = s23.add(s23.rearrange(SimdMath.XOR_16));
            if (SimdMath.L > 8) s23 = s23.add(s23.rearrange(SimdMath.XOR_8));
            if (SimdMath.L > 4) s23 = s23.add(s23.rearrange(SimdMath.XOR_4));
            if (SimdMath.L > 2) s23 = s23.add(s23.rearrange(SimdMath.XOR_2));
            if (SimdMath.L > 1) s23 = s23.add(s23.rearrange(SimdMath.XOR_1));
            acc[a2 + 3] += s23.lane(0);
            if (SimdMath.L > 32) s33 = s33.add(s33.rearrange(SimdMath.XOR_32));
            if (SimdMath.L > 16) s33 = s33.add(s33.rearrange(SimdMath.XOR_16));
            if (SimdMath.L > 8) s33 = s33.add(s33.rearrange(SimdMath.XOR_8));
            if (SimdMath.L > 4) s33 = s33.add(s33.rearrange(SimdMath.XOR_4));
            if (SimdMath.L > 2) s33 = s33.add(s33.rearrange(SimdMath.XOR_2));
            if (SimdMath.L > 1) s33 = s33.add(s33.rearrange(SimdMath.XOR_1));
            acc[a3 + 3] += s33.lane(0);
        }
    }

    /** One channel (gradient plane at g[go]), eight taps: acc[a + i] += ..., i < nt. */
    private static void filter1x8(float[] acc, int a, int nt, float[] g, int go, int owp, int oh, float[] p, int base,
                                  int wp, int sh, int t0, int t1, int t2, int t3, int t4, int t5, int t6, int t7) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        for (int y = 0; y < oh; y++) {
            int gr = go + y * owp, pr = base + y * sh * wp;
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
        if (SimdMath.L > 32) s0 = s0.add(s0.rearrange(SimdMath.XOR_32));
        if (SimdMath.L > 16) s0 = s0.add(s0.rearrange(SimdMath.XOR_16));
        if (SimdMath.L > 8) s0 = s0.add(s0.rearrange(SimdMath.XOR_8));
        if (SimdMath.L > 4) s0 = s0.add(s0.rearrange(SimdMath.XOR_4));
        if (SimdMath.L > 2) s0 = s0.add(s0.rearrange(SimdMath.XOR_2));
        if (SimdMath.L > 1) s0 = s0.add(s0.rearrange(SimdMath.XOR_1));
        acc[a] += s0.lane(0);
        if (nt > 1) {
            if (SimdMath.L > 32) s1 = s1.add(s1.rearrange(SimdMath.XOR_32));
            if (SimdMath.L > 16) s1 = s1.add(s1.rearrange(SimdMath.XOR_16));
            if (SimdMath.L > 8) s1 = s1.add(s1.rearrange(SimdMath.XOR_8));
            if (SimdMath.L > 4) s1 = s1.add(s1.rearrange(SimdMath.XOR_4));
            if (SimdMath.L > 2) s1 = s1.add(s1.rearrange(SimdMath.XOR_2));
            if (SimdMath.L > 1) s1 = s1.add(s1.rearrange(SimdMath.XOR_1));
            acc[a + 1] += s1.lane(0);
        }
        if (nt > 2) {
            if (SimdMath.L > 32) s2 = s2.add(s2.rearrange(SimdMath.XOR_32));
            if (SimdMath.L > 16) s2 = s2.add(s2.rearrange(SimdMath.XOR_16));
            if (SimdMath.L > 8) s2 = s2.add(s2.rearrange(SimdMath.XOR_8));
            if (SimdMath.L > 4) s2 = s2.add(s2.rearrange(SimdMath.XOR_4));
            if (SimdMath.L > 2) s2 = s2.add(s2.rearrange(SimdMath.XOR_2));
            if (SimdMath.L > 1) s2 = s2.add(s2.rearrange(SimdMath.XOR_1));
            acc[a + 2] += s2.lane(0);
        }
        if (nt > 3) {
            if (SimdMath.L > 32) s3 = s3.add(s3.rearrange(SimdMath.XOR_32));
            if (SimdMath.L > 16) s3 = s3.add(s3.rearrange(SimdMath.XOR_16));
            if (SimdMath.L > 8) s3 = s3.add(s3.rearrange(SimdMath.XOR_8));
            if (SimdMath.L > 4) s3 = s3.add(s3.rearrange(SimdMath.XOR_4));
            if (SimdMath.L > 2) s3 = s3.add(s3.rearrange(SimdMath.XOR_2));
            if (SimdMath.L > 1) s3 = s3.add(s3.rearrange(SimdMath.XOR_1));
            acc[a + 3] += s3.lane(0);
        }
        if (nt > 4) {
            if (SimdMath.L > 32) s4 = s4.add(s4.rearrange(SimdMath.XOR_32));
            if (SimdMath.L > 16) s4 = s4.add(s4.rearrange(SimdMath.XOR_16));
            if (SimdMath.L > 8) s4 = s4.add(s4.rearrange(SimdMath.XOR_8));
            if (SimdMath.L > 4) s4 = s4.add(s4.rearrange(SimdMath.XOR_4));
            if (SimdMath.L > 2) s4 = s4.add(s4.rearrange(SimdMath.XOR_2));
            if (SimdMath.L > 1) s4 = s4.add(s4.rearrange(SimdMath.XOR_1));
            acc[a + 4] += s4.lane(0);
        }
        if (nt > 5) {
            if (SimdMath.L > 32) s5 = s5.add(s5.rearrange(SimdMath.XOR_32));
            if (SimdMath.L > 16) s5 = s5.add(s5.rearrange(SimdMath.XOR_16));
            if (SimdMath.L > 8) s5 = s5.add(s5.rearrange(SimdMath.XOR_8));
            if (SimdMath.L > 4) s5 = s5.add(s5.rearrange(SimdMath.XOR_4));
            if (SimdMath.L > 2) s5 = s5.add(s5.rearrange(SimdMath.XOR_2));
            if (SimdMath.L > 1) s5 = s5.add(s5.rearrange(SimdMath.XOR_1));
            acc[a + 5] += s5.lane(0);
        }
        if (nt > 6) {
            if (SimdMath.L > 32) s6 = s6.add(s6.rearrange(SimdMath.XOR_32));
            if (SimdMath.L > 16) s6 = s6.add(s6.rearrange(SimdMath.XOR_16));
            if (SimdMath.L > 8) s6 = s6.add(s6.rearrange(SimdMath.XOR_8));
            if (SimdMath.L > 4) s6 = s6.add(s6.rearrange(SimdMath.XOR_4));
            if (SimdMath.L > 2) s6 = s6.add(s6.rearrange(SimdMath.XOR_2));
            if (SimdMath.L > 1) s6 = s6.add(s6.rearrange(SimdMath.XOR_1));
            acc[a + 6] += s6.lane(0);
        }
        if (nt > 7) {
            if (SimdMath.L > 32) s7 = s7.add(s7.rearrange(SimdMath.XOR_32));
            if (SimdMath.L > 16) s7 = s7.add(s7.rearrange(SimdMath.XOR_16));
            if (SimdMath.L > 8) s7 = s7.add(s7.rearrange(SimdMath.XOR_8));
            if (SimdMath.L > 4) s7 = s7.add(s7.rearrange(SimdMath.XOR_4));
            if (SimdMath.L > 2) s7 = s7.add(s7.rearrange(SimdMath.XOR_2));
            if (SimdMath.L > 1) s7 = s7.add(s7.rearrange(SimdMath.XOR_1));
            acc[a + 7] += s7.lane(0);
        }
    }
}
