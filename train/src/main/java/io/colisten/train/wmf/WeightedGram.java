package io.colisten.train.wmf;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The rank-degree update of the exact solve: a += sum_k w_k o_k o_k^T over a row's neighbours k
 * (rows o_k of the other factor, read in place through the neighbour ids), on the upper
 * triangle only, at the granularity of vectors: row i gets columns from the vector that holds its
 * diagonal on, which is all that {@link Cholesky} reads. Tiles of 8 rows x 2 vectors keep 16
 * accumulators in registers while the neighbours stream past; the weighted rows w_k o_k are
 * made once per block of neighbours (scratch {@code weighted}, {@link #BLOCK} x n).
 * About 5/8 of the multiply-adds of the full product at n = 64.
 */
final class WeightedGram {
    static final int BLOCK = 256;
    private static final VectorSpecies<Float> S = RowKernels.S;
    private static final int L = RowKernels.L;
    private static final int ROWS = 8;

    private WeightedGram() {}

    /** a[n x n] (upper vector blocks) += sum_{q in [from, to)} w[q - from] o_q o_q^T; n a multiple of L and of 8. */
    static void add(float[] a, float[] o, int[] nbr, int from, int to, float[] w, float[] weighted, int n) {
        int vectors = n / L;
        for (int start = from; start < to; start += BLOCK) {
            int end = Math.min(to, start + BLOCK);
            for (int q = start; q < end; q++) RowKernels.scale(w[q - from], o, nbr[q] * n, weighted, (q - start) * n, n);
            for (int i0 = 0; i0 < n; i0 += ROWS) {
                int c = i0 / L;
                for (; c + 2 <= vectors; c += 2) tile2(a, o, nbr, start, end, weighted, n, i0, c * L);
                if (c < vectors) tile1(a, o, nbr, start, end, weighted, n, i0, c * L);
            }
        }
    }

    /** Rows i0..i0+7, columns j..j+2L. */
    private static void tile2(float[] a, float[] o, int[] nbr, int start, int end, float[] weighted, int n, int i0, int j) {
        int r0 = i0 * n + j;
        FloatVector c00 = FloatVector.fromArray(S, a, r0), c01 = FloatVector.fromArray(S, a, r0 + L);
        FloatVector c10 = FloatVector.fromArray(S, a, r0 + n), c11 = FloatVector.fromArray(S, a, r0 + n + L);
        FloatVector c20 = FloatVector.fromArray(S, a, r0 + 2 * n), c21 = FloatVector.fromArray(S, a, r0 + 2 * n + L);
        FloatVector c30 = FloatVector.fromArray(S, a, r0 + 3 * n), c31 = FloatVector.fromArray(S, a, r0 + 3 * n + L);
        FloatVector c40 = FloatVector.fromArray(S, a, r0 + 4 * n), c41 = FloatVector.fromArray(S, a, r0 + 4 * n + L);
        FloatVector c50 = FloatVector.fromArray(S, a, r0 + 5 * n), c51 = FloatVector.fromArray(S, a, r0 + 5 * n + L);
        FloatVector c60 = FloatVector.fromArray(S, a, r0 + 6 * n), c61 = FloatVector.fromArray(S, a, r0 + 6 * n + L);
        FloatVector c70 = FloatVector.fromArray(S, a, r0 + 7 * n), c71 = FloatVector.fromArray(S, a, r0 + 7 * n + L);
        for (int q = start; q < end; q++) {
            int wr = (q - start) * n + j, or = nbr[q] * n + i0;
            FloatVector v0 = FloatVector.fromArray(S, weighted, wr), v1 = FloatVector.fromArray(S, weighted, wr + L);
            FloatVector b = FloatVector.broadcast(S, o[or]);
            c00 = v0.fma(b, c00);
            c01 = v1.fma(b, c01);
            b = FloatVector.broadcast(S, o[or + 1]);
            c10 = v0.fma(b, c10);
            c11 = v1.fma(b, c11);
            b = FloatVector.broadcast(S, o[or + 2]);
            c20 = v0.fma(b, c20);
            c21 = v1.fma(b, c21);
            b = FloatVector.broadcast(S, o[or + 3]);
            c30 = v0.fma(b, c30);
            c31 = v1.fma(b, c31);
            b = FloatVector.broadcast(S, o[or + 4]);
            c40 = v0.fma(b, c40);
            c41 = v1.fma(b, c41);
            b = FloatVector.broadcast(S, o[or + 5]);
            c50 = v0.fma(b, c50);
            c51 = v1.fma(b, c51);
            b = FloatVector.broadcast(S, o[or + 6]);
            c60 = v0.fma(b, c60);
            c61 = v1.fma(b, c61);
            b = FloatVector.broadcast(S, o[or + 7]);
            c70 = v0.fma(b, c70);
            c71 = v1.fma(b, c71);
        }
        c00.intoArray(a, r0);
        c01.intoArray(a, r0 + L);
        c10.intoArray(a, r0 + n);
        c11.intoArray(a, r0 + n + L);
        c20.intoArray(a, r0 + 2 * n);
        c21.intoArray(a, r0 + 2 * n + L);
        c30.intoArray(a, r0 + 3 * n);
        c31.intoArray(a, r0 + 3 * n + L);
        c40.intoArray(a, r0 + 4 * n);
        c41.intoArray(a, r0 + 4 * n + L);
        c50.intoArray(a, r0 + 5 * n);
        c51.intoArray(a, r0 + 5 * n + L);
        c60.intoArray(a, r0 + 6 * n);
        c61.intoArray(a, r0 + 6 * n + L);
        c70.intoArray(a, r0 + 7 * n);
        c71.intoArray(a, r0 + 7 * n + L);
    }

    /** Rows i0..i0+7, columns j..j+L. */
    private static void tile1(float[] a, float[] o, int[] nbr, int start, int end, float[] weighted, int n, int i0, int j) {
        int r0 = i0 * n + j;
        FloatVector c0 = FloatVector.fromArray(S, a, r0), c1 = FloatVector.fromArray(S, a, r0 + n);
        FloatVector c2 = FloatVector.fromArray(S, a, r0 + 2 * n), c3 = FloatVector.fromArray(S, a, r0 + 3 * n);
        FloatVector c4 = FloatVector.fromArray(S, a, r0 + 4 * n), c5 = FloatVector.fromArray(S, a, r0 + 5 * n);
        FloatVector c6 = FloatVector.fromArray(S, a, r0 + 6 * n), c7 = FloatVector.fromArray(S, a, r0 + 7 * n);
        for (int q = start; q < end; q++) {
            int or = nbr[q] * n + i0;
            FloatVector v = FloatVector.fromArray(S, weighted, (q - start) * n + j);
            c0 = v.fma(FloatVector.broadcast(S, o[or]), c0);
            c1 = v.fma(FloatVector.broadcast(S, o[or + 1]), c1);
            c2 = v.fma(FloatVector.broadcast(S, o[or + 2]), c2);
            c3 = v.fma(FloatVector.broadcast(S, o[or + 3]), c3);
            c4 = v.fma(FloatVector.broadcast(S, o[or + 4]), c4);
            c5 = v.fma(FloatVector.broadcast(S, o[or + 5]), c5);
            c6 = v.fma(FloatVector.broadcast(S, o[or + 6]), c6);
            c7 = v.fma(FloatVector.broadcast(S, o[or + 7]), c7);
        }
        c0.intoArray(a, r0);
        c1.intoArray(a, r0 + n);
        c2.intoArray(a, r0 + 2 * n);
        c3.intoArray(a, r0 + 3 * n);
        c4.intoArray(a, r0 + 4 * n);
        c5.intoArray(a, r0 + 5 * n);
        c6.intoArray(a, r0 + 6 * n);
        c7.intoArray(a, r0 + 7 * n);
    }
}
