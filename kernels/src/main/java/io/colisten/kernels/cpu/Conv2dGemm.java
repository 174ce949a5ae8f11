package io.colisten.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * conv2d as GEMM over im2col columns, per image and group, in bands of output rows so that the
 * column matrix (K = cIn/groups * kh * kw rows, band * outW columns) stays in the L2 cache:
 *   forward          out_g[cog x cols]  = W_g[cog x K] * col[K x cols] (+ bias)
 *   backward-data    dcol[K x cols]     = W_g^T * dOut_g[cog x cols], then col2im adds into dIn
 *   backward-filter  dW_g[cog x K]     += dOut_g[cog x cols] * col^T
 * A 1x1, stride-1, unpadded layer skips im2col: its input plane is the column matrix.
 * Images are split over threads; with fewer images than threads the images run in turn and Sgemm
 * splits each product itself. Backward-filter sums per partition and reduces in partition order.
 */
final class Conv2dGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Target size of one band's column matrix in floats (1 MiB: well inside a 2 MiB L2). */
    static final int COL_TARGET = 1 << 18;

    private Conv2dGemm() {}

    static boolean pointwise(Conv2dShape s) {
        return s.kh() == 1 && s.kw() == 1 && s.strideH() == 1 && s.strideW() == 1 && s.padH() == 0 && s.padW() == 0;
    }

    /** Output rows per band. */
    static int band(Conv2dShape s) {
        long perRow = (long) s.cInPerGroup() * s.kh() * s.kw() * s.outW();
        return (int) Math.max(1, Math.min(s.outH(), COL_TARGET / Math.max(1, perRow)));
    }

    /** Runs body(b) for every image: in parallel over images when there are enough of them. */
    private static void overImages(int n, java.util.function.IntConsumer body) {
        if (n >= Parallel.threads()) {
            Parallel.forRange(n, 1, (from, to) -> {
                for (int b = from; b < to; b++) body.accept(b);
            });
        } else {
            for (int b = 0; b < n; b++) body.accept(b);
        }
    }

    static void forward(float[] out, int outOff, float[] in, int inOff, float[] wt, int wOff,
                        float[] bias, int bOff, Conv2dShape s) {
        int cog = s.cOutPerGroup(), cig = s.cInPerGroup(), k = cig * s.kh() * s.kw();
        int oh = s.outH(), ow = s.outW(), ohw = oh * ow, hw = s.h() * s.w(), rows = band(s);
        boolean pw = pointwise(s);
        overImages(s.n(), b -> {
            float[] col = pw ? null : ConvScratch.get(ConvScratch.COL, k * rows * ow);
            for (int g = 0; g < s.groups(); g++) {
                int inG = inOff + (b * s.cIn() + g * cig) * hw, outG = outOff + (b * s.cOut() + g * cog) * ohw;
                for (int y0 = 0; y0 < oh; y0 += rows) {
                    int y1 = Math.min(oh, y0 + rows), nc = (y1 - y0) * ow, c = outG + y0 * ow;
                    if (bias != null)
                        for (int co = 0; co < cog; co++)
                            java.util.Arrays.fill(out, c + co * ohw, c + co * ohw + nc, bias[bOff + g * cog + co]);
                    float beta = bias != null ? 1f : 0f;
                    if (pw) {
                        Sgemm.sgemm(false, false, cog, nc, k, 1f, wt, wOff + g * cog * k, k, in, inG + y0 * ow, hw,
                                beta, out, c, ohw);
                    } else {
                        Im2col.im2col(col, in, inG, s, y0, y1);
                        Sgemm.sgemm(false, false, cog, nc, k, 1f, wt, wOff + g * cog * k, k, col, 0, nc, beta, out, c, ohw);
                    }
                }
            }
        });
    }

    static void backwardData(float[] dIn, int dInOff, float[] dOut, int dOutOff, float[] wt, int wOff, Conv2dShape s) {
        int cog = s.cOutPerGroup(), cig = s.cInPerGroup(), k = cig * s.kh() * s.kw();
        int oh = s.outH(), ow = s.outW(), ohw = oh * ow, hw = s.h() * s.w(), rows = band(s);
        boolean pw = pointwise(s);
        overImages(s.n(), b -> {
            float[] col = pw ? null : ConvScratch.get(ConvScratch.COL, k * rows * ow);
            for (int g = 0; g < s.groups(); g++) {
                int inG = dInOff + (b * s.cIn() + g * cig) * hw, outG = dOutOff + (b * s.cOut() + g * cog) * ohw;
                for (int y0 = 0; y0 < oh; y0 += rows) {
                    int y1 = Math.min(oh, y0 + rows), nc = (y1 - y0) * ow;
                    if (pw) {
                        Sgemm.sgemm(true, false, k, nc, cog, 1f, wt, wOff + g * cog * k, k, dOut, outG + y0 * ow, ohw,
                                1f, dIn, inG + y0 * ow, hw);
                    } else {
                        Sgemm.sgemm(true, false, k, nc, cog, 1f, wt, wOff + g * cog * k, k, dOut, outG + y0 * ow, ohw,
                                0f, col, 0, nc);
                        Im2col.col2im(dIn, inG, col, s, y0, y1);
                    }
                }
            }
        });
    }

    static void backwardFilter(float[] dW, int dwOff, float[] dB, int dbOff, float[] dOut, int dOutOff,
                               float[] in, int inOff, Conv2dShape s) {
        int n = s.n(), wsize = s.weightSize();
        int parts = Math.min(Parallel.threads(), n);
        float[][] part = ConvScratch.partials(parts, wsize + s.cOut());
        if (parts == 1) {
            filterImages(part[0], wsize, dOut, dOutOff, in, inOff, s, 0, n);
        } else {
            Parallel.forEach(parts, p -> filterImages(part[p], wsize, dOut, dOutOff, in, inOff, s,
                    (int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts)));
        }
        ConvScratch.reduceInto(dW, dwOff, part, parts, 0, wsize);
        if (dB != null) ConvScratch.reduceInto(dB, dbOff, part, parts, wsize, s.cOut());
    }

    /** acc[0, wsize) += dWeight and acc[wsize + co] += dBias over images [from, to). */
    private static void filterImages(float[] acc, int wsize, float[] dOut, int dOutOff, float[] in, int inOff,
                                     Conv2dShape s, int from, int to) {
        int cog = s.cOutPerGroup(), cig = s.cInPerGroup(), k = cig * s.kh() * s.kw();
        int oh = s.outH(), ow = s.outW(), ohw = oh * ow, hw = s.h() * s.w(), rows = band(s);
        boolean pw = pointwise(s);
        float[] col = pw ? null : ConvScratch.get(ConvScratch.COL, k * rows * ow);
        for (int b = from; b < to; b++) {
            for (int co = 0; co < s.cOut(); co++) acc[wsize + co] += sum(dOut, dOutOff + (b * s.cOut() + co) * ohw, ohw);
            for (int g = 0; g < s.groups(); g++) {
                int inG = inOff + (b * s.cIn() + g * cig) * hw, outG = dOutOff + (b * s.cOut() + g * cog) * ohw;
                for (int y0 = 0; y0 < oh; y0 += rows) {
                    int y1 = Math.min(oh, y0 + rows), nc = (y1 - y0) * ow;
                    if (pw) {
                        Sgemm.sgemm(false, true, cog, k, nc, 1f, dOut, outG + y0 * ow, ohw, in, inG + y0 * ow, hw,
                                1f, acc, g * cog * k, k);
                    } else {
                        Im2col.im2col(col, in, inG, s, y0, y1);
                        Sgemm.sgemm(false, true, cog, k, nc, 1f, dOut, outG + y0 * ow, ohw, col, 0, nc,
                                1f, acc, g * cog * k, k);
                    }
                }
            }
        }
    }

    static float sum(float[] a, int off, int n) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int e = S.loopBound(n); i < e; i += S.length()) acc = acc.add(FloatVector.fromArray(S, a, off + i));
        if (SimdMath.L > 32) acc = acc.add(acc.rearrange(SimdMath.XOR_32));
        if (SimdMath.L > 16) acc = acc.add(acc.rearrange(SimdMath.XOR_16));
        if (SimdMath.L > 8) acc = acc.add(acc.rearrange(SimdMath.XOR_8));
        if (SimdMath.L > 4) acc = acc.add(acc.rearrange(SimdMath.XOR_4));
        if (SimdMath.L > 2) acc = acc.add(acc.rearrange(SimdMath.XOR_2));
        if (SimdMath.L > 1) acc = acc.add(acc.rearrange(SimdMath.XOR_1));
        float t = acc.lane(0);
        for (; i < n; i++) t += a[off + i];
        return t;
    }
}
