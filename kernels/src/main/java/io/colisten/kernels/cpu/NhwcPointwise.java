package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.ChannelsLast.L;

/**
 * A 1x1 convolution on channels-last activations as a GEMM with the bias and a floor fused (0 =
 * ReLU, -inf = none): out[q][co] = max(floor, bias[co] + sum over ci < cIn of in[q][ci] w[ci][co])
 * for the positions q of `images` planes of h x w. The input is dense, [images h w][cpIn]; the
 * output position (i, y, x) lands at outOff + i outImage + y outRow + x cpOut, so the GEMM can write
 * straight into the interior of the next layer's padded planes.
 *
 * <p>Weights are packed (pack) as panels of up to NR = 4 channel vectors, [cIn][nr L] each, in
 * channel order; the output is walked panel by panel (the panel, cIn x 4L floats, is re-read from
 * L1 / L2 for each block of MR = 6 positions while the input rows stay in L1). A position count that
 * is not a multiple of 6 ends with a block that overlaps the one before (same sums, same order, so
 * the overlapping outputs are written twice with the same value); fewer than 6 positions go one by one.
 */
public final class NhwcPointwise {
    private static final int MR = NhwcPointwiseKernels.MR, NR = NhwcPointwiseKernels.NR;

    private NhwcPointwise() {}

    /** Floats of a packed weight: cIn x cpOut. */
    public static int packedSize(int cIn, int cpOut) {
        return cIn * cpOut;
    }

    /** Packs weight [cOut][cIn] (a 1x1 conv's [cOut][cIn][1][1]) times scale[co] (null: 1) into panels, zero past cOut. */
    public static void pack(float[] packed, int pOff, float[] weight, int wOff, float[] scale, int sOff, int cIn,
                            int cOut, int cpOut) {
        Check.span("pointwise pack", "packed", packed, pOff, (long) cIn * cpOut);
        Check.span("pointwise pack", "weight", weight, wOff, (long) cOut * cIn);
        if (scale != null) Check.span("pointwise pack", "scale", scale, sOff, cOut);
        int p = pOff;
        for (int j0 = 0; j0 < cpOut; j0 += NR * L) {
            int width = Math.min(NR * L, cpOut - j0);
            for (int ci = 0; ci < cIn; ci++) {
                for (int c = 0; c < width; c++, p++) {
                    int co = j0 + c;
                    packed[p] = co >= cOut ? 0f
                            : scale == null ? weight[wOff + co * cIn + ci] : weight[wOff + co * cIn + ci] * scale[sOff + co];
                }
            }
        }
    }

    public static void forward(float[] out, int outOff, int outImage, int outRow, float[] in, int inOff, int images,
                               int h, int w, int cIn, int cpIn, float[] packed, int pOff, float[] bias, int bOff,
                               int cpOut, float floor) {
        String op = "pointwise forward";
        if (images < 0 || h <= 0 || w <= 0 || cIn <= 0 || cpIn < cIn || cpOut <= 0 || cpOut % L != 0) {
            throw new IllegalArgumentException(op + ": bad shape images " + images + " plane " + h + "x" + w + " cIn "
                    + cIn + " cpIn " + cpIn + " cpOut " + cpOut + " (a multiple of " + L + ")");
        }
        int plane = h * w, total = images * plane;
        Check.span(op, "out", out, outOff, ChannelsLast.extent(images, outImage, h, outRow, w, cpOut));
        Check.span(op, "in", in, inOff, (long) total * cpIn);
        Check.span(op, "packed", packed, pOff, (long) cIn * cpOut);
        Check.span(op, "bias", bias, bOff, cpOut);
        for (int j0 = 0, po = pOff; j0 < cpOut; j0 += NR * L) {
            int nr = Math.min(NR, (cpOut - j0) / L);
            if (total >= MR) {
                for (int q = 0; q < total; q += MR) {
                    int q0 = Math.min(q, total - MR);
                    block(nr, out, outOff + j0, outImage, outRow, plane, w, q0, in, inOff, cIn, cpIn, packed, po, bias,
                            bOff + j0, cpOut, floor);
                }
            } else {
                for (int q = 0; q < total; q++) {
                    int o = at(outOff + j0, outImage, outRow, plane, w, q, cpOut), a = inOff + q * cpIn;
                    switch (nr) {
                        case 4 -> NhwcPointwiseKernels.mr1nr4(out, o, in, a, cpIn, cIn, packed, po, bias, bOff + j0, floor);
                        case 3 -> NhwcPointwiseKernels.mr1nr3(out, o, in, a, cpIn, cIn, packed, po, bias, bOff + j0, floor);
                        case 2 -> NhwcPointwiseKernels.mr1nr2(out, o, in, a, cpIn, cIn, packed, po, bias, bOff + j0, floor);
                        default -> NhwcPointwiseKernels.mr1nr1(out, o, in, a, cpIn, cIn, packed, po, bias, bOff + j0, floor);
                    }
                }
            }
            po += cIn * nr * L;
        }
    }

    private static void block(int nr, float[] out, int ob, int outImage, int outRow, int plane, int w, int q0,
                              float[] in, int inOff, int cIn, int cpIn, float[] packed, int po, float[] bias, int bo,
                              int cpOut, float floor) {
        int o0 = at(ob, outImage, outRow, plane, w, q0, cpOut), o1 = at(ob, outImage, outRow, plane, w, q0 + 1, cpOut);
        int o2 = at(ob, outImage, outRow, plane, w, q0 + 2, cpOut), o3 = at(ob, outImage, outRow, plane, w, q0 + 3, cpOut);
        int o4 = at(ob, outImage, outRow, plane, w, q0 + 4, cpOut), o5 = at(ob, outImage, outRow, plane, w, q0 + 5, cpOut);
        int a = inOff + q0 * cpIn;
        switch (nr) {
            case 4 -> NhwcPointwiseKernels.mr6nr4(out, o0, o1, o2, o3, o4, o5, in, a, cpIn, cIn, packed, po, bias, bo, floor);
            case 3 -> NhwcPointwiseKernels.mr6nr3(out, o0, o1, o2, o3, o4, o5, in, a, cpIn, cIn, packed, po, bias, bo, floor);
            case 2 -> NhwcPointwiseKernels.mr6nr2(out, o0, o1, o2, o3, o4, o5, in, a, cpIn, cIn, packed, po, bias, bo, floor);
            default -> NhwcPointwiseKernels.mr6nr1(out, o0, o1, o2, o3, o4, o5, in, a, cpIn, cIn, packed, po, bias, bo, floor);
        }
    }

    /** Offset of position q (image q / plane, row, column) in the output. */
    private static int at(int ob, int outImage, int outRow, int plane, int w, int q, int cpOut) {
        int img = q / plane, r = q - img * plane, y = r / w;
        return ob + img * outImage + y * outRow + (r - y * w) * cpOut;
    }
}
