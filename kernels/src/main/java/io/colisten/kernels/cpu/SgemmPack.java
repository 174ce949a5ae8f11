package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.SgemmMicroKernel.L;
import static io.colisten.kernels.cpu.SgemmMicroKernel.MR;
import static io.colisten.kernels.cpu.SgemmMicroKernel.NR;
import static io.colisten.kernels.cpu.SgemmMicroKernel.S;

import jdk.incubator.vector.FloatVector;

/**
 * Packing for {@link Sgemm}: copies a block of op(A) or op(B) into the contiguous micro-panel layout
 * the micro-kernel streams, so that one kernel serves all four transpose combinations. Panels past the
 * edge of the matrix are padded with zeros (the kernel always computes full MR x NR tiles).
 */
final class SgemmPack {
    private SgemmPack() {}

    /**
     * Rows [i0, i0+mc) x columns [p0, p0+kc) of op(A) (m x k) into ceil(mc/MR) panels of kc x MR:
     * ap[q*MR*kc + p*MR + r] = op(A)[i0 + q*MR + r, p0 + p].
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, float[] ap) {
        for (int q = 0, dst = 0; q < mc; q += MR, dst += MR * kc) {
            int rows = Math.min(MR, mc - q);
            if (transA) {
                // A stored k x m: for each p the panel's MR values are contiguous.
                int src = aOff + p0 * lda + i0 + q;
                for (int p = 0; p < kc; p++, src += lda) {
                    int d = dst + p * MR;
                    for (int r = 0; r < rows; r++) ap[d + r] = a[src + r];
                    for (int r = rows; r < MR; r++) ap[d + r] = 0f;
                }
            } else {
                // A stored m x k: each row is contiguous in p; scatter it into the panel with stride MR.
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (i0 + q + r) * lda + p0;
                    for (int p = 0, d = dst + r; p < kc; p++, d += MR) ap[d] = a[src + p];
                }
                for (int r = rows; r < MR; r++) {
                    for (int p = 0, d = dst + r; p < kc; p++, d += MR) ap[d] = 0f;
                }
            }
        }
    }

    /**
     * Rows [p0, p0+kc) x columns [j0, j0+nc) of op(B) (k x n) into ceil(nc/NR) panels of kc x NR:
     * bp[q*NR*kc + p*NR + s] = op(B)[p0 + p, j0 + q*NR + s].
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc, float[] bp) {
        for (int q = 0, dst = 0; q < nc; q += NR, dst += NR * kc) {
            int cols = Math.min(NR, nc - q);
            if (!transB) {
                // B stored k x n: each panel row is NR contiguous floats, two vector copies.
                int src = bOff + p0 * ldb + j0 + q;
                if (cols == NR) {
                    for (int p = 0; p < kc; p++, src += ldb) {
                        int d = dst + p * NR;
                        FloatVector.fromArray(S, b, src).intoArray(bp, d);
                        FloatVector.fromArray(S, b, src + L).intoArray(bp, d + L);
                    }
                } else {
                    for (int p = 0; p < kc; p++, src += ldb) {
                        int d = dst + p * NR;
                        for (int s = 0; s < cols; s++) bp[d + s] = b[src + s];
                        for (int s = cols; s < NR; s++) bp[d + s] = 0f;
                    }
                }
            } else {
                // B stored n x k: each column of op(B) is a contiguous row of b; scatter with stride NR.
                for (int s = 0; s < cols; s++) {
                    int src = bOff + (j0 + q + s) * ldb + p0;
                    for (int p = 0, d = dst + s; p < kc; p++, d += NR) bp[d] = b[src + p];
                }
                for (int s = cols; s < NR; s++) {
                    for (int p = 0, d = dst + s; p < kc; p++, d += NR) bp[d] = 0f;
                }
            }
        }
    }
}
