package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.ConvTapKernels.MR;
import static io.colisten.kernels.cpu.ConvTapKernels.NS;
import static io.colisten.kernels.cpu.Conv2dWinograd3x3.CB;
import static io.colisten.kernels.cpu.Conv2dWinograd3x3.KB;
import static io.colisten.kernels.cpu.Conv2dWinograd3x3.L2_BUDGET;
import static io.colisten.kernels.cpu.Conv2dWinograd3x3.MIN_WIDE;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 3x3 Winograd forward of {@link Conv2dWinograd3x3} with a lane per image instead of a lane
 * per tile, for batches of at least 16: a group of 16 images goes through the transforms side by
 * side, so every transform step is a plain vector load, add or store (no gathers, scatters, index
 * tables or masks; in the tile-lane layout those took half of ResNet layer1's time). The price is
 * two 16 x 16 register transposes ({@link Transpose16}) per 256 values: NCHW rows of 16 images into
 * the group's image-minor padded planes P[ci][row][col][image] (once per call, shared by the
 * group's chunks), and the outputs, staged image-minor per chunk, back into NCHW rows.
 * <pre>
 *   V[xi][ci][16 t + image] = (BT d BT^T)[i][j]     tiles t of the chunk, 16 columns each
 *   M[xi][co][col] = sum_ci U[xi][ci][co] V[xi][ci][col]   (as in Conv2dWinograd3x3, point-major)
 *   out[image][co][m ty + q][m tx + r] = bias + (AT M AT^T)[q][r]
 * </pre>
 * Chunks: (group(s) of 16 images, block of tile rows, block of tile columns), sized like the tile-lane
 * chunks (V and M in L2 where the channels allow); claimed dynamically, each output element
 * computed by one chunk in a fixed order: bit-reproducible whatever thread runs it.
 */
final class Conv2dWinograd3x3Batch {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Images per group: one per lane. */
    static final int G = 16;

    private Conv2dWinograd3x3Batch() {}

    /** 16-lane vectors and a batch of at least one full group. */
    static boolean applies(Conv2dShape s) {
        return Transpose16.WORKS && L == G && s.n() >= G && Conv2dWinograd3x3.applies(s);
    }

    /**
     * Worth it where a chunk holds at least 6 tiles. ResNet layer1 (64 channels: 3 tiles per chunk
     * within the L2 budget) ran 19-21 ms with 2 threads this way against 15-16 ms for the
     * lane-per-tile variant (its transposes stream the group's 5.8 MB of image-minor planes through
     * L3); layers 2-4 (6 to 12 tiles) run 5-12% faster than lane per tile.
     */
    static boolean pays(Conv2dShape s, int m) {
        Plan p = Plan.of(s, m);
        return p.tr * p.tc >= 6;
    }

    /**
     * Geometry: tr x tc tiles per chunk (tile rows x tile columns), rowBlocks x colBlocks chunks per
     * group; a group's padded planes are hp x wp positions (m th + 2 by m tw + 2).
     */
    record Plan(int m, int alpha, int th, int tw, int tr, int tc, int rowBlocks, int colBlocks, int groups, int gpc,
                int chunks, int hp, int wp, int colsP) {
        static Plan of(Conv2dShape s, int m) {
            int a2 = (m + 2) * (m + 2), th = (s.outH() + m - 1) / m, tw = (s.outW() + m - 1) / m;
            long perCol = 4L * a2 * (s.cIn() + s.cOut());
            int target = (int) Math.max(NS * L, L2_BUDGET / perCol);
            if (perCol * NS * L > L2_BUDGET) target = MIN_WIDE;
            int tiles = Math.max(1, target / G), tc, tr;
            if (tiles >= tw) {
                tc = tw;
                tr = Math.max(1, Math.min(th, tiles / tw));
            } else {
                tc = tiles;
                tr = 1;
            }
            int colBlocks = (tw + tc - 1) / tc, rowBlocks = (th + tr - 1) / tr;
            tc = (tw + colBlocks - 1) / colBlocks;                   // even blocks
            tr = (th + rowBlocks - 1) / rowBlocks;
            int groups = (s.n() + G - 1) / G, cols = tr * tc * G, gpc = 1;
            // Small planes (one tile block per group) below the target: several groups per chunk, so the
            // transformed weights streamed per chunk serve more columns (ResNet layer3 / layer4: 2 chunks
            // of 2 groups, 192 columns, instead of 4 of 96), while keeping a chunk per thread.
            if (rowBlocks * colBlocks == 1 && cols < target)
                gpc = Math.max(1, Math.min((target + cols / 2) / cols, groups / Parallel.threads()));
            int chunkGroups = (groups + gpc - 1) / gpc;
            // Blocks of input channels after the first accumulate with the unmasked kernel: whole slot groups.
            int colsP = s.cIn() > KB ? ConvPlanes.roundUp(gpc * cols, NS * L) : gpc * cols;
            return new Plan(m, m + 2, th, tw, tr, tc, rowBlocks, colBlocks, groups, gpc, chunkGroups * rowBlocks * colBlocks,
                    m * th + 2, m * tw + 2, colsP);
        }

        /**
         * Floats between channels of V and M, padded by 16 against L1 set conflicts. Point-major
         * ([xi][channel][col]), so the product's consecutive taps lie 0.8-3 KB apart, not a channel's
         * alpha^2 rows (up to 27 KB: a TLB miss per tap; ResNet layer4 34 -> 28 ms, layers 2-3 5-10%
         * faster single-threaded, the transforms' strided stores notwithstanding).
         */
        int channelStride() { return colsP + L; }
    }

    static void forward(float[] out, int outOff, float[] in, int inOff, float[] wt, int wOff,
                        float[] bias, int bOff, Conv2dShape s, int m, float[] res, int resOff, boolean relu) {
        Plan p = Plan.of(s, m);
        int cin = s.cIn(), cout = s.cOut(), a2 = p.alpha * p.alpha, blocks = (cout + MR - 1) / MR;
        // V[xi][ci][col] and M[xi][co][col]: cs between channels, xv / xm between points.
        int cs = p.channelStride(), xv = cin * cs, xm = cout * cs;
        int[] toff = ConvScratch.ints(ConvScratch.TAPS, cin);
        for (int ci = 0; ci < cin; ci++) toff[ci] = ci * cs;
        int slots = ConvPlanes.roundUp(p.colsP / L, NS);
        int[] so = ConvScratch.ints(ConvScratch.SLOT_O, slots), sn = ConvScratch.ints(ConvScratch.SLOT_N, slots);
        for (int i = 0; i < slots; i++) {
            so[i] = i < p.colsP / L ? i * L : 0;
            sn[i] = i < p.colsP / L ? L : 0;
        }
        int xs = WinogradTransforms3x3.weightPointStride(cin, cout);
        float[] u = ConvScratch.get(ConvScratch.PACK, a2 * xs);
        int wParts = Math.max(1, Math.min(Parallel.threads(), cin * cout / 4096));
        Parallel.forEach(wParts, part -> WinogradTransforms3x3.transformWeights(u, wt, wOff, cin, cout, m,
                cin * part / wParts, cin * (part + 1) / wParts));
        // The groups' padded planes, image-minor, shared by all chunks: planes[((g cin + ci) hp + y) wp + x][j].
        int planeFloats = p.hp * p.wp * G;
        float[] planes = Planes.get((long) p.groups * cin * planeFloats);
        Parallel.forEach(p.groups * cin, unit -> {
            float[] tmp = ConvScratch.get(ConvScratch.ROW, 2 * G * G);
            plane(planes, unit * planeFloats, tmp, in, inOff, s, p, unit / cin * G, unit % cin);
        });
        int perGroup = p.rowBlocks * p.colBlocks;
        Parallel.forEach(p.chunks, c -> {
            int g0c = c / perGroup * p.gpc, g1c = Math.min(p.groups, g0c + p.gpc), rb = c % perGroup / p.colBlocks;
            int cb = c % p.colBlocks, ty0 = rb * p.tr, tx0 = cb * p.tc, groupCols = p.tr * p.tc * G;
            int rows = Math.min(p.tr, p.th - ty0), tcs = Math.min(p.tc, p.tw - tx0);
            float[] v = ConvScratch.get(ConvScratch.BATCH_COL, a2 * xv);
            float[] mm = ConvScratch.get(ConvScratch.BATCH_OUT, a2 * xm);
            float[] stage = ConvScratch.get(ConvScratch.COL, m * p.tr * m * p.tc * G + G * G);
            float[] tmp = ConvScratch.get(ConvScratch.ROW, 2 * a2 * L + G * G);
            int blk = 2 * a2 * L;
            for (int g = g0c; g < g1c; g++)
                for (int ci = 0; ci < cin; ci++)
                    for (int ty = 0; ty < rows; ty++)
                        for (int tx = 0; tx < tcs; tx++) {
                            int src = ((g * cin + ci) * p.hp + m * (ty0 + ty)) * p.wp + m * (tx0 + tx);
                            int col = (g - g0c) * groupCols + (ty * p.tc + tx) * G;
                            inputTile(v, ci * cs + col, xv, planes, src * G, p.wp * G, tmp, m);
                        }
            // Slots (16 columns each) of real tile rows; with several groups, all of each group's columns.
            int live = ConvPlanes.roundUp(g1c - g0c > 1 ? (g1c - g0c) * p.tr * p.tc : rows * p.tc, NS);
            for (int xi = 0; xi < a2; xi++)
                for (int g0 = 0; g0 < blocks; g0 += CB)
                    for (int i = 0; i < live; i += NS)
                        for (int k0 = 0; k0 < cin; k0 += KB) {
                            int nk = Math.min(KB, cin - k0);
                            for (int b = g0; b < Math.min(blocks, g0 + CB); b++) {
                                int ob = b * MR * cs + xi * xm, nc = Math.min(MR, cout - b * MR), q = xi * xv;
                                int w = xi * xs + (b * cin + k0) * MR;
                                if (k0 == 0) WinogradTapKernels.taps8x3(mm, ob, cs, nc, so, sn, so, i, q, null, 0, v, toff, k0, nk, u, w);
                                else WinogradTapKernels.taps8x3AddFull(mm, ob, cs, nc, so, sn, so, i, q, v, toff, k0, nk, u, w);
                            }
                        }
            int stageRow = m * p.tc * G;
            for (int g = g0c; g < g1c; g++) {
                int b0 = g * G, images = Math.min(G, s.n() - b0), gc = (g - g0c) * groupCols;
                for (int co = 0; co < cout; co++) {
                    float bv = bias == null ? 0f : bias[bOff + co];
                    for (int ty = 0; ty < rows; ty++)
                        for (int tx = 0; tx < tcs; tx++)
                            outputTile(stage, (m * ty * m * p.tc + m * tx) * G, stageRow, mm, co * cs + gc + (ty * p.tc + tx) * G,
                                    xm, bv, tmp, m);
                    int ob = outOff + (b0 * cout + co) * s.outH() * s.outW();
                    unstage(out, ob, res, ob - outOff + resOff, relu, stage, tmp, blk, s, p, images,
                            m * ty0, Math.min(m * rows, s.outH() - m * ty0), m * tx0, Math.min(m * tcs, s.outW() - m * tx0), cout);
                }
            }
        });
    }

    /**
     * One channel of a group's padded planes, image-minor: dst[d + (y wp + x) 16 + j] = input of
     * image b0 + j, channel ci, at padded position (y, x); zero outside the input or past the batch.
     * 16 columns at a time: a masked row load per image into tmp, one transpose into tmp[256..], then
     * the columns inside the row copied out (nothing written past the channel's own planes: other
     * units write the neighbouring channels at the same time).
     */
    private static void plane(float[] dst, int d, float[] tmp, float[] in, int inOff, Conv2dShape s, Plan p, int b0, int ci) {
        plane(dst, d, G, tmp, in, inOff, s, p.hp, p.wp, b0, ci);
    }

    /**
     * The same for padded planes of hp x wp positions whose vectors lie ps floats apart (16: one
     * channel's plane; cIn 16: channel-minor planes, {@link Conv2dImageLanes}).
     */
    static void plane(float[] dst, int d, int ps, float[] tmp, float[] in, int inOff, Conv2dShape s, int hp, int wp, int b0, int ci) {
        int h = s.h(), w = s.w(), cin = s.cIn(), hw = h * w, images = Math.min(G, s.n() - b0);
        FloatVector zero = FloatVector.zero(S);
        for (int y = 0; y < hp; y++) {
            int iy = y - s.padH();
            for (int xb = 0; xb < wp; xb += L) {
                int x = xb - s.padW(), lo = Math.max(0, -x), hi = Math.min(L, w - x), row = d + (y * wp + xb) * ps;
                int cols = Math.min(L, wp - xb);
                if (iy < 0 || iy >= h || hi <= lo) {
                    for (int i = 0; i < cols; i++) zero.intoArray(dst, row + i * ps);
                    continue;
                }
                VectorMask<Float> k = S.indexInRange(0, hi).andNot(S.indexInRange(0, lo));
                for (int j = 0; j < G; j++) {
                    int from = inOff + ((b0 + j) * cin + ci) * hw + iy * w + x;
                    if (j >= images) zero.intoArray(tmp, j * G);
                    else if (from >= 0 && from + L <= in.length) FloatVector.fromArray(S, in, from, k).intoArray(tmp, j * G);
                    else for (int i = 0; i < L; i++) tmp[j * G + i] = i >= lo && i < hi ? in[from + i] : 0f;
                }
                if (cols == L && ps == G) {
                    Transpose16.block(tmp, 0, G, dst, row, G);
                } else {
                    Transpose16.block(tmp, 0, G, tmp, G * G, G);
                    for (int i = 0; i < cols; i++) FloatVector.fromArray(S, tmp, G * G + i * G).intoArray(dst, row + i * ps);
                }
            }
        }
    }

    /** One tile, 16 images: rows of d (alpha vectors 16 apart at planes[src + r rowStride]) through BT into tmp, then columns into v. */
    private static void inputTile(float[] v, int dst, int xiStride, float[] planes, int src, int rowStride, float[] tmp, int m) {
        int a = m + 2;
        for (int r = 0; r < a; r++) {
            if (m == 2) WinogradTransforms3x3.bt4(planes, src + r * rowStride, G, tmp, r * a * L, L);
            else WinogradTransforms3x3.bt6(planes, src + r * rowStride, G, tmp, r * a * L, L);
        }
        for (int j = 0; j < a; j++) {
            if (m == 2) WinogradTransforms3x3.bt4(tmp, j * L, a * L, v, dst + j * xiStride, a * xiStride);
            else WinogradTransforms3x3.bt6(tmp, j * L, a * L, v, dst + j * xiStride, a * xiStride);
        }
    }

    /** One tile of one output channel, 16 images: AT along j into tmp, then along i plus bias into stage[dst + q rowStride + r 16]. */
    private static void outputTile(float[] stage, int dst, int rowStride, float[] mm, int src, int xiStride, float bv,
                                   float[] tmp, int m) {
        int a = m + 2;
        for (int i = 0; i < a; i++) {
            if (m == 2) WinogradTransforms3x3.at4(mm, src + i * a * xiStride, xiStride, tmp, i * m * L, L, 0f);
            else WinogradTransforms3x3.at6(mm, src + i * a * xiStride, xiStride, tmp, i * m * L, L, 0f);
        }
        for (int r = 0; r < m; r++) {
            if (m == 2) WinogradTransforms3x3.at4(tmp, r * L, m * L, stage, dst + r * G, rowStride, bv);
            else WinogradTransforms3x3.at6(tmp, r * L, m * L, stage, dst + r * G, rowStride, bv);
        }
    }

    /**
     * The staged outputs of one channel (stage[(y m tc + x) 16 + j], image-minor) into NCHW rows:
     * rows y < ny from out row y0, columns x < nx from column x0, images j < images; 16 columns at
     * a time through one transpose into blk, then a masked row store per image (first adding the residual
     * res at the same position, rb matching ob, where res is not null, then ReLU when relu).
     */
    private static void unstage(float[] out, int ob, float[] res, int rb, boolean relu, float[] stage, float[] tmp, int blk,
                                Conv2dShape s, Plan p,
                                int images, int y0, int ny, int x0, int nx, int cout) {
        int ow = s.outW(), plane = cout * s.outH() * ow, stageRow = p.m * p.tc;
        for (int y = 0; y < ny; y++)
            for (int xb = 0; xb < nx; xb += L) {
                Transpose16.block(stage, (y * stageRow + xb) * G, G, tmp, blk, G);
                VectorMask<Float> k = S.indexInRange(0, nx - xb);
                int d = ob + (y0 + y) * ow + x0 + xb;
                for (int j = 0; j < images; j++) {
                    FloatVector v = FloatVector.fromArray(S, tmp, blk + j * G);
                    if (res != null) v = v.add(FloatVector.fromArray(S, res, d - ob + rb + j * plane, k));
                    if (relu) v = v.blend(0f, v.compare(VectorOperators.LE, 0f));   // as Activations' ReLU
                    v.intoArray(out, d + j * plane, k);
                }
            }
    }

    /** The calling thread's buffer for the groups' planes (written by all units, then read by all chunks). */
    static final class Planes {
        private static final ThreadLocal<float[]> BUF = ThreadLocal.withInitial(() -> new float[0]);

        static float[] get(long size) {
            if (size > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("conv2d winograd: planes of " + size + " floats");
            float[] b = BUF.get();
            if (b.length < size) {
                b = new float[(int) size];
                BUF.set(b);
            }
            return b;
        }
    }
}
