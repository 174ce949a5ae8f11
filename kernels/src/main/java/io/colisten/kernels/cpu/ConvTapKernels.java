package io.colisten.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked inner kernels of the direct conv2d (implicit GEMM on zero-padded planes).
 * A "slot" is one vector of outputs along a row (n valid lanes of L); a "tap" is one term of the
 * reduction (input channel, ky, kx), given by its offset into the padded source planes and its
 * packed weights wp[t * MR + c] for the MR channels of the block. Both forward (taps over the
 * input channels of a group) and backward-data (taps over the output channels, flipped, one
 * stride phase at a time) run on these kernels.
 */
final class ConvTapKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Channels per register block of {@link #taps4x4}. */
    static final int MR = 4;

    private ConvTapKernels() {}

    /**
     * For channels c < 4 (at out[ob + c * cs]) and slots s < 4 (output offset o_s, n_s valid lanes,
     * 0 = unused slot; source offset q_s): acc = init + sum over t in [ts, ts + nt) of
     * wp[w + (t - ts) * 4 + c] * src[q_s + toff[t] + lane].
     * init: the existing output when {@code add} (backward adds), else bias b_c. Channels past
     * {@code nc} are computed but not stored.
     */
    static void taps4x4(float[] out, int ob, int cs, int nc, int o0, int o1, int o2, int o3, int n0, int n1, int n2, int n3,
                        boolean add, float b0, float b1, float b2, float b3,
                        float[] src, int q0, int q1, int q2, int q3, int[] toff, int ts, int nt, float[] wp, int w) {
        // Masks for partial slots (n < L lanes; n = 0: an empty slot). Everything stays in this
        // method: a FloatVector passed to a method that is not inlined is boxed and loses its intrinsics.
        VectorMask<Float> m0 = S.indexInRange(0, n0), m1 = S.indexInRange(0, n1);
        VectorMask<Float> m2 = S.indexInRange(0, n2), m3 = S.indexInRange(0, n3);
        int c1 = nc > 1 ? ob + cs : ob, c2 = nc > 2 ? ob + 2 * cs : ob, c3 = nc > 3 ? ob + 3 * cs : ob;
        FloatVector a00, a01, a02, a03, a10, a11, a12, a13, a20, a21, a22, a23, a30, a31, a32, a33;
        if (add) {
            a00 = FloatVector.fromArray(S, out, ob + o0, m0); a01 = FloatVector.fromArray(S, out, ob + o1, m1);
            a02 = FloatVector.fromArray(S, out, ob + o2, m2); a03 = FloatVector.fromArray(S, out, ob + o3, m3);
            a10 = FloatVector.fromArray(S, out, c1 + o0, m0); a11 = FloatVector.fromArray(S, out, c1 + o1, m1);
            a12 = FloatVector.fromArray(S, out, c1 + o2, m2); a13 = FloatVector.fromArray(S, out, c1 + o3, m3);
            a20 = FloatVector.fromArray(S, out, c2 + o0, m0); a21 = FloatVector.fromArray(S, out, c2 + o1, m1);
            a22 = FloatVector.fromArray(S, out, c2 + o2, m2); a23 = FloatVector.fromArray(S, out, c2 + o3, m3);
            a30 = FloatVector.fromArray(S, out, c3 + o0, m0); a31 = FloatVector.fromArray(S, out, c3 + o1, m1);
            a32 = FloatVector.fromArray(S, out, c3 + o2, m2); a33 = FloatVector.fromArray(S, out, c3 + o3, m3);
        } else {
            a00 = FloatVector.broadcast(S, b0); a01 = a00; a02 = a00; a03 = a00;
            a10 = FloatVector.broadcast(S, b1); a11 = a10; a12 = a10; a13 = a10;
            a20 = FloatVector.broadcast(S, b2); a21 = a20; a22 = a20; a23 = a20;
            a30 = FloatVector.broadcast(S, b3); a31 = a30; a32 = a30; a33 = a30;
        }
        for (int t = ts, te = ts + nt, wi = w; t < te; t++, wi += MR) {
            int off = toff[t];
            FloatVector v0 = FloatVector.fromArray(S, src, q0 + off), v1 = FloatVector.fromArray(S, src, q1 + off);
            FloatVector v2 = FloatVector.fromArray(S, src, q2 + off), v3 = FloatVector.fromArray(S, src, q3 + off);
            FloatVector c = FloatVector.broadcast(S, wp[wi]);
            a00 = v0.fma(c, a00); a01 = v1.fma(c, a01); a02 = v2.fma(c, a02); a03 = v3.fma(c, a03);
            c = FloatVector.broadcast(S, wp[wi + 1]);
            a10 = v0.fma(c, a10); a11 = v1.fma(c, a11); a12 = v2.fma(c, a12); a13 = v3.fma(c, a13);
            c = FloatVector.broadcast(S, wp[wi + 2]);
            a20 = v0.fma(c, a20); a21 = v1.fma(c, a21); a22 = v2.fma(c, a22); a23 = v3.fma(c, a23);
            c = FloatVector.broadcast(S, wp[wi + 3]);
            a30 = v0.fma(c, a30); a31 = v1.fma(c, a31); a32 = v2.fma(c, a32); a33 = v3.fma(c, a33);
        }
        a00.intoArray(out, ob + o0, m0); a01.intoArray(out, ob + o1, m1); a02.intoArray(out, ob + o2, m2); a03.intoArray(out, ob + o3, m3);
        if (nc > 1) {
            a10.intoArray(out, c1 + o0, m0); a11.intoArray(out, c1 + o1, m1); a12.intoArray(out, c1 + o2, m2); a13.intoArray(out, c1 + o3, m3);
        }
        if (nc > 2) {
            a20.intoArray(out, c2 + o0, m0); a21.intoArray(out, c2 + o1, m1); a22.intoArray(out, c2 + o2, m2); a23.intoArray(out, c2 + o3, m3);
        }
        if (nc > 3) {
            a30.intoArray(out, c3 + o0, m0); a31.intoArray(out, c3 + o1, m1); a32.intoArray(out, c3 + o2, m2); a33.intoArray(out, c3 + o3, m3);
        }
    }

    /** taps4x4 for one channel; weights wp[w + t - ts]. */
    static void taps1x4(float[] out, int ob, int o0, int o1, int o2, int o3, int n0, int n1, int n2, int n3,
                        boolean add, float b0, float[] src, int q0, int q1, int q2, int q3, int[] toff, int ts, int nt,
                        float[] wp, int w) {
        VectorMask<Float> m0 = S.indexInRange(0, n0), m1 = S.indexInRange(0, n1);
        VectorMask<Float> m2 = S.indexInRange(0, n2), m3 = S.indexInRange(0, n3);
        FloatVector a0, a1, a2, a3;
        if (add) {
            a0 = FloatVector.fromArray(S, out, ob + o0, m0); a1 = FloatVector.fromArray(S, out, ob + o1, m1);
            a2 = FloatVector.fromArray(S, out, ob + o2, m2); a3 = FloatVector.fromArray(S, out, ob + o3, m3);
        } else {
            a0 = FloatVector.broadcast(S, b0); a1 = a0; a2 = a0; a3 = a0;
        }
        for (int t = ts, te = ts + nt, wi = w; t < te; t++, wi++) {
            int off = toff[t];
            FloatVector c = FloatVector.broadcast(S, wp[wi]);
            a0 = FloatVector.fromArray(S, src, q0 + off).fma(c, a0);
            a1 = FloatVector.fromArray(S, src, q1 + off).fma(c, a1);
            a2 = FloatVector.fromArray(S, src, q2 + off).fma(c, a2);
            a3 = FloatVector.fromArray(S, src, q3 + off).fma(c, a3);
        }
        a0.intoArray(out, ob + o0, m0); a1.intoArray(out, ob + o1, m1); a2.intoArray(out, ob + o2, m2); a3.intoArray(out, ob + o3, m3);
    }
}
