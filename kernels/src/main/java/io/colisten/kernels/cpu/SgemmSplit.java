package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.SgemmBlocked.NC;
import static io.colisten.kernels.cpu.SgemmBlocked.ceilDiv;
import static io.colisten.kernels.cpu.SgemmBlocked.roundUp;
import static io.colisten.kernels.cpu.SgemmMicroKernel.L;
import static io.colisten.kernels.cpu.SgemmMicroKernel.MR;
import static io.colisten.kernels.cpu.SgemmMicroKernel.NR;
import static io.colisten.kernels.cpu.SgemmMicroKernel.S;

import jdk.incubator.vector.FloatVector;

/**
 * Splits a packed product over threads along m, n or k. Each part runs the whole blocked algorithm
 * on its own slice with its own packing buffers, so parts share nothing and need no barrier; the price
 * is that the operand not split is packed by every part. A small cost model (multiply-adds at the
 * kernel's rate plus packed elements plus, for k, the reduction) picks the cheapest split:
 * 1024^3 splits m (each part packs all of B, a plain copy), 132 x 100000 x 128 (A B^T) splits n,
 * 100000 x 128 x 132 (A^T B) splits m, and 132 x 128 x 100000 splits k (m or n would make every part
 * pack all of the other operand's 100000 columns).
 */
final class SgemmSplit {
    /** Below this many multiply-adds one thread is faster than waking the pool (~2e-5 s of work). */
    static final long PARALLEL_MIN_WORK = 1L << 21;
    /** Largest partial-sum scratch a k split may use, in floats (16 MiB). */
    private static final long MAX_PARTIALS = 1L << 22;
    /** Multiply-adds per cycle per core (two FMA ports x lanes) vs roughly one packed element per cycle. */
    private static final double FMA_PER_CYCLE = 2.0 * L;

    private SgemmSplit() {}

    static void run(int threads, boolean transA, boolean transB, int m, int n, int k, float alpha,
                    float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                    float beta, float[] c, int cOff, int ldc) {
        long work = (long) m * n * k;
        int mPanels = ceilDiv(m, MR), nPanels = ceilDiv(n, NR);
        int partsM = Math.min(threads, mPanels), partsN = Math.min(threads, nPanels);
        int partsK = (long) m * n * (threads - 1) <= MAX_PARTIALS ? Math.min(threads, k / SgemmBlocked.KC) : 1;
        if (threads <= 1 || work < PARALLEL_MIN_WORK || (partsM <= 1 && partsN <= 1 && partsK <= 1)) {
            SgemmBlocked.gemm(transA, transB, 0, m, 0, n, 0, k, alpha, a, aOff, lda, b, bOff, ldb,
                    beta, c, cOff, ldc, SgemmWorkspace.local());
            return;
        }
        double costM = partsM <= 1 ? Double.MAX_VALUE : costOf(ceilDiv(mPanels, partsM) * MR, roundUp(n, NR), k, 0);
        double costN = partsN <= 1 ? Double.MAX_VALUE : costOf(roundUp(m, MR), ceilDiv(nPanels, partsN) * NR, k, 0);
        double costK = partsK <= 1 ? Double.MAX_VALUE
                : costOf(roundUp(m, MR), roundUp(n, NR), ceilDiv(k, partsK), (long) m * n * partsK);
        if (costM <= costN && costM <= costK) {
            Parallel.forEach(partsM, part -> {
                int i0 = Math.min(m, (int) ((long) mPanels * part / partsM) * MR);
                int i1 = Math.min(m, (int) ((long) mPanels * (part + 1) / partsM) * MR);
                SgemmBlocked.gemm(transA, transB, i0, i1, 0, n, 0, k, alpha, a, aOff, lda, b, bOff, ldb,
                        beta, c, cOff, ldc, SgemmWorkspace.local());
            });
        } else if (costN <= costK) {
            Parallel.forEach(partsN, part -> {
                int j0 = Math.min(n, (int) ((long) nPanels * part / partsN) * NR);
                int j1 = Math.min(n, (int) ((long) nPanels * (part + 1) / partsN) * NR);
                SgemmBlocked.gemm(transA, transB, 0, m, j0, j1, 0, k, alpha, a, aOff, lda, b, bOff, ldb,
                        beta, c, cOff, ldc, SgemmWorkspace.local());
            });
        } else {
            splitK(partsK, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /**
     * Part 0 writes alpha * A[:, k0] B[k0, :] + beta * C straight into C; part q > 0 writes its alpha-scaled
     * partial product into the caller's scratch; then C += partial 1 + partial 2 + ... in that order.
     */
    private static void splitK(int parts, boolean transA, boolean transB, int m, int n, int k, float alpha,
                               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                               float beta, float[] c, int cOff, int ldc) {
        int size = m * n;
        float[] partials = SgemmWorkspace.local().partials((parts - 1) * size);
        Parallel.forEach(parts, part -> {
            int p0 = (int) ((long) k * part / parts), p1 = (int) ((long) k * (part + 1) / parts);
            SgemmWorkspace ws = SgemmWorkspace.local();
            if (part == 0) {
                SgemmBlocked.gemm(transA, transB, 0, m, 0, n, p0, p1, alpha, a, aOff, lda, b, bOff, ldb,
                        beta, c, cOff, ldc, ws);
            } else {
                SgemmBlocked.gemm(transA, transB, 0, m, 0, n, p0, p1, alpha, a, aOff, lda, b, bOff, ldb,
                        0f, partials, (part - 1) * size, n, ws);
            }
        });
        int nv = S.loopBound(n);
        for (int q = 1; q < parts; q++) {
            int base = (q - 1) * size;
            for (int i = 0; i < m; i++) {
                int ci = cOff + i * ldc, pi = base + i * n, j = 0;
                for (; j < nv; j += L) {
                    FloatVector.fromArray(S, c, ci + j).add(FloatVector.fromArray(S, partials, pi + j)).intoArray(c, ci + j);
                }
                for (; j < n; j++) c[ci + j] += partials[pi + j];
            }
        }
    }

    /** Cycles for one part computing rows x cols x depth (padded to whole tiles), plus packing and reduction. */
    private static double costOf(int rows, int cols, int depth, long reduced) {
        double fma = (double) rows * cols * depth / FMA_PER_CYCLE;
        double packedA = (double) rows * depth * ceilDiv(cols, NC);
        double packedB = (double) depth * cols;
        return fma + packedA + packedB + reduced;
    }
}
