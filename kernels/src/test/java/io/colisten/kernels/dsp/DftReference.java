package io.colisten.kernels.dsp;

/** Plain DFTs in double precision: the references for RealFft and LogMel. */
final class DftReference {
    private DftReference() {}

    /**
     * X[k] = sum_s x[s] e^{-2 pi i k s / n} for k in [0, n/2], of x (length <= n, zero-padded to n);
     * returns {re, im}, each n/2 + 1 long. The angle is taken from (k s mod n), so it is exact.
     */
    static double[][] realDft(double[] x, int n) {
        double[] cos = new double[n], sin = new double[n];
        for (int i = 0; i < n; i++) {
            cos[i] = Math.cos(2.0 * Math.PI * i / n);
            sin[i] = Math.sin(2.0 * Math.PI * i / n);
        }
        double[] re = new double[n / 2 + 1], im = new double[n / 2 + 1];
        for (int k = 0; k <= n / 2; k++) {
            double sr = 0, si = 0;
            for (int s = 0; s < x.length; s++) {
                int a = (int) ((long) k * s % n);
                sr += x[s] * cos[a];
                si -= x[s] * sin[a];
            }
            re[k] = sr;
            im[k] = si;
        }
        return new double[][] {re, im};
    }
}
