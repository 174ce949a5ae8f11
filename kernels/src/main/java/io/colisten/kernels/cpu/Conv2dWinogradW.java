package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.ConvTapKernels.MR;
import static io.colisten.kernels.cpu.ConvTapKernels.NS;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Inference forward of a conv2d with 5-wide kernels at strideW 1 (SmallCNN's 7x5 stride 2x1 layers)
 * through a 1-D Winograd transform F(4, 5) along the width: 8 multiplies per 4 outputs and
 * (input channel, kernel row) instead of 20. Along the height (any kh, strideH, padH) it stays a
 * direct sum. With tiles of 4 outputs, tile t of a row reads the 8 padded inputs d[4t .. 4t + 7]:
 * <pre>
 *   V[a][ci][y][t]  = sum_k BT[a][k] d[ci][y][4t + k]                (input transform, 8 x 8)
 *   U[a][co][ci][ky] = sum_kx G[a][kx] w[co][ci][ky][kx]              (weight transform, 8 x 5)
 *   M[a][co][oy][t] = sum_(ci, ky) U[a][co][ci][ky] V[a][ci][oy sh + ky][t]   (8 direct 7x1 convs)
 *   out[co][oy][4t + r] = bias[co] + sum_a AT[r][a] M[a][co][oy][t]   (output transform, 4 x 8)
 * </pre>
 * The 8 products M run on the direct conv's 8 x 3 register kernel ({@link ConvTapKernels#taps8x3}),
 * a slot being 16 tiles (64 outputs) of one row. Matrices: Cook-Toom with points 0, +-1, +-2,
 * +-1/2 and infinity (kernels/src/test/python/gen_winograd.py); fp32 error of one 5-tap row about
 * 4x the direct sum's (notes/wino.md).
 * <p>Work unit: one image (and a range of 8-channel blocks when images are fewer than 2 per thread),
 * claimed dynamically: every output element is computed by one unit in a fixed order, so results do
 * not depend on which thread ran it.
 */
final class Conv2dWinogradW {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Outputs per tile, kernel width, transformed points per tile. */
    static final int M = 4, R = 5, A = M + R - 1;
    /**
     * G (8 x 5, applied in double to the weights). BT and AT are spelt out in transformTiles and
     * outputTiles: BT rows [-1 0 21/4 0 -21/4 0 1 0; 0 1 1 -17/4 -17/4 1 1 0; 0 -1 1 17/4 -17/4 -1 1 0;
     * 0 2 4 -5/2 -5 1/2 1 0; 0 -2 4 5/2 -5 -1/2 1 0; 0 1/2 1/4 -5/2 -5/4 2 1 0; 0 -1/2 1/4 5/2 -5/4 -2 1 0;
     * 0 -1 0 21/4 0 -21/4 0 1], AT rows [1 1 1 1 1 1 1 0; 0 1 -1 1/2 -1/2 2 -2 0; 0 1 1 1/4 1/4 4 4 0;
     * 0 1 -1 1/8 -1/8 8 -8 1].
     */
    static final double[] G = {
            -1, 0, 0, 0, 0,
            -2 / 9.0, -2 / 9.0, -2 / 9.0, -2 / 9.0, -2 / 9.0,
            -2 / 9.0, 2 / 9.0, -2 / 9.0, 2 / 9.0, -2 / 9.0,
            32 / 45.0, 16 / 45.0, 8 / 45.0, 4 / 45.0, 2 / 45.0,
            32 / 45.0, -16 / 45.0, 8 / 45.0, -4 / 45.0, 2 / 45.0,
            1 / 90.0, 1 / 45.0, 2 / 45.0, 4 / 45.0, 8 / 45.0,
            1 / 90.0, -1 / 45.0, 2 / 45.0, -4 / 45.0, 8 / 45.0,
            0, 0, 0, 0, 1};
    /**
     * Two-vector permutes ({@code selectFrom(v1, v2)}: lane i takes element idx[i] of v1 ++ v2).
     * UNZIP[k]: lane t picks element 4 (t mod 8) + k, i.e. input k of tile t from 64 row values split
     * over (c0, c1) for tiles 0-7 and (c2, c3) for tiles 8-15. ZIP_LO / ZIP_HI interleave the low /
     * high halves of two vectors (a0 b0 a1 b1 ...); twice applied they interleave four.
     */
    private static final float[][] UNZIP = new float[M][L];
    private static final float[] ZIP_LO = new float[L], ZIP_HI = new float[L];

    static {
        for (int k = 0; k < M; k++)
            for (int t = 0; t < L; t++) UNZIP[k][t] = M * (t % (L / 2)) + k;
        for (int i = 0; i < L; i++) {
            ZIP_LO[i] = i % 2 == 0 ? i / 2 : L + i / 2;
            ZIP_HI[i] = L / 2 + (i % 2 == 0 ? i / 2 : L + i / 2);
        }
    }

    private Conv2dWinogradW() {}

    /**
     * 5-wide kernels at strideW 1 with padW <= 4, one group, enough input channels that the
     * products dominate the transforms, and rows of at least 32 outputs (8 tiles, half a vector).
     */
    static boolean applies(Conv2dShape s) {
        return s.kw() == R && s.strideW() == 1 && s.padW() <= 4 && s.groups() == 1 && s.cIn() >= 8 && s.outW() >= 8 * M;
    }

    /** Tiles per output row, rounded up to whole vectors: the row length of V and M. */
    static int tileRow(Conv2dShape s) { return ConvPlanes.roundUp((s.outW() + M - 1) / M, L); }

    /** Rows of a V plane: padH zero rows, the input rows, zero rows down to the last tap of the last output row. */
    static int vRows(Conv2dShape s) { return Math.max(s.padH() + s.h(), (s.outH() - 1) * s.strideH() + s.kh()); }

    static void forward(float[] out, int outOff, float[] in, int inOff, float[] wt, int wOff,
                        float[] bias, int bOff, Conv2dShape s) {
        int cin = s.cIn(), cout = s.cOut(), kh = s.kh(), oh = s.outH(), n = s.n();
        int tw = tileRow(s), hv = vRows(s), plane = hv * tw, k = cin * kh, blocks = (cout + MR - 1) / MR;
        // Caller-side tables, read by all units: tap offsets (ci, ky), slots (oy, 16 tiles), transformed weights.
        int[] toff = ConvScratch.ints(ConvScratch.TAPS, k);
        for (int ci = 0, t = 0; ci < cin; ci++)
            for (int ky = 0; ky < kh; ky++) toff[t++] = ci * plane + ky * tw;
        int per = tw / L, slots = ConvPlanes.roundUp(oh * per, NS);
        int[] sq = ConvScratch.ints(ConvScratch.SLOT_Q, slots), so = ConvScratch.ints(ConvScratch.SLOT_O, slots);
        int[] sn = ConvScratch.ints(ConvScratch.SLOT_N, slots);
        for (int i = 0; i < slots; i++) {
            boolean real = i < oh * per;
            int y = real ? i / per : 0, v = real ? i % per : 0;
            sq[i] = y * s.strideH() * tw + v * L;
            so[i] = y * tw + v * L;
            sn[i] = real ? L : 0;
        }
        float[] u = ConvScratch.get(ConvScratch.PACK, A * blocks * k * MR);
        Parallel.forEach(A, a -> transformWeights(u, wt, wOff, s, a, blocks));
        int threads = Parallel.threads();
        int splits = n >= 2 * threads ? 1 : Math.min(blocks, (2 * threads + n - 1) / n);
        Parallel.forEach(n * splits, unit -> {
            int b = unit / splits, split = unit % splits;
            int cb0 = blocks * split / splits, cb1 = blocks * (split + 1) / splits;
            float[] v = ConvScratch.get(ConvScratch.PLANE, A * cin * plane);
            float[] row = ConvScratch.get(ConvScratch.ROW, tw * M + A);
            float[] m = ConvScratch.get(ConvScratch.BATCH_OUT, A * MR * oh * tw);
            transformInput(v, row, in, inOff + b * cin * s.h() * s.w(), s, tw, hv);
            for (int cb = cb0; cb < cb1; cb++) {
                int nc = Math.min(MR, cout - cb * MR);
                for (int a = 0; a < A; a++) {
                    int mb = a * MR * oh * tw, wb = (a * blocks + cb) * k * MR;
                    for (int i = 0; i < slots; i += NS)
                        ConvTapKernels.taps8x3(m, mb, oh * tw, nc, so, sn, sq, i, a * cin * plane, null, 0, v, toff, 0, k, u, wb);
                }
                transformOutput(out, outOff + (b * cout + cb * MR) * oh * s.outW(), m, nc, bias, bOff + cb * MR, s, tw);
            }
        });
    }

    /** u[((a blocks + cb) K + ci kh + ky) MR + c] = sum_kx G[a][kx] w[cb MR + c][ci][ky][kx], zero past cOut. */
    private static void transformWeights(float[] u, float[] wt, int wOff, Conv2dShape s, int a, int blocks) {
        int cin = s.cIn(), kh = s.kh(), k = cin * kh, cout = s.cOut();
        for (int cb = 0; cb < blocks; cb++) {
            int base = (a * blocks + cb) * k * MR;
            for (int c = 0; c < MR; c++) {
                int co = cb * MR + c;
                for (int t = 0; t < k; t++) {
                    double acc = 0;
                    if (co < cout) {
                        int w0 = wOff + (co * k + t) * R;
                        for (int kx = 0; kx < R; kx++) acc += G[a * R + kx] * wt[w0 + kx];
                    }
                    u[base + t * MR + c] = (float) acc;
                }
            }
        }
    }

    /**
     * v[a][ci][y][t] for one image: zero rows [0, padH) and [padH + h, hv); input row y at padH + y,
     * transformed 16 tiles at a time from a zero-padded copy of the row (row[padW + x] = in[x]).
     */
    private static void transformInput(float[] v, float[] row, float[] in, int src, Conv2dShape s, int tw, int hv) {
        int cin = s.cIn(), h = s.h(), w = s.w(), ph = s.padH(), pw = s.padW(), plane = hv * tw;
        java.util.Arrays.fill(row, 0, tw * M + A, 0f);
        for (int a = 0; a < A; a++)
            for (int ci = 0; ci < cin; ci++) {
                int p = (a * cin + ci) * plane;
                java.util.Arrays.fill(v, p, p + ph * tw, 0f);
                java.util.Arrays.fill(v, p + (ph + h) * tw, p + plane, 0f);
            }
        for (int ci = 0; ci < cin; ci++)
            for (int y = 0; y < h; y++) {
                System.arraycopy(in, src + (ci * h + y) * w, row, pw, w);
                int dst = ci * plane + (ph + y) * tw;
                for (int t0 = 0; t0 < tw; t0 += L) transformTiles(v, dst + t0, cin * plane, row, t0 * M);
            }
    }

    /**
     * 16 tiles: v[dst + a stride + lane] = sum_k BT[a][k] row[r0 + M lane + k]. The 8 inputs of
     * each tile come from two runs of 64 row values (at r0 and r0 + 4), each unzipped by 4 with permutes.
     */
    private static void transformTiles(float[] v, int dst, int stride, float[] row, int r0) {
        // Lanes 8-15: tiles from (c2, c3). (A negative offset in indexInRange is not intrinsified: it
        // allocates a boolean[] per call.)
        VectorMask<Float> hi = S.indexInRange(0, L / 2).not();
        FloatVector u0 = FloatVector.fromArray(S, UNZIP[0], 0), u1 = FloatVector.fromArray(S, UNZIP[1], 0);
        FloatVector u2 = FloatVector.fromArray(S, UNZIP[2], 0), u3 = FloatVector.fromArray(S, UNZIP[3], 0);
        FloatVector c0 = FloatVector.fromArray(S, row, r0), c1 = FloatVector.fromArray(S, row, r0 + L);
        FloatVector c2 = FloatVector.fromArray(S, row, r0 + 2 * L), c3 = FloatVector.fromArray(S, row, r0 + 3 * L);
        FloatVector d0 = u0.selectFrom(c0, c1).blend(u0.selectFrom(c2, c3), hi);
        FloatVector d1 = u1.selectFrom(c0, c1).blend(u1.selectFrom(c2, c3), hi);
        FloatVector d2 = u2.selectFrom(c0, c1).blend(u2.selectFrom(c2, c3), hi);
        FloatVector d3 = u3.selectFrom(c0, c1).blend(u3.selectFrom(c2, c3), hi);
        c0 = FloatVector.fromArray(S, row, r0 + M);
        c1 = FloatVector.fromArray(S, row, r0 + M + L);
        c2 = FloatVector.fromArray(S, row, r0 + M + 2 * L);
        c3 = FloatVector.fromArray(S, row, r0 + M + 3 * L);
        FloatVector d4 = u0.selectFrom(c0, c1).blend(u0.selectFrom(c2, c3), hi);
        FloatVector d5 = u1.selectFrom(c0, c1).blend(u1.selectFrom(c2, c3), hi);
        FloatVector d6 = u2.selectFrom(c0, c1).blend(u2.selectFrom(c2, c3), hi);
        FloatVector d7 = u3.selectFrom(c0, c1).blend(u3.selectFrom(c2, c3), hi);
        // Rows of BT, spelt out (sparse): 0.25 / 0.5 / 2 / 4 / 1.25 / 2.5 / 4.25 / 5.25 are exact in fp32.
        d6.sub(d0).add(d2.sub(d4).mul(5.25f)).intoArray(v, dst);
        FloatVector p = d2.add(d6).sub(d4.mul(4.25f)), q = d1.add(d5).sub(d3.mul(4.25f));
        p.add(q).intoArray(v, dst + stride);
        p.sub(q).intoArray(v, dst + 2 * stride);
        p = d6.add(d2.mul(4f)).sub(d4.mul(5f));
        q = d1.mul(2f).add(d5.mul(0.5f)).sub(d3.mul(2.5f));
        p.add(q).intoArray(v, dst + 3 * stride);
        p.sub(q).intoArray(v, dst + 4 * stride);
        p = d6.add(d2.mul(0.25f)).sub(d4.mul(1.25f));
        q = d1.mul(0.5f).add(d5.mul(2f)).sub(d3.mul(2.5f));
        p.add(q).intoArray(v, dst + 5 * stride);
        p.sub(q).intoArray(v, dst + 6 * stride);
        d7.sub(d1).add(d3.sub(d5).mul(5.25f)).intoArray(v, dst + 7 * stride);
    }

    /**
     * out[c][oy][M t + r] = bias[c] + sum_a AT[r][a] m[a][c][oy][t] for the nc channels of a block,
     * each output row written by contiguous stores of the interleaved tiles (masked past outW).
     */
    private static void transformOutput(float[] out, int ob, float[] m, int nc, float[] bias, int bo, Conv2dShape s, int tw) {
        int oh = s.outH(), ow = s.outW(), blockStride = MR * oh * tw;
        for (int c = 0; c < nc; c++) {
            float bv = bias == null ? 0f : bias[bo + c];
            for (int y = 0; y < oh; y++) {
                int src = c * oh * tw + y * tw, dst = ob + (c * oh + y) * ow;
                for (int t0 = 0; t0 < tw; t0 += L) {
                    int x0 = t0 * M;
                    if (x0 >= ow) break;
                    outputTiles(out, dst + x0, ow - x0, m, src + t0, blockStride, bv);
                }
            }
        }
    }

    /** 16 tiles of one row: out[dst + M lane + r] for M lane + r < valid. */
    private static void outputTiles(float[] out, int dst, int valid, float[] m, int src, int stride, float bv) {
        FloatVector m0 = FloatVector.fromArray(S, m, src);
        FloatVector m1 = FloatVector.fromArray(S, m, src + stride);
        FloatVector m2 = FloatVector.fromArray(S, m, src + 2 * stride);
        FloatVector m3 = FloatVector.fromArray(S, m, src + 3 * stride);
        FloatVector m4 = FloatVector.fromArray(S, m, src + 4 * stride);
        FloatVector m5 = FloatVector.fromArray(S, m, src + 5 * stride);
        FloatVector m6 = FloatVector.fromArray(S, m, src + 6 * stride);
        FloatVector m7 = FloatVector.fromArray(S, m, src + 7 * stride);
        FloatVector b = FloatVector.broadcast(S, bv);
        FloatVector p12 = m1.add(m2), m12 = m1.sub(m2), p34 = m3.add(m4), m34 = m3.sub(m4), p56 = m5.add(m6), m56 = m5.sub(m6);
        FloatVector y0 = b.add(m0).add(p12).add(p34).add(p56);
        FloatVector y1 = b.add(m12).add(m34.mul(0.5f)).add(m56.mul(2f));
        FloatVector y2 = b.add(p12).add(p34.mul(0.25f)).add(p56.mul(4f));
        FloatVector y3 = b.add(m12).add(m34.mul(0.125f)).add(m56.mul(8f)).add(m7);
        // out[dst + 4 t + r] = y_r[t]: interleave by 4 with two rounds of pairwise zips, then contiguous stores.
        FloatVector zl = FloatVector.fromArray(S, ZIP_LO, 0), zh = FloatVector.fromArray(S, ZIP_HI, 0);
        FloatVector a = zl.selectFrom(y0, y2), a2 = zh.selectFrom(y0, y2), c = zl.selectFrom(y1, y3), c2 = zh.selectFrom(y1, y3);
        FloatVector o0 = zl.selectFrom(a, c), o1 = zh.selectFrom(a, c), o2 = zl.selectFrom(a2, c2), o3 = zh.selectFrom(a2, c2);
        if (valid >= M * L) {
            o0.intoArray(out, dst);
            o1.intoArray(out, dst + L);
            o2.intoArray(out, dst + 2 * L);
            o3.intoArray(out, dst + 3 * L);
        } else {
            // Masked stores past outW (the mask only ever clips lanes at the row's end).
            if (valid > 0) o0.intoArray(out, dst, S.indexInRange(0, valid));
            if (valid > L) o1.intoArray(out, dst + L, S.indexInRange(L, valid));
            if (valid > 2 * L) o2.intoArray(out, dst + 2 * L, S.indexInRange(2 * L, valid));
            if (valid > 3 * L) o3.intoArray(out, dst + 3 * L, S.indexInRange(3 * L, valid));
        }
    }
}
