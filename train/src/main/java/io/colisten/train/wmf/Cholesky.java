package io.colisten.train.wmf;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * In-place Cholesky A = U^T U of a symmetric positive definite n x n row-major matrix (n a
 * multiple of the vector length), and the two triangular solves. Right-looking: after step k, row
 * k holds U[k][k..n) and the trailing rows hold the Schur complement. Only the upper triangle is
 * read, at vector granularity: row i from the vector that holds its diagonal on, so the entries
 * left of the diagonal in that vector end up holding finite leftovers that nothing reads as data
 * (the back substitution multiplies them by zeros). The trailing update runs down a column of
 * vectors with U[k][jL..] in a register: n^3/6 fused multiply-adds, one load and store each.
 */
final class Cholesky {
    private static final VectorSpecies<Float> S = RowKernels.S;
    private static final int L = RowKernels.L;

    private Cholesky() {}

    /** Factors a in place; false when a pivot is not positive (a is then not positive definite). */
    static boolean factor(float[] a, int n) {
        for (int k = 0; k < n; k++) {
            int rowK = k * n;
            float d = a[rowK + k];
            if (!(d > 0) || d == Float.POSITIVE_INFINITY) return false;
            float ukk = (float) Math.sqrt(d);
            int st = k / L * L;
            RowKernels.scale(1f / ukk, a, rowK + st, a, rowK + st, n - st);
            a[rowK + k] = ukk;
            // a[i][jL..] -= U[k][i] U[k][jL..] for rows k < i whose diagonal vector is at or left of j
            for (int j = (k + 1) / L * L; j < n; j += L) {
                FloatVector ukj = FloatVector.fromArray(S, a, rowK + j);
                int last = Math.min(n, j + L);
                for (int i = k + 1; i < last; i++) {
                    int at = i * n + j;
                    ukj.fma(FloatVector.broadcast(S, -a[rowK + i]), FloatVector.fromArray(S, a, at)).intoArray(a, at);
                }
            }
        }
        return true;
    }

    /**
     * Solves U^T U x = b with the factor from {@link #factor}: x goes to {@code x[xo..xo+n)};
     * {@code w} (length n) is scratch and {@code b} is read into it first.
     */
    static void solve(float[] u, int n, float[] b, float[] w, float[] x, int xo) {
        System.arraycopy(b, 0, w, 0, n);
        // Forward: U^T z = b, z kept in x; after z_k is known, remove its column from the rest of w.
        for (int k = 0; k < n; k++) {
            float z = w[k] / u[k * n + k];
            x[xo + k] = z;
            int st = k / L * L;
            RowKernels.axpy(-z, u, k * n + st, w, st, n - st);
        }
        // Backward: U x = z. Before x_k is computed every x_j with j <= k is still zero, so the dot
        // over the whole aligned row adds only the terms j > k.
        System.arraycopy(x, xo, w, 0, n);
        java.util.Arrays.fill(x, xo, xo + n, 0f);
        for (int k = n - 1; k >= 0; k--) {
            int st = k / L * L;
            float s = RowKernels.dot(u, k * n + st, x, xo + st, n - st);
            x[xo + k] = (w[k] - s) / u[k * n + k];
        }
    }
}
