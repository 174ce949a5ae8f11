package io.colisten.engine.ops;

/**
 * Plain scalar reference forwards in double precision, written from the definitions (PyTorch's
 * conventions), for the gradient check: finite differences of these are the ground truth.
 * Arrays are row-major; shapes are passed explicitly.
 */
final class RefOps {
    private RefOps() {}

    static double[] add(double[] a, double[] b, double sign) {
        double[] o = new double[a.length];
        for (int i = 0; i < o.length; i++) o[i] = a[i] + sign * b[i];
        return o;
    }

    static double[] mul(double[] a, double[] b) {
        double[] o = new double[a.length];
        for (int i = 0; i < o.length; i++) o[i] = a[i] * b[i];
        return o;
    }

    static double[] scale(double[] a, double alpha) {
        double[] o = new double[a.length];
        for (int i = 0; i < o.length; i++) o[i] = alpha * a[i];
        return o;
    }

    static double[] sum(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return new double[] {s};
    }

    /** x[rows, cols] + bias[cols]. */
    static double[] addRowBias(double[] x, double[] bias) {
        int cols = bias.length;
        double[] o = new double[x.length];
        for (int i = 0; i < o.length; i++) o[i] = x[i] + bias[i % cols];
        return o;
    }

    /** x[n, c, hw] + bias[c]. */
    static double[] addChannelBias(double[] x, double[] bias, int hw) {
        int c = bias.length;
        double[] o = new double[x.length];
        for (int i = 0; i < o.length; i++) o[i] = x[i] + bias[(i / hw) % c];
        return o;
    }

    /** op(a)[m, k] op(b)[k, n]. */
    static double[] matmul(double[] a, double[] b, int m, int n, int k, boolean ta, boolean tb) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double av = ta ? a[p * m + i] : a[i * k + p];
                    double bv = tb ? b[j * k + p] : b[p * n + j];
                    s += av * bv;
                }
                c[i * n + j] = s;
            }
        return c;
    }

    /** x[rows, in] W[out, in]^T + b[out] (b may be null). */
    static double[] linear(double[] x, double[] w, double[] b, int rows, int in, int out) {
        double[] y = matmul(x, w, rows, out, in, false, true);
        if (b != null) y = addRowBias(y, b);
        return y;
    }

    static double[] conv2d(double[] x, double[] w, double[] b, int n, int cIn, int h, int wd, int cOut, int kh, int kw,
                           int sh, int sw, int ph, int pw, int groups) {
        int oh = (h + 2 * ph - kh) / sh + 1, ow = (wd + 2 * pw - kw) / sw + 1;
        int cig = cIn / groups, cog = cOut / groups;
        double[] o = new double[n * cOut * oh * ow];
        for (int bi = 0; bi < n; bi++)
            for (int co = 0; co < cOut; co++) {
                int g = co / cog;
                for (int y = 0; y < oh; y++)
                    for (int xx = 0; xx < ow; xx++) {
                        double s = b == null ? 0 : b[co];
                        for (int ci = 0; ci < cig; ci++)
                            for (int ky = 0; ky < kh; ky++)
                                for (int kx = 0; kx < kw; kx++) {
                                    int iy = y * sh - ph + ky, ix = xx * sw - pw + kx;
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
                                    s += x[((bi * cIn + g * cig + ci) * h + iy) * wd + ix]
                                            * w[((co * cig + ci) * kh + ky) * kw + kx];
                                }
                        o[((bi * cOut + co) * oh + y) * ow + xx] = s;
                    }
            }
        return o;
    }

    static double[] maxPool2d(double[] x, int nc, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw) {
        int oh = (h + 2 * ph - kh) / sh + 1, ow = (w + 2 * pw - kw) / sw + 1;
        double[] o = new double[nc * oh * ow];
        for (int p = 0; p < nc; p++)
            for (int y = 0; y < oh; y++)
                for (int xx = 0; xx < ow; xx++) {
                    double best = Double.NEGATIVE_INFINITY;
                    for (int ky = 0; ky < kh; ky++)
                        for (int kx = 0; kx < kw; kx++) {
                            int iy = y * sh - ph + ky, ix = xx * sw - pw + kx;
                            if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                            best = Math.max(best, x[(p * h + iy) * w + ix]);
                        }
                    o[(p * oh + y) * ow + xx] = best;
                }
        return o;
    }

    static double[] globalAvgPool(double[] x, int nc, int hw) {
        double[] o = new double[nc];
        for (int p = 0; p < nc; p++) {
            double s = 0;
            for (int i = 0; i < hw; i++) s += x[p * hw + i];
            o[p] = s / hw;
        }
        return o;
    }

    static double[] globalMaxPool(double[] x, int nc, int hw) {
        double[] o = new double[nc];
        for (int p = 0; p < nc; p++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < hw; i++) m = Math.max(m, x[p * hw + i]);
            o[p] = m;
        }
        return o;
    }

    /** Training-mode batch norm: batch mean and biased variance per channel; gamma/beta may be null. */
    static double[] batchNormTrain(double[] x, double[] gamma, double[] beta, int n, int c, int hw, double eps) {
        double[] mean = new double[c], var = new double[c];
        batchStats(x, n, c, hw, mean, var);
        return affine(x, gamma, beta, mean, var, n, c, hw, eps);
    }

    /** Mean and biased variance per channel. */
    static void batchStats(double[] x, int n, int c, int hw, double[] mean, double[] var) {
        int m = n * hw;
        for (int ch = 0; ch < c; ch++) {
            double s = 0;
            for (int b = 0; b < n; b++) for (int i = 0; i < hw; i++) s += x[(b * c + ch) * hw + i];
            mean[ch] = s / m;
            double q = 0;
            for (int b = 0; b < n; b++)
                for (int i = 0; i < hw; i++) {
                    double d = x[(b * c + ch) * hw + i] - mean[ch];
                    q += d * d;
                }
            var[ch] = q / m;
        }
    }

    static double[] affine(double[] x, double[] gamma, double[] beta, double[] mean, double[] var,
                           int n, int c, int hw, double eps) {
        double[] o = new double[x.length];
        for (int b = 0; b < n; b++)
            for (int ch = 0; ch < c; ch++)
                for (int i = 0; i < hw; i++) {
                    int k = (b * c + ch) * hw + i;
                    double xhat = (x[k] - mean[ch]) / Math.sqrt(var[ch] + eps);
                    o[k] = xhat * (gamma == null ? 1 : gamma[ch]) + (beta == null ? 0 : beta[ch]);
                }
        return o;
    }

    static double[] relu(double[] x) {
        double[] o = new double[x.length];
        for (int i = 0; i < o.length; i++) o[i] = Math.max(x[i], 0);
        return o;
    }

    static double[] softmax(double[] x, int cols, boolean log) {
        double[] o = new double[x.length];
        for (int r = 0; r < x.length / cols; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) max = Math.max(max, x[r * cols + c]);
            double s = 0;
            for (int c = 0; c < cols; c++) s += Math.exp(x[r * cols + c] - max);
            for (int c = 0; c < cols; c++) {
                double v = x[r * cols + c] - max;
                o[r * cols + c] = log ? v - Math.log(s) : Math.exp(v) / s;
            }
        }
        return o;
    }

    static double[] l2Normalize(double[] x, int cols, double eps) {
        double[] o = new double[x.length];
        for (int r = 0; r < x.length / cols; r++) {
            double q = 0;
            for (int c = 0; c < cols; c++) q += x[r * cols + c] * x[r * cols + c];
            double norm = Math.max(Math.sqrt(q), eps);
            for (int c = 0; c < cols; c++) o[r * cols + c] = x[r * cols + c] / norm;
        }
        return o;
    }
}
