package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.ChannelsLast.L;
import static io.colisten.kernels.cpu.ChannelsLast.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * A convolution with one input channel (a network's first layer on the log-mel plane) writing
 * channels-last output with the bias and optionally ReLU fused (x <= 0 becomes +0, NaN stays NaN):
 * out[oy][ox][c] = relu?(bias[c] + sum over ky < kh, kx < kw of pin[oy sh + ky][ox sw + kx] w[ky kw + kx][c]).
 * pin is the input plane with its padding already in place (ChannelsLast.padPlane), so no tap is
 * out of bounds; w is packed [kh kw][cp] (pack), bias [cp]. Four positions at a time share each
 * weight vector load; taps in (ky, kx) order, so every position sums in the same order.
 */
public final class NhwcStemConv {
    private static final int PB = 4;

    private NhwcStemConv() {}

    /** Packs weight [cOut][1][kh][kw] times scale[co] (null: 1) into [kh kw][cp], zero past cOut. */
    public static void pack(float[] packed, int pOff, float[] weight, int wOff, float[] scale, int sOff, int cOut,
                            int kh, int kw, int cp) {
        int taps = kh * kw;
        Check.span("stemConv pack", "packed", packed, pOff, (long) taps * cp);
        Check.span("stemConv pack", "weight", weight, wOff, (long) cOut * taps);
        if (scale != null) Check.span("stemConv pack", "scale", scale, sOff, cOut);
        for (int t = 0; t < taps; t++) {
            for (int c = 0; c < cp; c++) {
                packed[pOff + t * cp + c] = c >= cOut ? 0f
                        : scale == null ? weight[wOff + c * taps + t] : weight[wOff + c * taps + t] * scale[sOff + c];
            }
        }
    }

    /**
     * One image: out (position (oy, ox) at outOff + oy outRow + ox cp) from the padded plane pin
     * (row stride pinRow, at least (oh - 1) sh + kh rows and (ow - 1) sw + kw columns).
     */
    public static void forward(float[] out, int outOff, int outRow, float[] pin, int pinOff, int pinRow, int oh, int ow,
                               int kh, int kw, int sh, int sw, int cp, float[] w, int wOff, float[] bias, int bOff,
                               boolean relu) {
        String op = "stemConv forward";
        if (oh <= 0 || ow <= 0 || kh <= 0 || kw <= 0 || sh <= 0 || sw <= 0 || cp <= 0 || cp % L != 0) {
            throw new IllegalArgumentException(op + ": bad shape oh " + oh + " ow " + ow + " kernel " + kh + "x" + kw
                    + " stride " + sh + "x" + sw + " cp " + cp + " (a multiple of " + L + ")");
        }
        Check.span(op, "out", out, outOff, ChannelsLast.extent(1, 0, oh, outRow, ow, cp));
        Check.span(op, "pin", pin, pinOff, (long) ((oh - 1) * sh + kh - 1) * pinRow + (ow - 1) * sw + kw);
        Check.span(op, "w", w, wOff, (long) kh * kw * cp);
        Check.span(op, "bias", bias, bOff, cp);
        for (int j = 0; j < cp; j += L) {
            FloatVector bv = FloatVector.fromArray(S, bias, bOff + j);
            FloatVector zero = FloatVector.zero(S), thr = FloatVector.broadcast(S, relu ? 0f : Float.NaN);
            for (int oy = 0; oy < oh; oy++) {
                int row = pinOff + oy * sh * pinRow, o = outOff + oy * outRow + j;
                int ox = 0;
                for (; ox + PB <= ow; ox += PB) {
                    FloatVector a0 = bv, a1 = bv, a2 = bv, a3 = bv;
                    int q = row + ox * sw;
                    for (int ky = 0, t = 0; ky < kh; ky++) {
                        for (int kx = 0; kx < kw; kx++, t++) {
                            FloatVector wv = FloatVector.fromArray(S, w, wOff + t * cp + j);
                            int qi = q + ky * pinRow + kx;
                            a0 = FloatVector.broadcast(S, pin[qi]).fma(wv, a0);
                            a1 = FloatVector.broadcast(S, pin[qi + sw]).fma(wv, a1);
                            a2 = FloatVector.broadcast(S, pin[qi + 2 * sw]).fma(wv, a2);
                            a3 = FloatVector.broadcast(S, pin[qi + 3 * sw]).fma(wv, a3);
                        }
                    }
                    int oo = o + ox * cp;
                    a0.blend(zero, a0.compare(VectorOperators.LE, thr)).intoArray(out, oo);
                    a1.blend(zero, a1.compare(VectorOperators.LE, thr)).intoArray(out, oo + cp);
                    a2.blend(zero, a2.compare(VectorOperators.LE, thr)).intoArray(out, oo + 2 * cp);
                    a3.blend(zero, a3.compare(VectorOperators.LE, thr)).intoArray(out, oo + 3 * cp);
                }
                for (; ox < ow; ox++) {
                    FloatVector a0 = bv;
                    int q = row + ox * sw;
                    for (int ky = 0, t = 0; ky < kh; ky++) {
                        for (int kx = 0; kx < kw; kx++, t++) {
                            a0 = FloatVector.broadcast(S, pin[q + ky * pinRow + kx])
                                    .fma(FloatVector.fromArray(S, w, wOff + t * cp + j), a0);
                        }
                    }
                    a0.blend(zero, a0.compare(VectorOperators.LE, thr)).intoArray(out, o + ox * cp);
                }
            }
        }
    }
}
