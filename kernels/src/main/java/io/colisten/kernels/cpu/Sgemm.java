package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.SgemmBlocked.ceilDiv;
import static io.colisten.kernels.cpu.SgemmMicroKernel.L;

/**
 * Single-precision matrix product on row-major arrays, BLAS semantics:
 * C[m x n] = alpha * op(A) * op(B) + beta * C, where op(A) is m x k and op(B) is k x n.
 * With transA, A is stored k x m (leading dimension lda); with transB, B is stored n x k.
 * beta == 0 overwrites C without reading it (NaNs in C do not propagate); alpha == 0 or k == 0 reads
 * neither A nor B.
 *
 * <p>Packed GotoBLAS/BLIS blocking ({@link SgemmBlocked}, {@link SgemmPack}, {@link SgemmMicroKernel})
 * for everything but tiny or single-row products ({@link SgemmSmall}). Work is split over
 * {@link Parallel#threads()} parts along m, n or k, whichever a cost model ({@link SgemmSplit}) says
 * is cheapest; the split depends only on the sizes and the thread count, so results are
 * bit-reproducible for a given thread count.
 */
public final class Sgemm {
    /** Below this many multiply-adds the unpacked loops win (packing costs more than it saves). */
    static final long SMALL_WORK = 32L * 32 * 32;

    private Sgemm() {}

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        run(Parallel.inWorker() ? 1 : Parallel.threads(), transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb,
                beta, c, cOff, ldc);
    }

    /**
     * The same product on the calling thread only, for kernels that run their own fixed partition
     * of the work in parallel and need each part's result to be independent of the thread count
     * (a k-split would change the summation order).
     */
    static void sgemmSerial(boolean transA, boolean transB, int m, int n, int k, float alpha,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc) {
        check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        run(1, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    private static void run(int threads, boolean transA, boolean transB, int m, int n, int k, float alpha,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        long work = (long) m * n * k;
        if (work <= SMALL_WORK || (m <= 2 && !(transA && transB))) {
            int parts = work < SgemmSplit.PARALLEL_MIN_WORK ? 1 : Math.min(threads, ceilDiv(n, 4 * L));
            if (parts <= 1) {
                SgemmSmall.gemm(transA, transB, m, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            } else {
                Parallel.forEach(parts, part -> SgemmSmall.gemm(transA, transB, m,
                        (int) ((long) n * part / parts), (int) ((long) n * (part + 1) / parts), k,
                        alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc));
            }
            return;
        }
        SgemmSplit.run(threads, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** C = beta * C (zeros when beta == 0, whatever C held). Plain loops: a rare path, see SgemmSplit.splitK. */
    static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, row, row + n, 0f);
            } else if (beta != 1f) {
                for (int j = row; j < row + n; j++) c[j] *= beta;
            }
        }
    }

    private static void check(boolean transA, boolean transB, int m, int n, int k,
                              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) throw bad(transA, transB, m, n, k, lda, ldb, ldc, "negative size");
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        if (lda < Math.max(1, aCols)) {
            throw bad(transA, transB, m, n, k, lda, ldb, ldc, "lda must be at least " + Math.max(1, aCols));
        }
        if (ldb < Math.max(1, bCols)) {
            throw bad(transA, transB, m, n, k, lda, ldb, ldc, "ldb must be at least " + Math.max(1, bCols));
        }
        if (ldc < Math.max(1, n)) {
            throw bad(transA, transB, m, n, k, lda, ldb, ldc, "ldc must be at least " + Math.max(1, n));
        }
        checkArray("a", a, aOff, aRows, aCols, lda, transA, transB, m, n, k, lda, ldb, ldc);
        checkArray("b", b, bOff, bRows, bCols, ldb, transA, transB, m, n, k, lda, ldb, ldc);
        checkArray("c", c, cOff, m, n, ldc, transA, transB, m, n, k, lda, ldb, ldc);
    }

    private static void checkArray(String name, float[] x, int off, int rows, int cols, int ld,
                                   boolean transA, boolean transB, int m, int n, int k, int lda, int ldb, int ldc) {
        if (x == null) throw bad(transA, transB, m, n, k, lda, ldb, ldc, name + " is null");
        if (off < 0) throw bad(transA, transB, m, n, k, lda, ldb, ldc, name + " offset " + off + " is negative");
        if (rows == 0 || cols == 0) return;
        long end = off + (long) (rows - 1) * ld + cols;
        if (end > x.length) {
            throw bad(transA, transB, m, n, k, lda, ldb, ldc, name + " (" + rows + " x " + cols + " from offset " + off
                    + ") needs " + end + " floats, has " + x.length);
        }
    }

    private static IllegalArgumentException bad(boolean transA, boolean transB, int m, int n, int k,
                                                int lda, int ldb, int ldc, String why) {
        return new IllegalArgumentException("sgemm(transA=" + transA + ", transB=" + transB + ", m=" + m + ", n=" + n
                + ", k=" + k + ", lda=" + lda + ", ldb=" + ldb + ", ldc=" + ldc + "): " + why);
    }
}
