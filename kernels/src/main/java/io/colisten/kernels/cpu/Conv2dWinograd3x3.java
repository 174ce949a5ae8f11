package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.ConvTapKernels.MR;
import static io.colisten.kernels.cpu.ConvTapKernels.NS;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Inference forward of 3x3 stride-1 conv2d (ResNet's basic blocks) through the 2-D Winograd
 * transform F(m x m, 3 x 3), m = 2 (4 x 4 points, 16 multiplies per 4 outputs instead of 36) or
 * m = 4 (6 x 6 points, 36 per 16 instead of 144). Tiles of m x m outputs, tile (ty, tx) reading the
 * alpha x alpha padded inputs from (m ty, m tx); with xi = (i, j) one of the alpha^2 points:
 * <pre>
 *   V[ci][xi][tile] = (BT d BT^T)[i][j]            input transform of each tile
 *   U[xi][ci][co]   = (G g G^T)[i][j]              weight transform, packed 8 output channels per tap
 *   M[co][xi][tile] = sum_ci U[xi][ci][co] V[ci][xi][tile]   alpha^2 products on the direct conv's
 *                                                  8 x 3 kernel ({@link ConvTapKernels#taps8x3}), V read in place
 *   out[co][m ty + q][m tx + r] = bias[co] + (AT M AT^T)[q][r]
 * </pre>
 * Transforms run 16 tiles at a time (a vector lane per tile, whatever rows or images they come
 * from): inputs by gathers from zero-padded planes, outputs by masked scatters (a lane whose output
 * lies past the plane edge is masked off and points at its tile's origin, so every index stays in
 * bounds). Matrices: Lavin and Gray's, points 0, +-1 (m = 2) and 0, +-1, +-2 (m = 4), infinity.
 * <p>Work: chunks of whole images or of tile rows of one image ({@link Plan}: V and M in L2 where the
 * channels allow; from the shape and thread count only), claimed dynamically, one chunk per part; each output element is computed by
 * one chunk in a fixed order, so results do not depend on which thread ran it.
 */
final class Conv2dWinograd3x3 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Bytes of V and M per chunk worth fitting in L2 (2 MiB here), and the chunk for wide layers. */
    static final long L2_BUDGET = 1 << 20;
    static final int MIN_WIDE = 192;
    /** Input channels per product pass (taps per kernel call), and 8-channel blocks per weight group. */
    static final int KB = 128, CB = 4;
    /** Stride-9 lanes: the same tap of 16 consecutive (co, ci) filters. */
    private static final int[] STRIDE_9 = new int[L];

    static {
        for (int i = 0; i < L; i++) STRIDE_9[i] = 9 * i;
    }

    private Conv2dWinograd3x3() {}

    /** 3x3, stride 1, padding <= 2, one group, enough channels on both sides that the GEMMs dominate. */
    static boolean applies(Conv2dShape s) {
        return s.kh() == 3 && s.kw() == 3 && s.strideH() == 1 && s.strideW() == 1 && s.padH() <= 2 && s.padW() <= 2
                && s.groups() == 1 && s.cIn() >= 16 && s.cOut() >= 16;
    }

    /**
     * The tile size for a shape, from a cost model in multiply-add units: alpha^2 points per tile
     * (tiles past the plane edge included) times the GEMM (cin cout per tile and image), the two
     * transforms (~40 per element and channel) and the weight transform (~32 per element, once per
     * call). 4 only where it is clearly cheaper: its rounding error is about 10x that of 2.
     */
    static int tile(Conv2dShape s) {
        if (forceTile != 0) return forceTile;
        return cost(s, 4) < 0.85 * cost(s, 2) ? 4 : 2;
    }

    static double cost(Conv2dShape s, int m) {
        double a2 = (m + 2) * (m + 2), tiles = (double) ((s.outH() + m - 1) / m) * ((s.outW() + m - 1) / m) * s.n();
        double cc = (double) s.cIn() * s.cOut();
        return a2 * (tiles * (cc + 40.0 * (s.cIn() + s.cOut())) + 32 * cc);
    }

    /** Tests set this (2 or 4) to run every shape with that tile size. */
    static volatile int forceTile = 0;

    /**
     * Geometry of one call. A chunk is nb whole images, or (when one image has more tiles than a
     * chunk should) a block of tr tile rows of one image; chunks = image chunks x row blocks.
     */
    record Plan(int m, int alpha, int th, int tw, int tr, int rowBlocks, int nb, int chunks, int wp, int colsP) {
        /**
         * Tiles per chunk: V and M of a chunk (4 alpha^2 (cin + cout) bytes per tile) within L2_BUDGET,
         * and at least one 48-column slot group; where even that overflows L2 (ResNet's stages 3 and
         * 4: wide channels), MIN_WIDE tiles, so that streaming the transformed weights (alpha^2 cin
         * cout, read once per chunk) is paid over more columns.
         */
        static Plan of(Conv2dShape s, int m) {
            int a2 = (m + 2) * (m + 2), th = (s.outH() + m - 1) / m, tw = (s.outW() + m - 1) / m, tpi = th * tw;
            long perTile = 4L * a2 * (s.cIn() + s.cOut());
            int target = (int) Math.max(NS * L, L2_BUDGET / perTile);
            if (perTile * NS * L > L2_BUDGET) target = MIN_WIDE;
            int tr = th, nb = Math.max(1, Math.min(s.n(), target / tpi));
            if (tpi > target) {
                nb = 1;
                tr = Math.max(1, target / tw);
            }
            int rowBlocks = (th + tr - 1) / tr;
            tr = (th + rowBlocks - 1) / rowBlocks;                  // even blocks: 10 rows as 5 + 5, not 6 + 4
            int imageChunks = (s.n() + nb - 1) / nb, t = Parallel.threads();
            if (rowBlocks == 1 && imageChunks < t && s.n() >= t) {  // at least a chunk per thread
                nb = (s.n() + t - 1) / t;
                imageChunks = (s.n() + nb - 1) / nb;
            }
            // Columns padded to whole slot groups (3 vectors): every product call runs on full slots.
            return new Plan(m, m + 2, th, tw, tr, rowBlocks, nb, imageChunks * rowBlocks, m * tw + 2,
                    ConvPlanes.roundUp(nb * tr * tw, NS * L));
        }

        /** Floats of one channel's padded rows in a chunk: m tr + 2 rows of wp. */
        int plane() { return (m * tr + 2) * wp; }

        /**
         * Floats per channel of V and M ([channel][xi][column]): a channel's alpha^2 rows together, so the
         * transforms touch one compact block per channel; 16 floats more than the rows need, so that
         * consecutive channels (the product's taps) do not fall on the same L1 sets.
         */
        int channelStride() { return alpha * alpha * colsP + L; }
    }

    static void forward(float[] out, int outOff, float[] in, int inOff, float[] wt, int wOff,
                        float[] bias, int bOff, Conv2dShape s) {
        forward(out, outOff, in, inOff, wt, wOff, bias, bOff, s, tile(s));
    }

    static void forward(float[] out, int outOff, float[] in, int inOff, float[] wt, int wOff,
                        float[] bias, int bOff, Conv2dShape s, int m) {
        Plan p = Plan.of(s, m);
        int cin = s.cIn(), cout = s.cOut(), a2 = p.alpha * p.alpha, n = s.n(), blocks = (cout + MR - 1) / MR;
        int ohw = s.outH() * s.outW(), cs = p.channelStride();
        // Product tables for the 8 x 3 kernel: taps = input channels (rows of V), slots = 16 columns each.
        int[] toff = WinogradTables.ints(WinogradTables.TAPS, cin);
        for (int ci = 0; ci < cin; ci++) toff[ci] = ci * cs;
        int slots = p.colsP / L;
        int[] so = WinogradTables.ints(WinogradTables.SLOT, slots), sn = WinogradTables.ints(WinogradTables.SLOT_N, slots);
        for (int i = 0; i < slots; i++) {
            so[i] = i * L;
            sn[i] = L;
        }
        float[] u = ConvScratch.get(ConvScratch.PACK, a2 * blocks * MR * cin);
        int wParts = Math.max(1, Math.min(Parallel.threads(), cin * cout / 4096));
        Parallel.forEach(wParts, part -> transformWeights(u, wt, wOff, cin, cout, m, cin * part / wParts, cin * (part + 1) / wParts));
        Parallel.forEach(p.chunks, c -> {
            int b0 = c / p.rowBlocks * p.nb, b1 = Math.min(n, b0 + p.nb), ty0 = c % p.rowBlocks * p.tr;
            int rows = Math.min(p.tr, p.th - ty0), cols = (b1 - b0) * rows * p.tw;
            if (cols <= 0) return;
            float[] planes = ConvScratch.get(ConvScratch.PLANE, p.nb * cin * p.plane() + L);
            float[] v = ConvScratch.get(ConvScratch.BATCH_COL, cin * cs);
            float[] mm = ConvScratch.get(ConvScratch.BATCH_OUT, cout * cs);
            float[] tmp = ConvScratch.get(ConvScratch.ROW, 2 * a2 * L);
            int[] gIdx = WinogradTables.ints(WinogradTables.G_IDX, p.colsP);
            int[] oIdx = WinogradTables.ints(WinogradTables.O_IDX, m * m * p.colsP);
            boolean[] oMask = WinogradTables.masks(m * m * p.colsP);
            tables(p, s, ty0, rows, cols, gIdx, oIdx, oMask);
            for (int b = b0; b < b1; b++)
                pad(planes, (b - b0) * cin * p.plane(), in, inOff + b * cin * s.h() * s.w(), cin, s, p, m * ty0);
            for (int ci = 0; ci < cin; ci++)
                for (int col = 0; col < cols; col += L)
                    inputTiles(v, ci * cs + col, p.colsP, planes, ci * p.plane(), gIdx, col, p.wp, tmp, m);
            // M[co][xi][col] = sum_ci U[xi][ci][co] V[ci][xi][col]: 8 channels x 48 columns per kernel call,
            // V read in place (no packing), U pre-packed by the weight transform. Loop nest: groups of
            // CB channel blocks, whose weights (cin x CB x 32 B) stay in L2, then 48 columns and KB
            // input channels of V (KB x 192 B, in L1) against each block of the group.
            int live = ConvPlanes.roundUp((cols + L - 1) / L, NS);
            for (int xi = 0; xi < a2; xi++)
                for (int g0 = 0; g0 < blocks; g0 += CB)
                    for (int i = 0; i < live; i += NS)
                        for (int k0 = 0; k0 < cin; k0 += KB) {
                            int nk = Math.min(KB, cin - k0);
                            for (int cb = g0; cb < Math.min(blocks, g0 + CB); cb++) {
                                int ob = cb * MR * cs + xi * p.colsP, nc = Math.min(MR, cout - cb * MR), q = xi * p.colsP;
                                int w = ((xi * blocks + cb) * cin + k0) * MR;
                                if (k0 == 0) ConvTapKernels.taps8x3(mm, ob, cs, nc, so, sn, so, i, q, null, 0, v, toff, k0, nk, u, w);
                                else WinogradTapKernels.taps8x3AddFull(mm, ob, cs, nc, so, sn, so, i, q, v, toff, k0, nk, u, w);
                            }
                        }
            int ob = outOff + b0 * cout * ohw + m * ty0 * s.outW();
            for (int co = 0; co < cout; co++) {
                float bv = bias == null ? 0f : bias[bOff + co];
                for (int col = 0; col < cols; col += L)
                    outputTiles(out, ob + co * ohw, mm, co * cs + col, p.colsP, oIdx, oMask, col, p.colsP, cols, bv, tmp, m);
            }
        });
    }

    /**
     * One chunk's tables (images b0.., tile rows [ty0, ty0 + rows)), columns in (image, tile row, tile)
     * order. gIdx[col]: offset of the tile's first input in the chunk's padded rows (image j at
     * j cin plane); columns past the chunk's last tile read tile 0. oIdx[(q m + r) colsP + col]: offset
     * of its output (q, r) from the chunk's first output (image j at j cOut ohw, row m ty0 at 0), or
     * of the tile's origin where (q, r) lies past the plane edge or the column is past the last
     * tile, and there oMask is false.
     */
    private static void tables(Plan p, Conv2dShape s, int ty0, int rows, int cols, int[] gIdx, int[] oIdx, boolean[] oMask) {
        int m = p.m, tpc = rows * p.tw, oh = s.outH(), ow = s.outW(), ohw = oh * ow;
        for (int col = 0; col < p.colsP; col++) {
            boolean real = col < cols;
            int j = real ? col / tpc : 0, t = real ? col % tpc : 0, ty = t / p.tw, tx = t % p.tw;
            gIdx[col] = j * s.cIn() * p.plane() + m * ty * p.wp + m * tx;
            int origin = j * s.cOut() * ohw + m * ty * ow + m * tx;
            for (int q = 0; q < m; q++)
                for (int r = 0; r < m; r++) {
                    boolean ok = real && m * (ty0 + ty) + q < oh && m * tx + r < ow;
                    int e = (q * m + r) * p.colsP + col;
                    oIdx[e] = ok ? origin + q * ow + r : origin;
                    oMask[e] = ok;
                }
        }
    }

    /**
     * Zero-padded rows of one image for a chunk: dst[ci][m tr + 2][wp] holds padded-plane rows
     * [y0, y0 + m tr + 2) (input row y at padded row y + padH, column x at x + padW, zeros around).
     * Rows by masked vector loads (zero outside the input row) and whole-vector stores, which may
     * run up to 15 floats into the next row (rewritten after) or past the last plane (the buffer has
     * that much slack).
     */
    private static void pad(float[] dst, int d0, float[] in, int src, int cin, Conv2dShape s, Plan p, int y0) {
        int h = s.h(), w = s.w(), ph = s.padH(), pw = s.padW(), wp = p.wp, plane = p.plane(), rows = plane / wp;
        for (int ci = 0; ci < cin; ci++) {
            int d = d0 + ci * plane, si = src + ci * h * w;
            for (int r = 0; r < rows; r++) {
                int y = y0 + r - ph, row = d + r * wp;
                if (y < 0 || y >= h) {
                    java.util.Arrays.fill(dst, row, row + wp, 0f);
                    continue;
                }
                int from = si + y * w - pw;
                for (int x0 = 0; x0 < wp; x0 += L) {
                    // Lanes [lo, hi) hold input columns. Masks from offset-0 ranges only: indexInRange with
                    // a negative offset is not intrinsified (a boolean[] per call, 165 MB per ResNet batch).
                    int lo = Math.max(0, pw - x0), hi = Math.min(L, pw + w - x0);
                    if (from + x0 >= 0 && from + x0 + L <= in.length) {
                        VectorMask<Float> k = S.indexInRange(0, hi).andNot(S.indexInRange(0, lo));
                        FloatVector.fromArray(S, in, from + x0, k).intoArray(dst, row + x0);
                    } else {
                        for (int i = 0; i < L; i++) dst[row + x0 + i] = i >= lo && i < hi ? in[from + x0 + i] : 0f;
                    }
                }
            }
        }
    }



    /**
     * 16 tiles of one input channel: the alpha x alpha inputs d[r][c] (row r of the tile at
     * planes[base + gIdx[col + lane] + r wp + c]) gathered a row at a time and through BT into tmp,
     * then columns through BT into v[dst + (i alpha + j) xiStride + lane].
     */
    private static void inputTiles(float[] v, int dst, int xiStride, float[] planes, int base, int[] gIdx, int col, int wp,
                                   float[] tmp, int m) {
        int a = m + 2, a2 = a * a;
        for (int r = 0; r < a; r++) {
            // Row r of d times BT^T: tmp[r][j] = sum_c BT[j][c] d[r][c], d gathered straight from the planes.
            if (m == 2) bt4(planes, base + r * wp, gIdx, col, tmp, r * a * L, L);
            else bt6(planes, base + r * wp, gIdx, col, tmp, r * a * L, L);
        }
        for (int j = 0; j < a; j++) {
            // Column j: V[i][j] = sum_r BT[i][r] tmp2[r][j].
            if (m == 2) bt4(tmp, j * L, a * L, v, dst + j * xiStride, a * xiStride);
            else bt6(tmp, j * L, a * L, v, dst + j * xiStride, a * xiStride);
        }
    }

    /**
     * 16 tiles of one output channel: mm[src + (i alpha + j) xiStride + lane] through AT along j into
     * tmp, then along i, plus bias, scattered to out[ob + oIdx[...]] under oMask (and col + lane < valid).
     */
    private static void outputTiles(float[] out, int ob, float[] mm, int src, int xiStride, int[] oIdx, boolean[] oMask,
                                    int col, int colsP, int valid, float bv, float[] tmp, int m) {
        int a = m + 2;
        for (int i = 0; i < a; i++) {
            // Row i: R[i][r] = sum_j AT[r][j] M[i][j].
            if (m == 2) at4(mm, src + i * a * xiStride, xiStride, tmp, i * m * L, L, 0f);
            else at6(mm, src + i * a * xiStride, xiStride, tmp, i * m * L, L, 0f);
        }
        int yo = a * m * L;
        for (int r = 0; r < m; r++) {
            // Column r: Y[q][r] = bias + sum_i AT[q][i] R[i][r].
            if (m == 2) at4(tmp, r * L, m * L, tmp, yo + r * L, m * L, bv);
            else at6(tmp, r * L, m * L, tmp, yo + r * L, m * L, bv);
        }
        VectorMask<Float> live = S.indexInRange(col, valid);
        for (int e = 0; e < m * m; e++) {
            VectorMask<Float> k = VectorMask.fromArray(S, oMask, e * colsP + col).and(live);
            FloatVector.fromArray(S, tmp, yo + e * L).intoArray(out, ob, oIdx, e * colsP + col, k);
        }
    }

    /** F(2, 3) input transform of 4 vectors: dst[d + i ds] = sum_k BT[i][k] src[s + k ss]. */
    private static void bt4(float[] src, int s, int ss, float[] dst, int d, int ds) {
        FloatVector x0 = FloatVector.fromArray(S, src, s), x1 = FloatVector.fromArray(S, src, s + ss);
        FloatVector x2 = FloatVector.fromArray(S, src, s + 2 * ss), x3 = FloatVector.fromArray(S, src, s + 3 * ss);
        x0.sub(x2).intoArray(dst, d);
        x1.add(x2).intoArray(dst, d + ds);
        x2.sub(x1).intoArray(dst, d + 2 * ds);
        x1.sub(x3).intoArray(dst, d + 3 * ds);
    }

    /** F(4, 3) input transform of 6 vectors. */
    private static void bt6(float[] src, int s, int ss, float[] dst, int d, int ds) {
        FloatVector x0 = FloatVector.fromArray(S, src, s), x1 = FloatVector.fromArray(S, src, s + ss);
        FloatVector x2 = FloatVector.fromArray(S, src, s + 2 * ss), x3 = FloatVector.fromArray(S, src, s + 3 * ss);
        FloatVector x4 = FloatVector.fromArray(S, src, s + 4 * ss), x5 = FloatVector.fromArray(S, src, s + 5 * ss);
        x0.mul(4f).add(x4).sub(x2.mul(5f)).intoArray(dst, d);
        FloatVector p = x4.sub(x2.mul(4f)), q = x3.sub(x1.mul(4f));
        p.add(q).intoArray(dst, d + ds);
        p.sub(q).intoArray(dst, d + 2 * ds);
        p = x4.sub(x2);
        q = x3.sub(x1).mul(2f);
        p.add(q).intoArray(dst, d + 3 * ds);
        p.sub(q).intoArray(dst, d + 4 * ds);
        x1.mul(4f).add(x5).sub(x3.mul(5f)).intoArray(dst, d + 5 * ds);
    }

    /** bt4 of the 4 vectors gathered at src[s + k + idx[col + lane]], k < 4. */
    private static void bt4(float[] src, int s, int[] idx, int col, float[] dst, int d, int ds) {
        FloatVector x0 = FloatVector.fromArray(S, src, s, idx, col), x1 = FloatVector.fromArray(S, src, s + 1, idx, col);
        FloatVector x2 = FloatVector.fromArray(S, src, s + 2, idx, col), x3 = FloatVector.fromArray(S, src, s + 3, idx, col);
        x0.sub(x2).intoArray(dst, d);
        x1.add(x2).intoArray(dst, d + ds);
        x2.sub(x1).intoArray(dst, d + 2 * ds);
        x1.sub(x3).intoArray(dst, d + 3 * ds);
    }

    /** bt6 of the 6 vectors gathered at src[s + k + idx[col + lane]], k < 6. */
    private static void bt6(float[] src, int s, int[] idx, int col, float[] dst, int d, int ds) {
        FloatVector x0 = FloatVector.fromArray(S, src, s, idx, col), x1 = FloatVector.fromArray(S, src, s + 1, idx, col);
        FloatVector x2 = FloatVector.fromArray(S, src, s + 2, idx, col), x3 = FloatVector.fromArray(S, src, s + 3, idx, col);
        FloatVector x4 = FloatVector.fromArray(S, src, s + 4, idx, col), x5 = FloatVector.fromArray(S, src, s + 5, idx, col);
        x0.mul(4f).add(x4).sub(x2.mul(5f)).intoArray(dst, d);
        FloatVector p = x4.sub(x2.mul(4f)), q = x3.sub(x1.mul(4f));
        p.add(q).intoArray(dst, d + ds);
        p.sub(q).intoArray(dst, d + 2 * ds);
        p = x4.sub(x2);
        q = x3.sub(x1).mul(2f);
        p.add(q).intoArray(dst, d + 3 * ds);
        p.sub(q).intoArray(dst, d + 4 * ds);
        x1.mul(4f).add(x5).sub(x3.mul(5f)).intoArray(dst, d + 5 * ds);
    }

    /** F(2, 3) output transform of 4 vectors to 2: dst[d + r ds] = b + sum_k AT[r][k] src[s + k ss]. */
    private static void at4(float[] src, int s, int ss, float[] dst, int d, int ds, float b) {
        FloatVector x0 = FloatVector.fromArray(S, src, s), x1 = FloatVector.fromArray(S, src, s + ss);
        FloatVector x2 = FloatVector.fromArray(S, src, s + 2 * ss), x3 = FloatVector.fromArray(S, src, s + 3 * ss);
        FloatVector bv = FloatVector.broadcast(S, b);
        bv.add(x0).add(x1).add(x2).intoArray(dst, d);
        bv.add(x1).sub(x2).sub(x3).intoArray(dst, d + ds);
    }

    /** F(4, 3) output transform of 6 vectors to 4. */
    private static void at6(float[] src, int s, int ss, float[] dst, int d, int ds, float b) {
        FloatVector x0 = FloatVector.fromArray(S, src, s), x1 = FloatVector.fromArray(S, src, s + ss);
        FloatVector x2 = FloatVector.fromArray(S, src, s + 2 * ss), x3 = FloatVector.fromArray(S, src, s + 3 * ss);
        FloatVector x4 = FloatVector.fromArray(S, src, s + 4 * ss), x5 = FloatVector.fromArray(S, src, s + 5 * ss);
        FloatVector bv = FloatVector.broadcast(S, b);
        FloatVector p12 = x1.add(x2), m12 = x1.sub(x2), p34 = x3.add(x4), m34 = x3.sub(x4);
        bv.add(x0).add(p12).add(p34).intoArray(dst, d);
        bv.add(m12).add(m34.mul(2f)).intoArray(dst, d + ds);
        bv.add(p12).add(p34.mul(4f)).intoArray(dst, d + 2 * ds);
        bv.add(m12).add(m34.mul(8f)).add(x5).intoArray(dst, d + 3 * ds);
    }

    /**
     * The transformed weights packed for the 8 x 3 kernel, for input channels [ci0, ci1):
     * u[((xi blocks + cb) cin + ci) 8 + c] = (G g G^T)[i][j] of filter w[8 cb + c][ci] (zero past cOut).
     * 16 output channels (two blocks) at a time by gathers (stride 9 cin), the rest in double precision.
     */
    static void transformWeights(float[] u, float[] wt, int wOff, int cin, int cout, int m, int ci0, int ci1) {
        int a = m + 2, a2 = a * a, blocks = (cout + MR - 1) / MR, xiStride = blocks * cin * MR;
        float[] tmp = ConvScratch.get(ConvScratch.COL, (9 + 3 * a) * L);
        int[] idx = ConvScratch.ints(ConvScratch.PHASE, L);
        for (int i = 0; i < L; i++) idx[i] = 9 * cin * i;
        double[] g = new double[9];
        // Output channels in groups of 16 outer, input channels inner: each gather reads 16 filter rows
        // that advance by 36 bytes per step, so every line fetched serves the next channels too.
        int full = cout / L * L;
        for (int co = 0; co < full; co += L) {
            int dst0 = (co / MR) * cin * MR;
            for (int ci = ci0; ci < ci1; ci++) {
                int src = wOff + (co * cin + ci) * 9, dst = dst0 + ci * MR;
                for (int t = 0; t < 9; t++) FloatVector.fromArray(S, wt, src + t, idx, 0).intoArray(tmp, t * L);
                // Columns kx: A[i][kx] = sum_ky G[i][ky] g[ky][kx]; then rows: U[i][j] = sum_kx G[j][kx] A[i][kx].
                for (int kx = 0; kx < 3; kx++) gt(tmp, kx * L, 3 * L, tmp, 9 * L + kx * L, 3 * L, m);
                for (int i = 0; i < a; i++) gtSplit(tmp, 9 * L + i * 3 * L, L, u, dst + i * a * xiStride, cin * MR, xiStride, m);
            }
        }
        for (int co = full; co < blocks * MR; co++)
            for (int ci = ci0; ci < ci1; ci++) {
                for (int t = 0; t < 9; t++) g[t] = co < cout ? wt[wOff + (co * cin + ci) * 9 + t] : 0;
                for (int xi = 0; xi < a2; xi++)
                    u[((xi * blocks + co / MR) * cin + ci) * MR + co % MR] = (float) transformedWeight(g, m, xi / a, xi % a);
            }
    }

    /** {@link #gt} whose outputs are 16 channels split into two 8-channel blocks: lanes 0-7 at d + i ds, 8-15 at d + half + i ds. */
    private static void gtSplit(float[] src, int s, int ss, float[] dst, int d, int half, int ds, int m) {
        FloatVector g0 = FloatVector.fromArray(S, src, s), g1 = FloatVector.fromArray(S, src, s + ss);
        FloatVector g2 = FloatVector.fromArray(S, src, s + 2 * ss);
        FloatVector e = g0.add(g2);
        VectorMask<Float> lo = S.indexInRange(0, MR), hi = lo.not();
        int h = half - MR;
        if (m == 2) {
            FloatVector y1 = e.add(g1).mul(0.5f), y2 = e.sub(g1).mul(0.5f);
            g0.intoArray(dst, d, lo); g0.intoArray(dst, d + h, hi);
            y1.intoArray(dst, d + ds, lo); y1.intoArray(dst, d + ds + h, hi);
            y2.intoArray(dst, d + 2 * ds, lo); y2.intoArray(dst, d + 2 * ds + h, hi);
            g2.intoArray(dst, d + 3 * ds, lo); g2.intoArray(dst, d + 3 * ds + h, hi);
        } else {
            FloatVector y0 = g0.mul(0.25f), y1 = e.add(g1).mul(-1f / 6), y2 = e.sub(g1).mul(-1f / 6);
            FloatVector f = g0.mul(1f / 24).add(g2.mul(1f / 6)), hh = g1.mul(1f / 12), y3 = f.add(hh), y4 = f.sub(hh);
            y0.intoArray(dst, d, lo); y0.intoArray(dst, d + h, hi);
            y1.intoArray(dst, d + ds, lo); y1.intoArray(dst, d + ds + h, hi);
            y2.intoArray(dst, d + 2 * ds, lo); y2.intoArray(dst, d + 2 * ds + h, hi);
            y3.intoArray(dst, d + 3 * ds, lo); y3.intoArray(dst, d + 3 * ds + h, hi);
            y4.intoArray(dst, d + 4 * ds, lo); y4.intoArray(dst, d + 4 * ds + h, hi);
            g2.intoArray(dst, d + 5 * ds, lo); g2.intoArray(dst, d + 5 * ds + h, hi);
        }
    }

    /** G of F(m, 3) applied to 3 vectors: dst[d + i ds] = sum_k G[i][k] src[s + k ss], i < m + 2. */
    private static void gt(float[] src, int s, int ss, float[] dst, int d, int ds, int m) {
        FloatVector g0 = FloatVector.fromArray(S, src, s), g1 = FloatVector.fromArray(S, src, s + ss);
        FloatVector g2 = FloatVector.fromArray(S, src, s + 2 * ss);
        FloatVector e = g0.add(g2);
        if (m == 2) {
            g0.intoArray(dst, d);
            e.add(g1).mul(0.5f).intoArray(dst, d + ds);
            e.sub(g1).mul(0.5f).intoArray(dst, d + 2 * ds);
            g2.intoArray(dst, d + 3 * ds);
        } else {
            g0.mul(0.25f).intoArray(dst, d);
            e.add(g1).mul(-1f / 6).intoArray(dst, d + ds);
            e.sub(g1).mul(-1f / 6).intoArray(dst, d + 2 * ds);
            FloatVector f = g0.mul(1f / 24).add(g2.mul(1f / 6)), h = g1.mul(1f / 12);
            f.add(h).intoArray(dst, d + 3 * ds);
            f.sub(h).intoArray(dst, d + 4 * ds);
            g2.intoArray(dst, d + 5 * ds);
        }
    }

    /** G coefficients, in double: (G g G^T)[i][j] for the 3x3 filter g (row-major). */
    static double transformedWeight(double[] g, int m, int i, int j) {
        double[][] gm = m == 2
                ? new double[][] {{1, 0, 0}, {.5, .5, .5}, {.5, -.5, .5}, {0, 0, 1}}
                : new double[][] {{.25, 0, 0}, {-1 / 6.0, -1 / 6.0, -1 / 6.0}, {-1 / 6.0, 1 / 6.0, -1 / 6.0},
                        {1 / 24.0, 1 / 12.0, 1 / 6.0}, {1 / 24.0, -1 / 12.0, 1 / 6.0}, {0, 0, 1}};
        double acc = 0;
        for (int ky = 0; ky < 3; ky++)
            for (int kx = 0; kx < 3; kx++) acc += gm[i][ky] * g[ky * 3 + kx] * gm[j][kx];
        return acc;
    }

    /** Caller-side tables (gather / scatter indexes, output masks, product slots), grown as needed. */
    private static final class WinogradTables {
        static final int G_IDX = 0, O_IDX = 1, TAPS = 2, SLOT = 3, SLOT_N = 4;
        private static final ThreadLocal<int[][]> INTS = ThreadLocal.withInitial(() -> new int[5][0]);
        private static final ThreadLocal<boolean[]> MASKS = ThreadLocal.withInitial(() -> new boolean[0]);

        static int[] ints(int slot, int size) {
            int[][] t = INTS.get();
            if (t[slot].length < size) t[slot] = new int[size];
            return t[slot];
        }

        static boolean[] masks(int size) {
            boolean[] b = MASKS.get();
            if (b.length < size) {
                b = new boolean[size];
                MASKS.set(b);
            }
            return b;
        }
    }
}
