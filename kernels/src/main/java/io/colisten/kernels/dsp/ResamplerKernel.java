package io.colisten.kernels.dsp;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The inner loops of {@link Resampler}: each output is one dot product of a contiguous row of the
 * phase table with a contiguous run of the input, clipped where the run passes either end of the
 * signal (zeros beyond both ends). Outputs are independent, and each is computed by the same code
 * whatever range it falls in, so any split of the outputs gives bit-identical results.
 *
 * <p>Summation order per output: two vector accumulators over whole vectors of taps (fma), added
 * lanewise, folded by a fixed butterfly tree of constant shuffles (never reduceLanes(ADD), whose
 * order the Vector API leaves open), then the scalar tail in order. The tree is written out at each
 * use, not called as a helper: a vector passed to a call C2 does not inline is boxed on the heap.
 */
final class ResamplerKernel {
    private ResamplerKernel() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int LANES = S.length();
    /** Outputs that share a phase row in {@link #dot8}. */
    static final int GROUP = 8;
    // XOR_k maps lane i to lane i ^ k; null where k >= LANES (the branches on LANES fold away).
    private static final VectorShuffle<Float> XOR_32 = xor(32), XOR_16 = xor(16), XOR_8 = xor(8),
            XOR_4 = xor(4), XOR_2 = xor(2), XOR_1 = xor(1);

    private static VectorShuffle<Float> xor(int k) {
        return k < LANES ? VectorShuffle.fromOp(S, i -> i ^ k) : null;
    }

    /**
     * out[outOff + k] for k in [k0, k1), from in[inOff, inOff + n) through an exact phase table
     * (table: up rows x taps; row p serves outputs with (k * down) mod up == p).
     *
     * <p>Outputs whose taps all fall inside the signal go in blocks of GROUP * up: within a block the
     * outputs k, k + up, ..., k + (GROUP - 1) up share a phase row and read inputs down apart, so
     * {@link #dot8} loads each row vector once for eight outputs (and a 44.1 kHz table of 184 KB,
     * larger than L1, is streamed once per block). The rest go one at a time through {@link #dot}.
     */
    static void exact(float[] out, int outOff, float[] in, int inOff, int n, float[] table, int taps,
                      int halfTaps, int up, int down, int k0, int k1) {
        // Interior outputs [kLo, kHi): floor(k down / up) - halfTaps + 1 >= 0 and that + taps <= n.
        long kLo = Math.ceilDiv((long) (halfTaps - 1) * up, down);
        long kHi = n > halfTaps ? Math.floorDiv((long) (n - halfTaps) * up - 1, down) + 1 : 0;
        int g0 = (int) Math.min(k1, Math.max(k0, kLo));
        long span = (long) GROUP * up;
        int blocks = (int) Math.max(0, (Math.min(k1, kHi) - g0) / span);
        int g1 = (int) (g0 + blocks * span);
        single(out, outOff, in, inOff, n, table, taps, halfTaps, up, down, k0, g0);
        for (int b = 0; b < blocks; b++) {
            for (int k = (int) (g0 + b * span), end = k + up; k < end; k++) {
                long num = (long) k * down;
                int first = (int) (num / up) - halfTaps + 1;
                dot8(out, outOff + k, up, table, (int) (num % up) * taps, in, inOff + first, down, taps);
            }
        }
        single(out, outOff, in, inOff, n, table, taps, halfTaps, up, down, g1, k1);
    }

    /** Outputs [k0, k1) one at a time, taps clipped to the signal. */
    private static void single(float[] out, int outOff, float[] in, int inOff, int n, float[] table, int taps,
                               int halfTaps, int up, int down, int k0, int k1) {
        if (k0 >= k1) return;
        long num = (long) k0 * down;
        long j = num / up;             // floor(t_k)
        int p = (int) (num % up);      // frac(t_k) * up
        int stepInt = down / up, stepRem = down % up;
        for (int k = k0; k < k1; k++) {
            long first = j - halfTaps + 1;
            int i0 = (int) Math.max(0, -first);
            int i1 = (int) Math.min(taps, n - first);
            out[outOff + k] = i1 > i0 ? dot(table, p * taps, in, (int) (inOff + first), i0, i1) : 0f;
            p += stepRem;
            j += stepInt;
            if (p >= up) {
                p -= up;
                j++;
            }
        }
    }

    /**
     * Same through an interpolated table (rows = phases + 1 on a uniform grid of frac(t)): the output
     * blends the rows just below and above its position, y = y0 + w (y1 - y0).
     */
    static void interpolated(float[] out, int outOff, float[] in, int inOff, int n, float[] table, int taps,
                             int halfTaps, int phases, int up, int down, int k0, int k1) {
        long num = (long) k0 * down;
        long j = num / up;
        int p = (int) (num % up);
        int stepInt = down / up, stepRem = down % up;
        for (int k = k0; k < k1; k++) {
            long first = j - halfTaps + 1;
            int i0 = (int) Math.max(0, -first);
            int i1 = (int) Math.min(taps, n - first);
            long pos = (long) p * phases;
            int row = (int) (pos / up);
            float w = (float) ((double) (pos - (long) row * up) / up);
            float y = 0f;
            if (i1 > i0) {
                int xo = (int) (inOff + first);
                y = dotPair(table, row * taps, taps, in, xo, i0, i1, w);
            }
            out[outOff + k] = y;
            p += stepRem;
            j += stepInt;
            if (p >= up) {
                p -= up;
                j++;
            }
        }
    }

    /**
     * Eight whole outputs sharing phase row c[co, co + taps): out[o + m * dO] = row . x[xo + m * dx, + taps)
     * for m = 0..7. Per output the same two accumulators, lane tree and tail as {@link #dot}, so the
     * same bits as computing it alone. 16 accumulators and 2 row vectors fit in 32 vector registers.
     */
    static void dot8(float[] out, int o, int dO, float[] c, int co, float[] x, int xo, int dx, int taps) {
        FloatVector e0 = FloatVector.zero(S), e1 = e0, e2 = e0, e3 = e0, e4 = e0, e5 = e0, e6 = e0, e7 = e0;
        FloatVector f0 = e0, f1 = e0, f2 = e0, f3 = e0, f4 = e0, f5 = e0, f6 = e0, f7 = e0;
        int x0 = xo, x1 = x0 + dx, x2 = x1 + dx, x3 = x2 + dx, x4 = x3 + dx, x5 = x4 + dx, x6 = x5 + dx, x7 = x6 + dx;
        int i = 0;
        for (int end = taps - 2 * LANES; i <= end; i += 2 * LANES) {
            FloatVector h = FloatVector.fromArray(S, c, co + i);
            e0 = h.fma(FloatVector.fromArray(S, x, x0 + i), e0);
            e1 = h.fma(FloatVector.fromArray(S, x, x1 + i), e1);
            e2 = h.fma(FloatVector.fromArray(S, x, x2 + i), e2);
            e3 = h.fma(FloatVector.fromArray(S, x, x3 + i), e3);
            e4 = h.fma(FloatVector.fromArray(S, x, x4 + i), e4);
            e5 = h.fma(FloatVector.fromArray(S, x, x5 + i), e5);
            e6 = h.fma(FloatVector.fromArray(S, x, x6 + i), e6);
            e7 = h.fma(FloatVector.fromArray(S, x, x7 + i), e7);
            FloatVector g = FloatVector.fromArray(S, c, co + i + LANES);
            f0 = g.fma(FloatVector.fromArray(S, x, x0 + i + LANES), f0);
            f1 = g.fma(FloatVector.fromArray(S, x, x1 + i + LANES), f1);
            f2 = g.fma(FloatVector.fromArray(S, x, x2 + i + LANES), f2);
            f3 = g.fma(FloatVector.fromArray(S, x, x3 + i + LANES), f3);
            f4 = g.fma(FloatVector.fromArray(S, x, x4 + i + LANES), f4);
            f5 = g.fma(FloatVector.fromArray(S, x, x5 + i + LANES), f5);
            f6 = g.fma(FloatVector.fromArray(S, x, x6 + i + LANES), f6);
            f7 = g.fma(FloatVector.fromArray(S, x, x7 + i + LANES), f7);
        }
        if (i <= taps - LANES) {
            FloatVector h = FloatVector.fromArray(S, c, co + i);
            e0 = h.fma(FloatVector.fromArray(S, x, x0 + i), e0);
            e1 = h.fma(FloatVector.fromArray(S, x, x1 + i), e1);
            e2 = h.fma(FloatVector.fromArray(S, x, x2 + i), e2);
            e3 = h.fma(FloatVector.fromArray(S, x, x3 + i), e3);
            e4 = h.fma(FloatVector.fromArray(S, x, x4 + i), e4);
            e5 = h.fma(FloatVector.fromArray(S, x, x5 + i), e5);
            e6 = h.fma(FloatVector.fromArray(S, x, x6 + i), e6);
            e7 = h.fma(FloatVector.fromArray(S, x, x7 + i), e7);
            i += LANES;
        }
        // The lane tree of dot(), once per output (C2 folds the branches on the constant LANES).
        FloatVector v0 = e0.add(f0);
        FloatVector v1 = e1.add(f1);
        FloatVector v2 = e2.add(f2);
        FloatVector v3 = e3.add(f3);
        FloatVector v4 = e4.add(f4);
        FloatVector v5 = e5.add(f5);
        FloatVector v6 = e6.add(f6);
        FloatVector v7 = e7.add(f7);
        if (LANES > 32) {
            v0 = v0.add(v0.rearrange(XOR_32));
            v1 = v1.add(v1.rearrange(XOR_32));
            v2 = v2.add(v2.rearrange(XOR_32));
            v3 = v3.add(v3.rearrange(XOR_32));
            v4 = v4.add(v4.rearrange(XOR_32));
            v5 = v5.add(v5.rearrange(XOR_32));
            v6 = v6.add(v6.rearrange(XOR_32));
            v7 = v7.add(v7.rearrange(XOR_32));
        }
        if (LANES > 16) {
            v0 = v0.add(v0.rearrange(XOR_16));
            v1 = v1.add(v1.rearrange(XOR_16));
            v2 = v2.add(v2.rearrange(XOR_16));
            v3 = v3.add(v3.rearrange(XOR_16));
            v4 = v4.add(v4.rearrange(XOR_16));
            v5 = v5.add(v5.rearrange(XOR_16));
            v6 = v6.add(v6.rearrange(XOR_16));
            v7 = v7.add(v7.rearrange(XOR_16));
        }
        if (LANES > 8) {
            v0 = v0.add(v0.rearrange(XOR_8));
            v1 = v1.add(v1.rearrange(XOR_8));
            v2 = v2.add(v2.rearrange(XOR_8));
            v3 = v3.add(v3.rearrange(XOR_8));
            v4 = v4.add(v4.rearrange(XOR_8));
            v5 = v5.add(v5.rearrange(XOR_8));
            v6 = v6.add(v6.rearrange(XOR_8));
            v7 = v7.add(v7.rearrange(XOR_8));
        }
        if (LANES > 4) {
            v0 = v0.add(v0.rearrange(XOR_4));
            v1 = v1.add(v1.rearrange(XOR_4));
            v2 = v2.add(v2.rearrange(XOR_4));
            v3 = v3.add(v3.rearrange(XOR_4));
            v4 = v4.add(v4.rearrange(XOR_4));
            v5 = v5.add(v5.rearrange(XOR_4));
            v6 = v6.add(v6.rearrange(XOR_4));
            v7 = v7.add(v7.rearrange(XOR_4));
        }
        if (LANES > 2) {
            v0 = v0.add(v0.rearrange(XOR_2));
            v1 = v1.add(v1.rearrange(XOR_2));
            v2 = v2.add(v2.rearrange(XOR_2));
            v3 = v3.add(v3.rearrange(XOR_2));
            v4 = v4.add(v4.rearrange(XOR_2));
            v5 = v5.add(v5.rearrange(XOR_2));
            v6 = v6.add(v6.rearrange(XOR_2));
            v7 = v7.add(v7.rearrange(XOR_2));
        }
        if (LANES > 1) {
            v0 = v0.add(v0.rearrange(XOR_1));
            v1 = v1.add(v1.rearrange(XOR_1));
            v2 = v2.add(v2.rearrange(XOR_1));
            v3 = v3.add(v3.rearrange(XOR_1));
            v4 = v4.add(v4.rearrange(XOR_1));
            v5 = v5.add(v5.rearrange(XOR_1));
            v6 = v6.add(v6.rearrange(XOR_1));
            v7 = v7.add(v7.rearrange(XOR_1));
        }
        float s0 = v0.lane(0), s1 = v1.lane(0), s2 = v2.lane(0), s3 = v3.lane(0);
        float s4 = v4.lane(0), s5 = v5.lane(0), s6 = v6.lane(0), s7 = v7.lane(0);
        for (; i < taps; i++) {
            float h = c[co + i];
            s0 = Math.fma(h, x[x0 + i], s0);
            s1 = Math.fma(h, x[x1 + i], s1);
            s2 = Math.fma(h, x[x2 + i], s2);
            s3 = Math.fma(h, x[x3 + i], s3);
            s4 = Math.fma(h, x[x4 + i], s4);
            s5 = Math.fma(h, x[x5 + i], s5);
            s6 = Math.fma(h, x[x6 + i], s6);
            s7 = Math.fma(h, x[x7 + i], s7);
        }
        out[o] = s0;
        out[o + 1 * dO] = s1;
        out[o + 2 * dO] = s2;
        out[o + 3 * dO] = s3;
        out[o + 4 * dO] = s4;
        out[o + 5 * dO] = s5;
        out[o + 6 * dO] = s6;
        out[o + 7 * dO] = s7;
    }

    /**
     * y0 + w (y1 - y0) for y0 = dot of row c[co...] and y1 = dot of the next row c[co + taps...] with
     * the same inputs, in one pass over x; y0 and y1 each in the order of {@link #dot}.
     */
    static float dotPair(float[] c, int co, int taps, float[] x, int xo, int i0, int i1, float w) {
        int cn = co + taps;
        FloatVector a0 = FloatVector.zero(S), a1 = a0, b0 = a0, b1 = a0;
        int i = i0;
        for (int end = i1 - 2 * LANES; i <= end; i += 2 * LANES) {
            FloatVector u = FloatVector.fromArray(S, x, xo + i);
            FloatVector v = FloatVector.fromArray(S, x, xo + i + LANES);
            a0 = FloatVector.fromArray(S, c, co + i).fma(u, a0);
            b0 = FloatVector.fromArray(S, c, cn + i).fma(u, b0);
            a1 = FloatVector.fromArray(S, c, co + i + LANES).fma(v, a1);
            b1 = FloatVector.fromArray(S, c, cn + i + LANES).fma(v, b1);
        }
        if (i <= i1 - LANES) {
            FloatVector u = FloatVector.fromArray(S, x, xo + i);
            a0 = FloatVector.fromArray(S, c, co + i).fma(u, a0);
            b0 = FloatVector.fromArray(S, c, cn + i).fma(u, b0);
            i += LANES;
        }
        FloatVector va = a0.add(a1), vb = b0.add(b1);
        if (LANES > 32) {
            va = va.add(va.rearrange(XOR_32));
            vb = vb.add(vb.rearrange(XOR_32));
        }
        if (LANES > 16) {
            va = va.add(va.rearrange(XOR_16));
            vb = vb.add(vb.rearrange(XOR_16));
        }
        if (LANES > 8) {
            va = va.add(va.rearrange(XOR_8));
            vb = vb.add(vb.rearrange(XOR_8));
        }
        if (LANES > 4) {
            va = va.add(va.rearrange(XOR_4));
            vb = vb.add(vb.rearrange(XOR_4));
        }
        if (LANES > 2) {
            va = va.add(va.rearrange(XOR_2));
            vb = vb.add(vb.rearrange(XOR_2));
        }
        if (LANES > 1) {
            va = va.add(va.rearrange(XOR_1));
            vb = vb.add(vb.rearrange(XOR_1));
        }
        float y0 = va.lane(0), y1 = vb.lane(0);
        for (; i < i1; i++) {
            y0 = Math.fma(c[co + i], x[xo + i], y0);
            y1 = Math.fma(c[cn + i], x[xo + i], y1);
        }
        return Math.fma(w, y1 - y0, y0);
    }

    /** sum over i in [i0, i1) of c[co + i] * x[xo + i], in the fixed order described above. */
    static float dot(float[] c, int co, float[] x, int xo, int i0, int i1) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0;
        int i = i0;
        for (int end = i1 - 2 * LANES; i <= end; i += 2 * LANES) {
            s0 = FloatVector.fromArray(S, c, co + i).fma(FloatVector.fromArray(S, x, xo + i), s0);
            s1 = FloatVector.fromArray(S, c, co + i + LANES).fma(FloatVector.fromArray(S, x, xo + i + LANES), s1);
        }
        if (i <= i1 - LANES) {
            s0 = FloatVector.fromArray(S, c, co + i).fma(FloatVector.fromArray(S, x, xo + i), s0);
            i += LANES;
        }
        FloatVector v = s0.add(s1);
        if (LANES > 32) v = v.add(v.rearrange(XOR_32));
        if (LANES > 16) v = v.add(v.rearrange(XOR_16));
        if (LANES > 8) v = v.add(v.rearrange(XOR_8));
        if (LANES > 4) v = v.add(v.rearrange(XOR_4));
        if (LANES > 2) v = v.add(v.rearrange(XOR_2));
        if (LANES > 1) v = v.add(v.rearrange(XOR_1));
        float s = v.lane(0);
        for (; i < i1; i++) s = Math.fma(c[co + i], x[xo + i], s);
        return s;
    }
}
