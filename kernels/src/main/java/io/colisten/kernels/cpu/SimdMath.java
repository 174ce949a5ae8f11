package io.colisten.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector building blocks for the small kernels, each with a scalar twin that computes the same
 * IEEE operations in the same order, so a lane and a scalar tail agree bit for bit.
 *
 * Why not {@code reduceLanes(ADD)} and {@code lanewise(EXP)}: the Vector API leaves the order of a
 * floating-point lane reduction unspecified, and its EXP may differ by an ulp between the
 * interpreter and C2. Either would make a result depend on when the JIT kicked in; the fixed tree
 * and the polynomial below use only exactly-rounded lanewise operations.
 */
final class SimdMath {
    private SimdMath() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    /** Below this many elements a kernel runs on the calling thread; also the least work per part. */
    static final int GRAIN = 1 << 16;

    // XOR_k maps lane i to lane i ^ k: one butterfly step of a fixed-order lane tree. Separate
    // static finals (not an array) so C2 sees constant shuffles; null where k >= L.
    //
    // The tree is written out at each use rather than called as a helper on purpose: C2 refuses to
    // inline a call once the method it is compiling has grown past its node budget (exp does that),
    // and a vector passed to a call that is not inlined is boxed on the heap. Vector API methods
    // themselves are always inlined, so code that uses only them cannot be caught that way. Each
    // use reads:
    //   if (L > 32) v = v.add(v.rearrange(XOR_32)); ... if (L > 1) v = v.add(v.rearrange(XOR_1));
    //   return v.lane(0);
    // (L is a constant, so the branches fold away; up to 64 lanes.)
    static final VectorShuffle<Float> XOR_32 = xor(32), XOR_16 = xor(16), XOR_8 = xor(8),
            XOR_4 = xor(4), XOR_2 = xor(2), XOR_1 = xor(1);

    private static VectorShuffle<Float> xor(int k) {
        return k < L ? VectorShuffle.fromOp(S, i -> i ^ k) : null;
    }

    /** The fixed lane tree as a helper, for tests and cold code only (see above). */
    static float hsum(FloatVector v) {
        if (L > 32) v = v.add(v.rearrange(XOR_32));
        if (L > 16) v = v.add(v.rearrange(XOR_16));
        if (L > 8) v = v.add(v.rearrange(XOR_8));
        if (L > 4) v = v.add(v.rearrange(XOR_4));
        if (L > 2) v = v.add(v.rearrange(XOR_2));
        if (L > 1) v = v.add(v.rearrange(XOR_1));
        return v.lane(0);
    }

    /**
     * Elements per block in {@link #sum} and {@link #dot}: each block is summed in fresh
     * accumulators and then added to running totals, so no lane adds more than ~32 terms in a row
     * (rounding error grows with that length, about 4x less at n = 100,000 than one flat pass).
     */
    static final int BLOCK = 128 * L;

    /** Sum of a[off, off + n): blocks of four vector accumulators, a fixed lane tree, then a scalar tail. */
    static float sum(float[] a, int off, int n) {
        FloatVector t0 = FloatVector.zero(S), t1 = t0, t2 = t0, t3 = t0;
        int i = 0;
        for (int blockEnd = BLOCK; blockEnd <= n; blockEnd += BLOCK) {
            FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            for (; i < blockEnd; i += 4 * L) {
                s0 = s0.add(FloatVector.fromArray(S, a, off + i));
                s1 = s1.add(FloatVector.fromArray(S, a, off + i + L));
                s2 = s2.add(FloatVector.fromArray(S, a, off + i + 2 * L));
                s3 = s3.add(FloatVector.fromArray(S, a, off + i + 3 * L));
            }
            t0 = t0.add(s0);
            t1 = t1.add(s1);
            t2 = t2.add(s2);
            t3 = t3.add(s3);
        }
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        for (int end = n - 4 * L; i <= end; i += 4 * L) {
            s0 = s0.add(FloatVector.fromArray(S, a, off + i));
            s1 = s1.add(FloatVector.fromArray(S, a, off + i + L));
            s2 = s2.add(FloatVector.fromArray(S, a, off + i + 2 * L));
            s3 = s3.add(FloatVector.fromArray(S, a, off + i + 3 * L));
        }
        for (int end = n - L; i <= end; i += L) s0 = s0.add(FloatVector.fromArray(S, a, off + i));
        FloatVector v = t0.add(s0).add(t1.add(s1)).add(t2.add(s2).add(t3.add(s3)));
        if (L > 32) v = v.add(v.rearrange(XOR_32));
        if (L > 16) v = v.add(v.rearrange(XOR_16));
        if (L > 8) v = v.add(v.rearrange(XOR_8));
        if (L > 4) v = v.add(v.rearrange(XOR_4));
        if (L > 2) v = v.add(v.rearrange(XOR_2));
        if (L > 1) v = v.add(v.rearrange(XOR_1));
        float s = v.lane(0);
        for (; i < n; i++) s += a[off + i];
        return s;
    }

    /** Sum of a[i] * b[i], same structure as {@link #sum}. */
    static float dot(float[] a, int ao, float[] b, int bo, int n) {
        FloatVector t0 = FloatVector.zero(S), t1 = t0, t2 = t0, t3 = t0;
        int i = 0;
        for (int blockEnd = BLOCK; blockEnd <= n; blockEnd += BLOCK) {
            FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            for (; i < blockEnd; i += 4 * L) {
                s0 = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), s0);
                s1 = FloatVector.fromArray(S, a, ao + i + L).fma(FloatVector.fromArray(S, b, bo + i + L), s1);
                s2 = FloatVector.fromArray(S, a, ao + i + 2 * L).fma(FloatVector.fromArray(S, b, bo + i + 2 * L), s2);
                s3 = FloatVector.fromArray(S, a, ao + i + 3 * L).fma(FloatVector.fromArray(S, b, bo + i + 3 * L), s3);
            }
            t0 = t0.add(s0);
            t1 = t1.add(s1);
            t2 = t2.add(s2);
            t3 = t3.add(s3);
        }
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        for (int end = n - 4 * L; i <= end; i += 4 * L) {
            s0 = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), s0);
            s1 = FloatVector.fromArray(S, a, ao + i + L).fma(FloatVector.fromArray(S, b, bo + i + L), s1);
            s2 = FloatVector.fromArray(S, a, ao + i + 2 * L).fma(FloatVector.fromArray(S, b, bo + i + 2 * L), s2);
            s3 = FloatVector.fromArray(S, a, ao + i + 3 * L).fma(FloatVector.fromArray(S, b, bo + i + 3 * L), s3);
        }
        for (int end = n - L; i <= end; i += L) {
            s0 = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), s0);
        }
        FloatVector v = t0.add(s0).add(t1.add(s1)).add(t2.add(s2).add(t3.add(s3)));
        if (L > 32) v = v.add(v.rearrange(XOR_32));
        if (L > 16) v = v.add(v.rearrange(XOR_16));
        if (L > 8) v = v.add(v.rearrange(XOR_8));
        if (L > 4) v = v.add(v.rearrange(XOR_4));
        if (L > 2) v = v.add(v.rearrange(XOR_2));
        if (L > 1) v = v.add(v.rearrange(XOR_1));
        float s = v.lane(0);
        for (; i < n; i++) s = Math.fma(a[ao + i], b[bo + i], s);
        return s;
    }

    /** Max of a[off, off + n); -inf when n == 0; NaN if any element is NaN. */
    static float max(float[] a, int off, int n) {
        FloatVector m0 = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY), m1 = m0;
        int i = 0;
        for (int end = n - 2 * L; i <= end; i += 2 * L) {
            m0 = m0.max(FloatVector.fromArray(S, a, off + i));
            m1 = m1.max(FloatVector.fromArray(S, a, off + i + L));
        }
        for (int end = n - L; i <= end; i += L) m0 = m0.max(FloatVector.fromArray(S, a, off + i));
        // max is exact and commutative (NaN wins, +0 beats -0), so reduceLanes' order cannot matter.
        float m = m0.max(m1).reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) m = Math.max(m, a[off + i]);
        return m;
    }

    // exp(x) = 2^k * e^r with k = round(x / ln2), r = x - k ln2 in [-ln2/2, ln2/2], e^r by the
    // Cephes single-precision polynomial; ln2 split in two so k * LN2_HI is exact. Below EXP_LO
    // the result would be subnormal and is flushed to 0 (no slow subnormal arithmetic). x is
    // clamped at EXP_CLAMP_HI, where k = 128 still fits the two-halves scaling, and everything
    // above 88.7228 overflows to +inf in that final scaling by itself. NaN stays NaN.
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    private static final float ROUND = 12582912f; // 1.5 * 2^23: (t + ROUND) - ROUND rounds t to an integer
    private static final float EXP_LO = -87.33654f, EXP_CLAMP_HI = 89f;
    private static final float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f,
            P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;

    /** Lanewise exp, within 2 ulps; the same operations as {@link #exp(float)}. */
    static FloatVector exp(FloatVector x) {
        VectorMask<Float> under = x.compare(VectorOperators.LT, EXP_LO);
        FloatVector xc = x.max(EXP_LO).min(EXP_CLAMP_HI);
        FloatVector k = xc.mul(LOG2E).add(ROUND).sub(ROUND);
        FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), xc);
        r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector p = r.fma(P0, P1);
        p = p.fma(r, FloatVector.broadcast(S, P2));
        p = p.fma(r, FloatVector.broadcast(S, P3));
        p = p.fma(r, FloatVector.broadcast(S, P4));
        p = p.fma(r, FloatVector.broadcast(S, P5));
        FloatVector r2 = r.mul(r);
        FloatVector er = p.fma(r2, r.add(1f));
        // k in [-126, 128]: build 2^k in two halves so k = 128 does not overflow the exponent field.
        IntVector ki = (IntVector) k.convert(VectorOperators.F2I, 0);
        IntVector kh = ki.lanewise(VectorOperators.ASHR, 1);
        FloatVector s1 = kh.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = ki.sub(kh).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return er.mul(s1).mul(s2).blend(0f, under);
    }

    /** Scalar twin of {@link #exp(FloatVector)}. */
    static float exp(float x) {
        if (x < EXP_LO) return 0f;
        float xc = Math.min(Math.max(x, EXP_LO), EXP_CLAMP_HI);
        float k = (xc * LOG2E + ROUND) - ROUND;
        float r = Math.fma(k, -LN2_HI, xc);
        r = Math.fma(k, -LN2_LO, r);
        float p = Math.fma(r, P0, P1);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P4);
        p = Math.fma(p, r, P5);
        float r2 = r * r;
        float er = Math.fma(p, r2, r + 1f);
        int ki = (int) k;
        int kh = ki >> 1;
        float s1 = Float.intBitsToFloat((kh + 127) << 23);
        float s2 = Float.intBitsToFloat((ki - kh + 127) << 23);
        return er * s1 * s2;
    }
}
