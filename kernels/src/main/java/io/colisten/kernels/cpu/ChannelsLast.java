package io.colisten.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The channels-last activation layout of the fused inference kernels (NhwcStemConv, NhwcDepthwise3x3,
 * NhwcPointwise, NhwcMaxPool, NhwcMeanPool): one image is [h][w][cp], position-major, with the
 * channel count padded to cp, a multiple of the vector length L (padding channels hold 0), so each
 * position is whole vectors and a 1x1 convolution is a GEMM over positions. A plane may carry a zero
 * border (a "padded plane", [h + 2][w + 2][cp] for a 3x3 kernel): the next convolution then reads
 * without bounds checks. Every kernel addresses an image by (offset of position (0, 0), row stride in
 * floats), with position stride cp, so dense and padded planes are the same to it.
 */
public final class ChannelsLast {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Vector lanes; channel counts are padded to a multiple of this. */
    public static final int L = S.length();

    private ChannelsLast() {}

    /** c rounded up to a multiple of L. */
    public static int padChannels(int c) {
        if (c <= 0) throw new IllegalArgumentException("channelsLast: channel count must be positive, got " + c);
        return (c + L - 1) / L * L;
    }

    /**
     * Zeroes the border of `images` padded planes [h + 2 * b][w + 2 * b][cp] (b = border width) that
     * start at off, image stride imageStride; the interior is left as it is.
     */
    public static void zeroBorder(float[] a, int off, int imageStride, int images, int h, int w, int cp, int b) {
        int rowLen = (w + 2 * b) * cp;
        Check.span("zeroBorder", "a", a, off, images == 0 ? 0 : (long) (images - 1) * imageStride + (long) (h + 2 * b) * rowLen);
        for (int img = 0; img < images; img++) {
            int base = off + img * imageStride;
            java.util.Arrays.fill(a, base, base + b * rowLen, 0f);
            java.util.Arrays.fill(a, base + (h + b) * rowLen, base + (h + 2 * b) * rowLen, 0f);
            for (int y = b; y < h + b; y++) {
                int r = base + y * rowLen;
                java.util.Arrays.fill(a, r, r + b * cp, 0f);
                java.util.Arrays.fill(a, r + (w + b) * cp, r + rowLen, 0f);
            }
        }
    }

    /**
     * dst = the h x w plane src (row stride w) inside a zero border of ph rows and pw columns:
     * [(h + 2 ph)][(w + 2 pw)], row stride w + 2 pw (the single-channel input of NhwcStemConv).
     */
    public static void padPlane(float[] dst, int dstOff, float[] src, int srcOff, int h, int w, int ph, int pw) {
        int rw = w + 2 * pw;
        Check.span("padPlane", "dst", dst, dstOff, (long) (h + 2 * ph) * rw);
        Check.span("padPlane", "src", src, srcOff, (long) h * w);
        java.util.Arrays.fill(dst, dstOff, dstOff + ph * rw, 0f);
        for (int y = 0; y < h; y++) {
            int d = dstOff + (y + ph) * rw;
            java.util.Arrays.fill(dst, d, d + pw, 0f);
            System.arraycopy(src, srcOff + y * w, dst, d + pw, w);
            java.util.Arrays.fill(dst, d + pw + w, d + rw, 0f);
        }
        java.util.Arrays.fill(dst, dstOff + (h + ph) * rw, dstOff + (h + 2 * ph) * rw, 0f);
    }

    /** One past the last float that a strided [images][rows][cols][cp] region touches, from its offset. */
    static long extent(int images, int imageStride, int rows, int rowStride, int cols, int cp) {
        if (images == 0 || rows == 0 || cols == 0) return 0;
        return (long) (images - 1) * imageStride + (long) (rows - 1) * rowStride + (long) cols * cp;
    }
}
