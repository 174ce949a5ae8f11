package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.ConvTapKernels.MR;
import static io.colisten.kernels.cpu.ConvTapKernels.NS;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
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

    /**
     * Batches of 16 or more take the lane-per-image variant ({@link Conv2dWinograd3x3Batch}) where
     * its chunks hold enough tiles that the overlap of their padded patches stays small.
     */
    static void forward(float[] out, int outOff, float[] in, int inOff, float[] wt, int wOff,
                        float[] bias, int bOff, Conv2dShape s) {
        forward(out, outOff, in, inOff, wt, wOff, bias, bOff, s, null, 0, false);
    }

    /** The same with the output pass's epilogue: out = relu(conv + bias [+ res]) when relu (res may be null). */
    static void forward(float[] out, int outOff, float[] in, int inOff, float[] wt, int wOff,
                        float[] bias, int bOff, Conv2dShape s, float[] res, int resOff, boolean relu) {
        int m = tile(s);
        if (!forceTileLanes && Conv2dWinograd3x3Batch.applies(s) && (forceImageLanes || Conv2dWinograd3x3Batch.pays(s, m)))
            Conv2dWinograd3x3Batch.forward(out, outOff, in, inOff, wt, wOff, bias, bOff, s, m, res, resOff, relu);
        else forward(out, outOff, in, inOff, wt, wOff, bias, bOff, s, m, res, resOff, relu);
    }

    /** Tests set these to run batches of 16 or more through one variant whatever the shape. */
    static volatile boolean forceTileLanes = false, forceImageLanes = false;

    static void forward(float[] out, int outOff, float[] in, int inOff, float[] wt, int wOff,
                        float[] bias, int bOff, Conv2dShape s, int m, float[] res, int resOff, boolean relu) {
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
        int xs = WinogradTransforms3x3.weightPointStride(cin, cout);
        float[] u = ConvScratch.get(ConvScratch.PACK, a2 * xs);
        int wParts = Math.max(1, Math.min(Parallel.threads(), cin * cout / 4096));
        Parallel.forEach(wParts, part -> WinogradTransforms3x3.transformWeights(u, wt, wOff, cin, cout, m, cin * part / wParts, cin * (part + 1) / wParts));
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
                                int w = xi * xs + (cb * cin + k0) * MR;
                                if (k0 == 0) WinogradTapKernels.taps8x3(mm, ob, cs, nc, so, sn, so, i, q, null, 0, v, toff, k0, nk, u, w);
                                else WinogradTapKernels.taps8x3AddFull(mm, ob, cs, nc, so, sn, so, i, q, v, toff, k0, nk, u, w);
                            }
                        }
            int ob = outOff + b0 * cout * ohw + m * ty0 * s.outW();
            for (int co = 0; co < cout; co++) {
                float bv = bias == null ? 0f : bias[bOff + co];
                for (int col = 0; col < cols; col += L)
                    outputTiles(out, ob + co * ohw, mm, co * cs + col, p.colsP, oIdx, oMask, col, p.colsP, cols, bv, tmp, m,
                            res, ob + co * ohw - outOff + resOff, relu);
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
            if (m == 2) WinogradTransforms3x3.bt4(planes, base + r * wp, gIdx, col, tmp, r * a * L, L);
            else WinogradTransforms3x3.bt6(planes, base + r * wp, gIdx, col, tmp, r * a * L, L);
        }
        for (int j = 0; j < a; j++) {
            // Column j: V[i][j] = sum_r BT[i][r] tmp2[r][j].
            if (m == 2) WinogradTransforms3x3.bt4(tmp, j * L, a * L, v, dst + j * xiStride, a * xiStride);
            else WinogradTransforms3x3.bt6(tmp, j * L, a * L, v, dst + j * xiStride, a * xiStride);
        }
    }

    /**
     * 16 tiles of one output channel: mm[src + (i alpha + j) xiStride + lane] through AT along j into
     * tmp, then along i, plus bias (plus res[rb + oIdx[...]] where res is not null, then ReLU when relu),
     * scattered to out[ob + oIdx[...]] under oMask (and col + lane < valid).
     */
    private static void outputTiles(float[] out, int ob, float[] mm, int src, int xiStride, int[] oIdx, boolean[] oMask,
                                    int col, int colsP, int valid, float bv, float[] tmp, int m, float[] res, int rb, boolean relu) {
        int a = m + 2;
        for (int i = 0; i < a; i++) {
            // Row i: R[i][r] = sum_j AT[r][j] M[i][j].
            if (m == 2) WinogradTransforms3x3.at4(mm, src + i * a * xiStride, xiStride, tmp, i * m * L, L, 0f);
            else WinogradTransforms3x3.at6(mm, src + i * a * xiStride, xiStride, tmp, i * m * L, L, 0f);
        }
        int yo = a * m * L;
        for (int r = 0; r < m; r++) {
            // Column r: Y[q][r] = bias + sum_i AT[q][i] R[i][r].
            if (m == 2) WinogradTransforms3x3.at4(tmp, r * L, m * L, tmp, yo + r * L, m * L, bv);
            else WinogradTransforms3x3.at6(tmp, r * L, m * L, tmp, yo + r * L, m * L, bv);
        }
        VectorMask<Float> live = S.indexInRange(col, valid);
        for (int e = 0; e < m * m; e++) {
            VectorMask<Float> k = VectorMask.fromArray(S, oMask, e * colsP + col).and(live);
            FloatVector y = FloatVector.fromArray(S, tmp, yo + e * L);
            if (res != null) y = y.add(FloatVector.fromArray(S, res, rb, oIdx, e * colsP + col, k));
            if (relu) y = y.blend(0f, y.compare(VectorOperators.LE, 0f));   // x <= 0 -> +0, NaN stays, as Activations
            y.intoArray(out, ob, oIdx, e * colsP + col, k);
        }
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
