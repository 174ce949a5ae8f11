package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.ChannelsLast.L;

/**
 * A 1x1 convolution on channels-last activations as a GEMM with the bias and optionally ReLU fused:
 * out[q][co] = relu?(bias[co] + sum over ci < cIn of in[q][ci] w[ci][co])
 * for the positions q of `images` planes of h x w. The input is dense, [images h w][cpIn]; the
 * output position (i, y, x) lands at outOff + i outImage + y outRow + x cpOut, so the GEMM can write
 * straight into the interior of the next layer's padded planes.
 *
 * <p>Weights are packed (pack) as panels of up to NR = 4 channel vectors, [cIn][nr L] each, in
 * channel order; the output is walked panel by panel (the panel, cIn x 4L floats, is re-read from
 * L1 / L2 for each block of positions while the input rows stay in L1; 6 positions for a panel of 4
 * vectors, 8 for 3, 12 for 2 or 1). A position count that is not a multiple of the block ends with a
 * block that overlaps the one before (same sums, same order, so the overlapping outputs are written
 * twice with the same value); fewer positions than a block go one by one.
 */
public final class NhwcPointwise {
    private static final int NR = NhwcPointwiseKernels.NR;

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

    private static final ThreadLocal<int[][]> OFFSETS = ThreadLocal.withInitial(() -> new int[1][0]);

    /** relu: max(x, 0) on the way out (NaN stays NaN); else the plain sum. */
    public static void forward(float[] out, int outOff, int outImage, int outRow, float[] in, int inOff, int images,
                               int h, int w, int cIn, int cpIn, float[] packed, int pOff, float[] bias, int bOff,
                               int cpOut, boolean relu) {
        String op = "pointwise forward";
        if (images < 0 || h <= 0 || w <= 0 || cIn <= 0 || cpIn < cIn || cpOut <= 0 || cpOut % L != 0) {
            throw new IllegalArgumentException(op + ": bad shape images " + images + " plane " + h + "x" + w + " cIn "
                    + cIn + " cpIn " + cpIn + " cpOut " + cpOut + " (a multiple of " + L + ")");
        }
        int total = images * h * w;
        Check.span(op, "out", out, outOff, ChannelsLast.extent(images, outImage, h, outRow, w, cpOut));
        Check.span(op, "in", in, inOff, (long) total * cpIn);
        Check.span(op, "packed", packed, pOff, (long) cIn * cpOut);
        Check.span(op, "bias", bias, bOff, cpOut);
        // Output offset of every position (without the panel's column), so that blocks spanning rows
        // or images cost no divisions.
        int[][] slot = OFFSETS.get();
        if (slot[0].length < total) slot[0] = new int[total];
        int[] at = slot[0];
        for (int img = 0, q = 0; img < images; img++)
            for (int y = 0; y < h; y++)
                for (int x = 0, o = outOff + img * outImage + y * outRow; x < w; x++, o += cpOut) at[q++] = o;
        for (int j0 = 0, po = pOff; j0 < cpOut; j0 += NR * L) {
            int nr = Math.min(NR, (cpOut - j0) / L), mr = NhwcPointwiseKernels.mr(nr);
            if (total >= mr) {
                for (int q = 0; q < total; q += mr) {
                    block(nr, out, at, Math.min(q, total - mr), j0, in, inOff, cIn, cpIn, packed, po, bias, bOff + j0, relu);
                }
            } else {
                for (int q = 0; q < total; q++) {
                    int o = at[q] + j0, a = inOff + q * cpIn;
                    switch (nr) {
                        case 4 -> NhwcPointwiseKernels.mr1nr4(out, o, in, a, cpIn, cIn, packed, po, bias, bOff + j0, relu);
                        case 3 -> NhwcPointwiseKernels.mr1nr3(out, o, in, a, cpIn, cIn, packed, po, bias, bOff + j0, relu);
                        case 2 -> NhwcPointwiseKernels.mr1nr2(out, o, in, a, cpIn, cIn, packed, po, bias, bOff + j0, relu);
                        default -> NhwcPointwiseKernels.mr1nr1(out, o, in, a, cpIn, cIn, packed, po, bias, bOff + j0, relu);
                    }
                }
            }
            po += cIn * nr * L;
        }
    }

    /** One block of mr(nr) positions from q0 against the panel at po (output column j0). */
    private static void block(int nr, float[] out, int[] at, int q0, int j0, float[] in, int inOff, int cIn, int cpIn,
                              float[] packed, int po, float[] bias, int bo, boolean relu) {
        int a = inOff + q0 * cpIn;
        int o0 = at[q0] + j0, o1 = at[q0 + 1] + j0, o2 = at[q0 + 2] + j0, o3 = at[q0 + 3] + j0;
        int o4 = at[q0 + 4] + j0, o5 = at[q0 + 5] + j0;
        if (nr == 4) {
            NhwcPointwiseKernels.mr6nr4(out, o0, o1, o2, o3, o4, o5, in, a, cpIn, cIn, packed, po, bias, bo, relu);
            return;
        }
        int o6 = at[q0 + 6] + j0, o7 = at[q0 + 7] + j0;
        if (nr == 3) {
            NhwcPointwiseKernels.mr8nr3(out, o0, o1, o2, o3, o4, o5, o6, o7, in, a, cpIn, cIn, packed, po, bias, bo, relu);
            return;
        }
        int o8 = at[q0 + 8] + j0, o9 = at[q0 + 9] + j0, o10 = at[q0 + 10] + j0, o11 = at[q0 + 11] + j0;
        if (nr == 2) {
            NhwcPointwiseKernels.mr12nr2(out, o0, o1, o2, o3, o4, o5, o6, o7, o8, o9, o10, o11, in, a, cpIn, cIn, packed, po,
                    bias, bo, relu);
        } else {
            NhwcPointwiseKernels.mr12nr1(out, o0, o1, o2, o3, o4, o5, o6, o7, o8, o9, o10, o11, in, a, cpIn, cIn, packed, po,
                    bias, bo, relu);
        }
    }
}
