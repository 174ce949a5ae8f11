package io.colisten.kernels.cpu;

/**
 * Forward conv2d for strideW > 1 with one input channel per group (MobileNet's stride-2 depthwise
 * convs): the direct kernels at strideW 1 into a scratch of n x cOut x outH x outW1, then every
 * strideW-th column. A depthwise output costs kh kw multiplies, so computing strideW times as many
 * is cheaper than the alternative, im2col and one-row GEMMs per image and group.
 *   out[b][c][y][x] = full[b][c][y][x strideW],  outW1 = w + 2 padW - kw + 1
 */
final class Conv2dStridedNarrow {
    private Conv2dStridedNarrow() {}

    static boolean applies(Conv2dShape s) {
        return s.strideW() > 1 && s.cInPerGroup() == 1;
    }

    static void forward(float[] out, int outOff, float[] in, int inOff, float[] wt, int wOff,
                        float[] bias, int bOff, Conv2dShape s) {
        Conv2dShape full = new Conv2dShape(s.n(), s.cIn(), s.h(), s.w(), s.cOut(), s.kh(), s.kw(),
                s.strideH(), 1, s.padH(), s.padW(), s.groups());
        int oh = s.outH(), ow = s.outW(), ow1 = full.outW(), sw = s.strideW();
        float[] tmp = ConvScratch.get(ConvScratch.BATCH_OUT, full.outputSize());
        Conv2dDirect.forward(tmp, 0, in, inOff, wt, wOff, bias, bOff, full);
        Parallel.forRange(s.n() * s.cOut(), 1, (from, to) -> {
            for (int p = from; p < to; p++) {
                int src = p * oh * ow1, dst = outOff + p * oh * ow;
                for (int y = 0; y < oh; y++)
                    for (int x = 0; x < ow; x++) out[dst + y * ow + x] = tmp[src + y * ow1 + x * sw];
            }
        });
    }
}
