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
    // XOR_k maps lane i to lane i ^ k; null where k >= LANES (the branches on LANES fold away).
    private static final VectorShuffle<Float> XOR_32 = xor(32), XOR_16 = xor(16), XOR_8 = xor(8),
            XOR_4 = xor(4), XOR_2 = xor(2), XOR_1 = xor(1);

    private static VectorShuffle<Float> xor(int k) {
        return k < LANES ? VectorShuffle.fromOp(S, i -> i ^ k) : null;
    }

    /**
     * out[outOff + k] for k in [k0, k1), from in[inOff, inOff + n) through an exact phase table
     * (table: up rows x taps; row p serves outputs with (k * down) mod up == p).
     */
    static void exact(float[] out, int outOff, float[] in, int inOff, int n, float[] table, int taps,
                      int halfTaps, int up, int down, int k0, int k1) {
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
                float y0 = dot(table, row * taps, in, xo, i0, i1);
                float y1 = dot(table, (row + 1) * taps, in, xo, i0, i1);
                y = Math.fma(w, y1 - y0, y0);
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
