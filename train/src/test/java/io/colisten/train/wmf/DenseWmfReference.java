package io.colisten.train.wmf;

import io.colisten.train.graph.ColistenGraph;

/**
 * Implicit ALS the slow, obvious way, in double: explicit n x n preference P and confidence C
 * matrices, and for each row the normal equations (Y^T C_u Y + lambda I) x_u = Y^T C_u p_u built
 * from them densely and solved by Gaussian elimination with partial pivoting.
 */
final class DenseWmfReference {
    final int n, rank;
    final double lambda;
    final double[][] p, c;

    DenseWmfReference(ColistenGraph g, int rank, double alpha, double lambda) {
        this.n = g.tracks();
        this.rank = rank;
        this.lambda = lambda;
        this.p = new double[n][n];
        this.c = new double[n][n];
        for (int u = 0; u < n; u++) {
            java.util.Arrays.fill(c[u], 1);
            for (int q = g.offsets()[u]; q < g.offsets()[u + 1]; q++) {
                int i = g.neighbours()[q];
                p[u][i] = 1;
                c[u][i] = 1 + alpha * g.counts()[q];
            }
        }
    }

    /** The factors of {@code f} as n x rank doubles (rows or columns). */
    static double[][] matrix(WmfFactors f, boolean rows) {
        double[][] m = new double[f.n][f.rank];
        for (int i = 0; i < f.n; i++) {
            for (int j = 0; j < f.rank; j++) m[i][j] = rows ? f.rowFactor(i, j) : f.columnFactor(i, j);
        }
        return m;
    }

    /** Row u's system A x = b given the other factor, with confidences c[u][*] (rows) or c[*][u]. */
    double[][] system(double[][] other, int u, boolean rows, double[] b) {
        double[][] a = new double[rank][rank];
        java.util.Arrays.fill(b, 0);
        for (int i = 0; i < n; i++) {
            double cu = rows ? c[u][i] : c[i][u], pu = rows ? p[u][i] : p[i][u];
            for (int r = 0; r < rank; r++) {
                b[r] += cu * pu * other[i][r];
                for (int s = 0; s < rank; s++) a[r][s] += cu * other[i][r] * other[i][s];
            }
        }
        for (int r = 0; r < rank; r++) a[r][r] += lambda;
        return a;
    }

    /** Every row solved exactly given {@code other}. */
    double[][] exactHalf(double[][] other, boolean rows) {
        double[][] out = new double[n][];
        double[] b = new double[rank];
        for (int u = 0; u < n; u++) out[u] = gauss(system(other, u, rows, b), b.clone());
        return out;
    }

    /** Every row by {@code steps} CG steps from {@code start}. */
    double[][] cgHalf(double[][] other, double[][] start, boolean rows, int steps) {
        double[][] out = new double[n][];
        double[] b = new double[rank];
        for (int u = 0; u < n; u++) {
            double[][] a = system(other, u, rows, b);
            double[] x = start[u].clone();
            double[] r = b.clone();
            double[] ax = mul(a, x);
            for (int k = 0; k < rank; k++) r[k] -= ax[k];
            double[] d = r.clone();
            double rs = dot(r, r);
            for (int s = 0; s < steps && rs > 1e-20; s++) {
                double[] ad = mul(a, d);
                double step = rs / dot(d, ad);
                for (int k = 0; k < rank; k++) {
                    x[k] += step * d[k];
                    r[k] -= step * ad[k];
                }
                double rsNew = dot(r, r);
                for (int k = 0; k < rank; k++) d[k] = r[k] + rsNew / rs * d[k];
                rs = rsNew;
            }
            out[u] = x;
        }
        return out;
    }

    double loss(double[][] x, double[][] y) {
        double sum = 0;
        for (int u = 0; u < n; u++) {
            for (int i = 0; i < n; i++) {
                double e = p[u][i] - dot(x[u], y[i]);
                sum += c[u][i] * e * e;
            }
        }
        for (int u = 0; u < n; u++) sum += lambda * (dot(x[u], x[u]) + dot(y[u], y[u]));
        return sum;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) s += a[k] * b[k];
        return s;
    }

    static double[] mul(double[][] a, double[] x) {
        double[] y = new double[a.length];
        for (int r = 0; r < a.length; r++) y[r] = dot(a[r], x);
        return y;
    }

    /** Solves a x = b by Gaussian elimination with partial pivoting (a and b are consumed). */
    static double[] gauss(double[][] a, double[] b) {
        int m = b.length;
        for (int k = 0; k < m; k++) {
            int piv = k;
            for (int i = k + 1; i < m; i++) if (Math.abs(a[i][k]) > Math.abs(a[piv][k])) piv = i;
            double[] t = a[k];
            a[k] = a[piv];
            a[piv] = t;
            double tb = b[k];
            b[k] = b[piv];
            b[piv] = tb;
            for (int i = k + 1; i < m; i++) {
                double f = a[i][k] / a[k][k];
                for (int j = k; j < m; j++) a[i][j] -= f * a[k][j];
                b[i] -= f * b[k];
            }
        }
        double[] x = new double[m];
        for (int k = m - 1; k >= 0; k--) {
            double s = b[k];
            for (int j = k + 1; j < m; j++) s -= a[k][j] * x[j];
            x[k] = s / a[k][k];
        }
        return x;
    }
}
