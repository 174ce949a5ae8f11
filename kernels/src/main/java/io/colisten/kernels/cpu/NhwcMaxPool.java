package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.ChannelsLast.L;
import static io.colisten.kernels.cpu.ChannelsLast.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Unpadded max-pool on channels-last planes (PyTorch floor mode, no padding):
 * out[oy][ox][c] = max over ky < kh, kx < kw of in[oy sh + ky][ox sw + kx][c]. A NaN in the window
 * gives NaN (lanewise max propagates it), as PyTorch's max-pool does. Output position (oy, ox) of
 * image i at outOff + i outImage + oy outRow + ox cp, so it can write into the interior of a padded plane.
 *
 * <p>Java's lanewise float max (NaN and signed-zero rules) is several instructions; for
 * non-negative inputs (ReLU outputs) an unsigned integer max on the bit patterns does the same job.
 * Each output row first takes the maximum over the kh input rows for every input column it
 * touches (kh - 1 lanewise maxima per column vector, into `colMax`, one row of input columns), then
 * the maximum over kw of those: (kh - 1) + (kw - 1) maxima per output instead of kh kw - 1, and
 * contiguous loads throughout.
 */
public final class NhwcMaxPool {
    private NhwcMaxPool() {}

    /**
     * colMax: scratch of at least 2 ((ow - 1) sw + kw) cp floats. nonNegative: the caller
     * guarantees every input is +0, positive or NaN (never negative or -0; the ReLU of these kernels
     * gives that), which allows a cheaper maximum (rowBits, and pairedBits for windows of two row
     * strides, kh = 2 sh, column stride 1 and kw = 2: MobileNet's extra pool).
     */
    public static void forward(float[] out, int outOff, int outImage, int outRow, float[] in, int inOff, int inImage,
                               int inRow, int images, int oh, int ow, int kh, int kw, int sh, int sw, int cp,
                               boolean nonNegative, float[] colMax) {
        String op = "maxPool forward";
        if (images < 0 || oh <= 0 || ow <= 0 || kh <= 0 || kw <= 0 || sh <= 0 || sw <= 0 || cp <= 0 || cp % L != 0) {
            throw new IllegalArgumentException(op + ": bad shape images " + images + " out " + oh + "x" + ow
                    + " window " + kh + "x" + kw + " stride " + sh + "x" + sw + " cp " + cp);
        }
        int cols = (ow - 1) * sw + kw;
        Check.span(op, "out", out, outOff, ChannelsLast.extent(images, outImage, oh, outRow, ow, cp));
        Check.span(op, "in", in, inOff, ChannelsLast.extent(images, inImage, (oh - 1) * sh + kh, inRow, cols, cp));
        Check.span(op, "colMax", colMax, 0, 2L * cols * cp);
        int rowLen = cols * cp;
        if (nonNegative && kh == 2 * sh && sw == 1 && kw == 2) {
            for (int img = 0; img < images; img++) {
                pairedBits(out, outOff + img * outImage, outRow, in, inOff + img * inImage, inRow, oh, ow, sh, cp, rowLen,
                        colMax);
            }
            return;
        }
        for (int img = 0; img < images; img++) {
            for (int oy = 0; oy < oh; oy++) {
                int r = inOff + img * inImage + oy * sh * inRow, o = outOff + img * outImage + oy * outRow;
                if (nonNegative) rowBits(out, o, in, r, inRow, rowLen, ow, kh, kw, sw, cp, colMax);
                else rowFloats(out, o, in, r, inRow, rowLen, ow, kh, kw, sw, cp, colMax);
            }
        }
    }

    /** One output row with Java's float max (any input). */
    private static void rowFloats(float[] out, int o, float[] in, int r, int inRow, int rowLen, int ow, int kh, int kw,
                                  int sw, int cp, float[] colMax) {
        for (int e = 0; e < rowLen; e += L) {
            FloatVector m = FloatVector.fromArray(S, in, r + e);
            for (int ky = 1; ky < kh; ky++) m = m.max(FloatVector.fromArray(S, in, r + ky * inRow + e));
            m.intoArray(colMax, e);
        }
        for (int ox = 0; ox < ow; ox++) {
            int c0 = ox * sw * cp;
            for (int j = 0; j < cp; j += L) {
                FloatVector m = FloatVector.fromArray(S, colMax, c0 + j);
                for (int kx = 1; kx < kw; kx++) m = m.max(FloatVector.fromArray(S, colMax, c0 + kx * cp + j));
                m.intoArray(out, o + ox * cp + j);
            }
        }
    }

    /**
     * One output row for inputs that are +0, positive or NaN: their bit patterns, read as unsigned
     * ints, order as the floats do and put every NaN above every number, so an unsigned integer max
     * (one instruction) is the float max with NaN propagation. Loops run over the row with the
     * window offset outside, so every index is the loop variable plus an invariant and C2 drops the
     * range checks (an inner loop over ky or kx would scale by the row or channel stride, which it
     * cannot); the row of column maxima stays in L1.
     */
    private static void rowBits(float[] out, int o, float[] in, int r, int inRow, int rowLen, int ow, int kh, int kw,
                                int sw, int cp, float[] colMax) {
        for (int e = 0; e < rowLen; e += L) FloatVector.fromArray(S, in, r + e).intoArray(colMax, e);
        for (int ky = 1; ky < kh; ky++) {
            int rk = r + ky * inRow;
            for (int e = 0; e < rowLen; e += L) {
                FloatVector.fromArray(S, colMax, e).reinterpretAsInts()
                        .lanewise(VectorOperators.UMAX, FloatVector.fromArray(S, in, rk + e).reinterpretAsInts())
                        .reinterpretAsFloats().intoArray(colMax, e);
            }
        }
        if (sw != 1) {
            for (int ox = 0; ox < ow; ox++) {
                int c0 = ox * sw * cp;
                for (int j = 0; j < cp; j += L) {
                    IntVector m = FloatVector.fromArray(S, colMax, c0 + j).reinterpretAsInts();
                    for (int kx = 1; kx < kw; kx++) {
                        m = m.lanewise(VectorOperators.UMAX, FloatVector.fromArray(S, colMax, c0 + kx * cp + j).reinterpretAsInts());
                    }
                    m.reinterpretAsFloats().intoArray(out, o + ox * cp + j);
                }
            }
            return;
        }
        // Column stride 1: output element e takes the maximum of colMax[e + kx cp], kx < kw.
        int outLen = ow * cp;
        for (int e = 0; e < outLen; e += L) FloatVector.fromArray(S, colMax, e).intoArray(out, o + e);
        for (int kx = 1; kx < kw; kx++) {
            int c = kx * cp;
            for (int e = 0; e < outLen; e += L) {
                FloatVector.fromArray(S, out, o + e).reinterpretAsInts()
                        .lanewise(VectorOperators.UMAX, FloatVector.fromArray(S, colMax, c + e).reinterpretAsInts())
                        .reinterpretAsFloats().intoArray(out, o + e);
            }
        }
    }

    /**
     * One image, window rows = two runs of sh rows (kh = 2 sh), kw = 2 at column stride 1, inputs
     * non-negative: output row oy's window is run oy plus run oy + 1, so each run's maximum
     * (`run`, one row of columns) is computed once and shared by two output rows; only sh new input
     * rows are read per output row instead of kh. Then the window's maximum over the row
     * (`win`) and over column pairs. Unsigned integer max on the bits, as rowBits.
     */
    private static void pairedBits(float[] out, int o, int outRow, float[] in, int r, int inRow, int oh, int ow, int sh,
                                   int cp, int rowLen, float[] scratch) {
        int win = rowLen, outLen = ow * cp;
        for (int e = 0; e < rowLen; e += L) {
            IntVector m = FloatVector.fromArray(S, in, r + e).reinterpretAsInts();
            for (int k = 1; k < sh; k++) {
                m = m.lanewise(VectorOperators.UMAX, FloatVector.fromArray(S, in, r + k * inRow + e).reinterpretAsInts());
            }
            m.reinterpretAsFloats().intoArray(scratch, e);
        }
        for (int oy = 0; oy < oh; oy++) {
            int rn = r + (oy + 1) * sh * inRow;
            for (int e = 0; e < rowLen; e += L) {
                IntVector next = FloatVector.fromArray(S, in, rn + e).reinterpretAsInts();
                for (int k = 1; k < sh; k++) {
                    next = next.lanewise(VectorOperators.UMAX, FloatVector.fromArray(S, in, rn + k * inRow + e).reinterpretAsInts());
                }
                IntVector prev = FloatVector.fromArray(S, scratch, e).reinterpretAsInts();
                prev.lanewise(VectorOperators.UMAX, next).reinterpretAsFloats().intoArray(scratch, win + e);
                next.reinterpretAsFloats().intoArray(scratch, e);
            }
            int oo = o + oy * outRow;
            for (int e = 0; e < outLen; e += L) {
                FloatVector.fromArray(S, scratch, win + e).reinterpretAsInts()
                        .lanewise(VectorOperators.UMAX, FloatVector.fromArray(S, scratch, win + cp + e).reinterpretAsInts())
                        .reinterpretAsFloats().intoArray(out, oo + e);
            }
        }
    }
}
