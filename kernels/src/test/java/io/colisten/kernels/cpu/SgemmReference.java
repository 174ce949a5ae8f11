package io.colisten.kernels.cpu;

/** Plain double-precision SGEMM with the same BLAS semantics as {@link Sgemm}, for tests. */
final class SgemmReference {
    private SgemmReference() {}

    /**
     * Returns C' (m x n, dense, ld = n) and fills {@code magnitude} (same layout) with
     * sum_p |alpha a b| + |beta c|, the scale an fp32 rounding error is proportional to.
     */
    static double[] sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                          float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                          float beta, float[] c, int cOff, int ldc, double[] magnitude) {
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0, mag = 0;
                if (alpha != 0f) {
                    for (int p = 0; p < k; p++) {
                        double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                        double bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                        s += av * bv;
                        mag += Math.abs(av * bv);
                    }
                }
                double r = (double) alpha * s;
                mag *= Math.abs(alpha);
                if (beta != 0f) {
                    double cv = c[cOff + i * ldc + j];
                    r += beta * cv;
                    mag += Math.abs(beta * cv);
                }
                out[i * n + j] = r;
                magnitude[i * n + j] = mag;
            }
        }
        return out;
    }
}
