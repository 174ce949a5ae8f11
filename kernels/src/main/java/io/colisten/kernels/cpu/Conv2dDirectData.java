package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.ConvTapKernels.L;
import static io.colisten.kernels.cpu.ConvTapKernels.MR;
import static io.colisten.kernels.cpu.ConvTapKernels.NS;
import static io.colisten.kernels.cpu.ConvTapKernels.NS1;

/**
 * Direct conv2d backward-data (strideW == 1), see {@link Conv2dDirect}: per (image, group) the
 * group's output-gradient planes are padded once ({@link ConvPlanes#padGradient}); then for each
 * stride phase r of the input rows, blocks of 8 input channels x 3 input-row vectors accumulate
 * the taps (co, ky = r + padH mod strideH, kx) with packed weights W[co][ci][ky][kx], and add into dIn.
 * Phase tables (caller's PHASE ints): [2r] first tap of phase r, [2r + 1] first slot, and at index
 * 2 strideH the totals.
 */
final class Conv2dDirectData {
    private Conv2dDirectData() {}

    static void backwardData(float[] dIn, int dInOff, float[] dOut, int dOutOff, float[] wt, int wOff, Conv2dShape s) {
        int groups = s.groups(), cog = s.cOutPerGroup(), cig = s.cInPerGroup(), n = s.n(), sh = s.strideH();
        int kh = s.kh(), kw = s.kw(), kk = kh * kw, h = s.h(), w = s.w(), hw = h * w;
        // A 1x1 stride-1 unpadded layer with whole-vector rows reads dOut in place (no padded copy).
        boolean inPlace = kh == 1 && kw == 1 && sh == 1 && s.strideW() == 1 && s.padH() == 0 && s.padW() == 0 && w % L == 0;
        int wd = inPlace ? w : ConvPlanes.wdp(s), planeD = inPlace ? hw : ConvPlanes.rowsD(s) * wd;
        int top = inPlace ? 0 : ConvPlanes.topD(s);
        int mr = cig == 1 ? 1 : MR, blocks = (cig + mr - 1) / mr;
        int[] phase = ConvScratch.ints(ConvScratch.PHASE, 2 * sh + 2);
        int[] toff = ConvScratch.ints(ConvScratch.TAPS, cog * kk);
        int perRow = (w + L - 1) / L, slotCap = 0;
        for (int r = 0; r < sh; r++) slotCap += ConvPlanes.roundUp(((h - r + sh - 1) / sh) * perRow, NS1);
        int[] sq = ConvScratch.ints(ConvScratch.SLOT_Q, slotCap), so = ConvScratch.ints(ConvScratch.SLOT_O, slotCap);
        int[] sn = ConvScratch.ints(ConvScratch.SLOT_N, slotCap);
        int t = 0, i = 0;
        for (int r = 0; r < sh; r++) {
            phase[2 * r] = t;
            phase[2 * r + 1] = i;
            for (int co = 0; co < cog; co++)
                for (int ky = 0; ky < kh; ky++) {
                    if ((r + s.padH() - ky) % sh != 0) continue;
                    int dy = (r + s.padH() - ky) / sh;
                    for (int kx = 0; kx < kw; kx++) toff[t++] = co * planeD + dy * wd - kx;
                }
            int first = i;
            for (int iy = r, j = 0; iy < h; iy += sh, j++)
                for (int x0 = 0; x0 < w; x0 += L, i++) {
                    sq[i] = (top + j) * wd + x0 + s.padW() + kw - 1;
                    so[i] = iy * w + x0;
                    sn[i] = Math.min(L, w - x0);
                }
            while ((i - first) % NS1 != 0) {
                sq[i] = sq[first];
                so[i] = 0;
                sn[i++] = 0;
            }
        }
        phase[2 * sh] = t;
        phase[2 * sh + 1] = i;
        float[] wpk = pack(wt, wOff, s, mr, blocks, phase);
        int splits = (long) n * groups >= Parallel.threads() ? 1 : blocks;
        Parallel.forRange(n * groups * splits, 1, (from, to) -> {
            float[] pad = inPlace ? dOut : ConvScratch.get(ConvScratch.ROW, cog * planeD);
            for (int u = from; u < to; u++) {
                int split = u % splits, bg = u / splits, g = bg % groups, b = bg / groups;
                int cb0 = (int) ((long) blocks * split / splits), cb1 = (int) ((long) blocks * (split + 1) / splits);
                int src = dOutOff + (b * s.cOut() + g * cog) * s.outH() * s.outW(), base = 0;
                if (inPlace) base = src;
                else ConvPlanes.padGradient(pad, dOut, src, cog, s);
                for (int r = 0; r < sh; r++) {
                    int ts = phase[2 * r], nt = phase[2 * r + 2] - ts, s0 = phase[2 * r + 1], s1 = phase[2 * r + 3];
                    if (nt == 0) continue;
                    for (int cb = cb0; cb < cb1; cb++) {
                        int ci = cb * mr, nc = Math.min(mr, cig - ci), ob = dInOff + (b * s.cIn() + g * cig + ci) * hw;
                        int wb = ((g * blocks + cb) * cog * kk + ts) * mr;
                        if (mr == 1) {
                            for (int q = s0; q < s1; q += NS1)
                                ConvTapKernels.taps1x6Add(dIn, ob, so, sn, sq, q, base, pad, toff, ts, nt, wpk, wb);
                        } else {
                            for (int q = s0; q < s1; q += NS)
                                ConvTapKernels.taps8x3Add(dIn, ob, hw, nc, so, sn, sq, q, base, pad, toff, ts, nt, wpk, wb);
                        }
                    }
                }
            }
        });
    }

    /** wpk[((g blocks + cb) cog kk + t) mr + c] = W[g cog + co(t)][cb mr + c][ky(t)][kx(t)], taps in phase order. */
    private static float[] pack(float[] wt, int wOff, Conv2dShape s, int mr, int blocks, int[] phase) {
        int cog = s.cOutPerGroup(), cig = s.cInPerGroup(), kh = s.kh(), kw = s.kw(), kk = kh * kw, sh = s.strideH();
        float[] wpk = ConvScratch.get(ConvScratch.PACK, s.groups() * blocks * cog * kk * mr);
        for (int g = 0; g < s.groups(); g++)
            for (int cb = 0; cb < blocks; cb++) {
                int dst = (g * blocks + cb) * cog * kk * mr;
                for (int r = 0; r < sh; r++)
                    for (int co = 0; co < cog; co++)
                        for (int ky = 0; ky < kh; ky++) {
                            if ((r + s.padH() - ky) % sh != 0) continue;
                            for (int kx = 0; kx < kw; kx++, dst += mr)
                                for (int c = 0; c < mr; c++) {
                                    int ci = cb * mr + c;
                                    wpk[dst + c] = ci < cig ? wt[wOff + (((g * cog + co) * cig + ci) * kh + ky) * kw + kx] : 0f;
                                }
                        }
            }
        return wpk;
    }
}
