package io.colisten.kernels.cpu;

import java.util.function.UnaryOperator;

/** Central finite differences of L(x) = sum_j w[j] * f(x)[j], in double precision. */
final class FiniteDiff {
    private FiniteDiff() {}

    static double[] gradient(UnaryOperator<double[]> f, double[] x, double[] w, double h) {
        double[] g = new double[x.length];
        double[] xp = x.clone();
        for (int i = 0; i < x.length; i++) {
            xp[i] = x[i] + h;
            double up = SmallRef.dot(w, f.apply(xp));
            xp[i] = x[i] - h;
            double down = SmallRef.dot(w, f.apply(xp));
            xp[i] = x[i];
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }
}
