package io.colisten.engine.ops;

/**
 * Double-precision reference forwards of the losses, written from paper eqs. 1 and 2 (a whole
 * logit matrix, no chunks): finite differences of these are the gradient check's ground truth.
 */
final class RefLosses {
    private RefLosses() {}

    /** hinge[i] = max(0, |a_i - p_i|^2 - |a_i - n_choice[i]|^2 + margin); a, p [rows, cols], n [*, cols]. */
    static double[] tripletHinge(double[] a, double[] p, double[] n, int[] choice, int rows, int cols, double margin) {
        double[] h = new double[rows];
        for (int i = 0; i < rows; i++) h[i] = Math.max(0, tripletArgument(a, p, n, choice, i, cols, margin));
        return h;
    }

    /** The hinge's argument for row i (for checks that inputs stay away from the kink). */
    static double tripletArgument(double[] a, double[] p, double[] n, int[] choice, int i, int cols, double margin) {
        double dp = 0, dn = 0;
        for (int k = 0; k < cols; k++) {
            double x = a[i * cols + k] - p[i * cols + k], y = a[i * cols + k] - n[choice[i] * cols + k];
            dp += x * x;
            dn += y * y;
        }
        return dp - dn + margin;
    }

    /** -y log s(z) - (1 - y) log(1 - s(z)) per element, written the textbook way. */
    static double[] sigmoidCrossEntropy(double[] z, float[] y) {
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            double s = 1 / (1 + Math.exp(-z[i]));
            out[i] = -y[i] * Math.log(s) - (1 - y[i]) * Math.log(1 - s);
        }
        return out;
    }

    static double[] mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return new double[] {s / x.length};
    }

    /**
     * Paper eq. 2 averaged over labelled rows: z = u w^T + b (b may be null), loss = mean over rows
     * with labels of lse_i - mean_{l in L_i} z_il.
     */
    static double[] softmaxCrossEntropy(double[] u, double[] w, double[] b, int[][] labels, int rows, int cols,
                                        int classes) {
        double total = 0;
        int count = 0;
        for (int i = 0; i < rows; i++) {
            if (labels[i].length == 0) continue;
            double[] z = new double[classes];
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                double s = b == null ? 0 : b[j];
                for (int k = 0; k < cols; k++) s += u[i * cols + k] * w[j * cols + k];
                z[j] = s;
                m = Math.max(m, s);
            }
            double e = 0;
            for (int j = 0; j < classes; j++) e += Math.exp(z[j] - m);
            double t = 0;
            for (int l : labels[i]) t += z[l];
            total += m + Math.log(e) - t / labels[i].length;
            count++;
        }
        return new double[] {count == 0 ? 0 : total / count};
    }

    /** Rows [from, to) of x [*, cols]. */
    static double[] rows(double[] x, int cols, int from, int to) {
        double[] o = new double[(to - from) * cols];
        System.arraycopy(x, from * cols, o, 0, o.length);
        return o;
    }
}
