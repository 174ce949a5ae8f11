package io.colisten.kernels.dsp;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Forward real FFT of a power-of-two length n >= 8, computed for {@link #LANES} signals at once:
 * one signal per vector lane, so every butterfly is a handful of lanewise vector operations with
 * broadcast twiddles, and no shuffles are needed at any stage.
 *
 * Method: the n real samples of a signal are packed as n/2 complex points z[m] = x[2m] + i x[2m+1];
 * a decimation-in-frequency complex FFT of length n/2 (radix-4 stages, plus one radix-2 stage when
 * log2(n/2) is odd) leaves Z in digit-reversed order, which is never undone: {@link #finishComplex}
 * reads each Z[k] where it lies and splits the pair (Z[k], Z[n/2-k]) into the real spectrum's
 * X[k] and X[n/2-k], writing them back into the same two slots (so the result is in place).
 *
 * Work buffer ({@link #bufferLength()} floats), "lane-major": element e of lane j at e*LANES + j;
 * the real parts of z at elements [0, n/2), the imaginary parts at [n/2, n). After
 * {@code finishComplex(buf)}: Re X[k] at {@link #reOffset}(k), Im X[k] at {@link #imOffset}(k)
 * (X[0] and X[n/2] are real: X[n/2] sits in the imaginary slot of X[0]); after
 * {@code finishMagnitude(buf, lo, hi)}: |X[k]| at reOffset(k) for k in [lo, hi].
 *
 * Twiddles and the digit-reversal table are computed once in double and rounded to float.
 * An instance is immutable and may be shared between threads; the work buffer may not.
 */
public final class RealFft {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Signals transformed together: the float lanes of the preferred vector species. */
    public static final int LANES = S.length();

    private final int n, half;
    /** Lengths of the radix-4 sub-transforms, one entry per radix-4 stage: half, half/4, ..., >= 4. */
    private final int[] radix4Len;
    /** A final radix-2 stage (log2(half) odd). */
    private final boolean radix2;
    /** Per radix-4 stage, per j in [0, len/4): w1r, -w1i, w2r, -w2i, w3r, -w3i for w = e^{-2 pi i j/len}. */
    private final float[] twiddles;
    private final int[] twiddleStart;
    /** cos and sin of 2 pi k / n for k in [0, n/4]: the split of Z into the real spectrum. */
    private final float[] splitCos, splitSin;
    /** slot[k]: where Z[k] lies after the complex FFT (mixed-radix digit reversal of k). */
    private final int[] slot;

    public RealFft(int n) {
        if (n < 8 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("RealFft: length must be a power of two >= 8, got " + n);
        }
        this.n = n;
        this.half = n / 2;
        int stages4 = Integer.numberOfTrailingZeros(half) / 2;
        radix2 = Integer.numberOfTrailingZeros(half) % 2 == 1;
        radix4Len = new int[stages4];
        twiddleStart = new int[stages4];
        int total = 0;
        for (int s = 0, len = half; s < stages4; s++, len /= 4) {
            radix4Len[s] = len;
            twiddleStart[s] = total;
            total += 6 * (len / 4);
        }
        twiddles = new float[total];
        for (int s = 0; s < stages4; s++) {
            int len = radix4Len[s];
            for (int j = 0; j < len / 4; j++) {
                for (int r = 1; r <= 3; r++) {
                    double angle = -2.0 * Math.PI * j * r / len;
                    twiddles[twiddleStart[s] + 6 * j + 2 * (r - 1)] = (float) Math.cos(angle);
                    twiddles[twiddleStart[s] + 6 * j + 2 * (r - 1) + 1] = (float) -Math.sin(angle);
                }
            }
        }
        splitCos = new float[n / 4 + 1];
        splitSin = new float[n / 4 + 1];
        for (int k = 0; k <= n / 4; k++) {
            splitCos[k] = (float) Math.cos(2.0 * Math.PI * k / n);
            splitSin[k] = (float) Math.sin(2.0 * Math.PI * k / n);
        }
        slot = new int[half];
        for (int k = 0; k < half; k++) slot[k] = slotOf(k);
    }

    /**
     * Position of Z[k] after the stages: stage s (radix r_s) writes sub-transform d_s (the s-th
     * mixed-radix digit of k, least significant first) at offset d_s * (its length / r_s).
     */
    private int slotOf(int k) {
        int pos = 0, len = half, rest = k;
        for (int s = 0; s < radix4Len.length; s++, len /= 4) {
            pos += (rest % 4) * (len / 4);
            rest /= 4;
        }
        if (radix2) pos += rest % 2;
        return pos;
    }

    /** The transform length n. */
    public int length() {
        return n;
    }

    /** Floats in a work buffer: n per lane. */
    public int bufferLength() {
        return n * LANES;
    }

    /** Offset in the work buffer, after the finish step, of lane 0 of Re X[k] (or |X[k]|), k in [0, n/2]. */
    int reOffset(int k) {
        return k == half ? (half + slot[0]) * LANES : slot[k] * LANES;
    }

    /** Offset of lane 0 of Im X[k], k in [1, n/2) (X[0] and X[n/2] are real). */
    int imOffset(int k) {
        return (half + slot[k]) * LANES;
    }

    /**
     * Fills buf with LANES windowed signals: lane j gets x[base + laneStart[j] + s] * window[s] for
     * s in [0, windowLength), zeros up to n. One gather per sample (the lanes read far-apart frames).
     * The caller guarantees the bounds; windowLength <= n.
     */
    void loadFrames(float[] buf, float[] x, int base, int[] laneStart, float[] window, int windowLength) {
        int im = half * LANES;
        int s = 0;
        for (; s + 1 < windowLength; s += 2) {
            int e = (s >> 1) * LANES;
            FloatVector.fromArray(S, x, base + s, laneStart, 0).mul(window[s]).intoArray(buf, e);
            FloatVector.fromArray(S, x, base + s + 1, laneStart, 0).mul(window[s + 1]).intoArray(buf, im + e);
        }
        FloatVector zero = FloatVector.zero(S);
        if (s < windowLength) {
            int e = (s >> 1) * LANES;
            FloatVector.fromArray(S, x, base + s, laneStart, 0).mul(window[s]).intoArray(buf, e);
            zero.intoArray(buf, im + e);
            s += 2;
        }
        for (; s < n; s += 2) {
            int e = (s >> 1) * LANES;
            zero.intoArray(buf, e);
            zero.intoArray(buf, im + e);
        }
    }

    /** The complex FFT of length n/2 over the packed signals, in place (output digit-reversed). */
    void transform(float[] buf) {
        for (int s = 0; s < radix4Len.length; s++) {
            if (radix4Len[s] == 4) radix4Last(buf);
            else radix4(buf, radix4Len[s], twiddleStart[s]);
        }
        if (radix2) radix2Last(buf);
    }

    /**
     * One DIF radix-4 stage over sub-transforms of length len (q = len/4): for each n in [0, q),
     * a_p = z[g + n + p q], y_r = sum_p a_p (-i)^(p r), written to z[g + n + r q] times w^(n r).
     */
    private void radix4(float[] buf, int len, int tw) {
        int q = len >> 2, qs = q * LANES, im = half * LANES;
        for (int j = 0; j < q; j++) {
            int t = tw + 6 * j;
            FloatVector w1r = FloatVector.broadcast(S, twiddles[t]), w1i = FloatVector.broadcast(S, twiddles[t + 1]);
            FloatVector w2r = FloatVector.broadcast(S, twiddles[t + 2]), w2i = FloatVector.broadcast(S, twiddles[t + 3]);
            FloatVector w3r = FloatVector.broadcast(S, twiddles[t + 4]), w3i = FloatVector.broadcast(S, twiddles[t + 5]);
            for (int g = 0; g < half; g += len) {
                int i0 = (g + j) * LANES, i1 = i0 + qs, i2 = i1 + qs, i3 = i2 + qs;
                FloatVector a0r = FloatVector.fromArray(S, buf, i0), a0i = FloatVector.fromArray(S, buf, im + i0);
                FloatVector a1r = FloatVector.fromArray(S, buf, i1), a1i = FloatVector.fromArray(S, buf, im + i1);
                FloatVector a2r = FloatVector.fromArray(S, buf, i2), a2i = FloatVector.fromArray(S, buf, im + i2);
                FloatVector a3r = FloatVector.fromArray(S, buf, i3), a3i = FloatVector.fromArray(S, buf, im + i3);
                FloatVector t0r = a0r.add(a2r), t0i = a0i.add(a2i);
                FloatVector t1r = a0r.sub(a2r), t1i = a0i.sub(a2i);
                FloatVector t2r = a1r.add(a3r), t2i = a1i.add(a3i);
                // t3 = -i (a1 - a3)
                FloatVector t3r = a1i.sub(a3i), t3i = a3r.sub(a1r);
                t0r.add(t2r).intoArray(buf, i0);
                t0i.add(t2i).intoArray(buf, im + i0);
                FloatVector y1r = t1r.add(t3r), y1i = t1i.add(t3i);
                FloatVector y2r = t0r.sub(t2r), y2i = t0i.sub(t2i);
                FloatVector y3r = t1r.sub(t3r), y3i = t1i.sub(t3i);
                // (yr + i yi)(wr + i wi) with w?i holding -wi: re = yr wr + yi (-wi), im = yi wr - yr (-wi)
                y1r.fma(w1r, y1i.mul(w1i)).intoArray(buf, i1);
                y1i.fma(w1r, y1r.mul(w1i).neg()).intoArray(buf, im + i1);
                y2r.fma(w2r, y2i.mul(w2i)).intoArray(buf, i2);
                y2i.fma(w2r, y2r.mul(w2i).neg()).intoArray(buf, im + i2);
                y3r.fma(w3r, y3i.mul(w3i)).intoArray(buf, i3);
                y3i.fma(w3r, y3r.mul(w3i).neg()).intoArray(buf, im + i3);
            }
        }
    }

    /** The radix-4 stage of length 4: all twiddles are 1. */
    private void radix4Last(float[] buf) {
        int im = half * LANES;
        for (int i0 = 0; i0 < im; i0 += 4 * LANES) {
            int i1 = i0 + LANES, i2 = i1 + LANES, i3 = i2 + LANES;
            FloatVector a0r = FloatVector.fromArray(S, buf, i0), a0i = FloatVector.fromArray(S, buf, im + i0);
            FloatVector a1r = FloatVector.fromArray(S, buf, i1), a1i = FloatVector.fromArray(S, buf, im + i1);
            FloatVector a2r = FloatVector.fromArray(S, buf, i2), a2i = FloatVector.fromArray(S, buf, im + i2);
            FloatVector a3r = FloatVector.fromArray(S, buf, i3), a3i = FloatVector.fromArray(S, buf, im + i3);
            FloatVector t0r = a0r.add(a2r), t0i = a0i.add(a2i);
            FloatVector t1r = a0r.sub(a2r), t1i = a0i.sub(a2i);
            FloatVector t2r = a1r.add(a3r), t2i = a1i.add(a3i);
            FloatVector t3r = a1i.sub(a3i), t3i = a3r.sub(a1r);
            t0r.add(t2r).intoArray(buf, i0);
            t0i.add(t2i).intoArray(buf, im + i0);
            t1r.add(t3r).intoArray(buf, i1);
            t1i.add(t3i).intoArray(buf, im + i1);
            t0r.sub(t2r).intoArray(buf, i2);
            t0i.sub(t2i).intoArray(buf, im + i2);
            t1r.sub(t3r).intoArray(buf, i3);
            t1i.sub(t3i).intoArray(buf, im + i3);
        }
    }

    /** The radix-2 stage of length 2 (twiddle 1). */
    private void radix2Last(float[] buf) {
        int im = half * LANES;
        for (int i0 = 0; i0 < im; i0 += 2 * LANES) {
            int i1 = i0 + LANES;
            FloatVector a0r = FloatVector.fromArray(S, buf, i0), a0i = FloatVector.fromArray(S, buf, im + i0);
            FloatVector a1r = FloatVector.fromArray(S, buf, i1), a1i = FloatVector.fromArray(S, buf, im + i1);
            a0r.add(a1r).intoArray(buf, i0);
            a0i.add(a1i).intoArray(buf, im + i0);
            a0r.sub(a1r).intoArray(buf, i1);
            a0i.sub(a1i).intoArray(buf, im + i1);
        }
    }

    /**
     * Splits Z into the real spectrum, in place. For k in (0, n/4), with a = Z[k], b = Z[n/2-k]:
     * E = a + conj(b), O = (a - conj(b)) / i, P = e^{-2 pi i k/n} O; then X[k] = (E + P)/2 and
     * X[n/2-k] = conj(E - P)/2. X[0] = Re Z0 + Im Z0, X[n/2] = Re Z0 - Im Z0, X[n/4] = conj Z[n/4].
     */
    void finishComplex(float[] buf) {
        int im = half * LANES;
        FloatVector halfV = FloatVector.broadcast(S, 0.5f);
        for (int k = 1; k < half / 2; k++) {
            int ia = slot[k] * LANES, ib = slot[half - k] * LANES;
            FloatVector ar = FloatVector.fromArray(S, buf, ia), ai = FloatVector.fromArray(S, buf, im + ia);
            FloatVector br = FloatVector.fromArray(S, buf, ib), bi = FloatVector.fromArray(S, buf, im + ib);
            FloatVector c = FloatVector.broadcast(S, splitCos[k]), s = FloatVector.broadcast(S, splitSin[k]);
            FloatVector er = ar.add(br), ei = ai.sub(bi);
            FloatVector or = ai.add(bi), oi = br.sub(ar);
            // P = (c - i s)(or + i oi)
            FloatVector pr = or.fma(c, oi.mul(s)), pi = oi.fma(c, or.mul(s).neg());
            er.add(pr).mul(halfV).intoArray(buf, ia);
            ei.add(pi).mul(halfV).intoArray(buf, im + ia);
            er.sub(pr).mul(halfV).intoArray(buf, ib);
            pi.sub(ei).mul(halfV).intoArray(buf, im + ib);
        }
        int i0 = slot[0] * LANES, iq = slot[half / 2] * LANES;
        FloatVector z0r = FloatVector.fromArray(S, buf, i0), z0i = FloatVector.fromArray(S, buf, im + i0);
        z0r.add(z0i).intoArray(buf, i0);
        z0r.sub(z0i).intoArray(buf, im + i0);
        FloatVector.fromArray(S, buf, im + iq).neg().intoArray(buf, im + iq);
    }

    /**
     * As {@link #finishComplex}, but writes |X[k]| to reOffset(k), and only for k in [lo, hi]: a
     * square root per bin is the dearest step here, and mel weights are zero outside their range.
     * Other slots are left as scratch.
     */
    void finishMagnitude(float[] buf, int lo, int hi) {
        int im = half * LANES;
        FloatVector halfV = FloatVector.broadcast(S, 0.5f);
        for (int k = Math.max(1, Math.min(lo, half - hi)); k < half / 2; k++) {
            boolean needA = k >= lo && k <= hi, needB = half - k >= lo && half - k <= hi;
            if (!needA && !needB) continue;
            int ia = slot[k] * LANES, ib = slot[half - k] * LANES;
            FloatVector ar = FloatVector.fromArray(S, buf, ia), ai = FloatVector.fromArray(S, buf, im + ia);
            FloatVector br = FloatVector.fromArray(S, buf, ib), bi = FloatVector.fromArray(S, buf, im + ib);
            FloatVector c = FloatVector.broadcast(S, splitCos[k]), s = FloatVector.broadcast(S, splitSin[k]);
            FloatVector er = ar.add(br), ei = ai.sub(bi);
            FloatVector or = ai.add(bi), oi = br.sub(ar);
            FloatVector pr = or.fma(c, oi.mul(s)), pi = oi.fma(c, or.mul(s).neg());
            if (needA) {
                FloatVector xr = er.add(pr), xi = ei.add(pi);
                xr.fma(xr, xi.mul(xi)).sqrt().mul(halfV).intoArray(buf, ia);
            }
            if (needB) {
                FloatVector yr = er.sub(pr), yi = pi.sub(ei);
                yr.fma(yr, yi.mul(yi)).sqrt().mul(halfV).intoArray(buf, ib);
            }
        }
        int i0 = slot[0] * LANES, iq = slot[half / 2] * LANES;
        FloatVector z0r = FloatVector.fromArray(S, buf, i0), z0i = FloatVector.fromArray(S, buf, im + i0);
        if (lo <= 0) z0r.add(z0i).abs().intoArray(buf, i0);
        if (hi >= half) z0r.sub(z0i).abs().intoArray(buf, im + i0);
        if (lo <= half / 2 && hi >= half / 2) {
            FloatVector zqr = FloatVector.fromArray(S, buf, iq), zqi = FloatVector.fromArray(S, buf, im + iq);
            zqr.fma(zqr, zqi.mul(zqi)).sqrt().intoArray(buf, iq);
        }
    }

    /**
     * The spectrum of one signal: re[k], im[k] = X[k] for k in [0, n/2] of x[xOff, xOff + len)
     * zero-padded to n (len <= n). Convenience for single signals (it runs the whole lane machinery
     * with every lane on the same signal); allocates a work buffer per call.
     */
    public void forward(float[] re, int reOff, float[] im, int imOff, float[] x, int xOff, int len) {
        if (len < 0 || len > n) throw new IllegalArgumentException("RealFft.forward: len " + len + " not in [0, " + n + "]");
        checkSpan("x", x, xOff, len);
        checkSpan("re", re, reOff, half + 1);
        checkSpan("im", im, imOff, half + 1);
        float[] buf = new float[bufferLength()];
        float[] ones = new float[Math.max(len, 1)];
        java.util.Arrays.fill(ones, 1f);
        if (len > 0) loadFrames(buf, x, xOff, new int[LANES], ones, len);
        transform(buf);
        finishComplex(buf);
        for (int k = 0; k <= half; k++) {
            re[reOff + k] = buf[reOffset(k)];
            im[imOff + k] = k == 0 || k == half ? 0f : buf[imOffset(k)];
        }
    }

    private static void checkSpan(String name, float[] a, int off, long len) {
        if (a == null) throw new IllegalArgumentException("RealFft.forward: " + name + " is null");
        if (off < 0 || off + len > a.length) {
            throw new IllegalArgumentException("RealFft.forward: " + name + " needs offset " + off + " + " + len
                    + " elements but has length " + a.length);
        }
    }
}
