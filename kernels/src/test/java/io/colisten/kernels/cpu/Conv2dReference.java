package io.colisten.kernels.cpu;

/**
 * Plain scalar conv2d in double precision: the control that the fast kernels and PyTorch's golden
 * values are compared with. Shapes as in {@link Conv2dShape}; every array starts at index 0.
 */
final class Conv2dReference {
    private Conv2dReference() {}

    /** out = conv(in, w) + bias (bias may be null). */
    static double[] forward(double[] in, double[] w, double[] bias, Conv2dShape s) {
        double[] out = new double[s.outputSize()];
        int oh = s.outH(), ow = s.outW(), cig = s.cInPerGroup(), cog = s.cOutPerGroup();
        for (int b = 0; b < s.n(); b++)
            for (int co = 0; co < s.cOut(); co++) {
                int g = co / cog;
                for (int y = 0; y < oh; y++)
                    for (int x = 0; x < ow; x++) {
                        double acc = bias == null ? 0 : bias[co];
                        for (int ci = 0; ci < cig; ci++)
                            for (int ky = 0; ky < s.kh(); ky++)
                                for (int kx = 0; kx < s.kw(); kx++) {
                                    int iy = y * s.strideH() - s.padH() + ky, ix = x * s.strideW() - s.padW() + kx;
                                    if (iy < 0 || iy >= s.h() || ix < 0 || ix >= s.w()) continue;
                                    acc += in[inIndex(s, b, g * cig + ci, iy, ix)] * w[wIndex(s, co, ci, ky, kx)];
                                }
                        out[((b * s.cOut() + co) * oh + y) * ow + x] = acc;
                    }
            }
        return out;
    }

    /** dIn of the loss sum(out * dOut). */
    static double[] backwardData(double[] dOut, double[] w, Conv2dShape s) {
        double[] dIn = new double[s.inputSize()];
        visit(s, (b, co, y, x, ci, iy, ix, ky, kx) ->
                dIn[inIndex(s, b, ci, iy, ix)] += dOut[outIndex(s, b, co, y, x)] * w[wIndex(s, co, ci % s.cInPerGroup(), ky, kx)]);
        return dIn;
    }

    /** dWeight of the loss sum(out * dOut). */
    static double[] backwardFilter(double[] dOut, double[] in, Conv2dShape s) {
        double[] dW = new double[s.weightSize()];
        visit(s, (b, co, y, x, ci, iy, ix, ky, kx) ->
                dW[wIndex(s, co, ci % s.cInPerGroup(), ky, kx)] += dOut[outIndex(s, b, co, y, x)] * in[inIndex(s, b, ci, iy, ix)]);
        return dW;
    }

    /** dBias of the loss sum(out * dOut). */
    static double[] backwardBias(double[] dOut, Conv2dShape s) {
        double[] dB = new double[s.cOut()];
        int plane = s.outH() * s.outW();
        for (int b = 0; b < s.n(); b++)
            for (int co = 0; co < s.cOut(); co++)
                for (int i = 0; i < plane; i++) dB[co] += dOut[(b * s.cOut() + co) * plane + i];
        return dB;
    }

    interface Tap {
        void at(int b, int co, int y, int x, int ci, int iy, int ix, int ky, int kx);
    }

    /** Every (output position, in-bounds tap) pair; ci is the absolute input channel. */
    static void visit(Conv2dShape s, Tap t) {
        int cig = s.cInPerGroup(), cog = s.cOutPerGroup();
        for (int b = 0; b < s.n(); b++)
            for (int co = 0; co < s.cOut(); co++)
                for (int y = 0; y < s.outH(); y++)
                    for (int x = 0; x < s.outW(); x++)
                        for (int ci = (co / cog) * cig; ci < (co / cog + 1) * cig; ci++)
                            for (int ky = 0; ky < s.kh(); ky++)
                                for (int kx = 0; kx < s.kw(); kx++) {
                                    int iy = y * s.strideH() - s.padH() + ky, ix = x * s.strideW() - s.padW() + kx;
                                    if (iy >= 0 && iy < s.h() && ix >= 0 && ix < s.w()) t.at(b, co, y, x, ci, iy, ix, ky, kx);
                                }
    }

    static int inIndex(Conv2dShape s, int b, int ci, int iy, int ix) { return ((b * s.cIn() + ci) * s.h() + iy) * s.w() + ix; }
    static int outIndex(Conv2dShape s, int b, int co, int y, int x) { return ((b * s.cOut() + co) * s.outH() + y) * s.outW() + x; }
    static int wIndex(Conv2dShape s, int co, int ci, int ky, int kx) { return ((co * s.cInPerGroup() + ci) * s.kh() + ky) * s.kw() + kx; }
}
