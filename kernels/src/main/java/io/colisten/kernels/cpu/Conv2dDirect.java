package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.ConvTapKernels.L;
import static io.colisten.kernels.cpu.ConvTapKernels.MR;
import static io.colisten.kernels.cpu.ConvTapKernels.NS;
import static io.colisten.kernels.cpu.ConvTapKernels.NS1;

/**
 * Direct conv2d (implicit GEMM) for strideW == 1 on zero-padded planes ({@link ConvPlanes}):
 * no im2col matrix is written; the kernels of {@link ConvTapKernels} load input vectors straight
 * from the padded planes at each tap and broadcast packed weights, 8 channels x 3 output vectors
 * per register block (1 x 6 when a group has one output channel, e.g. depthwise).
 * <p>Forward: out[co][slot] = bias + sum over taps (ci, ky, kx) of W[co][ci][ky][kx] * in_pad[ci][y sh + ky][x + kx].
 * <p>Backward-data, for each stride phase r of the input rows (iy = r mod strideH), is a
 * stride-1 correlation of the padded dOut with the flipped kernel rows ky = r + padH (mod strideH):
 * dIn[ci][iy][ix] += sum over (co, ky, kx) of W[co][ci][ky][kx] * dOut[co][(iy + padH - ky) / sh][ix + padW - kx].
 * <p>Work is split over (image, group) units, and over channel blocks when images are few; every
 * output element is written by one unit, in a fixed order, so results do not depend on threads.
 */
final class Conv2dDirect {
    private Conv2dDirect() {}

    /** Pays where outputs fill most of a vector; a group with one input channel has nothing better. */
    static boolean applies(Conv2dShape s) {
        return s.strideW() == 1 && (s.outW() >= L / 2 || s.cInPerGroup() == 1);
    }

    static void forward(float[] out, int outOff, float[] in, int inOff, float[] wt, int wOff,
                        float[] bias, int bOff, Conv2dShape s) {
        int groups = s.groups(), cog = s.cOutPerGroup(), cig = s.cInPerGroup(), n = s.n();
        int kk = s.kh() * s.kw(), k = cig * kk, oh = s.outH(), ow = s.outW(), ohw = oh * ow;
        boolean direct = ConvPlanes.inputIsPadded(s);
        int wp = direct ? s.w() : ConvPlanes.wp(s), plane = direct ? s.h() * s.w() : ConvPlanes.hp(s) * wp;
        // Caller-side tables, read by all workers: tap offsets, slots, packed weights.
        int[] toff = ConvScratch.ints(ConvScratch.TAPS, k);
        for (int ci = 0, t = 0; ci < cig; ci++)
            for (int ky = 0; ky < s.kh(); ky++)
                for (int kx = 0; kx < s.kw(); kx++) toff[t++] = ci * plane + ky * wp + kx;
        int slots = slots(s, oh, ow, wp);
        int[] sq = ConvScratch.ints(ConvScratch.SLOT_Q, 0), so = ConvScratch.ints(ConvScratch.SLOT_O, 0);
        int[] sn = ConvScratch.ints(ConvScratch.SLOT_N, 0);
        int mr = cog == 1 ? 1 : MR, blocks = (cog + mr - 1) / mr;
        float[] wpk = mr == 1 ? wt : packForward(wt, wOff, s, blocks);
        int splits = (long) n * groups >= Parallel.threads() ? 1 : blocks;
        Parallel.forRangeBalanced(n * groups * splits, 1, (from, to) -> {
            float[] p = direct ? in : ConvScratch.get(ConvScratch.PLANE, cig * plane);
            for (int u = from; u < to; u++) {
                int split = u % splits, bg = u / splits, g = bg % groups, b = bg / groups;
                int cb0 = (int) ((long) blocks * split / splits), cb1 = (int) ((long) blocks * (split + 1) / splits);
                int src = inOff + (b * s.cIn() + g * cig) * s.h() * s.w(), base = src;
                if (!direct) {
                    ConvPlanes.padInput(p, in, src, cig, s);
                    base = 0;
                }
                for (int cb = cb0; cb < cb1; cb++) {
                    int co = g * cog + cb * mr, nc = Math.min(mr, cog - cb * mr), ob = outOff + (b * s.cOut() + co) * ohw;
                    if (mr == 1) {
                        for (int i = 0; i < slots; i += NS1)
                            ConvTapKernels.taps1x6(out, ob, so, sn, sq, i, base, bias, bOff + co, p, toff, 0, k, wpk, wOff + co * k);
                    } else {
                        int wb = (g * blocks + cb) * k * MR;
                        for (int i = 0; i < slots; i += NS)
                            ConvTapKernels.taps8x3(out, ob, ohw, nc, so, sn, sq, i, base, bias, bOff + co, p, toff, 0, k, wpk, wb);
                    }
                }
            }
        });
    }

    /**
     * Output slots of one plane into the caller's SLOT tables: slot i covers row y, columns
     * [x0, x0 + n); its input vector starts at y * strideH * wp + x0 of a padded plane. Padded
     * to a multiple of 6 (both kernels' slot counts) with empty slots (n = 0). Returns the padded count.
     */
    private static int slots(Conv2dShape s, int oh, int ow, int wp) {
        int per = (ow + L - 1) / L, count = ConvPlanes.roundUp(oh * per, NS1);
        int[] sq = ConvScratch.ints(ConvScratch.SLOT_Q, count), so = ConvScratch.ints(ConvScratch.SLOT_O, count);
        int[] sn = ConvScratch.ints(ConvScratch.SLOT_N, count);
        int i = 0;
        for (int y = 0; y < oh; y++)
            for (int x0 = 0; x0 < ow; x0 += L, i++) {
                sq[i] = y * s.strideH() * wp + x0;
                so[i] = y * ow + x0;
                sn[i] = Math.min(L, ow - x0);
            }
        for (; i < count; i++) {
            sq[i] = sq[0];
            so[i] = 0;
            sn[i] = 0;
        }
        return count;
    }

    /** Weights of each group's blocks of MR output channels, tap-major: wpk[((g blocks + cb) K + t) MR + c]. */
    private static float[] packForward(float[] wt, int wOff, Conv2dShape s, int blocks) {
        int cog = s.cOutPerGroup(), k = s.cInPerGroup() * s.kh() * s.kw();
        float[] wpk = ConvScratch.get(ConvScratch.PACK, s.groups() * blocks * k * MR);
        for (int g = 0; g < s.groups(); g++)
            for (int cb = 0; cb < blocks; cb++) {
                int dst = (g * blocks + cb) * k * MR;
                for (int c = 0; c < MR; c++) {
                    int co = cb * MR + c;
                    for (int t = 0; t < k; t++) wpk[dst + t * MR + c] = co < cog ? wt[wOff + (g * cog + co) * k + t] : 0f;
                }
            }
        return wpk;
    }
}
