package io.colisten.kernels.cpu;

/**
 * Plain scalar max pooling (2-D and global) and global average pooling in double precision.
 * Max: the first maximum in window order wins, a NaN always wins (MaxPool2d: the last NaN; global:
 * the first NaN); padding is -infinity (never chosen). Arrays start at index 0.
 */
final class PoolReference {
    private PoolReference() {}

    /** Returns out; fills argmax (index within the input plane). */
    static double[] maxForward(double[] in, int[] argmax, Pool2dShape s) {
        int oh = s.outH(), ow = s.outW();
        double[] out = new double[s.outputSize()];
        for (int p = 0; p < s.n() * s.c(); p++)
            for (int y = 0; y < oh; y++)
                for (int x = 0; x < ow; x++) {
                    double best = Double.NEGATIVE_INFINITY;
                    int bi = -1;
                    for (int ky = 0; ky < s.kh(); ky++)
                        for (int kx = 0; kx < s.kw(); kx++) {
                            int iy = y * s.strideH() - s.padH() + ky, ix = x * s.strideW() - s.padW() + kx;
                            if (iy < 0 || iy >= s.h() || ix < 0 || ix >= s.w()) continue;
                            double v = in[(p * s.h() + iy) * s.w() + ix];
                            if (bi < 0 || v > best || Double.isNaN(v)) {
                                best = v;
                                bi = iy * s.w() + ix;
                            }
                        }
                    out[(p * oh + y) * ow + x] = best;
                    argmax[(p * oh + y) * ow + x] = bi;
                }
        return out;
    }

    static double[] maxBackward(double[] dOut, int[] argmax, Pool2dShape s) {
        double[] dIn = new double[s.inputSize()];
        int plane = s.outH() * s.outW();
        for (int p = 0; p < s.n() * s.c(); p++)
            for (int o = 0; o < plane; o++) dIn[p * s.h() * s.w() + argmax[p * plane + o]] += dOut[p * plane + o];
        return dIn;
    }

    static double[] globalAvgForward(double[] in, int planes, int hw) {
        double[] out = new double[planes];
        for (int p = 0; p < planes; p++) {
            double s = 0;
            for (int i = 0; i < hw; i++) s += in[p * hw + i];
            out[p] = s / hw;
        }
        return out;
    }

    static double[] globalAvgBackward(double[] dOut, int planes, int hw) {
        double[] dIn = new double[planes * hw];
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < hw; i++) dIn[p * hw + i] = dOut[p] / hw;
        return dIn;
    }

    static double[] globalMaxForward(double[] in, int[] argmax, int planes, int hw) {
        double[] out = new double[planes];
        for (int p = 0; p < planes; p++) {
            int bi = 0;
            for (int i = 1; i < hw; i++) {
                double v = in[p * hw + i], best = in[p * hw + bi];
                if (!Double.isNaN(best) && (v > best || Double.isNaN(v))) bi = i;
            }
            out[p] = in[p * hw + bi];
            argmax[p] = bi;
        }
        return out;
    }

    static double[] globalMaxBackward(double[] dOut, int[] argmax, int planes, int hw) {
        double[] dIn = new double[planes * hw];
        for (int p = 0; p < planes; p++) dIn[p * hw + argmax[p]] += dOut[p];
        return dIn;
    }
}
