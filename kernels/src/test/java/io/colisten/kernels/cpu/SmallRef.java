package io.colisten.kernels.cpu;

/**
 * Plain scalar references for the small kernels, in double precision over float inputs. Forward
 * references return fresh arrays (no offsets); backward references return the gradient alone (the
 * caller adds the prior contents of dIn). Shapes as in the kernels.
 */
final class SmallRef {
    private SmallRef() {}

    static double[] toDouble(float[] a, int off, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = a[off + i];
        return d;
    }

    static double sum(double[] a) {
        double s = 0;
        for (double x : a) s += x;
        return s;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** [cols] column sums of a [rows x cols]. */
    static double[] sumColumns(double[] a, int rows, int cols) {
        double[] out = new double[cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) out[c] += a[r * cols + c];
        return out;
    }

    /** [c] channel sums of a [n x c x hw]. */
    static double[] sumChannels(double[] a, int n, int c, int hw) {
        double[] out = new double[c];
        for (int b = 0; b < n; b++)
            for (int ch = 0; ch < c; ch++)
                for (int i = 0; i < hw; i++) out[ch] += a[(b * c + ch) * hw + i];
        return out;
    }

    /** [rows x cols] softmax of each row of x. */
    static double[] softmax(double[] x, int rows, int cols) {
        double[] y = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) max = Math.max(max, x[r * cols + c]);
            double s = 0;
            for (int c = 0; c < cols; c++) s += Math.exp(x[r * cols + c] - max);
            for (int c = 0; c < cols; c++) y[r * cols + c] = Math.exp(x[r * cols + c] - max) / s;
        }
        return y;
    }

    /** [rows x cols] log-softmax of each row of x. */
    static double[] logSoftmax(double[] x, int rows, int cols) {
        double[] y = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) max = Math.max(max, x[r * cols + c]);
            double s = 0;
            for (int c = 0; c < cols; c++) s += Math.exp(x[r * cols + c] - max);
            double shift = max + Math.log(s);
            for (int c = 0; c < cols; c++) y[r * cols + c] = x[r * cols + c] - shift;
        }
        return y;
    }

    /** Gradient of sum(dOut * softmax) given y = softmax(x): y * (dOut - <dOut, y>) per row. */
    static double[] softmaxBackward(double[] dOut, double[] y, int rows, int cols) {
        double[] g = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int c = 0; c < cols; c++) s += dOut[r * cols + c] * y[r * cols + c];
            for (int c = 0; c < cols; c++) g[r * cols + c] = y[r * cols + c] * (dOut[r * cols + c] - s);
        }
        return g;
    }

    /** Gradient given y = logSoftmax(x): dOut - exp(y) * sum(dOut) per row. */
    static double[] logSoftmaxBackward(double[] dOut, double[] y, int rows, int cols) {
        double[] g = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int c = 0; c < cols; c++) s += dOut[r * cols + c];
            for (int c = 0; c < cols; c++) g[r * cols + c] = dOut[r * cols + c] - Math.exp(y[r * cols + c]) * s;
        }
        return g;
    }

    /** [rows x cols] rows of x divided by max(||row||, eps); norms[r] written into normsOut. */
    static double[] l2Normalize(double[] x, int rows, int cols, double eps, double[] normsOut) {
        double[] y = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            double sq = 0;
            for (int c = 0; c < cols; c++) sq += x[r * cols + c] * x[r * cols + c];
            double norm = Math.max(Math.sqrt(sq), eps);
            if (normsOut != null) normsOut[r] = norm;
            for (int c = 0; c < cols; c++) y[r * cols + c] = x[r * cols + c] / norm;
        }
        return y;
    }

    /** Gradient of sum(dOut * normalize(x)) from the forward's output and clamped norms. */
    static double[] l2NormalizeBackward(double[] dOut, double[] y, double[] norms, int rows, int cols, double eps) {
        double[] g = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            double d = 0;
            if (norms[r] > eps) for (int c = 0; c < cols; c++) d += dOut[r * cols + c] * y[r * cols + c];
            for (int c = 0; c < cols; c++) g[r * cols + c] = (dOut[r * cols + c] - y[r * cols + c] * d) / norms[r];
        }
        return g;
    }

    /** One Adam(W) step in double, PyTorch's formulas; updates p, m, v in place. */
    static void adamStep(double[] p, double[] g, double[] m, double[] v, double lr, double b1, double b2,
                         double eps, double wd, long t) {
        double bc1 = 1 - Math.pow(b1, t), bc2 = 1 - Math.pow(b2, t);
        for (int i = 0; i < p.length; i++) {
            if (wd > 0) p[i] *= 1 - lr * wd;
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            p[i] -= lr * (m[i] / bc1) / (Math.sqrt(v[i] / bc2) + eps);
        }
    }
}
