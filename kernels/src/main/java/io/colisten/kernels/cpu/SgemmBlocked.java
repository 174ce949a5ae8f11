package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.SgemmMicroKernel.MR;
import static io.colisten.kernels.cpu.SgemmMicroKernel.NR;

/**
 * The blocked loop nest of {@link Sgemm} for one thread's block of C:
 * pc over KC of k, jc over NC columns (pack a kc x nc panel of B, kept in L2), ic over MC rows (pack
 * an mc x kc block of A, also in L2; packed once per k block when one block holds all of m), ir over
 * its MR-row micro-panels, and innermost jr over the NR-column micro-panels of the B panel.
 *
 * <p>Why ir outside jr (not BLIS's jr-outside-ir): with no prefetch instruction in Java, C's cache
 * misses are exposed at each tile's load/store; sweeping one 12-row strip of C left to right writes
 * 12 long sequential streams the hardware prefetcher follows, where jr-outside-ir writes a 128-byte
 * piece of every row in turn. Measured on 132 x 100000 x 128 (A B^T), kernel plus C stores: 32 ms
 * jr-outside-ir, 20 ms ir-outside-jr with nc >= 1024, 15.5 ms with no C traffic at all.
 *
 * <p>Sizes (per core here: 48 KiB L1d, 2 MiB L2): KC = 256 keeps a 12 x kc A micro-panel at 12 KiB in
 * L1 next to the B micro-panel being streamed; the B panel gets 1 MiB of L2 (nc = 1024 at kc = 256,
 * 2048 at kc = 128); an A block gets 512 KiB (mc = 504 at kc = 256, 984 at kc = 132).
 */
final class SgemmBlocked {
    static final int KC = Integer.getInteger("sgemm.kc", 256);
    /** Floats of L2 for the packed B panel (1 MiB). */
    static final int B_PANEL = Integer.getInteger("sgemm.bpanel", 1 << 18);
    /** Floats of L2 for a packed A block (512 KiB). */
    static final int A_BLOCK = Integer.getInteger("sgemm.ablock", 1 << 17);
    /** Floats of L2 for a strip of packed A blocks along k (1 MiB), see {@link SgemmPack#packAStrip}. */
    static final int A_STRIP = Integer.getInteger("sgemm.astrip", 1 << 18);

    /**
     * Up to this many rows, a non-transposed B is read in place instead of packed: a packed panel would
     * be reused by only a few A micro-panels, and for conv-like shapes (m = 32, k = 35, n = 8820) packing
     * B costs as much as the multiply-adds themselves.
     */
    static final int DIRECT_B_ROWS = Integer.getInteger("sgemm.directb", 48);

    private SgemmBlocked() {}

    /**
     * C[i0..i1, j0..j1] = alpha * sum over p in [p0, p1) of op(A)[i, p] op(B)[p, j] + beta * C,
     * with C addressed as c[cOff + i*ldc + j] (beta == 0: C is not read).
     */
    static void gemm(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int p0, int p1,
                     float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc, SgemmWorkspace ws) {
        int m = i1 - i0, n = j1 - j0, k = p1 - p0;
        if (m <= 0 || n <= 0) return;
        // Equal blocks (rounded to whole micro-panels) so that no block is a sliver.
        int kBlocks = ceilDiv(k, KC), kcMax = ceilDiv(k, kBlocks);
        int ncCap = Math.max(NR, B_PANEL / kcMax / NR * NR);
        int nBlocks = ceilDiv(n, ncCap), ncMax = roundUp(ceilDiv(n, nBlocks), NR);
        int mcCap = Math.max(MR, A_BLOCK / kcMax / MR * MR);
        int mBlocks = ceilDiv(m, mcCap), mcMax = roundUp(ceilDiv(m, mBlocks), MR);
        // A in one block and several k blocks (the classifier's 132 x 128 x 100000): pack a strip of
        // consecutive k blocks at once, so each row of A is read in one long run (7 KiB, not 1 KiB):
        // 100 -> 120 GFLOP/s on one core there.
        int group = mBlocks == 1 && !transA ? Math.max(1, Math.min(kBlocks, A_STRIP / (mcMax * kcMax))) : 1;
        float[] ap = ws.packedA(group * mcMax * kcMax);
        float[] bp = ws.packedB(ncMax * kcMax);
        float[] tile = ws.tile;
        boolean directB = !transB && m <= DIRECT_B_ROWS;
        for (int pc = 0, block = 0; pc < k; pc += kcMax, block++) {
            int kc = Math.min(kcMax, k - pc);
            // Later k blocks accumulate onto the first one's result.
            float betaBlock = pc == 0 ? beta : 1f;
            int aBase = block % group * mcMax * kcMax;
            if (group > 1 && aBase == 0) {
                SgemmPack.packAStrip(a, aOff, lda, i0, m, p0 + pc, Math.min(group * kcMax, k - pc), kcMax,
                        mcMax * kcMax, ap, ws.gather);
            }
            for (int jc = 0; jc < n; jc += ncMax) {
                int nc = Math.min(ncMax, n - jc);
                // Columns [0, direct) of this panel are read from b in place; the rest is packed.
                int direct = directB ? nc / NR * NR : 0;
                if (direct < nc) {
                    SgemmPack.packB(transB, b, bOff, ldb, p0 + pc, kc, j0 + jc + direct, nc - direct, bp, ws.bShift,
                            ws.gather);
                }
                int bRow = bOff + (p0 + pc) * ldb + j0 + jc;
                for (int ic = 0; ic < m; ic += mcMax) {
                    int mc = Math.min(mcMax, m - ic);
                    // With a single A block, later B panels reuse it as packed for the first.
                    if (group == 1 && (jc == 0 || mBlocks > 1)) {
                        SgemmPack.packA(transA, a, aOff, lda, i0 + ic, mc, p0 + pc, kc, ap, ws.gather);
                    }
                    for (int ir = 0; ir < mc; ir += MR) {
                        int mr = Math.min(MR, mc - ir);
                        int cRow = cOff + (i0 + ic + ir) * ldc + j0 + jc;
                        for (int jr = 0; jr < direct; jr += NR) {
                            SgemmMicroKernel.tile(kc, ap, aBase + ir * kc, b, bRow + jr, ldb, c, cRow + jr, ldc,
                                    mr, NR, alpha, betaBlock, tile);
                        }
                        for (int jr = direct; jr < nc; jr += NR) {
                            SgemmMicroKernel.tile(kc, ap, aBase + ir * kc, bp, ws.bShift + (jr - direct) * kc, NR,
                                    c, cRow + jr, ldc, mr, Math.min(NR, nc - jr), alpha, betaBlock, tile);
                        }
                    }
                }
            }
        }
    }

    /**
     * One k block x column block of C for rows [i0, i1) against a B panel already packed by others
     * (kc x nc at bp[bpOff], see {@link SgemmSplit}): packs its own A blocks, then runs the tiles.
     */
    static void rowsOnPackedB(boolean transA, int i0, int i1, int p, int kc, int j, int nc, float alpha,
                              float[] a, int aOff, int lda, float[] bp, int bpOff,
                              float beta, float[] c, int cOff, int ldc, SgemmWorkspace ws) {
        int m = i1 - i0;
        if (m <= 0) return;
        int mcCap = Math.max(MR, A_BLOCK / kc / MR * MR);
        int mBlocks = ceilDiv(m, mcCap), mcMax = roundUp(ceilDiv(m, mBlocks), MR);
        float[] ap = ws.packedA(mcMax * kc);
        for (int ic = 0; ic < m; ic += mcMax) {
            int mc = Math.min(mcMax, m - ic);
            SgemmPack.packA(transA, a, aOff, lda, i0 + ic, mc, p, kc, ap, ws.gather);
            for (int ir = 0; ir < mc; ir += MR) {
                int mr = Math.min(MR, mc - ir);
                int cRow = cOff + (i0 + ic + ir) * ldc + j;
                for (int jr = 0; jr < nc; jr += NR) {
                    SgemmMicroKernel.tile(kc, ap, ir * kc, bp, bpOff + jr * kc, NR, c, cRow + jr, ldc,
                            mr, Math.min(NR, nc - jr), alpha, beta, ws.tile);
                }
            }
        }
    }

    static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    static int roundUp(int x, int unit) {
        return ceilDiv(x, unit) * unit;
    }
}
