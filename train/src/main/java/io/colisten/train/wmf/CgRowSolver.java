package io.colisten.train.wmf;

/**
 * Conjugate-gradient solve of a row's system, after Takacs, Pilaszy and Tikk (2011): a few steps
 * from the row's current factor, each needing one product A_u p = (O^T O + lambda I) p +
 * sum_{i in N(u)} alpha count_ui (o_i . p) o_i, which never forms A_u: degree x stride x 2
 * multiply-adds plus one stride x stride product. The first residual
 * r = b - A_u f = sum_i (1 + alpha count_ui (1 - o_i . f)) o_i - (O^T O + lambda I) f
 * shares its pass over the neighbours with the right-hand side.
 */
final class CgRowSolver implements RowSolver {
    /** Stop early once |r|^2 falls below this (the row is solved to float precision). */
    static final float TINY = 1e-20f;

    private final int stride, steps;
    private final float[] r, p, ap;

    CgRowSolver(int stride, int steps) {
        this.stride = stride;
        this.steps = steps;
        this.r = new float[stride];
        this.p = new float[stride];
        this.ap = new float[stride];
    }

    @Override
    public void solve(RowProblem pr, int u) {
        int n = stride, fo = u * n, from = pr.offsets()[u], to = pr.offsets()[u + 1];
        float[] f = pr.f(), o = pr.o();
        int[] nbr = pr.neighbours(), cnt = pr.counts();
        float alpha = pr.alpha();
        // r = -(ridge f) + sum_i (1 + w_i (1 - o_i . f)) o_i
        RowKernels.symv(r, pr.ridge(), f, fo, n);
        RowKernels.scale(-1f, r, 0, r, 0, n);
        for (int q = from; q < to; q++) {
            int row = nbr[q] * n;
            float w = alpha * cnt[q];
            float s = RowKernels.dot(o, row, f, fo, n);
            RowKernels.axpy(1f + w * (1f - s), o, row, r, 0, n);
        }
        System.arraycopy(r, 0, p, 0, n);
        float rs = RowKernels.dot(r, 0, r, 0, n);
        for (int step = 0; step < steps && rs > TINY; step++) {
            // ap = A_u p
            RowKernels.symv(ap, pr.ridge(), p, 0, n);
            for (int q = from; q < to; q++) {
                int row = nbr[q] * n;
                float s = RowKernels.dot(o, row, p, 0, n);
                RowKernels.axpy(alpha * cnt[q] * s, o, row, ap, 0, n);
            }
            float pap = RowKernels.dot(p, 0, ap, 0, n);
            if (!(pap > 0)) break; // p is (numerically) zero or A_u is not positive definite: keep f
            float a = rs / pap;
            RowKernels.axpy(a, p, 0, f, fo, n);
            RowKernels.axpy(-a, ap, 0, r, 0, n);
            float rsNew = RowKernels.dot(r, 0, r, 0, n);
            RowKernels.xpby(r, 0, rsNew / rs, p, 0, n);
            rs = rsNew;
        }
    }
}
