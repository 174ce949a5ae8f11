package io.colisten.train.wmf;

/**
 * The exact solve of Hu, Koren and Volinsky (2008): A_u = O^T O + lambda I + O_u^T (C_u - I) O_u,
 * where O_u holds the neighbours' rows only, so building A_u costs about degree x stride^2 / 2
 * multiply-adds ({@link WeightedGram}), never n x stride^2; b_u = O_u^T c_u; then Cholesky.
 */
final class ExactRowSolver implements RowSolver {
    private final int stride;
    private final float[] a, b, x;
    private final float[] weighted;
    private float[] w = new float[256], onePlusW = new float[256];

    ExactRowSolver(int stride) {
        this.stride = stride;
        this.a = new float[stride * stride];
        this.b = new float[stride];
        this.x = new float[stride];
        this.weighted = new float[WeightedGram.BLOCK * stride];
    }

    @Override
    public void solve(RowProblem p, int u) {
        int n = stride, from = p.offsets()[u], to = p.offsets()[u + 1], d = to - from;
        if (w.length < d) {
            w = new float[Math.max(d, 2 * w.length)];
            onePlusW = new float[w.length];
        }
        for (int k = 0; k < d; k++) {
            w[k] = p.alpha() * p.counts()[from + k];
            onePlusW[k] = 1f + w[k];
        }
        System.arraycopy(p.ridge(), 0, a, 0, n * n);
        WeightedGram.add(a, p.o(), p.neighbours(), from, to, w, weighted, n);
        java.util.Arrays.fill(b, 0f);
        RowKernels.neighbourSum(b, p.o(), p.neighbours(), from, to, onePlusW, n);
        if (!Cholesky.factor(a, n)) {
            throw new ArithmeticException("wmf: the system of recording " + u
                    + " is not positive definite (lambda = 0 with too few independent factors?); use lambda > 0");
        }
        Cholesky.solve(a, n, b, x, p.f(), u * n);
    }
}
