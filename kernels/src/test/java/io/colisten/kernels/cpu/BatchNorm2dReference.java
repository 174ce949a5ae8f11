package io.colisten.kernels.cpu;

/**
 * Plain scalar batch norm 2-D in double precision (PyTorch's convention: biased variance to
 * normalise, unbiased for the running variance). Data n x c x hw; arrays start at index 0.
 */
final class BatchNorm2dReference {
    private BatchNorm2dReference() {}

    /** Results of a training forward: output and per-channel statistics. */
    record Train(double[] out, double[] mean, double[] rstd, double[] unbiasedVar) {}

    static Train forwardTrain(double[] in, double[] gamma, double[] beta, double eps, int n, int c, int hw) {
        double[] out = new double[n * c * hw], mean = new double[c], rstd = new double[c], unb = new double[c];
        int m = n * hw;
        for (int ch = 0; ch < c; ch++) {
            double s = 0;
            for (int b = 0; b < n; b++)
                for (int i = 0; i < hw; i++) s += in[(b * c + ch) * hw + i];
            mean[ch] = s / m;
            double sq = 0;
            for (int b = 0; b < n; b++)
                for (int i = 0; i < hw; i++) {
                    double d = in[(b * c + ch) * hw + i] - mean[ch];
                    sq += d * d;
                }
            rstd[ch] = 1 / Math.sqrt(sq / m + eps);
            unb[ch] = m > 1 ? sq / (m - 1) : sq / m;
            for (int b = 0; b < n; b++)
                for (int i = 0; i < hw; i++) {
                    int k = (b * c + ch) * hw + i;
                    out[k] = (in[k] - mean[ch]) * rstd[ch] * g(gamma, ch) + (beta == null ? 0 : beta[ch]);
                }
        }
        return new Train(out, mean, rstd, unb);
    }

    static double[] forwardEval(double[] in, double[] gamma, double[] beta, double[] rMean, double[] rVar, double eps,
                                int n, int c, int hw) {
        double[] out = new double[n * c * hw];
        for (int b = 0; b < n; b++)
            for (int ch = 0; ch < c; ch++)
                for (int i = 0; i < hw; i++) {
                    int k = (b * c + ch) * hw + i;
                    out[k] = (in[k] - rMean[ch]) / Math.sqrt(rVar[ch] + eps) * g(gamma, ch) + (beta == null ? 0 : beta[ch]);
                }
        return out;
    }

    /** Gradients of sum(out * dOut) for the training forward: {dIn, dGamma, dBeta}. */
    static double[][] backward(double[] dOut, double[] in, double[] mean, double[] rstd, double[] gamma, int n, int c, int hw) {
        double[] dIn = new double[n * c * hw], dG = new double[c], dB = new double[c];
        int m = n * hw;
        for (int ch = 0; ch < c; ch++) {
            for (int b = 0; b < n; b++)
                for (int i = 0; i < hw; i++) {
                    int k = (b * c + ch) * hw + i;
                    dB[ch] += dOut[k];
                    dG[ch] += dOut[k] * (in[k] - mean[ch]) * rstd[ch];
                }
            for (int b = 0; b < n; b++)
                for (int i = 0; i < hw; i++) {
                    int k = (b * c + ch) * hw + i;
                    double xhat = (in[k] - mean[ch]) * rstd[ch];
                    dIn[k] = g(gamma, ch) * rstd[ch] * (dOut[k] - dB[ch] / m - xhat * dG[ch] / m);
                }
        }
        return new double[][] {dIn, dG, dB};
    }

    private static double g(double[] gamma, int ch) { return gamma == null ? 1 : gamma[ch]; }
}
