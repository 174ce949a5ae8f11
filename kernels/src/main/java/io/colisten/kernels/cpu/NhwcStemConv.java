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
        if (kh == 3 && kw == 3) {
            for (int j = 0; j < cp; j += L) {
                if (sw == 1) forward3x3Unit(out, outOff + j, outRow, pin, pinOff, pinRow, oh, ow, sh, sw, cp, w, wOff + j, bias, bOff + j, relu);
                else forward3x3Strided(out, outOff + j, outRow, pin, pinOff, pinRow, oh, ow, sh, sw, cp, w, wOff + j, bias, bOff + j, relu);
            }
            return;
        }
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

    /**
     * 3x3 taps, column stride 1, one channel vector: the nine weight vectors stay in registers and
     * eight positions share them; taps in the same (ky, kx) order as the general loop, so the sums are
     * identical. Every input index is the loop variable plus a constant, which lets C2 drop the range
     * checks of the 72 scalar loads per block. (One method per stride: together they were too large
     * for C1's register allocator, which then left the method in tier-2 code running the Vector API's
     * Java fallback.)
     */
    private static void forward3x3Unit(float[] out, int o, int outRow, float[] pin, int pinOff, int pinRow, int oh, int ow,
                                   int sh, int sw, int cp, float[] w, int wo, float[] bias, int bo, boolean relu) {
        FloatVector w0 = FloatVector.fromArray(S, w, wo + 0 * cp), w1 = FloatVector.fromArray(S, w, wo + 1 * cp), w2 = FloatVector.fromArray(S, w, wo + 2 * cp);
        FloatVector w3 = FloatVector.fromArray(S, w, wo + 3 * cp), w4 = FloatVector.fromArray(S, w, wo + 4 * cp), w5 = FloatVector.fromArray(S, w, wo + 5 * cp);
        FloatVector w6 = FloatVector.fromArray(S, w, wo + 6 * cp), w7 = FloatVector.fromArray(S, w, wo + 7 * cp), w8 = FloatVector.fromArray(S, w, wo + 8 * cp);
        FloatVector bv = FloatVector.fromArray(S, bias, bo);
        FloatVector zero = FloatVector.zero(S), thr = FloatVector.broadcast(S, relu ? 0f : Float.NaN);
        for (int oy = 0; oy < oh; oy++) {
            int r0 = pinOff + oy * sh * pinRow, r1 = r0 + pinRow, r2 = r1 + pinRow, ob = o + oy * outRow;
            int ox = 0;
            for (; ox + 8 <= ow; ox += 8) {
                FloatVector a0 = bv, a1 = bv, a2 = bv, a3 = bv, a4 = bv, a5 = bv, a6 = bv, a7 = bv;
                a0 = FloatVector.broadcast(S, pin[r0 + ox]).fma(w0, a0);
                a1 = FloatVector.broadcast(S, pin[r0 + ox + 1]).fma(w0, a1);
                a2 = FloatVector.broadcast(S, pin[r0 + ox + 2]).fma(w0, a2);
                a3 = FloatVector.broadcast(S, pin[r0 + ox + 3]).fma(w0, a3);
                a4 = FloatVector.broadcast(S, pin[r0 + ox + 4]).fma(w0, a4);
                a5 = FloatVector.broadcast(S, pin[r0 + ox + 5]).fma(w0, a5);
                a6 = FloatVector.broadcast(S, pin[r0 + ox + 6]).fma(w0, a6);
                a7 = FloatVector.broadcast(S, pin[r0 + ox + 7]).fma(w0, a7);
                a0 = FloatVector.broadcast(S, pin[r0 + ox + 1]).fma(w1, a0);
                a1 = FloatVector.broadcast(S, pin[r0 + ox + 2]).fma(w1, a1);
                a2 = FloatVector.broadcast(S, pin[r0 + ox + 3]).fma(w1, a2);
                a3 = FloatVector.broadcast(S, pin[r0 + ox + 4]).fma(w1, a3);
                a4 = FloatVector.broadcast(S, pin[r0 + ox + 5]).fma(w1, a4);
                a5 = FloatVector.broadcast(S, pin[r0 + ox + 6]).fma(w1, a5);
                a6 = FloatVector.broadcast(S, pin[r0 + ox + 7]).fma(w1, a6);
                a7 = FloatVector.broadcast(S, pin[r0 + ox + 8]).fma(w1, a7);
                a0 = FloatVector.broadcast(S, pin[r0 + ox + 2]).fma(w2, a0);
                a1 = FloatVector.broadcast(S, pin[r0 + ox + 3]).fma(w2, a1);
                a2 = FloatVector.broadcast(S, pin[r0 + ox + 4]).fma(w2, a2);
                a3 = FloatVector.broadcast(S, pin[r0 + ox + 5]).fma(w2, a3);
                a4 = FloatVector.broadcast(S, pin[r0 + ox + 6]).fma(w2, a4);
                a5 = FloatVector.broadcast(S, pin[r0 + ox + 7]).fma(w2, a5);
                a6 = FloatVector.broadcast(S, pin[r0 + ox + 8]).fma(w2, a6);
                a7 = FloatVector.broadcast(S, pin[r0 + ox + 9]).fma(w2, a7);
                a0 = FloatVector.broadcast(S, pin[r1 + ox]).fma(w3, a0);
                a1 = FloatVector.broadcast(S, pin[r1 + ox + 1]).fma(w3, a1);
                a2 = FloatVector.broadcast(S, pin[r1 + ox + 2]).fma(w3, a2);
                a3 = FloatVector.broadcast(S, pin[r1 + ox + 3]).fma(w3, a3);
                a4 = FloatVector.broadcast(S, pin[r1 + ox + 4]).fma(w3, a4);
                a5 = FloatVector.broadcast(S, pin[r1 + ox + 5]).fma(w3, a5);
                a6 = FloatVector.broadcast(S, pin[r1 + ox + 6]).fma(w3, a6);
                a7 = FloatVector.broadcast(S, pin[r1 + ox + 7]).fma(w3, a7);
                a0 = FloatVector.broadcast(S, pin[r1 + ox + 1]).fma(w4, a0);
                a1 = FloatVector.broadcast(S, pin[r1 + ox + 2]).fma(w4, a1);
                a2 = FloatVector.broadcast(S, pin[r1 + ox + 3]).fma(w4, a2);
                a3 = FloatVector.broadcast(S, pin[r1 + ox + 4]).fma(w4, a3);
                a4 = FloatVector.broadcast(S, pin[r1 + ox + 5]).fma(w4, a4);
                a5 = FloatVector.broadcast(S, pin[r1 + ox + 6]).fma(w4, a5);
                a6 = FloatVector.broadcast(S, pin[r1 + ox + 7]).fma(w4, a6);
                a7 = FloatVector.broadcast(S, pin[r1 + ox + 8]).fma(w4, a7);
                a0 = FloatVector.broadcast(S, pin[r1 + ox + 2]).fma(w5, a0);
                a1 = FloatVector.broadcast(S, pin[r1 + ox + 3]).fma(w5, a1);
                a2 = FloatVector.broadcast(S, pin[r1 + ox + 4]).fma(w5, a2);
                a3 = FloatVector.broadcast(S, pin[r1 + ox + 5]).fma(w5, a3);
                a4 = FloatVector.broadcast(S, pin[r1 + ox + 6]).fma(w5, a4);
                a5 = FloatVector.broadcast(S, pin[r1 + ox + 7]).fma(w5, a5);
                a6 = FloatVector.broadcast(S, pin[r1 + ox + 8]).fma(w5, a6);
                a7 = FloatVector.broadcast(S, pin[r1 + ox + 9]).fma(w5, a7);
                a0 = FloatVector.broadcast(S, pin[r2 + ox]).fma(w6, a0);
                a1 = FloatVector.broadcast(S, pin[r2 + ox + 1]).fma(w6, a1);
                a2 = FloatVector.broadcast(S, pin[r2 + ox + 2]).fma(w6, a2);
                a3 = FloatVector.broadcast(S, pin[r2 + ox + 3]).fma(w6, a3);
                a4 = FloatVector.broadcast(S, pin[r2 + ox + 4]).fma(w6, a4);
                a5 = FloatVector.broadcast(S, pin[r2 + ox + 5]).fma(w6, a5);
                a6 = FloatVector.broadcast(S, pin[r2 + ox + 6]).fma(w6, a6);
                a7 = FloatVector.broadcast(S, pin[r2 + ox + 7]).fma(w6, a7);
                a0 = FloatVector.broadcast(S, pin[r2 + ox + 1]).fma(w7, a0);
                a1 = FloatVector.broadcast(S, pin[r2 + ox + 2]).fma(w7, a1);
                a2 = FloatVector.broadcast(S, pin[r2 + ox + 3]).fma(w7, a2);
                a3 = FloatVector.broadcast(S, pin[r2 + ox + 4]).fma(w7, a3);
                a4 = FloatVector.broadcast(S, pin[r2 + ox + 5]).fma(w7, a4);
                a5 = FloatVector.broadcast(S, pin[r2 + ox + 6]).fma(w7, a5);
                a6 = FloatVector.broadcast(S, pin[r2 + ox + 7]).fma(w7, a6);
                a7 = FloatVector.broadcast(S, pin[r2 + ox + 8]).fma(w7, a7);
                a0 = FloatVector.broadcast(S, pin[r2 + ox + 2]).fma(w8, a0);
                a1 = FloatVector.broadcast(S, pin[r2 + ox + 3]).fma(w8, a1);
                a2 = FloatVector.broadcast(S, pin[r2 + ox + 4]).fma(w8, a2);
                a3 = FloatVector.broadcast(S, pin[r2 + ox + 5]).fma(w8, a3);
                a4 = FloatVector.broadcast(S, pin[r2 + ox + 6]).fma(w8, a4);
                a5 = FloatVector.broadcast(S, pin[r2 + ox + 7]).fma(w8, a5);
                a6 = FloatVector.broadcast(S, pin[r2 + ox + 8]).fma(w8, a6);
                a7 = FloatVector.broadcast(S, pin[r2 + ox + 9]).fma(w8, a7);
                a0.blend(zero, a0.compare(VectorOperators.LE, thr)).intoArray(out, ob + ox * cp);
                a1.blend(zero, a1.compare(VectorOperators.LE, thr)).intoArray(out, ob + (ox + 1) * cp);
                a2.blend(zero, a2.compare(VectorOperators.LE, thr)).intoArray(out, ob + (ox + 2) * cp);
                a3.blend(zero, a3.compare(VectorOperators.LE, thr)).intoArray(out, ob + (ox + 3) * cp);
                a4.blend(zero, a4.compare(VectorOperators.LE, thr)).intoArray(out, ob + (ox + 4) * cp);
                a5.blend(zero, a5.compare(VectorOperators.LE, thr)).intoArray(out, ob + (ox + 5) * cp);
                a6.blend(zero, a6.compare(VectorOperators.LE, thr)).intoArray(out, ob + (ox + 6) * cp);
                a7.blend(zero, a7.compare(VectorOperators.LE, thr)).intoArray(out, ob + (ox + 7) * cp);
            }
            for (; ox < ow; ox++) {
                int q = ox * sw;
                FloatVector a = bv;
                a = FloatVector.broadcast(S, pin[r0 + q]).fma(w0, a);
                a = FloatVector.broadcast(S, pin[r0 + q + 1]).fma(w1, a);
                a = FloatVector.broadcast(S, pin[r0 + q + 2]).fma(w2, a);
                a = FloatVector.broadcast(S, pin[r1 + q]).fma(w3, a);
                a = FloatVector.broadcast(S, pin[r1 + q + 1]).fma(w4, a);
                a = FloatVector.broadcast(S, pin[r1 + q + 2]).fma(w5, a);
                a = FloatVector.broadcast(S, pin[r2 + q]).fma(w6, a);
                a = FloatVector.broadcast(S, pin[r2 + q + 1]).fma(w7, a);
                a = FloatVector.broadcast(S, pin[r2 + q + 2]).fma(w8, a);
                a.blend(zero, a.compare(VectorOperators.LE, thr)).intoArray(out, ob + ox * cp);
            }
        }
    }

    /** forward3x3Unit for any column stride (index arithmetic per load, so range checks stay). */
    private static void forward3x3Strided(float[] out, int o, int outRow, float[] pin, int pinOff, int pinRow, int oh, int ow,
                                   int sh, int sw, int cp, float[] w, int wo, float[] bias, int bo, boolean relu) {
        FloatVector w0 = FloatVector.fromArray(S, w, wo + 0 * cp), w1 = FloatVector.fromArray(S, w, wo + 1 * cp), w2 = FloatVector.fromArray(S, w, wo + 2 * cp);
        FloatVector w3 = FloatVector.fromArray(S, w, wo + 3 * cp), w4 = FloatVector.fromArray(S, w, wo + 4 * cp), w5 = FloatVector.fromArray(S, w, wo + 5 * cp);
        FloatVector w6 = FloatVector.fromArray(S, w, wo + 6 * cp), w7 = FloatVector.fromArray(S, w, wo + 7 * cp), w8 = FloatVector.fromArray(S, w, wo + 8 * cp);
        FloatVector bv = FloatVector.fromArray(S, bias, bo);
        FloatVector zero = FloatVector.zero(S), thr = FloatVector.broadcast(S, relu ? 0f : Float.NaN);
        for (int oy = 0; oy < oh; oy++) {
            int r0 = pinOff + oy * sh * pinRow, r1 = r0 + pinRow, r2 = r1 + pinRow, ob = o + oy * outRow;
            int ox = 0;
            for (; ox + 8 <= ow; ox += 8) {
                FloatVector a0 = bv, a1 = bv, a2 = bv, a3 = bv, a4 = bv, a5 = bv, a6 = bv, a7 = bv;
                int q = ox * sw;
                a0 = FloatVector.broadcast(S, pin[r0 + q]).fma(w0, a0);
                a1 = FloatVector.broadcast(S, pin[r0 + q + 1 * sw]).fma(w0, a1);
                a2 = FloatVector.broadcast(S, pin[r0 + q + 2 * sw]).fma(w0, a2);
                a3 = FloatVector.broadcast(S, pin[r0 + q + 3 * sw]).fma(w0, a3);
                a4 = FloatVector.broadcast(S, pin[r0 + q + 4 * sw]).fma(w0, a4);
                a5 = FloatVector.broadcast(S, pin[r0 + q + 5 * sw]).fma(w0, a5);
                a6 = FloatVector.broadcast(S, pin[r0 + q + 6 * sw]).fma(w0, a6);
                a7 = FloatVector.broadcast(S, pin[r0 + q + 7 * sw]).fma(w0, a7);
                a0 = FloatVector.broadcast(S, pin[r0 + q + 1]).fma(w1, a0);
                a1 = FloatVector.broadcast(S, pin[r0 + q + 1 * sw + 1]).fma(w1, a1);
                a2 = FloatVector.broadcast(S, pin[r0 + q + 2 * sw + 1]).fma(w1, a2);
                a3 = FloatVector.broadcast(S, pin[r0 + q + 3 * sw + 1]).fma(w1, a3);
                a4 = FloatVector.broadcast(S, pin[r0 + q + 4 * sw + 1]).fma(w1, a4);
                a5 = FloatVector.broadcast(S, pin[r0 + q + 5 * sw + 1]).fma(w1, a5);
                a6 = FloatVector.broadcast(S, pin[r0 + q + 6 * sw + 1]).fma(w1, a6);
                a7 = FloatVector.broadcast(S, pin[r0 + q + 7 * sw + 1]).fma(w1, a7);
                a0 = FloatVector.broadcast(S, pin[r0 + q + 2]).fma(w2, a0);
                a1 = FloatVector.broadcast(S, pin[r0 + q + 1 * sw + 2]).fma(w2, a1);
                a2 = FloatVector.broadcast(S, pin[r0 + q + 2 * sw + 2]).fma(w2, a2);
                a3 = FloatVector.broadcast(S, pin[r0 + q + 3 * sw + 2]).fma(w2, a3);
                a4 = FloatVector.broadcast(S, pin[r0 + q + 4 * sw + 2]).fma(w2, a4);
                a5 = FloatVector.broadcast(S, pin[r0 + q + 5 * sw + 2]).fma(w2, a5);
                a6 = FloatVector.broadcast(S, pin[r0 + q + 6 * sw + 2]).fma(w2, a6);
                a7 = FloatVector.broadcast(S, pin[r0 + q + 7 * sw + 2]).fma(w2, a7);
                a0 = FloatVector.broadcast(S, pin[r1 + q]).fma(w3, a0);
                a1 = FloatVector.broadcast(S, pin[r1 + q + 1 * sw]).fma(w3, a1);
                a2 = FloatVector.broadcast(S, pin[r1 + q + 2 * sw]).fma(w3, a2);
                a3 = FloatVector.broadcast(S, pin[r1 + q + 3 * sw]).fma(w3, a3);
                a4 = FloatVector.broadcast(S, pin[r1 + q + 4 * sw]).fma(w3, a4);
                a5 = FloatVector.broadcast(S, pin[r1 + q + 5 * sw]).fma(w3, a5);
                a6 = FloatVector.broadcast(S, pin[r1 + q + 6 * sw]).fma(w3, a6);
                a7 = FloatVector.broadcast(S, pin[r1 + q + 7 * sw]).fma(w3, a7);
                a0 = FloatVector.broadcast(S, pin[r1 + q + 1]).fma(w4, a0);
                a1 = FloatVector.broadcast(S, pin[r1 + q + 1 * sw + 1]).fma(w4, a1);
                a2 = FloatVector.broadcast(S, pin[r1 + q + 2 * sw + 1]).fma(w4, a2);
                a3 = FloatVector.broadcast(S, pin[r1 + q + 3 * sw + 1]).fma(w4, a3);
                a4 = FloatVector.broadcast(S, pin[r1 + q + 4 * sw + 1]).fma(w4, a4);
                a5 = FloatVector.broadcast(S, pin[r1 + q + 5 * sw + 1]).fma(w4, a5);
                a6 = FloatVector.broadcast(S, pin[r1 + q + 6 * sw + 1]).fma(w4, a6);
                a7 = FloatVector.broadcast(S, pin[r1 + q + 7 * sw + 1]).fma(w4, a7);
                a0 = FloatVector.broadcast(S, pin[r1 + q + 2]).fma(w5, a0);
                a1 = FloatVector.broadcast(S, pin[r1 + q + 1 * sw + 2]).fma(w5, a1);
                a2 = FloatVector.broadcast(S, pin[r1 + q + 2 * sw + 2]).fma(w5, a2);
                a3 = FloatVector.broadcast(S, pin[r1 + q + 3 * sw + 2]).fma(w5, a3);
                a4 = FloatVector.broadcast(S, pin[r1 + q + 4 * sw + 2]).fma(w5, a4);
                a5 = FloatVector.broadcast(S, pin[r1 + q + 5 * sw + 2]).fma(w5, a5);
                a6 = FloatVector.broadcast(S, pin[r1 + q + 6 * sw + 2]).fma(w5, a6);
                a7 = FloatVector.broadcast(S, pin[r1 + q + 7 * sw + 2]).fma(w5, a7);
                a0 = FloatVector.broadcast(S, pin[r2 + q]).fma(w6, a0);
                a1 = FloatVector.broadcast(S, pin[r2 + q + 1 * sw]).fma(w6, a1);
                a2 = FloatVector.broadcast(S, pin[r2 + q + 2 * sw]).fma(w6, a2);
                a3 = FloatVector.broadcast(S, pin[r2 + q + 3 * sw]).fma(w6, a3);
                a4 = FloatVector.broadcast(S, pin[r2 + q + 4 * sw]).fma(w6, a4);
                a5 = FloatVector.broadcast(S, pin[r2 + q + 5 * sw]).fma(w6, a5);
                a6 = FloatVector.broadcast(S, pin[r2 + q + 6 * sw]).fma(w6, a6);
                a7 = FloatVector.broadcast(S, pin[r2 + q + 7 * sw]).fma(w6, a7);
                a0 = FloatVector.broadcast(S, pin[r2 + q + 1]).fma(w7, a0);
                a1 = FloatVector.broadcast(S, pin[r2 + q + 1 * sw + 1]).fma(w7, a1);
                a2 = FloatVector.broadcast(S, pin[r2 + q + 2 * sw + 1]).fma(w7, a2);
                a3 = FloatVector.broadcast(S, pin[r2 + q + 3 * sw + 1]).fma(w7, a3);
                a4 = FloatVector.broadcast(S, pin[r2 + q + 4 * sw + 1]).fma(w7, a4);
                a5 = FloatVector.broadcast(S, pin[r2 + q + 5 * sw + 1]).fma(w7, a5);
                a6 = FloatVector.broadcast(S, pin[r2 + q + 6 * sw + 1]).fma(w7, a6);
                a7 = FloatVector.broadcast(S, pin[r2 + q + 7 * sw + 1]).fma(w7, a7);
                a0 = FloatVector.broadcast(S, pin[r2 + q + 2]).fma(w8, a0);
                a1 = FloatVector.broadcast(S, pin[r2 + q + 1 * sw + 2]).fma(w8, a1);
                a2 = FloatVector.broadcast(S, pin[r2 + q + 2 * sw + 2]).fma(w8, a2);
                a3 = FloatVector.broadcast(S, pin[r2 + q + 3 * sw + 2]).fma(w8, a3);
                a4 = FloatVector.broadcast(S, pin[r2 + q + 4 * sw + 2]).fma(w8, a4);
                a5 = FloatVector.broadcast(S, pin[r2 + q + 5 * sw + 2]).fma(w8, a5);
                a6 = FloatVector.broadcast(S, pin[r2 + q + 6 * sw + 2]).fma(w8, a6);
                a7 = FloatVector.broadcast(S, pin[r2 + q + 7 * sw + 2]).fma(w8, a7);
                a0.blend(zero, a0.compare(VectorOperators.LE, thr)).intoArray(out, ob + ox * cp);
                a1.blend(zero, a1.compare(VectorOperators.LE, thr)).intoArray(out, ob + (ox + 1) * cp);
                a2.blend(zero, a2.compare(VectorOperators.LE, thr)).intoArray(out, ob + (ox + 2) * cp);
                a3.blend(zero, a3.compare(VectorOperators.LE, thr)).intoArray(out, ob + (ox + 3) * cp);
                a4.blend(zero, a4.compare(VectorOperators.LE, thr)).intoArray(out, ob + (ox + 4) * cp);
                a5.blend(zero, a5.compare(VectorOperators.LE, thr)).intoArray(out, ob + (ox + 5) * cp);
                a6.blend(zero, a6.compare(VectorOperators.LE, thr)).intoArray(out, ob + (ox + 6) * cp);
                a7.blend(zero, a7.compare(VectorOperators.LE, thr)).intoArray(out, ob + (ox + 7) * cp);
            }
            for (; ox < ow; ox++) {
                int q = ox * sw;
                FloatVector a = bv;
                a = FloatVector.broadcast(S, pin[r0 + q]).fma(w0, a);
                a = FloatVector.broadcast(S, pin[r0 + q + 1]).fma(w1, a);
                a = FloatVector.broadcast(S, pin[r0 + q + 2]).fma(w2, a);
                a = FloatVector.broadcast(S, pin[r1 + q]).fma(w3, a);
                a = FloatVector.broadcast(S, pin[r1 + q + 1]).fma(w4, a);
                a = FloatVector.broadcast(S, pin[r1 + q + 2]).fma(w5, a);
                a = FloatVector.broadcast(S, pin[r2 + q]).fma(w6, a);
                a = FloatVector.broadcast(S, pin[r2 + q + 1]).fma(w7, a);
                a = FloatVector.broadcast(S, pin[r2 + q + 2]).fma(w8, a);
                a.blend(zero, a.compare(VectorOperators.LE, thr)).intoArray(out, ob + ox * cp);
            }
        }
    }
}
