package io.colisten.train.wmf;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * One pass over a row's neighbours q (rows o_q of the other factor, read in place through the
 * neighbour ids): s_q = o_q . v, and optionally acc += sum_q (scale_q s_q + shift_q) o_q. This is
 * the whole cost of a CG step, so it is fused and batched:
 * <ul>
 * <li>16 neighbours at a time (with 16 lanes): their 16-lane partial products are reduced
 *     together by a butterfly that halves the lanes of two vectors at each of four levels (about
 *     one shuffle per neighbour instead of four for a lane tree each), ending with s_q in lane q;</li>
 * <li>the same 16 rows, still in L1, are then scaled and summed into {@code acc}, so each pass
 *     reads the neighbours' rows from L2 once.</li>
 * </ul>
 * The order of every sum is fixed by the row's degree alone, so results never depend on threads
 * or on when the JIT compiled this. Neighbours past the last full block take the plain route
 * ({@link RowKernels#dot}, {@link RowKernels#axpy}); so does everything when the vector length
 * is not 16.
 */
final class NeighbourPass {
    private static final VectorSpecies<Float> S = RowKernels.S;
    private static final int L = RowKernels.L;
    private static final boolean BATCHED = L == 16;
    /** Mk: lanes whose bit k is set; XOR_k: lane i to i ^ k; REV: the 4-bit reversal the butterfly leaves. */
    private static final VectorMask<Float> M8 = mask(8), M4 = mask(4), M2 = mask(2), M1 = mask(1);
    private static final VectorShuffle<Float> X8 = xor(8), X4 = xor(4), X2 = xor(2), X1 = xor(1), REV = reversal();

    /** Floats of scratch a pass needs: 16 coefficients and 8 level-one halves of 16 lanes. */
    static final int SCRATCH = 9 * 16;

    private NeighbourPass() {}

    private static VectorMask<Float> mask(int bit) {
        boolean[] m = new boolean[L];
        for (int i = 0; i < L; i++) m[i] = (i & bit) != 0;
        return VectorMask.fromArray(S, m, 0);
    }

    private static VectorShuffle<Float> xor(int k) {
        return BATCHED ? VectorShuffle.fromOp(S, i -> i ^ k) : null;
    }

    private static VectorShuffle<Float> reversal() {
        return BATCHED ? VectorShuffle.fromOp(S, i -> Integer.reverse(i) >>> 28) : null;
    }

    /**
     * For q in [from, to), k = q - from: s_k = o[nbr[q] n ..] . v[vo ..]; stores s_k in
     * {@code dots[k]} when dots is not null; adds (scale[k] s_k + shift[k]) o_q into acc[0..n)
     * when acc is not null (shift null: 0). {@code scratch} holds at least {@link #SCRATCH} floats.
     */
    static void run(float[] acc, float[] dots, float[] o, int[] nbr, int from, int to, float[] v, int vo, int n,
                    float[] scale, float[] shift, float[] scratch) {
        int q = from;
        if (BATCHED) {
            // v's four vectors when n == 4L (else unused; loads within v's bounds either way)
            FloatVector v0 = FloatVector.fromArray(S, v, vo), v1 = n >= 2 * L ? FloatVector.fromArray(S, v, vo + L) : v0;
            FloatVector v2 = n >= 3 * L ? FloatVector.fromArray(S, v, vo + 2 * L) : v0;
            FloatVector v3 = n >= 4 * L ? FloatVector.fromArray(S, v, vo + 3 * L) : v0;
            for (; q + 16 <= to; q += 16) {
                // Level 1, pair by pair: lanes with bit 3 clear sum a's lanes i and i^8, lanes with it
                // set sum b's; the halves go to scratch rows 1..8 (a store and reload through L1 keeps
                // the loop free of vector phis, which C2 would box).
                if (n == 4 * L) {
                    // rank 49..64: v in four registers, the products in two chains per neighbour
                    for (int j = 0; j < 16; j += 2) {
                        int ra = nbr[q + j] * n, rb = nbr[q + j + 1] * n;
                        FloatVector a = FloatVector.fromArray(S, o, ra).mul(v0).add(FloatVector.fromArray(S, o, ra + L).mul(v1));
                        FloatVector b = FloatVector.fromArray(S, o, rb).mul(v0).add(FloatVector.fromArray(S, o, rb + L).mul(v1));
                        a = FloatVector.fromArray(S, o, ra + 2 * L).fma(v2, a);
                        b = FloatVector.fromArray(S, o, rb + 2 * L).fma(v2, b);
                        a = FloatVector.fromArray(S, o, ra + 3 * L).fma(v3, a);
                        b = FloatVector.fromArray(S, o, rb + 3 * L).fma(v3, b);
                        a.blend(b, M8).add(b.blend(a, M8).rearrange(X8)).intoArray(scratch, 16 + 8 * j);
                    }
                } else {
                    for (int j = 0; j < 16; j += 2) {
                        int ra = nbr[q + j] * n, rb = nbr[q + j + 1] * n;
                        FloatVector a = FloatVector.fromArray(S, o, ra).mul(FloatVector.fromArray(S, v, vo));
                        FloatVector b = FloatVector.fromArray(S, o, rb).mul(FloatVector.fromArray(S, v, vo));
                        for (int c = L; c < n; c += L) {
                            FloatVector vc = FloatVector.fromArray(S, v, vo + c);
                            a = FloatVector.fromArray(S, o, ra + c).fma(vc, a);
                            b = FloatVector.fromArray(S, o, rb + c).fma(vc, b);
                        }
                        a.blend(b, M8).add(b.blend(a, M8).rearrange(X8)).intoArray(scratch, 16 + 8 * j);
                    }
                }
                FloatVector u0 = FloatVector.fromArray(S, scratch, 16), u1 = FloatVector.fromArray(S, scratch, 32);
                FloatVector u2 = FloatVector.fromArray(S, scratch, 48), u3 = FloatVector.fromArray(S, scratch, 64);
                FloatVector u4 = FloatVector.fromArray(S, scratch, 80), u5 = FloatVector.fromArray(S, scratch, 96);
                FloatVector u6 = FloatVector.fromArray(S, scratch, 112), u7 = FloatVector.fromArray(S, scratch, 128);
                FloatVector w0 = u0.blend(u1, M4).add(u1.blend(u0, M4).rearrange(X4));
                FloatVector w1 = u2.blend(u3, M4).add(u3.blend(u2, M4).rearrange(X4));
                FloatVector w2 = u4.blend(u5, M4).add(u5.blend(u4, M4).rearrange(X4));
                FloatVector w3 = u6.blend(u7, M4).add(u7.blend(u6, M4).rearrange(X4));
                FloatVector x0 = w0.blend(w1, M2).add(w1.blend(w0, M2).rearrange(X2));
                FloatVector x1 = w2.blend(w3, M2).add(w3.blend(w2, M2).rearrange(X2));
                FloatVector res = x0.blend(x1, M1).add(x1.blend(x0, M1).rearrange(X1));
                // Lane i of res holds s of neighbour reverse4(i); the reversal is its own inverse.
                FloatVector s = res.rearrange(REV);
                int k = q - from;
                if (dots != null) s.intoArray(dots, k);
                if (acc == null) continue;
                FloatVector sc = FloatVector.fromArray(S, scale, k);
                FloatVector cf = shift == null ? s.mul(sc) : s.fma(sc, FloatVector.fromArray(S, shift, k));
                cf.intoArray(scratch, 0);
                for (int c = 0; c < n; c += L) {
                    FloatVector e = FloatVector.fromArray(S, acc, c), f = FloatVector.zero(S);
                    for (int j = 0; j < 16; j += 2) {
                        e = FloatVector.fromArray(S, o, nbr[q + j] * n + c).fma(FloatVector.broadcast(S, scratch[j]), e);
                        f = FloatVector.fromArray(S, o, nbr[q + j + 1] * n + c).fma(FloatVector.broadcast(S, scratch[j + 1]), f);
                    }
                    e.add(f).intoArray(acc, c);
                }
            }
        }
        for (; q < to; q++) {
            int k = q - from, row = nbr[q] * n;
            float s = RowKernels.dot(o, row, v, vo, n);
            if (dots != null) dots[k] = s;
            if (acc != null) RowKernels.axpy(shift == null ? scale[k] * s : Math.fma(s, scale[k], shift[k]), o, row, acc, 0, n);
        }
    }
}
