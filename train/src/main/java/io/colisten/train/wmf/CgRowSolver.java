package io.colisten.train.wmf;

/**
 * Conjugate-gradient solve of a row's system, after Takacs, Pilaszy and Tikk (2011): a few steps
 * from the row's current factor, each needing one product A_u p = (O^T O + lambda I) p +
 * sum_{i in N(u)} w_i (o_i . p) o_i with w_i = alpha count_ui, which never forms A_u: one
 * {@link NeighbourPass} (degree x stride x 2 multiply-adds) plus one stride x stride product. The
 * first residual r = b - A_u f = sum_i ((1 + w_i) - w_i (o_i . f)) o_i - (O^T O + lambda I) f
 * shares its pass with the right-hand side.
 */
final class CgRowSolver implements RowSolver {
    /** Stop early once |r|^2 falls below this (the row is solved to float precision). */
    static final float TINY = 1e-20f;

    private final int stride, steps;
    private final float[] r, p, ap, coef = new float[NeighbourPass.SCRATCH];
    private float[] w = new float[256], minusW = new float[256], onePlusW = new float[256];

    CgRowSolver(int stride, int steps) {
        this.stride = stride;
        this.steps = steps;
        this.r = new float[stride];
        this.p = new float[stride];
        this.ap = new float[stride];
    }

    @Override
    public void solve(RowProblem pr, int u) {
        int n = stride, fo = u * n, from = pr.offsets()[u], to = pr.offsets()[u + 1], d = to - from;
        float[] f = pr.f(), o = pr.o();
        int[] nbr = pr.neighbours(), cnt = pr.counts();
        if (w.length < d) {
            int size = Math.max(d, 2 * w.length);
            w = new float[size];
            minusW = new float[size];
            onePlusW = new float[size];
        }
        for (int k = 0; k < d; k++) {
            w[k] = pr.alpha() * cnt[from + k];
            minusW[k] = -w[k];
            onePlusW[k] = 1f + w[k];
        }
        // r = -(ridge f) + sum_i ((1 + w_i) - w_i (o_i . f)) o_i
        RowKernels.symv(r, pr.ridge(), f, fo, n);
        RowKernels.scale(-1f, r, 0, r, 0, n);
        NeighbourPass.run(r, null, o, nbr, from, to, f, fo, n, minusW, onePlusW, coef);
        System.arraycopy(r, 0, p, 0, n);
        float rs = RowKernels.dot(r, 0, r, 0, n);
        for (int step = 0; step < steps && rs > TINY; step++) {
            RowKernels.symv(ap, pr.ridge(), p, 0, n);
            NeighbourPass.run(ap, null, o, nbr, from, to, p, 0, n, w, null, coef);
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
