package io.colisten.kernels.cpu;

/**
 * 2-D convolution (cross-correlation, as in PyTorch) on NCHW float arrays. Forward overwrites its
 * output; the two backward kernels add into their gradient buffers.
 */
public final class Conv2d {
    private Conv2d() {}

    /** out[n, cOut, outH, outW] = conv(in, weight) + bias; bias may be null. */
    public static void forward(float[] out, int outOff, float[] in, int inOff, float[] weight, int wOff,
                               float[] bias, int bOff, Conv2dShape s) {
        // Placeholder: direct loops. Replaced by the fast kernel.
        int oh = s.outH(), ow = s.outW(), cig = s.cInPerGroup(), cog = s.cOutPerGroup();
        for (int b = 0; b < s.n(); b++)
            for (int co = 0; co < s.cOut(); co++) {
                int g = co / cog;
                for (int y = 0; y < oh; y++)
                    for (int x = 0; x < ow; x++) {
                        float acc = bias == null ? 0f : bias[bOff + co];
                        for (int ci = 0; ci < cig; ci++)
                            for (int ky = 0; ky < s.kh(); ky++) {
                                int iy = y * s.strideH() - s.padH() + ky;
                                if (iy < 0 || iy >= s.h()) continue;
                                for (int kx = 0; kx < s.kw(); kx++) {
                                    int ix = x * s.strideW() - s.padW() + kx;
                                    if (ix < 0 || ix >= s.w()) continue;
                                    acc += in[inOff + ((b * s.cIn() + g * cig + ci) * s.h() + iy) * s.w() + ix]
                                            * weight[wOff + ((co * cig + ci) * s.kh() + ky) * s.kw() + kx];
                                }
                            }
                        out[outOff + ((b * s.cOut() + co) * oh + y) * ow + x] = acc;
                    }
            }
    }

    /** dIn += conv_transpose(dOut, weight). */
    public static void backwardData(float[] dIn, int dInOff, float[] dOut, int dOutOff, float[] weight, int wOff,
                                    Conv2dShape s) {
        int oh = s.outH(), ow = s.outW(), cig = s.cInPerGroup(), cog = s.cOutPerGroup();
        for (int b = 0; b < s.n(); b++)
            for (int co = 0; co < s.cOut(); co++) {
                int g = co / cog;
                for (int y = 0; y < oh; y++)
                    for (int x = 0; x < ow; x++) {
                        float go = dOut[dOutOff + ((b * s.cOut() + co) * oh + y) * ow + x];
                        for (int ci = 0; ci < cig; ci++)
                            for (int ky = 0; ky < s.kh(); ky++) {
                                int iy = y * s.strideH() - s.padH() + ky;
                                if (iy < 0 || iy >= s.h()) continue;
                                for (int kx = 0; kx < s.kw(); kx++) {
                                    int ix = x * s.strideW() - s.padW() + kx;
                                    if (ix < 0 || ix >= s.w()) continue;
                                    dIn[dInOff + ((b * s.cIn() + g * cig + ci) * s.h() + iy) * s.w() + ix]
                                            += go * weight[wOff + ((co * cig + ci) * s.kh() + ky) * s.kw() + kx];
                                }
                            }
                    }
            }
    }

    /** dWeight += correlation of in with dOut; dBias (may be null) += sum of dOut over n, y, x. */
    public static void backwardFilter(float[] dWeight, int dwOff, float[] dBias, int dbOff, float[] dOut, int dOutOff,
                                      float[] in, int inOff, Conv2dShape s) {
        int oh = s.outH(), ow = s.outW(), cig = s.cInPerGroup(), cog = s.cOutPerGroup();
        for (int b = 0; b < s.n(); b++)
            for (int co = 0; co < s.cOut(); co++) {
                int g = co / cog;
                for (int y = 0; y < oh; y++)
                    for (int x = 0; x < ow; x++) {
                        float go = dOut[dOutOff + ((b * s.cOut() + co) * oh + y) * ow + x];
                        if (dBias != null) dBias[dbOff + co] += go;
                        for (int ci = 0; ci < cig; ci++)
                            for (int ky = 0; ky < s.kh(); ky++) {
                                int iy = y * s.strideH() - s.padH() + ky;
                                if (iy < 0 || iy >= s.h()) continue;
                                for (int kx = 0; kx < s.kw(); kx++) {
                                    int ix = x * s.strideW() - s.padW() + kx;
                                    if (ix < 0 || ix >= s.w()) continue;
                                    dWeight[dwOff + ((co * cig + ci) * s.kh() + ky) * s.kw() + kx]
                                            += go * in[inOff + ((b * s.cIn() + g * cig + ci) * s.h() + iy) * s.w() + ix];
                                }
                            }
                    }
            }
    }
}
