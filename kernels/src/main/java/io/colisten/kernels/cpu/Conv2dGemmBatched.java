package io.colisten.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Forward conv2d for small output planes as one GEMM over a chunk of images side by side: per
 * image, one GEMM of cOut x (outH outW) columns is narrow (ResNet-18's layer4: 20 columns, K up to
 * 4,608) and the micro-kernel spends its time packing and on edges; with nb images the product is
 *   tmp[cog x nb ohw] = W_g[cog x K] * col[K x nb ohw],   col[t][j ohw + p] = im2col of image j
 * then tmp is scattered back to NCHW (plus bias). A 1x1 stride-1 unpadded layer copies the planes
 * instead of im2col. Chunks of images (a multiple of the thread count, from the shape only) run one
 * per part, each on its own thread's scratch, so results are reproducible.
 */
final class Conv2dGemmBatched {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Columns per GEMM worth aiming for: wide enough that Sgemm's 32-wide panels run full. */
    static final int TARGET_COLS = 768;
    /** Upper bound on the column matrix (floats): 16 MiB, read once per GEMM by packing. */
    static final int COL_MAX = 1 << 22;
    /** Output planes up to this many positions take this path (when the direct path does not fill vectors). */
    static final int SMALL_PLANE = 320;

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

    /**
     * Images per chunk: enough for TARGET_COLS columns, within COL_MAX floats of columns, and a
     * chunk count that is a multiple of the thread count (chunks run one per thread).
     */
    static int imagesPerChunk(Conv2dShape s) {
        int ohw = s.outH() * s.outW(), t = Parallel.threads();
        long k = (long) s.cInPerGroup() * s.kh() * s.kw();
        int nb = Math.max(1, (TARGET_COLS + ohw - 1) / ohw);
        nb = (int) Math.min(nb, Math.max(1, COL_MAX / (k * ohw)));
        int chunks = (s.n() + nb - 1) / nb;
        chunks = Math.min(s.n(), (chunks + t - 1) / t * t);
        return (s.n() + chunks - 1) / chunks;
    }

    static void forward(float[] out, int outOff, float[] in, int inOff, float[] wt, int wOff,
                        float[] bias, int bOff, Conv2dShape s) {
        int n = s.n(), nb = imagesPerChunk(s), chunks = (n + nb - 1) / nb;
        // One chunk per part, claimed as threads finish (a thread slowed by other load no longer holds the
        // other at the barrier with half the chunks); the GEMM inside a part runs on its thread alone.
        Parallel.forEach(chunks, c -> chunk(out, outOff, in, inOff, wt, wOff, bias, bOff, s, c * nb, Math.min(n, (c + 1) * nb)));
    }

    /** Images [b0, b1) of every group: im2col side by side, one GEMM, scatter plus bias. */
    private static void chunk(float[] out, int outOff, float[] in, int inOff, float[] wt, int wOff,
                              float[] bias, int bOff, Conv2dShape s, int b0, int b1) {
        int cog = s.cOutPerGroup(), cig = s.cInPerGroup(), k = cig * s.kh() * s.kw();
        int ohw = s.outH() * s.outW(), hw = s.h() * s.w(), cols = (b1 - b0) * ohw;
        boolean pw = Conv2dGemm.pointwise(s);
        float[] col = ConvScratch.get(ConvScratch.BATCH_COL, k * cols);
        float[] tmp = ConvScratch.get(ConvScratch.BATCH_OUT, cog * cols);
        for (int g = 0; g < s.groups(); g++) {
            for (int j = 0; j < b1 - b0; j++) {
                int src = inOff + ((b0 + j) * s.cIn() + g * cig) * hw;
                if (pw) {
                    for (int ci = 0; ci < cig; ci++) System.arraycopy(in, src + ci * hw, col, ci * cols + j * ohw, hw);
                } else {
                    Im2col.im2col(col, j * ohw, cols, in, src, s, 0, s.outH());
                }
            }
            Sgemm.sgemm(false, false, cog, cols, k, 1f, wt, wOff + g * cog * k, k, col, 0, cols, 0f, tmp, 0, cols);
            for (int j = 0; j < b1 - b0; j++) {
                int dst = outOff + ((b0 + j) * s.cOut() + g * cog) * ohw;
                for (int co = 0; co < cog; co++) {
                    float bv = bias == null ? 0f : bias[bOff + g * cog + co];
                    copyAdd(out, dst + co * ohw, tmp, co * cols + j * ohw, ohw, bv);
                }
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
