package io.colisten.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked inner kernel of {@link Sgemm}: one MR x NR = 12 x 32 tile (AVX-512) of
 * Ap * Bp from a packed A micro-panel (kc x 12, ap[p*12 + i]) and a packed B micro-panel
 * (kc x 32, bp[p*32 + j]), then C = alpha * tile + beta * C.
 *
 * <p>Why 12 x 32: 24 zmm accumulators + 2 B vectors + 1 broadcast = 27 of the 32 AVX-512 registers,
 * and each k step issues 24 FMAs against 2 vector loads and 12 broadcast loads, so the two FMA ports
 * stay busy (measured ~93% of one core's FMA peak with the panels in L1/L2; 8 x 48 and 6 x 64 reach
 * 75-80%, 14 x 32 the same as 12 x 32). The accumulators are plain locals so C2 keeps them in registers.
 *
 * <p>Why the tile goes through a scratch array instead of straight to C: the product loop alone is
 * small enough for C1's register allocator; with the alpha/beta/edge stores inlined, C1 bailed out
 * ("out of virtual registers") and the tiered policy could leave the method in tier-2 code, where the
 * Vector API runs its Java fallback at ~1 GFLOP/s. The extra 24 stores and loads hit L1 and cost
 * well under 1% at kc = 256.
 */
final class SgemmMicroKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector: 16 with AVX-512 (the layout works, slower, with any other width). */
    static final int L = S.length();
    static final int MR = 12;
    static final int NR = 2 * L;

    private SgemmMicroKernel() {}

    /**
     * C[0..mr, 0..nr] = alpha * (Ap * Bp) + beta * C (beta == 0: C is not read); {@code tile}: MR * NR scratch.
     * B's row p is the NR floats at bp[bOff + p*bStep]: bStep = NR for a packed panel, ldb for B read in place.
     */
    static void tile(int kc, float[] ap, int aOff, float[] bp, int bOff, int bStep,
                     float[] c, int cOff, int ldc, int mr, int nr, float alpha, float beta, float[] tile) {
        product(kc, ap, aOff, bp, bOff, bStep, tile);
        if (mr == MR && nr == NR) storeFull(tile, c, cOff, ldc, alpha, beta);
        else storeEdge(tile, c, cOff, ldc, mr, nr, alpha, beta);
    }

    /** tile[i*NR + j] = sum over p of ap[aOff + p*MR + i] * bp[bOff + p*bStep + j]. */
    static void product(int kc, float[] ap, int aOff, float[] bp, int bOff, int bStep, float[] tile) {
        FloatVector c0_0 = FloatVector.zero(S), c0_1 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S), c1_1 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S), c2_1 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S), c3_1 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S), c4_1 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S), c5_1 = FloatVector.zero(S);
        FloatVector c6_0 = FloatVector.zero(S), c6_1 = FloatVector.zero(S);
        FloatVector c7_0 = FloatVector.zero(S), c7_1 = FloatVector.zero(S);
        FloatVector c8_0 = FloatVector.zero(S), c8_1 = FloatVector.zero(S);
        FloatVector c9_0 = FloatVector.zero(S), c9_1 = FloatVector.zero(S);
        FloatVector c10_0 = FloatVector.zero(S), c10_1 = FloatVector.zero(S);
        FloatVector c11_0 = FloatVector.zero(S), c11_1 = FloatVector.zero(S);
        for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += MR, bi += bStep) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[ai]);
            c0_0 = a0.fma(b0, c0_0); c0_1 = a0.fma(b1, c0_1);
            FloatVector a1 = FloatVector.broadcast(S, ap[ai + 1]);
            c1_0 = a1.fma(b0, c1_0); c1_1 = a1.fma(b1, c1_1);
            FloatVector a2 = FloatVector.broadcast(S, ap[ai + 2]);
            c2_0 = a2.fma(b0, c2_0); c2_1 = a2.fma(b1, c2_1);
            FloatVector a3 = FloatVector.broadcast(S, ap[ai + 3]);
            c3_0 = a3.fma(b0, c3_0); c3_1 = a3.fma(b1, c3_1);
            FloatVector a4 = FloatVector.broadcast(S, ap[ai + 4]);
            c4_0 = a4.fma(b0, c4_0); c4_1 = a4.fma(b1, c4_1);
            FloatVector a5 = FloatVector.broadcast(S, ap[ai + 5]);
            c5_0 = a5.fma(b0, c5_0); c5_1 = a5.fma(b1, c5_1);
            FloatVector a6 = FloatVector.broadcast(S, ap[ai + 6]);
            c6_0 = a6.fma(b0, c6_0); c6_1 = a6.fma(b1, c6_1);
            FloatVector a7 = FloatVector.broadcast(S, ap[ai + 7]);
            c7_0 = a7.fma(b0, c7_0); c7_1 = a7.fma(b1, c7_1);
            FloatVector a8 = FloatVector.broadcast(S, ap[ai + 8]);
            c8_0 = a8.fma(b0, c8_0); c8_1 = a8.fma(b1, c8_1);
            FloatVector a9 = FloatVector.broadcast(S, ap[ai + 9]);
            c9_0 = a9.fma(b0, c9_0); c9_1 = a9.fma(b1, c9_1);
            FloatVector a10 = FloatVector.broadcast(S, ap[ai + 10]);
            c10_0 = a10.fma(b0, c10_0); c10_1 = a10.fma(b1, c10_1);
            FloatVector a11 = FloatVector.broadcast(S, ap[ai + 11]);
            c11_0 = a11.fma(b0, c11_0); c11_1 = a11.fma(b1, c11_1);
        }
        c0_0.intoArray(tile, 0); c0_1.intoArray(tile, L);
        c1_0.intoArray(tile, NR); c1_1.intoArray(tile, NR + L);
        c2_0.intoArray(tile, 2 * NR); c2_1.intoArray(tile, 2 * NR + L);
        c3_0.intoArray(tile, 3 * NR); c3_1.intoArray(tile, 3 * NR + L);
        c4_0.intoArray(tile, 4 * NR); c4_1.intoArray(tile, 4 * NR + L);
        c5_0.intoArray(tile, 5 * NR); c5_1.intoArray(tile, 5 * NR + L);
        c6_0.intoArray(tile, 6 * NR); c6_1.intoArray(tile, 6 * NR + L);
        c7_0.intoArray(tile, 7 * NR); c7_1.intoArray(tile, 7 * NR + L);
        c8_0.intoArray(tile, 8 * NR); c8_1.intoArray(tile, 8 * NR + L);
        c9_0.intoArray(tile, 9 * NR); c9_1.intoArray(tile, 9 * NR + L);
        c10_0.intoArray(tile, 10 * NR); c10_1.intoArray(tile, 10 * NR + L);
        c11_0.intoArray(tile, 11 * NR); c11_1.intoArray(tile, 11 * NR + L);
    }

    /** C = alpha * tile + beta * C on a full MR x NR tile, as fma(tile, alpha, beta * C). */
    private static void storeFull(float[] tile, float[] c, int cOff, int ldc, float alpha, float beta) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        if (beta == 0f) {
            for (int i = 0, ci = cOff, ti = 0; i < MR; i++, ci += ldc, ti += NR) {
                FloatVector.fromArray(S, tile, ti).mul(va).intoArray(c, ci);
                FloatVector.fromArray(S, tile, ti + L).mul(va).intoArray(c, ci + L);
            }
        } else {
            FloatVector vb = FloatVector.broadcast(S, beta);
            for (int i = 0, ci = cOff, ti = 0; i < MR; i++, ci += ldc, ti += NR) {
                FloatVector.fromArray(S, tile, ti).fma(va, FloatVector.fromArray(S, c, ci).mul(vb)).intoArray(c, ci);
                FloatVector.fromArray(S, tile, ti + L).fma(va, FloatVector.fromArray(S, c, ci + L).mul(vb))
                        .intoArray(c, ci + L);
            }
        }
    }

    /** The edge-tile store (mr < MR or nr < NR), with the same rounding as {@link #storeFull}. */
    private static void storeEdge(float[] tile, float[] c, int cOff, int ldc, int mr, int nr,
                                  float alpha, float beta) {
        for (int i = 0; i < mr; i++) {
            int ci = cOff + i * ldc, ti = i * NR;
            if (beta == 0f) {
                for (int j = 0; j < nr; j++) c[ci + j] = tile[ti + j] * alpha;
            } else {
                for (int j = 0; j < nr; j++) c[ci + j] = Math.fma(tile[ti + j], alpha, c[ci + j] * beta);
            }
        }
    }
}
