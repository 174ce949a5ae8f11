package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.SgemmMicroKernel.MR;
import static io.colisten.kernels.cpu.SgemmMicroKernel.NR;

/**
 * The GotoBLAS/BLIS loop nest of {@link Sgemm} for one thread's block of C:
 * jc over NC columns, pc over KC of k (pack a KC x NC panel of B), ic over MC rows (pack an MC x KC
 * block of A), then jr over NR-column micro-panels of B and ir over MR-row micro-panels of A.
 *
 * <p>Cache roles (per core here: 48 KiB L1d, 2 MiB L2): the kc x NR micro-panel of B (32 KiB at
 * KC = 256) stays in L1 while the ir loop streams the A micro-panels of the MC x KC block, which
 * stays in L2 (MC x KC = 240 KiB); the KC x NC panel of B lives in L2/L3 and is reused by every ic.
 */
final class SgemmBlocked {
    static final int KC = 256;
    static final int MC = 240;
    static final int NC = 2048;

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
        int mBlocks = ceilDiv(m, MC), mcMax = roundUp(ceilDiv(m, mBlocks), MR);
        int nBlocks = ceilDiv(n, NC), ncMax = roundUp(ceilDiv(n, nBlocks), NR);
        float[] ap = ws.packedA(mcMax * kcMax);
        float[] bp = ws.packedB(ncMax * kcMax);
        float[] tile = ws.tile;
        for (int jc = 0; jc < n; jc += ncMax) {
            int nc = Math.min(ncMax, n - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                // Later k blocks accumulate onto the first one's result.
                float betaBlock = pc == 0 ? beta : 1f;
                SgemmPack.packB(transB, b, bOff, ldb, p0 + pc, kc, j0 + jc, nc, bp);
                for (int ic = 0; ic < m; ic += mcMax) {
                    int mc = Math.min(mcMax, m - ic);
                    SgemmPack.packA(transA, a, aOff, lda, i0 + ic, mc, p0 + pc, kc, ap);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        int cCol = cOff + j0 + jc + jr;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            SgemmMicroKernel.tile(kc, ap, ir * kc, bp, jr * kc, c, cCol + (i0 + ic + ir) * ldc, ldc,
                                    mr, nr, alpha, betaBlock, tile);
                        }
                    }
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
