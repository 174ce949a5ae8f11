package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.SgemmBlocked.ceilDiv;
import static io.colisten.kernels.cpu.SgemmBlocked.roundUp;
import static io.colisten.kernels.cpu.SgemmMicroKernel.L;
import static io.colisten.kernels.cpu.SgemmMicroKernel.MR;
import static io.colisten.kernels.cpu.SgemmMicroKernel.NR;
import static io.colisten.kernels.cpu.SgemmMicroKernel.S;

import java.util.concurrent.atomic.AtomicIntegerArray;
import jdk.incubator.vector.FloatVector;

/**
 * Splits a packed product over threads along m, n or k. Column and k parts run the whole blocked
 * algorithm on their own slice with their own packing buffers and join once; row parts share one
 * packed copy of B when it fits {@link #SHARE_B_MAX} (else each packs its own). A small cost model
 * (multiply-adds at the kernel's rate plus packed elements plus, for k, the reduction) picks the
 * cheapest split: the squares split m (B shared), 132 x 100000 x 128 (A B^T) splits n,
 * 100000 x 128 x 132 (A^T B) splits m, and 132 x 128 x 100000 splits k (m or n would make every part
 * pack all of the other operand's 100000 columns). The split depends only on the sizes and the thread
 * count, never on timing.
 */
final class SgemmSplit {
    /** Below this many multiply-adds one thread is faster than waking the pool (~2e-5 s of work). */
    static final long PARALLEL_MIN_WORK = 1L << 21;
    /** Row parts share a packed copy of all of B when it takes at most this many floats (16 MiB). */
    static final long SHARE_B_MAX = Long.getLong("sgemm.shareb", 1L << 22);
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
        // Short row parts share one packed B panel (each packs a 1/parts share), so B is not packed twice.
        int rowsPerPart = ceilDiv(mPanels, Math.max(1, partsM)) * MR;
        boolean shareB = (long) k * n <= SHARE_B_MAX;
        double costM = partsM <= 1 ? Double.MAX_VALUE : costOf(rowsPerPart, roundUp(n, NR), k, 0)
                - (shareB ? (double) k * n * (partsM - 1) / partsM : 0);
        double costN = partsN <= 1 ? Double.MAX_VALUE : costOf(roundUp(m, MR), ceilDiv(nPanels, partsN) * NR, k, 0);
        double costK = partsK <= 1 ? Double.MAX_VALUE
                : costOf(roundUp(m, MR), roundUp(n, NR), ceilDiv(k, partsK), (long) m * n * partsK);
        if (costM <= costN && costM <= costK && shareB) {
            rowsSharingB(partsM, mPanels, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else if (costM <= costN && costM <= costK) {
            rowsIndependent(partsM, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
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

    /** Rows split over parts that each pack all of B themselves (B too large to keep one packed copy). */
    static void rowsIndependent(int parts, boolean transA, boolean transB, int m, int n, int k, float alpha,
                                float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float beta, float[] c, int cOff, int ldc) {
        int mPanels = ceilDiv(m, MR);
        Parallel.forEach(parts, part -> {
            int i0 = Math.min(m, (int) ((long) mPanels * part / parts) * MR);
            int i1 = Math.min(m, (int) ((long) mPanels * (part + 1) / parts) * MR);
            SgemmBlocked.gemm(transA, transB, i0, i1, 0, n, 0, k, alpha, a, aOff, lda, b, bOff, ldb,
                    beta, c, cOff, ldc, SgemmWorkspace.local());
        });
    }

    /**
     * Rows split over parts sharing one packed copy of all of op(B): every (k block, column block)
     * panel is cut into one share per part, and a part packs a share as soon as it claims it (its own
     * share first), then waits only for the shares others are still packing, and multiplies its rows.
     * No join between blocks (a join waits out whatever preempted either thread on this shared
     * machine), no buffer reuse (so no waiting for readers), and no deadlock if the parts run one
     * after another: an unclaimed share is packed by whoever needs it.
     */
    static void rowsSharingB(int parts, int mPanels, boolean transA, boolean transB, int m, int n, int k,
                                     float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                     float beta, float[] c, int cOff, int ldc) {
        int kBlocks = ceilDiv(k, SgemmBlocked.KC), kcMax = ceilDiv(k, kBlocks);
        int ncCap = Math.max(NR, SgemmBlocked.B_PANEL / kcMax / NR * NR);
        int nBlocks = ceilDiv(n, ncCap), ncMax = roundUp(ceilDiv(n, nBlocks), NR);
        int panel = ncMax * kcMax;
        SgemmWorkspace shared = SgemmWorkspace.local();
        float[] bp = shared.packedB(kBlocks * nBlocks * panel);
        int bpOff = shared.bShift;
        // Per share: 0 unclaimed, 1 being packed, 2 packed.
        AtomicIntegerArray state = new AtomicIntegerArray(kBlocks * nBlocks * parts);
        Parallel.forEach(parts, part -> {
            SgemmWorkspace ws = SgemmWorkspace.local();
            int i0 = Math.min(m, (int) ((long) mPanels * part / parts) * MR);
            int i1 = Math.min(m, (int) ((long) mPanels * (part + 1) / parts) * MR);
            int block = 0;
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                for (int jc = 0; jc < n; jc += ncMax, block++) {
                    int nc = Math.min(ncMax, n - jc), ncPanels = ceilDiv(nc, NR), base = bpOff + block * panel;
                    for (int h = 0; h < parts; h++) {
                        int share = (part + h) % parts, idx = block * parts + share;
                        if (state.compareAndSet(idx, 0, 1)) {
                            int q0 = ncPanels * share / parts * NR, q1 = Math.min(nc, ncPanels * (share + 1) / parts * NR);
                            if (q0 < q1) {
                                SgemmPack.packB(transB, b, bOff, ldb, pc, kc, jc + q0, q1 - q0, bp, base + q0 * kc,
                                        ws.gather);
                            }
                            state.set(idx, 2);
                        }
                    }
                    for (int h = 0; h < parts; h++) {
                        for (int spins = 0; state.get(block * parts + h) != 2; spins++) {
                            if (spins < 1 << 10) Thread.onSpinWait();
                            else Thread.yield();
                        }
                    }
                    SgemmBlocked.rowsOnPackedB(transA, i0, i1, pc, kc, jc, nc, alpha, a, aOff, lda, bp, base,
                            pc == 0 ? beta : 1f, c, cOff, ldc, ws);
                }
            }
        });
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
        double packedA = (double) rows * depth * ceilDiv(cols, SgemmBlocked.B_PANEL / SgemmBlocked.KC);
        double packedB = (double) depth * cols;
        return fma + packedA + packedB + reduced;
    }
}
