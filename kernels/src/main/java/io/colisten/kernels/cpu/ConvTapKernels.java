package io.colisten.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked inner kernels of the direct conv2d (implicit GEMM on zero-padded planes).
 * A "slot" is one vector of outputs along a row (sn valid lanes of L); a "tap" is one term of the
 * reduction (input channel, ky, kx), given by its offset into the padded source planes and its
 * packed weights wp[t * MR + c] for the MR channels of a block. Both forward (taps over the input
 * channels of a group) and backward-data (taps over the output channels, flipped, one stride phase
 * at a time) run on these kernels.
 * <p>Why 8 x 3: 24 accumulators + 3 source vectors + 1 broadcast fit the 32 AVX-512 registers, and
 * each tap issues 24 FMAs against 3 unaligned vector loads (which usually span two cache lines) and
 * 8 broadcasts from one packed line; 4 x 4 (16 FMAs per 4 split loads + 4 broadcasts) measured
 * about 25% slower. Single-channel groups (depthwise) use 1 x 6.
 * Unrolled by kernels/src/test/python/gen_tap_kernels.py. Everything stays inside each method: a
 * FloatVector passed to a method that is not inlined is boxed and loses its intrinsics.
 */
final class ConvTapKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Channels per register block of {@link #taps8x3}. */
    static final int MR = 8;
    /** Slots per register block of {@link #taps8x3}, and of {@link #taps1x6}. */
    static final int NS = 3, NS1 = 6;

    private ConvTapKernels() {}

    /**
     * 8 channels x 3 slots, accumulators starting from bias[bo + c] (0 without bias): for channel c < nc (at
     * out[ob + c * cs]) and slot s (table index i + s: output offset so, valid lanes sn, 0 = empty;
     * source offset q + sq): out += sum over t in [ts, ts + nt) of wp[w + (t - ts) * 8 + c] * src[q + sq + toff[t] + lane].
     */
    static void taps8x3(float[] out, int ob, int cs, int nc, int[] so, int[] sn, int[] sq, int i, int q, float[] bias, int bo,
                        float[] src, int[] toff, int ts, int nt, float[] wp, int w) {
        int o0 = so[i], q0 = q + sq[i];
        VectorMask<Float> m0 = S.indexInRange(0, sn[i]);
        int o1 = so[i + 1], q1 = q + sq[i + 1];
        VectorMask<Float> m1 = S.indexInRange(0, sn[i + 1]);
        int o2 = so[i + 2], q2 = q + sq[i + 2];
        VectorMask<Float> m2 = S.indexInRange(0, sn[i + 2]);
        int c0 = ob;
        int c1 = nc > 1 ? ob + 1 * cs : ob;
        int c2 = nc > 2 ? ob + 2 * cs : ob;
        int c3 = nc > 3 ? ob + 3 * cs : ob;
        int c4 = nc > 4 ? ob + 4 * cs : ob;
        int c5 = nc > 5 ? ob + 5 * cs : ob;
        int c6 = nc > 6 ? ob + 6 * cs : ob;
        int c7 = nc > 7 ? ob + 7 * cs : ob;
        FloatVector a00, a01, a02, a10, a11, a12, a20, a21, a22, a30, a31, a32, a40, a41, a42, a50, a51, a52, a60, a61, a62, a70, a71, a72;
        a00 = FloatVector.broadcast(S, bias == null || nc <= 0 ? 0f : bias[bo + 0]); a01 = a00; a02 = a00;
        a10 = FloatVector.broadcast(S, bias == null || nc <= 1 ? 0f : bias[bo + 1]); a11 = a10; a12 = a10;
        a20 = FloatVector.broadcast(S, bias == null || nc <= 2 ? 0f : bias[bo + 2]); a21 = a20; a22 = a20;
        a30 = FloatVector.broadcast(S, bias == null || nc <= 3 ? 0f : bias[bo + 3]); a31 = a30; a32 = a30;
        a40 = FloatVector.broadcast(S, bias == null || nc <= 4 ? 0f : bias[bo + 4]); a41 = a40; a42 = a40;
        a50 = FloatVector.broadcast(S, bias == null || nc <= 5 ? 0f : bias[bo + 5]); a51 = a50; a52 = a50;
        a60 = FloatVector.broadcast(S, bias == null || nc <= 6 ? 0f : bias[bo + 6]); a61 = a60; a62 = a60;
        a70 = FloatVector.broadcast(S, bias == null || nc <= 7 ? 0f : bias[bo + 7]); a71 = a70; a72 = a70;
        for (int t = ts, te = ts + nt, wi = w; t < te; t++, wi += 8) {
            int off = toff[t];
            FloatVector v0 = FloatVector.fromArray(S, src, q0 + off);
            FloatVector v1 = FloatVector.fromArray(S, src, q1 + off);
            FloatVector v2 = FloatVector.fromArray(S, src, q2 + off);
            FloatVector b = FloatVector.broadcast(S, wp[wi]);
            a00 = v0.fma(b, a00); a01 = v1.fma(b, a01); a02 = v2.fma(b, a02);
            b = FloatVector.broadcast(S, wp[wi + 1]);
            a10 = v0.fma(b, a10); a11 = v1.fma(b, a11); a12 = v2.fma(b, a12);
            b = FloatVector.broadcast(S, wp[wi + 2]);
            a20 = v0.fma(b, a20); a21 = v1.fma(b, a21); a22 = v2.fma(b, a22);
            b = FloatVector.broadcast(S, wp[wi + 3]);
            a30 = v0.fma(b, a30); a31 = v1.fma(b, a31); a32 = v2.fma(b, a32);
            b = FloatVector.broadcast(S, wp[wi + 4]);
            a40 = v0.fma(b, a40); a41 = v1.fma(b, a41); a42 = v2.fma(b, a42);
            b = FloatVector.broadcast(S, wp[wi + 5]);
            a50 = v0.fma(b, a50); a51 = v1.fma(b, a51); a52 = v2.fma(b, a52);
            b = FloatVector.broadcast(S, wp[wi + 6]);
            a60 = v0.fma(b, a60); a61 = v1.fma(b, a61); a62 = v2.fma(b, a62);
            b = FloatVector.broadcast(S, wp[wi + 7]);
            a70 = v0.fma(b, a70); a71 = v1.fma(b, a71); a72 = v2.fma(b, a72);
        }
        a00.intoArray(out, c0 + o0, m0); a01.intoArray(out, c0 + o1, m1); a02.intoArray(out, c0 + o2, m2);
        if (nc > 1) { a10.intoArray(out, c1 + o0, m0); a11.intoArray(out, c1 + o1, m1); a12.intoArray(out, c1 + o2, m2); }
        if (nc > 2) { a20.intoArray(out, c2 + o0, m0); a21.intoArray(out, c2 + o1, m1); a22.intoArray(out, c2 + o2, m2); }
        if (nc > 3) { a30.intoArray(out, c3 + o0, m0); a31.intoArray(out, c3 + o1, m1); a32.intoArray(out, c3 + o2, m2); }
        if (nc > 4) { a40.intoArray(out, c4 + o0, m0); a41.intoArray(out, c4 + o1, m1); a42.intoArray(out, c4 + o2, m2); }
        if (nc > 5) { a50.intoArray(out, c5 + o0, m0); a51.intoArray(out, c5 + o1, m1); a52.intoArray(out, c5 + o2, m2); }
        if (nc > 6) { a60.intoArray(out, c6 + o0, m0); a61.intoArray(out, c6 + o1, m1); a62.intoArray(out, c6 + o2, m2); }
        if (nc > 7) { a70.intoArray(out, c7 + o0, m0); a71.intoArray(out, c7 + o1, m1); a72.intoArray(out, c7 + o2, m2); }
    }

    /**
     * 8 channels x 3 slots, accumulators starting from the existing output (backward adds): for channel c < nc (at
     * out[ob + c * cs]) and slot s (table index i + s: output offset so, valid lanes sn, 0 = empty;
     * source offset q + sq): out += sum over t in [ts, ts + nt) of wp[w + (t - ts) * 8 + c] * src[q + sq + toff[t] + lane].
     */
    static void taps8x3Add(float[] out, int ob, int cs, int nc, int[] so, int[] sn, int[] sq, int i, int q,
                           float[] src, int[] toff, int ts, int nt, float[] wp, int w) {
        int o0 = so[i], q0 = q + sq[i];
        VectorMask<Float> m0 = S.indexInRange(0, sn[i]);
        int o1 = so[i + 1], q1 = q + sq[i + 1];
        VectorMask<Float> m1 = S.indexInRange(0, sn[i + 1]);
        int o2 = so[i + 2], q2 = q + sq[i + 2];
        VectorMask<Float> m2 = S.indexInRange(0, sn[i + 2]);
        int c0 = ob;
        int c1 = nc > 1 ? ob + 1 * cs : ob;
        int c2 = nc > 2 ? ob + 2 * cs : ob;
        int c3 = nc > 3 ? ob + 3 * cs : ob;
        int c4 = nc > 4 ? ob + 4 * cs : ob;
        int c5 = nc > 5 ? ob + 5 * cs : ob;
        int c6 = nc > 6 ? ob + 6 * cs : ob;
        int c7 = nc > 7 ? ob + 7 * cs : ob;
        FloatVector a00, a01, a02, a10, a11, a12, a20, a21, a22, a30, a31, a32, a40, a41, a42, a50, a51, a52, a60, a61, a62, a70, a71, a72;
        a00 = FloatVector.fromArray(S, out, c0 + o0, m0); a01 = FloatVector.fromArray(S, out, c0 + o1, m1); a02 = FloatVector.fromArray(S, out, c0 + o2, m2);
        a10 = FloatVector.fromArray(S, out, c1 + o0, m0); a11 = FloatVector.fromArray(S, out, c1 + o1, m1); a12 = FloatVector.fromArray(S, out, c1 + o2, m2);
        a20 = FloatVector.fromArray(S, out, c2 + o0, m0); a21 = FloatVector.fromArray(S, out, c2 + o1, m1); a22 = FloatVector.fromArray(S, out, c2 + o2, m2);
        a30 = FloatVector.fromArray(S, out, c3 + o0, m0); a31 = FloatVector.fromArray(S, out, c3 + o1, m1); a32 = FloatVector.fromArray(S, out, c3 + o2, m2);
        a40 = FloatVector.fromArray(S, out, c4 + o0, m0); a41 = FloatVector.fromArray(S, out, c4 + o1, m1); a42 = FloatVector.fromArray(S, out, c4 + o2, m2);
        a50 = FloatVector.fromArray(S, out, c5 + o0, m0); a51 = FloatVector.fromArray(S, out, c5 + o1, m1); a52 = FloatVector.fromArray(S, out, c5 + o2, m2);
        a60 = FloatVector.fromArray(S, out, c6 + o0, m0); a61 = FloatVector.fromArray(S, out, c6 + o1, m1); a62 = FloatVector.fromArray(S, out, c6 + o2, m2);
        a70 = FloatVector.fromArray(S, out, c7 + o0, m0); a71 = FloatVector.fromArray(S, out, c7 + o1, m1); a72 = FloatVector.fromArray(S, out, c7 + o2, m2);
        for (int t = ts, te = ts + nt, wi = w; t < te; t++, wi += 8) {
            int off = toff[t];
            FloatVector v0 = FloatVector.fromArray(S, src, q0 + off);
            FloatVector v1 = FloatVector.fromArray(S, src, q1 + off);
            FloatVector v2 = FloatVector.fromArray(S, src, q2 + off);
            FloatVector b = FloatVector.broadcast(S, wp[wi]);
            a00 = v0.fma(b, a00); a01 = v1.fma(b, a01); a02 = v2.fma(b, a02);
            b = FloatVector.broadcast(S, wp[wi + 1]);
            a10 = v0.fma(b, a10); a11 = v1.fma(b, a11); a12 = v2.fma(b, a12);
            b = FloatVector.broadcast(S, wp[wi + 2]);
            a20 = v0.fma(b, a20); a21 = v1.fma(b, a21); a22 = v2.fma(b, a22);
            b = FloatVector.broadcast(S, wp[wi + 3]);
            a30 = v0.fma(b, a30); a31 = v1.fma(b, a31); a32 = v2.fma(b, a32);
            b = FloatVector.broadcast(S, wp[wi + 4]);
            a40 = v0.fma(b, a40); a41 = v1.fma(b, a41); a42 = v2.fma(b, a42);
            b = FloatVector.broadcast(S, wp[wi + 5]);
            a50 = v0.fma(b, a50); a51 = v1.fma(b, a51); a52 = v2.fma(b, a52);
            b = FloatVector.broadcast(S, wp[wi + 6]);
            a60 = v0.fma(b, a60); a61 = v1.fma(b, a61); a62 = v2.fma(b, a62);
            b = FloatVector.broadcast(S, wp[wi + 7]);
            a70 = v0.fma(b, a70); a71 = v1.fma(b, a71); a72 = v2.fma(b, a72);
        }
        a00.intoArray(out, c0 + o0, m0); a01.intoArray(out, c0 + o1, m1); a02.intoArray(out, c0 + o2, m2);
        if (nc > 1) { a10.intoArray(out, c1 + o0, m0); a11.intoArray(out, c1 + o1, m1); a12.intoArray(out, c1 + o2, m2); }
        if (nc > 2) { a20.intoArray(out, c2 + o0, m0); a21.intoArray(out, c2 + o1, m1); a22.intoArray(out, c2 + o2, m2); }
        if (nc > 3) { a30.intoArray(out, c3 + o0, m0); a31.intoArray(out, c3 + o1, m1); a32.intoArray(out, c3 + o2, m2); }
        if (nc > 4) { a40.intoArray(out, c4 + o0, m0); a41.intoArray(out, c4 + o1, m1); a42.intoArray(out, c4 + o2, m2); }
        if (nc > 5) { a50.intoArray(out, c5 + o0, m0); a51.intoArray(out, c5 + o1, m1); a52.intoArray(out, c5 + o2, m2); }
        if (nc > 6) { a60.intoArray(out, c6 + o0, m0); a61.intoArray(out, c6 + o1, m1); a62.intoArray(out, c6 + o2, m2); }
        if (nc > 7) { a70.intoArray(out, c7 + o0, m0); a71.intoArray(out, c7 + o1, m1); a72.intoArray(out, c7 + o2, m2); }
    }

    /**
     * 1 channel x 6 slots, accumulators starting from bias[bo + c] (0 without bias): for channel c (at
     * out[ob + c * cs]) and slot s (table index i + s: output offset so, valid lanes sn, 0 = empty;
     * source offset q + sq): out += sum over t in [ts, ts + nt) of wp[w + (t - ts) * 1 + c] * src[q + sq + toff[t] + lane].
     */
    static void taps1x6(float[] out, int ob, int[] so, int[] sn, int[] sq, int i, int q, float[] bias, int bo,
                        float[] src, int[] toff, int ts, int nt, float[] wp, int w) {
        int o0 = so[i], q0 = q + sq[i];
        VectorMask<Float> m0 = S.indexInRange(0, sn[i]);
        int o1 = so[i + 1], q1 = q + sq[i + 1];
        VectorMask<Float> m1 = S.indexInRange(0, sn[i + 1]);
        int o2 = so[i + 2], q2 = q + sq[i + 2];
        VectorMask<Float> m2 = S.indexInRange(0, sn[i + 2]);
        int o3 = so[i + 3], q3 = q + sq[i + 3];
        VectorMask<Float> m3 = S.indexInRange(0, sn[i + 3]);
        int o4 = so[i + 4], q4 = q + sq[i + 4];
        VectorMask<Float> m4 = S.indexInRange(0, sn[i + 4]);
        int o5 = so[i + 5], q5 = q + sq[i + 5];
        VectorMask<Float> m5 = S.indexInRange(0, sn[i + 5]);
        int c0 = ob;
        FloatVector a00, a01, a02, a03, a04, a05;
        a00 = FloatVector.broadcast(S, bias == null ? 0f : bias[bo + 0]); a01 = a00; a02 = a00; a03 = a00; a04 = a00; a05 = a00;
        for (int t = ts, te = ts + nt, wi = w; t < te; t++, wi++) {
            int off = toff[t];
            FloatVector v0 = FloatVector.fromArray(S, src, q0 + off);
            FloatVector v1 = FloatVector.fromArray(S, src, q1 + off);
            FloatVector v2 = FloatVector.fromArray(S, src, q2 + off);
            FloatVector v3 = FloatVector.fromArray(S, src, q3 + off);
            FloatVector v4 = FloatVector.fromArray(S, src, q4 + off);
            FloatVector v5 = FloatVector.fromArray(S, src, q5 + off);
            FloatVector b = FloatVector.broadcast(S, wp[wi]);
            a00 = v0.fma(b, a00); a01 = v1.fma(b, a01); a02 = v2.fma(b, a02); a03 = v3.fma(b, a03); a04 = v4.fma(b, a04); a05 = v5.fma(b, a05);
        }
        a00.intoArray(out, c0 + o0, m0); a01.intoArray(out, c0 + o1, m1); a02.intoArray(out, c0 + o2, m2); a03.intoArray(out, c0 + o3, m3); a04.intoArray(out, c0 + o4, m4); a05.intoArray(out, c0 + o5, m5);
    }

    /**
     * 1 channel x 6 slots, accumulators starting from the existing output (backward adds): for channel c (at
     * out[ob + c * cs]) and slot s (table index i + s: output offset so, valid lanes sn, 0 = empty;
     * source offset q + sq): out += sum over t in [ts, ts + nt) of wp[w + (t - ts) * 1 + c] * src[q + sq + toff[t] + lane].
     */
    static void taps1x6Add(float[] out, int ob, int[] so, int[] sn, int[] sq, int i, int q,
                           float[] src, int[] toff, int ts, int nt, float[] wp, int w) {
        int o0 = so[i], q0 = q + sq[i];
        VectorMask<Float> m0 = S.indexInRange(0, sn[i]);
        int o1 = so[i + 1], q1 = q + sq[i + 1];
        VectorMask<Float> m1 = S.indexInRange(0, sn[i + 1]);
        int o2 = so[i + 2], q2 = q + sq[i + 2];
        VectorMask<Float> m2 = S.indexInRange(0, sn[i + 2]);
        int o3 = so[i + 3], q3 = q + sq[i + 3];
        VectorMask<Float> m3 = S.indexInRange(0, sn[i + 3]);
        int o4 = so[i + 4], q4 = q + sq[i + 4];
        VectorMask<Float> m4 = S.indexInRange(0, sn[i + 4]);
        int o5 = so[i + 5], q5 = q + sq[i + 5];
        VectorMask<Float> m5 = S.indexInRange(0, sn[i + 5]);
        int c0 = ob;
        FloatVector a00, a01, a02, a03, a04, a05;
        a00 = FloatVector.fromArray(S, out, c0 + o0, m0); a01 = FloatVector.fromArray(S, out, c0 + o1, m1); a02 = FloatVector.fromArray(S, out, c0 + o2, m2); a03 = FloatVector.fromArray(S, out, c0 + o3, m3); a04 = FloatVector.fromArray(S, out, c0 + o4, m4); a05 = FloatVector.fromArray(S, out, c0 + o5, m5);
        for (int t = ts, te = ts + nt, wi = w; t < te; t++, wi++) {
            int off = toff[t];
            FloatVector v0 = FloatVector.fromArray(S, src, q0 + off);
            FloatVector v1 = FloatVector.fromArray(S, src, q1 + off);
            FloatVector v2 = FloatVector.fromArray(S, src, q2 + off);
            FloatVector v3 = FloatVector.fromArray(S, src, q3 + off);
            FloatVector v4 = FloatVector.fromArray(S, src, q4 + off);
            FloatVector v5 = FloatVector.fromArray(S, src, q5 + off);
            FloatVector b = FloatVector.broadcast(S, wp[wi]);
            a00 = v0.fma(b, a00); a01 = v1.fma(b, a01); a02 = v2.fma(b, a02); a03 = v3.fma(b, a03); a04 = v4.fma(b, a04); a05 = v5.fma(b, a05);
        }
        a00.intoArray(out, c0 + o0, m0); a01.intoArray(out, c0 + o1, m1); a02.intoArray(out, c0 + o2, m2); a03.intoArray(out, c0 + o3, m3); a04.intoArray(out, c0 + o4, m4); a05.intoArray(out, c0 + o5, m5);
    }
}
