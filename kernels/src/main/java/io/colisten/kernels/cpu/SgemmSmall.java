package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.SgemmMicroKernel.L;
import static io.colisten.kernels.cpu.SgemmMicroKernel.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The unpacked path of {@link Sgemm} for products too small (or too thin, m of 1 or 2) to repay
 * packing: rows of C are built as axpys over rows of B when B is not transposed, as dot products of
 * rows of A and B for A x B^T, and by plain loops for the rare small A^T x B^T.
 * Works on the column range [j0, j1) of C so that callers can split wide products over threads.
 */
final class SgemmSmall {
    private SgemmSmall() {}

    static void gemm(boolean transA, boolean transB, int m, int j0, int j1, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        if (!transB) {
            axpyRows(transA, m, j0, j1, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else if (!transA) {
            dots(m, j0, j1, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            for (int i = 0; i < m; i++) {
                for (int j = j0; j < j1; j++) {
                    float s = 0f;
                    for (int p = 0; p < k; p++) s = Math.fma(a[aOff + p * lda + i], b[bOff + j * ldb + p], s);
                    store(c, cOff + i * ldc + j, s, alpha, beta);
                }
            }
        }
    }

    /** C[i, j0..j1] from sum over p of op(A)[i, p] * B[p, j0..j1], B stored k x n; 4 vectors at a time. */
    private static void axpyRows(boolean transA, int m, int j0, int j1, int k, float alpha,
                                 float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                 float beta, float[] c, int cOff, int ldc) {
        int aStep = transA ? lda : 1;
        FloatVector va = FloatVector.broadcast(S, alpha), vb = FloatVector.broadcast(S, beta);
        for (int i = 0; i < m; i++) {
            int aRow = transA ? aOff + i : aOff + i * lda;
            int cRow = cOff + i * ldc;
            int j = j0;
            for (; j + 4 * L <= j1; j += 4 * L) {
                FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
                for (int p = 0, ai = aRow, bi = bOff + j; p < k; p++, ai += aStep, bi += ldb) {
                    FloatVector av = FloatVector.broadcast(S, a[ai]);
                    s0 = av.fma(FloatVector.fromArray(S, b, bi), s0);
                    s1 = av.fma(FloatVector.fromArray(S, b, bi + L), s1);
                    s2 = av.fma(FloatVector.fromArray(S, b, bi + 2 * L), s2);
                    s3 = av.fma(FloatVector.fromArray(S, b, bi + 3 * L), s3);
                }
                store(c, cRow + j, s0, va, vb, beta);
                store(c, cRow + j + L, s1, va, vb, beta);
                store(c, cRow + j + 2 * L, s2, va, vb, beta);
                store(c, cRow + j + 3 * L, s3, va, vb, beta);
            }
            for (; j < j1; j += L) {
                VectorMask<Float> mask = S.indexInRange(j, j1);
                FloatVector s0 = FloatVector.zero(S);
                for (int p = 0, ai = aRow, bi = bOff + j; p < k; p++, ai += aStep, bi += ldb) {
                    s0 = FloatVector.broadcast(S, a[ai]).fma(FloatVector.fromArray(S, b, bi, mask), s0);
                }
                FloatVector r = s0.mul(va);
                if (beta != 0f) r = s0.fma(va, FloatVector.fromArray(S, c, cRow + j, mask).mul(vb));
                r.intoArray(c, cRow + j, mask);
            }
        }
    }

    /** C[i, j] = dot(A[i, :], B[j, :]) for A stored m x k and B stored n x k (A x B^T). */
    private static void dots(int m, int j0, int j1, int k, float alpha, float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        int kv = S.loopBound(k);
        for (int i = 0; i < m; i++) {
            int aRow = aOff + i * lda;
            for (int j = j0; j < j1; j++) {
                int bRow = bOff + j * ldb;
                FloatVector acc = FloatVector.zero(S);
                int p = 0;
                for (; p < kv; p += L) {
                    acc = FloatVector.fromArray(S, a, aRow + p).fma(FloatVector.fromArray(S, b, bRow + p), acc);
                }
                if (SimdMath.L > 32) acc = acc.add(acc.rearrange(SimdMath.XOR_32));
                if (SimdMath.L > 16) acc = acc.add(acc.rearrange(SimdMath.XOR_16));
                if (SimdMath.L > 8) acc = acc.add(acc.rearrange(SimdMath.XOR_8));
                if (SimdMath.L > 4) acc = acc.add(acc.rearrange(SimdMath.XOR_4));
                if (SimdMath.L > 2) acc = acc.add(acc.rearrange(SimdMath.XOR_2));
                if (SimdMath.L > 1) acc = acc.add(acc.rearrange(SimdMath.XOR_1));
        float s = acc.lane(0);
                for (; p < k; p++) s = Math.fma(a[aRow + p], b[bRow + p], s);
                store(c, cOff + i * ldc + j, s, alpha, beta);
            }
        }
    }

    private static void store(float[] c, int ci, FloatVector s, FloatVector va, FloatVector vb, float beta) {
        if (beta == 0f) s.mul(va).intoArray(c, ci);
        else s.fma(va, FloatVector.fromArray(S, c, ci).mul(vb)).intoArray(c, ci);
    }

    private static void store(float[] c, int ci, float s, float alpha, float beta) {
        c[ci] = beta == 0f ? s * alpha : Math.fma(s, alpha, c[ci] * beta);
    }
}
