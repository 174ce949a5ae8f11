package io.colisten.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Forward conv2d for small output planes as one GEMM over a chunk of images side by side: per
 * image, one GEMM of cOut x (outH outW) columns is narrow (ResNet-18's layer4: 20 columns, K up to
 * 4,608) and the micro-kernel spends its time packing and on edges; with nb images the product is
 *   tmp[cog x nb ohw] = W_g[cog x K] * col[K x nb ohw],   col[t][j ohw + p] = im2col of image j
 * then tmp is scattered back to NCHW (plus bias). A 1x1 stride-1 unpadded layer copies the planes
 * instead of im2col. Chunks of images run in turn; im2col and the scatter are split over images,
 * the GEMM splits itself (Sgemm's split depends on sizes only), so results are reproducible.
 */
final class Conv2dGemmBatched {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Columns per GEMM worth aiming for: wide enough that Sgemm's 32-wide panels run full. */
    static final int TARGET_COLS = 768;
    /** Upper bound on the column matrix (floats): 16 MiB, read once per GEMM by packing. */
    static final int COL_MAX = 1 << 22;
    /** Output planes up to this many positions take this path (when the direct path does not fill vectors). */
    static final int SMALL_PLANE = 256;

    private Conv2dGemmBatched() {}

    /**
     * Forward only: several images with small planes, where the direct kernels would leave vector
     * lanes empty (rows narrower than a vector) or would not apply at all.
     */
    static boolean applies(Conv2dShape s) {
        int ohw = s.outH() * s.outW();
        boolean directFull = Conv2dDirect.applies(s) && (s.outW() >= ConvTapKernels.L || s.cInPerGroup() == 1);
        return s.n() > 1 && s.cInPerGroup() > 1 && ohw <= SMALL_PLANE && !directFull;
    }

    /** Images per chunk: enough for TARGET_COLS columns, within COL_MAX floats of columns. */
    static int imagesPerChunk(Conv2dShape s) {
        int ohw = s.outH() * s.outW();
        long k = (long) s.cInPerGroup() * s.kh() * s.kw();
        int nb = Math.max(1, (TARGET_COLS + ohw - 1) / ohw);
        nb = (int) Math.min(nb, Math.max(1, COL_MAX / (k * ohw)));
        return Math.min(nb, s.n());
    }

    static void forward(float[] out, int outOff, float[] in, int inOff, float[] wt, int wOff,
                        float[] bias, int bOff, Conv2dShape s) {
        int cog = s.cOutPerGroup(), cig = s.cInPerGroup(), k = cig * s.kh() * s.kw();
        int ohw = s.outH() * s.outW(), hw = s.h() * s.w(), n = s.n(), nb = imagesPerChunk(s);
        boolean pw = Conv2dGemm.pointwise(s);
        float[] col = ConvScratch.get(ConvScratch.BATCH_COL, k * nb * ohw);
        float[] tmp = ConvScratch.get(ConvScratch.BATCH_OUT, cog * nb * ohw);
        for (int b0 = 0; b0 < n; b0 += nb) {
            int b1 = Math.min(n, b0 + nb), cols = (b1 - b0) * ohw, first = b0;
            for (int g = 0; g < s.groups(); g++) {
                int gi = g;
                Parallel.forRange(b1 - b0, 1, (from, to) -> {
                    for (int j = from; j < to; j++) {
                        int src = inOff + ((first + j) * s.cIn() + gi * cig) * hw;
                        if (pw) {
                            for (int ci = 0; ci < cig; ci++) System.arraycopy(in, src + ci * hw, col, ci * cols + j * ohw, hw);
                        } else {
                            Im2col.im2col(col, j * ohw, cols, in, src, s, 0, s.outH());
                        }
                    }
                });
                Sgemm.sgemm(false, false, cog, cols, k, 1f, wt, wOff + g * cog * k, k, col, 0, cols, 0f, tmp, 0, cols);
                Parallel.forRange(b1 - b0, 1, (from, to) -> {
                    for (int j = from; j < to; j++) {
                        int dst = outOff + ((first + j) * s.cOut() + gi * cog) * ohw;
                        for (int co = 0; co < cog; co++) {
                            float bv = bias == null ? 0f : bias[bOff + gi * cog + co];
                            copyAdd(out, dst + co * ohw, tmp, co * cols + j * ohw, ohw, bv);
                        }
                    }
                });
            }
        }
    }

    /** dst[d, d + len) = src[o, o + len) + b. */
    private static void copyAdd(float[] dst, int d, float[] src, int o, int len, float b) {
        FloatVector bv = FloatVector.broadcast(S, b);
        int i = 0;
        for (int e = S.loopBound(len); i < e; i += S.length())
            FloatVector.fromArray(S, src, o + i).add(bv).intoArray(dst, d + i);
        for (; i < len; i++) dst[d + i] = src[o + i] + b;
    }
}
