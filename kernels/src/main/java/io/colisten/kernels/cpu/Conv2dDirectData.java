package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.ConvTapKernels.L;
import static io.colisten.kernels.cpu.ConvTapKernels.MR;
import static io.colisten.kernels.cpu.ConvTapKernels.NS;
import static io.colisten.kernels.cpu.ConvTapKernels.NS1;
import static io.colisten.kernels.cpu.ConvTapKernels.S;

import jdk.incubator.vector.FloatVector;

/**
 * Direct conv2d backward-data (strideW == 1), see {@link Conv2dDirect}: per (image, group) the
 * group's output-gradient planes are padded once ({@link ConvPlanes#padGradient}); then for each
 * stride phase r of the input rows, blocks of 8 input channels x 3 input-row vectors accumulate
 * the taps (co, ky = r + padH mod strideH, kx) with packed weights W[co][ci][ky][kx], and add into dIn.
 * Phase tables (caller's PHASE ints): [2r] first tap of phase r, [2r + 1] first slot, and at index
 * 2 strideH the totals.
 * <p>Rows that are not a whole number of vectors (SmallCNN's 63 mel columns) are not accumulated in
 * dIn itself: there the kernel's masked loads and stores of the partial last vector of every row ran
 * the whole pass 3-4x slower (w = 63, 62, 47, 33 against 64, 48, 32; measured on this machine's
 * AVX-512 Xeon). Such a unit accumulates its block of channels from zero in a per-thread plane with
 * rows rounded up to whole vectors (every store full and aligned to the row), then adds the
 * w valid columns of each row into dIn in one pass (or copies them, when not accumulating).
 * <p>{@code accumulate} false overwrites dIn (a fresh gradient: no zero fill beforehand): whole-vector
 * rows are then written by the overwriting kernels directly, rows no tap reaches are zeroed.
 */
final class Conv2dDirectData {
    private Conv2dDirectData() {}

    static void backwardData(float[] dIn, int dInOff, float[] dOut, int dOutOff, float[] wt, int wOff, Conv2dShape s,
                             boolean accumulate) {
        int groups = s.groups(), cog = s.cOutPerGroup(), cig = s.cInPerGroup(), n = s.n(), sh = s.strideH();
        int kh = s.kh(), kw = s.kw(), kk = kh * kw, h = s.h(), w = s.w(), hw = h * w;
        // A 1x1 stride-1 unpadded layer with whole-vector rows reads dOut in place (no padded copy).
        boolean inPlace = kh == 1 && kw == 1 && sh == 1 && s.strideW() == 1 && s.padH() == 0 && s.padW() == 0 && w % L == 0;
        int wd = inPlace ? w : ConvPlanes.wdp(s), planeD = inPlace ? hw : ConvPlanes.rowsD(s) * wd;
        int top = inPlace ? 0 : ConvPlanes.topD(s);
        // Partial rows: accumulate in an aligned plane of rows of wr = roundUp(w, L) (see above).
        boolean aligned = w % L != 0, full = aligned;
        int wr = aligned ? ConvPlanes.roundUp(w, L) : w, hwr = h * wr;
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
                    so[i] = iy * wr + x0;
                    sn[i] = full ? L : Math.min(L, w - x0);
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
        Parallel.forRangeBalanced(n * groups * splits, 1, (from, to) -> {
            float[] pad = inPlace ? dOut : ConvScratch.get(ConvScratch.ROW, cog * planeD);
            float[] acc = aligned ? ConvScratch.get(ConvScratch.COL, Math.min(mr * blocks, cig) * hwr) : null;
            for (int u = from; u < to; u++) {
                int split = u % splits, bg = u / splits, g = bg % groups, b = bg / groups;
                int cb0 = (int) ((long) blocks * split / splits), cb1 = (int) ((long) blocks * (split + 1) / splits);
                int src = dOutOff + (b * s.cOut() + g * cog) * s.outH() * s.outW(), base = 0;
                if (inPlace) base = src;
                else ConvPlanes.padGradient(pad, dOut, src, cog, s);
                for (int r = 0; r < sh; r++) {
                    int ts = phase[2 * r], nt = phase[2 * r + 2] - ts, s0 = phase[2 * r + 1], s1 = phase[2 * r + 3];
                    // Where rows are written rather than added: acc (partial rows) or dIn itself.
                    float[] dst = aligned ? acc : dIn;
                    int dst0 = aligned ? -cb0 * mr * hwr : dInOff + (b * s.cIn() + g * cig) * hw;
                    if (nt == 0) {
                        // No tap reaches these rows: zero where they are written, nothing to add.
                        if (aligned || !accumulate) {
                            for (int c = cb0 * mr, c1 = Math.min(cig, cb1 * mr); c < c1; c++)
                                for (int iy = r; iy < h; iy += sh) {
                                    int d = dst0 + c * hwr + iy * wr;
                                    java.util.Arrays.fill(dst, d, d + w, 0f);
                                }
                        }
                        continue;
                    }
                    for (int cb = cb0; cb < cb1; cb++) {
                        int ci = cb * mr, nc = Math.min(mr, cig - ci), wb = ((g * blocks + cb) * cog * kk + ts) * mr;
                        if (aligned || !accumulate) {
                            // Phases write disjoint rows, so each row is written once (from zero).
                            int ab = dst0 + ci * hwr;
                            if (mr == 1) {
                                for (int q = s0; q < s1; q += NS1)
                                    ConvTapKernels.taps1x6(dst, ab, so, sn, sq, q, base, null, 0, pad, toff, ts, nt, wpk, wb);
                            } else {
                                for (int q = s0; q < s1; q += NS)
                                    ConvTapKernels.taps8x3(dst, ab, hwr, nc, so, sn, sq, q, base, null, 0, pad, toff, ts, nt, wpk, wb);
                            }
                            continue;
                        }
                        int ob = dInOff + (b * s.cIn() + g * cig + ci) * hw;
                        if (mr == 1) {
                            for (int q = s0; q < s1; q += NS1)
                                ConvTapKernels.taps1x6Add(dIn, ob, so, sn, sq, q, base, pad, toff, ts, nt, wpk, wb);
                        } else {
                            for (int q = s0; q < s1; q += NS)
                                ConvTapKernels.taps8x3Add(dIn, ob, hw, nc, so, sn, sq, q, base, pad, toff, ts, nt, wpk, wb);
                        }
                    }
                }
                if (aligned) {
                    int c0 = cb0 * mr, c1 = Math.min(cig, cb1 * mr);
                    addRows(dIn, dInOff + (b * s.cIn() + g * cig + c0) * hw, w, acc, 0, wr, (c1 - c0) * h, accumulate);
                }
            }
        });
    }

    /**
     * dst[d + r w + x] += src[a + r wr + x] (accumulate) or = it, for r < rows, x < w (rows of w floats,
     * source rows of wr >= w).
     */
    static void addRows(float[] dst, int d, int w, float[] src, int a, int wr, int rows, boolean accumulate) {
        if (!accumulate) {
            for (int r = 0; r < rows; r++) System.arraycopy(src, a + r * wr, dst, d + r * w, w);
            return;
        }
        for (int r = 0; r < rows; r++) {
            int dr = d + r * w, sr = a + r * wr, x = 0;
            for (; x + L <= w; x += L) {
                FloatVector.fromArray(S, dst, dr + x).add(FloatVector.fromArray(S, src, sr + x)).intoArray(dst, dr + x);
            }
            for (; x < w; x++) dst[dr + x] += src[sr + x];
        }
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
