package io.colisten.train.wmf;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector loops over factor rows of length {@code n}, a multiple of the vector length (rows are
 * padded, see {@link WmfFactors}), so there are no tails. Dot products end in a fixed butterfly of
 * lane swaps (never {@code reduceLanes(ADD)}, whose order is unspecified), so every result is the
 * same whether the interpreter or C2 ran it. No vector crosses a method boundary.
 */
final class RowKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    private static final VectorShuffle<Float> XOR_32 = xor(32), XOR_16 = xor(16), XOR_8 = xor(8),
            XOR_4 = xor(4), XOR_2 = xor(2), XOR_1 = xor(1);

    private RowKernels() {}

    private static VectorShuffle<Float> xor(int k) {
        return k < L ? VectorShuffle.fromOp(S, i -> i ^ k) : null;
    }

    /** a[ao..ao+n) . b[bo..bo+n), two accumulators then the lane tree. */
    static float dot(float[] a, int ao, float[] b, int bo, int n) {
        FloatVector acc0 = FloatVector.zero(S), acc1 = FloatVector.zero(S);
        int k = 0;
        for (; k + 2 * L <= n; k += 2 * L) {
            acc0 = FloatVector.fromArray(S, a, ao + k).fma(FloatVector.fromArray(S, b, bo + k), acc0);
            acc1 = FloatVector.fromArray(S, a, ao + k + L).fma(FloatVector.fromArray(S, b, bo + k + L), acc1);
        }
        if (k < n) acc0 = FloatVector.fromArray(S, a, ao + k).fma(FloatVector.fromArray(S, b, bo + k), acc0);
        FloatVector v = acc0.add(acc1);
        if (L > 32) v = v.add(v.rearrange(XOR_32));
        if (L > 16) v = v.add(v.rearrange(XOR_16));
        if (L > 8) v = v.add(v.rearrange(XOR_8));
        if (L > 4) v = v.add(v.rearrange(XOR_4));
        if (L > 2) v = v.add(v.rearrange(XOR_2));
        if (L > 1) v = v.add(v.rearrange(XOR_1));
        return v.lane(0);
    }

    /** y[yo..yo+n) += a * x[xo..xo+n). */
    static void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector va = FloatVector.broadcast(S, a);
        for (int k = 0; k < n; k += L) {
            FloatVector.fromArray(S, x, xo + k).fma(va, FloatVector.fromArray(S, y, yo + k)).intoArray(y, yo + k);
        }
    }

    /** y[yo..yo+n) = x[xo..xo+n) + b * y[yo..yo+n). */
    static void xpby(float[] x, int xo, float b, float[] y, int yo, int n) {
        FloatVector vb = FloatVector.broadcast(S, b);
        for (int k = 0; k < n; k += L) {
            FloatVector.fromArray(S, y, yo + k).fma(vb, FloatVector.fromArray(S, x, xo + k)).intoArray(y, yo + k);
        }
    }

    /** y[yo..yo+n) = a * x[xo..xo+n). */
    static void scale(float a, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector va = FloatVector.broadcast(S, a);
        for (int k = 0; k < n; k += L) {
            FloatVector.fromArray(S, x, xo + k).mul(va).intoArray(y, yo + k);
        }
    }

    /**
     * out[0..n) = m v for a symmetric n x n row-major m (so m v = sum_b v[b] m[b, :]), four column
     * vectors at a time in registers.
     */
    static void symv(float[] out, float[] m, float[] v, int vo, int n) {
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
            for (int b = 0, row = j; b < n; b++, row += n) {
                FloatVector vb = FloatVector.broadcast(S, v[vo + b]);
                a0 = FloatVector.fromArray(S, m, row).fma(vb, a0);
                a1 = FloatVector.fromArray(S, m, row + L).fma(vb, a1);
                a2 = FloatVector.fromArray(S, m, row + 2 * L).fma(vb, a2);
                a3 = FloatVector.fromArray(S, m, row + 3 * L).fma(vb, a3);
            }
            a0.intoArray(out, j);
            a1.intoArray(out, j + L);
            a2.intoArray(out, j + 2 * L);
            a3.intoArray(out, j + 3 * L);
        }
        for (; j < n; j += L) {
            FloatVector a0 = FloatVector.zero(S);
            for (int b = 0, row = j; b < n; b++, row += n) {
                a0 = FloatVector.fromArray(S, m, row).fma(FloatVector.broadcast(S, v[vo + b]), a0);
            }
            a0.intoArray(out, j);
        }
    }

    /**
     * acc[0..n) += sum_k coef[k] o[nbr[from + k] * n ..]: four column vectors at a time kept in
     * registers across all neighbours (the accumulation runs in neighbour order either way).
     */
    static void neighbourSum(float[] acc, float[] o, int[] nbr, int from, int to, float[] coef, int n) {
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) {
            FloatVector a0 = FloatVector.fromArray(S, acc, j), a1 = FloatVector.fromArray(S, acc, j + L),
                    a2 = FloatVector.fromArray(S, acc, j + 2 * L), a3 = FloatVector.fromArray(S, acc, j + 3 * L);
            for (int q = from; q < to; q++) {
                int row = nbr[q] * n + j;
                FloatVector c = FloatVector.broadcast(S, coef[q - from]);
                a0 = FloatVector.fromArray(S, o, row).fma(c, a0);
                a1 = FloatVector.fromArray(S, o, row + L).fma(c, a1);
                a2 = FloatVector.fromArray(S, o, row + 2 * L).fma(c, a2);
                a3 = FloatVector.fromArray(S, o, row + 3 * L).fma(c, a3);
            }
            a0.intoArray(acc, j);
            a1.intoArray(acc, j + L);
            a2.intoArray(acc, j + 2 * L);
            a3.intoArray(acc, j + 3 * L);
        }
        for (; j < n; j += L) {
            FloatVector a0 = FloatVector.fromArray(S, acc, j);
            for (int q = from; q < to; q++) {
                a0 = FloatVector.fromArray(S, o, nbr[q] * n + j).fma(FloatVector.broadcast(S, coef[q - from]), a0);
            }
            a0.intoArray(acc, j);
        }
    }
}
