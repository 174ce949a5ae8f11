package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.ChannelsLast.L;
import static io.colisten.kernels.cpu.ChannelsLast.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Depthwise 3x3 convolution (one input channel per output channel) on channels-last planes, with
 * the bias and optionally ReLU fused:
 * out[oy][ox][c] = relu?(bias[c] + sum over ky, kx < 3 of in[oy sh + ky][ox sw + kx][c] w[3 ky + kx][c]).
 * ReLU is a compare and blend (x <= 0 becomes +0, NaN stays NaN): a lanewise max with Java's NaN
 * and signed-zero rules costs about as much as the nine FMAs of an output.
 * The input plane carries its padding (a zero border, ChannelsLast.zeroBorder), so position
 * (0, 0) of in is the top-left corner of the padded plane. w is packed [9][cp] (pack), bias [cp].
 *
 * <p>Per channel vector the nine weights and the bias stay in registers. Stride 1 computes four
 * outputs of a row together from six loaded input columns per kernel row (18 loads for 36 FMAs
 * instead of 36); other strides load per output. Every output sums its taps in (ky, kx) order
 * starting from the bias, in every path, so results do not depend on the blocking.
 */
public final class NhwcDepthwise3x3 {
    private NhwcDepthwise3x3() {}

    /** Packs weight [c][1][3][3] times scale[ch] (null: 1) into [9][cp], zero past c. */
    public static void pack(float[] packed, int pOff, float[] weight, int wOff, float[] scale, int sOff, int c, int cp) {
        Check.span("depthwise3x3 pack", "packed", packed, pOff, 9L * cp);
        Check.span("depthwise3x3 pack", "weight", weight, wOff, 9L * c);
        if (scale != null) Check.span("depthwise3x3 pack", "scale", scale, sOff, c);
        for (int t = 0; t < 9; t++) {
            for (int ch = 0; ch < cp; ch++) {
                float v = ch >= c ? 0f : weight[wOff + ch * 9 + t];
                packed[pOff + t * cp + ch] = ch < c && scale != null ? v * scale[sOff + ch] : v;
            }
        }
    }

    /**
     * `images` images: output position (oy, ox) of image i at outOff + i outImage + oy outRow + ox cp,
     * input position (y, x) (padded coordinates) at inOff + i inImage + y inRow + x cp.
     */
    public static void forward(float[] out, int outOff, int outImage, int outRow, float[] in, int inOff, int inImage,
                               int inRow, int images, int oh, int ow, int sh, int sw, int cp, float[] w, int wOff,
                               float[] bias, int bOff, boolean relu) {
        String op = "depthwise3x3 forward";
        if (images < 0 || oh <= 0 || ow <= 0 || sh <= 0 || sw <= 0 || cp <= 0 || cp % L != 0) {
            throw new IllegalArgumentException(op + ": bad shape images " + images + " oh " + oh + " ow " + ow
                    + " stride " + sh + "x" + sw + " cp " + cp + " (a multiple of " + L + ")");
        }
        Check.span(op, "out", out, outOff, ChannelsLast.extent(images, outImage, oh, outRow, ow, cp));
        Check.span(op, "in", in, inOff, ChannelsLast.extent(images, inImage, (oh - 1) * sh + 3, inRow, (ow - 1) * sw + 3, cp));
        Check.span(op, "w", w, wOff, 9L * cp);
        Check.span(op, "bias", bias, bOff, cp);
        for (int img = 0; img < images; img++) {
            for (int j = 0; j < cp; j += L) {
                int o = outOff + img * outImage + j, i = inOff + img * inImage + j;
                if (sw == 1 && cp == L) stride1Narrow(out, o, outRow, in, i, inRow, oh, ow, sh, w, wOff + j, bias, bOff + j, relu);
                else if (sw == 1) stride1(out, o, outRow, in, i, inRow, oh, ow, sh, cp, w, wOff + j, bias, bOff + j, relu);
                else strided(out, o, outRow, in, i, inRow, oh, ow, sh, sw, cp, w, wOff + j, bias, bOff + j, relu);
            }
        }
    }

    /** One channel vector of one image, column stride 1: blocks of four outputs, then single outputs. */
    private static void stride1(float[] out, int o, int outRow, float[] in, int i, int inRow, int oh, int ow, int sh,
                                int cp, float[] w, int wo, float[] bias, int bo, boolean relu) {
        FloatVector w0 = FloatVector.fromArray(S, w, wo), w1 = FloatVector.fromArray(S, w, wo + cp);
        FloatVector w2 = FloatVector.fromArray(S, w, wo + 2 * cp), w3 = FloatVector.fromArray(S, w, wo + 3 * cp);
        FloatVector w4 = FloatVector.fromArray(S, w, wo + 4 * cp), w5 = FloatVector.fromArray(S, w, wo + 5 * cp);
        FloatVector w6 = FloatVector.fromArray(S, w, wo + 6 * cp), w7 = FloatVector.fromArray(S, w, wo + 7 * cp);
        FloatVector w8 = FloatVector.fromArray(S, w, wo + 8 * cp), bv = FloatVector.fromArray(S, bias, bo);
        FloatVector zero = FloatVector.zero(S), thr = FloatVector.broadcast(S, relu ? 0f : Float.NaN);
        for (int oy = 0; oy < oh; oy++) {
            int r0 = i + oy * sh * inRow, r1 = r0 + inRow, r2 = r1 + inRow, ob = o + oy * outRow;
            int ox = 0;
            for (; ox + 4 <= ow; ox += 4) {
                FloatVector a0 = bv, a1 = bv, a2 = bv, a3 = bv;
                int q = r0 + ox * cp;
                FloatVector v0 = FloatVector.fromArray(S, in, q), v1 = FloatVector.fromArray(S, in, q + cp);
                FloatVector v2 = FloatVector.fromArray(S, in, q + 2 * cp), v3 = FloatVector.fromArray(S, in, q + 3 * cp);
                FloatVector v4 = FloatVector.fromArray(S, in, q + 4 * cp), v5 = FloatVector.fromArray(S, in, q + 5 * cp);
                a0 = v0.fma(w0, a0); a1 = v1.fma(w0, a1); a2 = v2.fma(w0, a2); a3 = v3.fma(w0, a3);
                a0 = v1.fma(w1, a0); a1 = v2.fma(w1, a1); a2 = v3.fma(w1, a2); a3 = v4.fma(w1, a3);
                a0 = v2.fma(w2, a0); a1 = v3.fma(w2, a1); a2 = v4.fma(w2, a2); a3 = v5.fma(w2, a3);
                q = r1 + ox * cp;
                v0 = FloatVector.fromArray(S, in, q); v1 = FloatVector.fromArray(S, in, q + cp);
                v2 = FloatVector.fromArray(S, in, q + 2 * cp); v3 = FloatVector.fromArray(S, in, q + 3 * cp);
                v4 = FloatVector.fromArray(S, in, q + 4 * cp); v5 = FloatVector.fromArray(S, in, q + 5 * cp);
                a0 = v0.fma(w3, a0); a1 = v1.fma(w3, a1); a2 = v2.fma(w3, a2); a3 = v3.fma(w3, a3);
                a0 = v1.fma(w4, a0); a1 = v2.fma(w4, a1); a2 = v3.fma(w4, a2); a3 = v4.fma(w4, a3);
                a0 = v2.fma(w5, a0); a1 = v3.fma(w5, a1); a2 = v4.fma(w5, a2); a3 = v5.fma(w5, a3);
                q = r2 + ox * cp;
                v0 = FloatVector.fromArray(S, in, q); v1 = FloatVector.fromArray(S, in, q + cp);
                v2 = FloatVector.fromArray(S, in, q + 2 * cp); v3 = FloatVector.fromArray(S, in, q + 3 * cp);
                v4 = FloatVector.fromArray(S, in, q + 4 * cp); v5 = FloatVector.fromArray(S, in, q + 5 * cp);
                a0 = v0.fma(w6, a0); a1 = v1.fma(w6, a1); a2 = v2.fma(w6, a2); a3 = v3.fma(w6, a3);
                a0 = v1.fma(w7, a0); a1 = v2.fma(w7, a1); a2 = v3.fma(w7, a2); a3 = v4.fma(w7, a3);
                a0 = v2.fma(w8, a0); a1 = v3.fma(w8, a1); a2 = v4.fma(w8, a2); a3 = v5.fma(w8, a3);
                int oo = ob + ox * cp;
                a0.blend(zero, a0.compare(VectorOperators.LE, thr)).intoArray(out, oo);
                a1.blend(zero, a1.compare(VectorOperators.LE, thr)).intoArray(out, oo + cp);
                a2.blend(zero, a2.compare(VectorOperators.LE, thr)).intoArray(out, oo + 2 * cp);
                a3.blend(zero, a3.compare(VectorOperators.LE, thr)).intoArray(out, oo + 3 * cp);
            }
            for (; ox < ow; ox++) {
                int q0 = r0 + ox * cp, q1 = r1 + ox * cp, q2 = r2 + ox * cp;
                FloatVector a = bv;
                a = FloatVector.fromArray(S, in, q0).fma(w0, a);
                a = FloatVector.fromArray(S, in, q0 + cp).fma(w1, a);
                a = FloatVector.fromArray(S, in, q0 + 2 * cp).fma(w2, a);
                a = FloatVector.fromArray(S, in, q1).fma(w3, a);
                a = FloatVector.fromArray(S, in, q1 + cp).fma(w4, a);
                a = FloatVector.fromArray(S, in, q1 + 2 * cp).fma(w5, a);
                a = FloatVector.fromArray(S, in, q2).fma(w6, a);
                a = FloatVector.fromArray(S, in, q2 + cp).fma(w7, a);
                a = FloatVector.fromArray(S, in, q2 + 2 * cp).fma(w8, a);
                a.blend(zero, a.compare(VectorOperators.LE, thr)).intoArray(out, ob + ox * cp);
            }
        }
    }

    /**
     * stride1 for planes of one channel vector (L == L): the position stride is then a constant, so
     * every load index is linear in the loop variable and C2 drops the range checks (with L a
     * variable it cannot).
     */
    private static void stride1Narrow(float[] out, int o, int outRow, float[] in, int i, int inRow, int oh, int ow, int sh,
                                     float[] w, int wo, float[] bias, int bo, boolean relu) {
        FloatVector w0 = FloatVector.fromArray(S, w, wo), w1 = FloatVector.fromArray(S, w, wo + L);
        FloatVector w2 = FloatVector.fromArray(S, w, wo + 2 * L), w3 = FloatVector.fromArray(S, w, wo + 3 * L);
        FloatVector w4 = FloatVector.fromArray(S, w, wo + 4 * L), w5 = FloatVector.fromArray(S, w, wo + 5 * L);
        FloatVector w6 = FloatVector.fromArray(S, w, wo + 6 * L), w7 = FloatVector.fromArray(S, w, wo + 7 * L);
        FloatVector w8 = FloatVector.fromArray(S, w, wo + 8 * L), bv = FloatVector.fromArray(S, bias, bo);
        FloatVector zero = FloatVector.zero(S), thr = FloatVector.broadcast(S, relu ? 0f : Float.NaN);
        for (int oy = 0; oy < oh; oy++) {
            int r0 = i + oy * sh * inRow, r1 = r0 + inRow, r2 = r1 + inRow, ob = o + oy * outRow;
            int ox = 0;
            for (; ox + 4 <= ow; ox += 4) {
                FloatVector a0 = bv, a1 = bv, a2 = bv, a3 = bv;
                int q = r0 + ox * L;
                FloatVector v0 = FloatVector.fromArray(S, in, q), v1 = FloatVector.fromArray(S, in, q + L);
                FloatVector v2 = FloatVector.fromArray(S, in, q + 2 * L), v3 = FloatVector.fromArray(S, in, q + 3 * L);
                FloatVector v4 = FloatVector.fromArray(S, in, q + 4 * L), v5 = FloatVector.fromArray(S, in, q + 5 * L);
                a0 = v0.fma(w0, a0); a1 = v1.fma(w0, a1); a2 = v2.fma(w0, a2); a3 = v3.fma(w0, a3);
                a0 = v1.fma(w1, a0); a1 = v2.fma(w1, a1); a2 = v3.fma(w1, a2); a3 = v4.fma(w1, a3);
                a0 = v2.fma(w2, a0); a1 = v3.fma(w2, a1); a2 = v4.fma(w2, a2); a3 = v5.fma(w2, a3);
                q = r1 + ox * L;
                v0 = FloatVector.fromArray(S, in, q); v1 = FloatVector.fromArray(S, in, q + L);
                v2 = FloatVector.fromArray(S, in, q + 2 * L); v3 = FloatVector.fromArray(S, in, q + 3 * L);
                v4 = FloatVector.fromArray(S, in, q + 4 * L); v5 = FloatVector.fromArray(S, in, q + 5 * L);
                a0 = v0.fma(w3, a0); a1 = v1.fma(w3, a1); a2 = v2.fma(w3, a2); a3 = v3.fma(w3, a3);
                a0 = v1.fma(w4, a0); a1 = v2.fma(w4, a1); a2 = v3.fma(w4, a2); a3 = v4.fma(w4, a3);
                a0 = v2.fma(w5, a0); a1 = v3.fma(w5, a1); a2 = v4.fma(w5, a2); a3 = v5.fma(w5, a3);
                q = r2 + ox * L;
                v0 = FloatVector.fromArray(S, in, q); v1 = FloatVector.fromArray(S, in, q + L);
                v2 = FloatVector.fromArray(S, in, q + 2 * L); v3 = FloatVector.fromArray(S, in, q + 3 * L);
                v4 = FloatVector.fromArray(S, in, q + 4 * L); v5 = FloatVector.fromArray(S, in, q + 5 * L);
                a0 = v0.fma(w6, a0); a1 = v1.fma(w6, a1); a2 = v2.fma(w6, a2); a3 = v3.fma(w6, a3);
                a0 = v1.fma(w7, a0); a1 = v2.fma(w7, a1); a2 = v3.fma(w7, a2); a3 = v4.fma(w7, a3);
                a0 = v2.fma(w8, a0); a1 = v3.fma(w8, a1); a2 = v4.fma(w8, a2); a3 = v5.fma(w8, a3);
                int oo = ob + ox * L;
                a0.blend(zero, a0.compare(VectorOperators.LE, thr)).intoArray(out, oo);
                a1.blend(zero, a1.compare(VectorOperators.LE, thr)).intoArray(out, oo + L);
                a2.blend(zero, a2.compare(VectorOperators.LE, thr)).intoArray(out, oo + 2 * L);
                a3.blend(zero, a3.compare(VectorOperators.LE, thr)).intoArray(out, oo + 3 * L);
            }
            for (; ox < ow; ox++) {
                int q0 = r0 + ox * L, q1 = r1 + ox * L, q2 = r2 + ox * L;
                FloatVector a = bv;
                a = FloatVector.fromArray(S, in, q0).fma(w0, a);
                a = FloatVector.fromArray(S, in, q0 + L).fma(w1, a);
                a = FloatVector.fromArray(S, in, q0 + 2 * L).fma(w2, a);
                a = FloatVector.fromArray(S, in, q1).fma(w3, a);
                a = FloatVector.fromArray(S, in, q1 + L).fma(w4, a);
                a = FloatVector.fromArray(S, in, q1 + 2 * L).fma(w5, a);
                a = FloatVector.fromArray(S, in, q2).fma(w6, a);
                a = FloatVector.fromArray(S, in, q2 + L).fma(w7, a);
                a = FloatVector.fromArray(S, in, q2 + 2 * L).fma(w8, a);
                a.blend(zero, a.compare(VectorOperators.LE, thr)).intoArray(out, ob + ox * L);
            }
        }
    }

    /** One channel vector of one image, any column stride: two outputs at a time, then one. */
    private static void strided(float[] out, int o, int outRow, float[] in, int i, int inRow, int oh, int ow, int sh,
                                int sw, int cp, float[] w, int wo, float[] bias, int bo, boolean relu) {
        FloatVector w0 = FloatVector.fromArray(S, w, wo), w1 = FloatVector.fromArray(S, w, wo + cp);
        FloatVector w2 = FloatVector.fromArray(S, w, wo + 2 * cp), w3 = FloatVector.fromArray(S, w, wo + 3 * cp);
        FloatVector w4 = FloatVector.fromArray(S, w, wo + 4 * cp), w5 = FloatVector.fromArray(S, w, wo + 5 * cp);
        FloatVector w6 = FloatVector.fromArray(S, w, wo + 6 * cp), w7 = FloatVector.fromArray(S, w, wo + 7 * cp);
        FloatVector w8 = FloatVector.fromArray(S, w, wo + 8 * cp), bv = FloatVector.fromArray(S, bias, bo);
        FloatVector zero = FloatVector.zero(S), thr = FloatVector.broadcast(S, relu ? 0f : Float.NaN);
        int step = sw * cp;
        for (int oy = 0; oy < oh; oy++) {
            int r0 = i + oy * sh * inRow, r1 = r0 + inRow, r2 = r1 + inRow, ob = o + oy * outRow;
            int ox = 0;
            for (; ox + 2 <= ow; ox += 2) {
                int q0 = r0 + ox * step, q1 = r1 + ox * step, q2 = r2 + ox * step;
                FloatVector a = bv, b = bv;
                a = FloatVector.fromArray(S, in, q0).fma(w0, a);
                b = FloatVector.fromArray(S, in, q0 + step).fma(w0, b);
                a = FloatVector.fromArray(S, in, q0 + cp).fma(w1, a);
                b = FloatVector.fromArray(S, in, q0 + step + cp).fma(w1, b);
                a = FloatVector.fromArray(S, in, q0 + 2 * cp).fma(w2, a);
                b = FloatVector.fromArray(S, in, q0 + step + 2 * cp).fma(w2, b);
                a = FloatVector.fromArray(S, in, q1).fma(w3, a);
                b = FloatVector.fromArray(S, in, q1 + step).fma(w3, b);
                a = FloatVector.fromArray(S, in, q1 + cp).fma(w4, a);
                b = FloatVector.fromArray(S, in, q1 + step + cp).fma(w4, b);
                a = FloatVector.fromArray(S, in, q1 + 2 * cp).fma(w5, a);
                b = FloatVector.fromArray(S, in, q1 + step + 2 * cp).fma(w5, b);
                a = FloatVector.fromArray(S, in, q2).fma(w6, a);
                b = FloatVector.fromArray(S, in, q2 + step).fma(w6, b);
                a = FloatVector.fromArray(S, in, q2 + cp).fma(w7, a);
                b = FloatVector.fromArray(S, in, q2 + step + cp).fma(w7, b);
                a = FloatVector.fromArray(S, in, q2 + 2 * cp).fma(w8, a);
                b = FloatVector.fromArray(S, in, q2 + step + 2 * cp).fma(w8, b);
                a.blend(zero, a.compare(VectorOperators.LE, thr)).intoArray(out, ob + ox * cp);
                b.blend(zero, b.compare(VectorOperators.LE, thr)).intoArray(out, ob + (ox + 1) * cp);
            }
            for (; ox < ow; ox++) {
                int q0 = r0 + ox * step, q1 = r1 + ox * step, q2 = r2 + ox * step;
                FloatVector a = bv;
                a = FloatVector.fromArray(S, in, q0).fma(w0, a);
                a = FloatVector.fromArray(S, in, q0 + cp).fma(w1, a);
                a = FloatVector.fromArray(S, in, q0 + 2 * cp).fma(w2, a);
                a = FloatVector.fromArray(S, in, q1).fma(w3, a);
                a = FloatVector.fromArray(S, in, q1 + cp).fma(w4, a);
                a = FloatVector.fromArray(S, in, q1 + 2 * cp).fma(w5, a);
                a = FloatVector.fromArray(S, in, q2).fma(w6, a);
                a = FloatVector.fromArray(S, in, q2 + cp).fma(w7, a);
                a = FloatVector.fromArray(S, in, q2 + 2 * cp).fma(w8, a);
                a.blend(zero, a.compare(VectorOperators.LE, thr)).intoArray(out, ob + ox * cp);
            }
        }
    }
}
