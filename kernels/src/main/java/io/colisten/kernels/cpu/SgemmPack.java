package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.SgemmMicroKernel.L;
import static io.colisten.kernels.cpu.SgemmMicroKernel.MR;
import static io.colisten.kernels.cpu.SgemmMicroKernel.NR;
import static io.colisten.kernels.cpu.SgemmMicroKernel.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Packing for {@link Sgemm}: copies a block of op(A) or op(B) into the contiguous micro-panel layout
 * the micro-kernel streams, so that one kernel serves all four transpose combinations. Panels past the
 * edge of the matrix are padded with zeros (the kernel always computes full MR x NR tiles).
 *
 * <p>Layouts: ap[q*MR*kc + p*MR + r] = op(A)[i0 + q*MR + r, p0 + p] (panels of kc x MR) and
 * bp[q*NR*kc + p*NR + s] = op(B)[p0 + p, j0 + q*NR + s] (panels of kc x NR).
 * Costs measured in cache (ns per element): A copy 0.13, A gather 0.18 (scalar 0.26), B copy 0.11,
 * B gather 0.28 (scalar 0.35); streaming from memory all four are bound by bandwidth (~0.5).
 * The gathers take their lane offsets from a caller's scratch int[NR].
 */
final class SgemmPack {
    /** Lanes of one p step of an A micro-panel; the vector paths need MR <= L (AVX-512: 12 <= 16). */
    private static final VectorMask<Float> A_LANES = S.indexInRange(0, MR);
    static final boolean VECTOR_A = MR <= L;

    private SgemmPack() {}

    /** Rows [i0, i0+mc) x columns [p0, p0+kc) of op(A) (m x k) into ceil(mc/MR) panels. */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, float[] ap,
                      int[] gather) {
        if (!VECTOR_A) {
            packAScalar(transA, a, aOff, lda, i0, mc, p0, kc, ap, 0);
            return;
        }
        if (transA) {
            // A stored k x m: row p of a holds the block's mc values contiguously; read it in one sweep
            // (a long sequential run the prefetcher follows), a masked MR-lane copy per panel.
            int full = mc / MR * MR;
            for (int p = 0, src = aOff + p0 * lda + i0; p < kc; p++, src += lda) {
                int q = 0, d = p * MR;
                for (; q < full; q += MR, d += MR * kc) {
                    FloatVector.fromArray(S, a, src + q, A_LANES).intoArray(ap, d, A_LANES);
                }
                if (q < mc) {
                    FloatVector.fromArray(S, a, src + q, S.indexInRange(0, mc - q)).intoArray(ap, d, A_LANES);
                }
            }
            return;
        }
        // A stored m x k: one gather per p picks the panel's MR rows (gather[r] = r * lda).
        for (int q = 0, dst = 0; q < mc; q += MR, dst += MR * kc) {
            int rows = Math.min(MR, mc - q);
            VectorMask<Float> live = rows == MR ? A_LANES : S.indexInRange(0, rows);
            for (int r = 0; r < L; r++) gather[r] = r < rows ? r * lda : 0;
            int src = aOff + (i0 + q) * lda + p0;
            for (int p = 0, d = dst; p < kc; p++, d += MR) {
                FloatVector.fromArray(S, a, src + p, gather, 0, live).intoArray(ap, d, A_LANES);
            }
        }
    }

    /**
     * Like {@link #packA} for A stored m x k, over a strip of columns [p0, p0+len) cut into k blocks of
     * kc (the last may be shorter): block g lands at ap[g*blockSize ...] in packA's layout for its width.
     * Each panel's rows are gathered along the whole strip in one pass, a long sequential run per row.
     */
    static void packAStrip(float[] a, int aOff, int lda, int i0, int mc, int p0, int len, int kc, int blockSize,
                           float[] ap, int[] gather) {
        if (!VECTOR_A) {
            for (int g = 0; g * kc < len; g++) {
                packAScalar(false, a, aOff, lda, i0, mc, p0 + g * kc, Math.min(kc, len - g * kc), ap, g * blockSize);
            }
            return;
        }
        for (int q = 0; q < mc; q += MR) {
            int rows = Math.min(MR, mc - q);
            VectorMask<Float> live = rows == MR ? A_LANES : S.indexInRange(0, rows);
            for (int r = 0; r < L; r++) gather[r] = r < rows ? r * lda : 0;
            int src = aOff + (i0 + q) * lda + p0;
            for (int g = 0, start = 0; start < len; g++, start += kc) {
                int width = Math.min(kc, len - start);
                for (int p = start, d = g * blockSize + q * width; p < start + width; p++, d += MR) {
                    FloatVector.fromArray(S, a, src + p, gather, 0, live).intoArray(ap, d, A_LANES);
                }
            }
        }
    }

    /** Rows [p0, p0+kc) x columns [j0, j0+nc) of op(B) (k x n) into ceil(nc/NR) panels from bp[bpOff] on. */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc, float[] bp,
                      int bpOff, int[] gather) {
        for (int q = 0, dst = bpOff; q < nc; q += NR, dst += NR * kc) {
            int cols = Math.min(NR, nc - q);
            VectorMask<Float> lo = S.indexInRange(0, cols), hi = S.indexInRange(L, cols);
            if (!transB) {
                // B stored k x n: each p's NR values are contiguous, two vector copies.
                int src = bOff + p0 * ldb + j0 + q;
                if (cols == NR) {
                    for (int p = 0, d = dst; p < kc; p++, src += ldb, d += NR) {
                        FloatVector.fromArray(S, b, src).intoArray(bp, d);
                        FloatVector.fromArray(S, b, src + L).intoArray(bp, d + L);
                    }
                } else {
                    for (int p = 0, d = dst; p < kc; p++, src += ldb, d += NR) {
                        FloatVector.fromArray(S, b, src, lo).intoArray(bp, d);
                        FloatVector.fromArray(S, b, src + L, hi).intoArray(bp, d + L);
                    }
                }
            } else {
                // B stored n x k: op(B)'s columns are rows of b; two gathers per p (gather[s] = s * ldb).
                for (int s = 0; s < NR; s++) gather[s] = s < cols ? s * ldb : 0;
                int src = bOff + (j0 + q) * ldb + p0;
                for (int p = 0, d = dst; p < kc; p++, d += NR) {
                    FloatVector.fromArray(S, b, src + p, gather, 0, lo).intoArray(bp, d);
                    FloatVector.fromArray(S, b, src + p, gather, L, hi).intoArray(bp, d + L);
                }
            }
        }
    }

    /** The scalar twin of {@link #packA} (same layout), for vectors narrower than MR and for tests. */
    static void packAScalar(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, float[] ap,
                            int apOff) {
        for (int q = 0, dst = apOff; q < mc; q += MR, dst += MR * kc) {
            int rows = Math.min(MR, mc - q);
            for (int p = 0; p < kc; p++) {
                for (int r = 0; r < MR; r++) {
                    int i = i0 + q + r, pp = p0 + p;
                    ap[dst + p * MR + r] = r >= rows ? 0f : transA ? a[aOff + pp * lda + i] : a[aOff + i * lda + pp];
                }
            }
        }
    }

    /** The scalar twin of {@link #packB} (same layout), for tests. */
    static void packBScalar(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc, float[] bp,
                            int bpOff) {
        for (int q = 0, dst = bpOff; q < nc; q += NR, dst += NR * kc) {
            int cols = Math.min(NR, nc - q);
            for (int p = 0; p < kc; p++) {
                for (int s = 0; s < NR; s++) {
                    int j = j0 + q + s, pp = p0 + p;
                    bp[dst + p * NR + s] = s >= cols ? 0f : transB ? b[bOff + j * ldb + pp] : b[bOff + pp * ldb + j];
                }
            }
        }
    }
}
