package io.colisten.train.wmf;

import io.colisten.kernels.cpu.Sgemm;

/**
 * The exact solve of Hu, Koren and Volinsky (2008): A_u = O^T O + lambda I + O_u^T (C_u - I) O_u,
 * where O_u gathers the rows of the neighbours only, so building A_u costs degree x stride^2
 * multiply-adds (one SGEMM per {@link #BLOCK} neighbours), never n x stride^2; then Cholesky.
 */
final class ExactRowSolver implements RowSolver {
    /** Neighbours gathered per SGEMM: bounds the scratch for any degree. */
    static final int BLOCK = 256;

    private final int stride;
    private final float[] a, b, w, gathered, weighted;

    ExactRowSolver(int stride) {
        this.stride = stride;
        this.a = new float[stride * stride];
        this.b = new float[stride];
        this.w = new float[stride];
        this.gathered = new float[BLOCK * stride];
        this.weighted = new float[BLOCK * stride];
    }

    @Override
    public void solve(RowProblem p, int u) {
        int n = stride;
        float[] o = p.o();
        System.arraycopy(p.ridge(), 0, a, 0, n * n);
        java.util.Arrays.fill(b, 0f);
        int end = p.offsets()[u + 1];
        for (int from = p.offsets()[u]; from < end; from += BLOCK) {
            int m = Math.min(BLOCK, end - from);
            for (int j = 0; j < m; j++) {
                int row = p.neighbours()[from + j] * n;
                float wj = p.alpha() * p.counts()[from + j];
                System.arraycopy(o, row, gathered, j * n, n);
                RowKernels.scale(wj, o, row, weighted, j * n, n);
                RowKernels.axpy(1f + wj, o, row, b, 0, n);
            }
            // a[n x n] += weighted^T gathered: sum_j w_j o_j o_j^T (weighted is m x n, read as op(A) = its transpose).
            Sgemm.sgemm(true, false, n, n, m, 1f, weighted, 0, n, gathered, 0, n, 1f, a, 0, n);
        }
        if (!Cholesky.factor(a, n)) {
            throw new ArithmeticException("wmf: the system of recording " + u
                    + " is not positive definite (lambda = 0 with too few independent factors?); use lambda > 0");
        }
        Cholesky.solve(a, n, b, w, p.f(), u * n);
    }
}
