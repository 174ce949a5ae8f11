package io.colisten.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * 2-D max pooling on NCHW (PyTorch semantics: implicit -infinity padding, floor mode). Forward
 * records, per output, the index y * w + x of the winner within its (n, c) input plane: the first
 * maximum in window order (ky, then kx), except that a NaN always wins (the last NaN, as PyTorch).
 * Shapes: in / dIn n x c x h x w; out / dOut / argmax n x c x outH x outW.
 * Parallel over planes. Inside a plane, the columns whose whole window lies inside the input are
 * computed as vectors along the output width (contiguous loads for strideW 1, gathers otherwise);
 * the border columns take the scalar path. Strided windows (strideW 2..8) with several rows take
 * {@link MaxPool2dStrided}: rows first with contiguous loads, then the columns with gathers.
 */
public final class MaxPool2d {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Integer> SI = VectorSpecies.of(int.class, S.vectorShape());
    private static final int L = S.length();
    /** Gather maps {0, s, 2s, ...} for strides 2..MAX_GATHER_STRIDE. */
    static final int MAX_GATHER_STRIDE = 8;
    static final int[][] GATHER = new int[MAX_GATHER_STRIDE + 1][];

    static {
        for (int st = 2; st <= MAX_GATHER_STRIDE; st++) {
            GATHER[st] = new int[L];
            for (int i = 0; i < L; i++) GATHER[st][i] = i * st;
        }
    }

    private MaxPool2d() {}

    /** out[n, c, outH, outW] = max over each window; argmax[same] = y * w + x of the first maximum. */
    public static void forward(float[] out, int outOff, int[] argmax, float[] in, int inOff, Pool2dShape s) {
        String op = "maxpool2d forward";
        check(op, s);
        BufferChecks.range(op, "out", out, outOff, s.outputSize(), s);
        BufferChecks.range(op, "argmax", argmax, s.outputSize(), s);
        BufferChecks.range(op, "in", in, inOff, s.inputSize(), s);
        int planeIn = s.h() * s.w(), planeOut = s.outH() * s.outW();
        Parallel.forRangeBalanced(s.n() * s.c(), 1, (from, to) -> {
            for (int p = from; p < to; p++) plane(out, outOff + p * planeOut, argmax, p * planeOut, in, inOff + p * planeIn, s);
        });
    }

    /** dIn += dOut routed to the recorded winners. */
    public static void backward(float[] dIn, int dInOff, float[] dOut, int dOutOff, int[] argmax, Pool2dShape s) {
        String op = "maxpool2d backward";
        check(op, s);
        BufferChecks.range(op, "dIn", dIn, dInOff, s.inputSize(), s);
        BufferChecks.range(op, "dOut", dOut, dOutOff, s.outputSize(), s);
        BufferChecks.range(op, "argmax", argmax, s.outputSize(), s);
        int planeIn = s.h() * s.w(), planeOut = s.outH() * s.outW();
        checkIndices(op, argmax, s.outputSize(), planeIn, s);
        Parallel.forRangeBalanced(s.n() * s.c(), 1, (from, to) -> {
            for (int p = from; p < to; p++) {
                int di = dInOff + p * planeIn, o = p * planeOut;
                for (int i = 0; i < planeOut; i++) dIn[di + argmax[o + i]] += dOut[dOutOff + o + i];
            }
        });
    }

    private static void check(String op, Pool2dShape s) {
        if (s == null) throw new IllegalArgumentException(op + ": shape is null");
        BufferChecks.fitsInt(op, (long) s.n() * s.c() * s.h() * s.w(), s);
    }

    /** Every recorded index must lie inside its plane [0, planeIn). */
    static void checkIndices(String op, int[] idx, int count, int planeIn, Object shape) {
        IntVector lo = IntVector.zero(SI), hi = IntVector.broadcast(SI, planeIn);
        boolean bad = false;
        int i = 0;
        for (int e = SI.loopBound(count); i < e && !bad; i += L) {
            IntVector v = IntVector.fromArray(SI, idx, i);
            bad = v.compare(VectorOperators.LT, lo).or(v.compare(VectorOperators.GE, hi)).anyTrue();
        }
        for (; i < count && !bad; i++) bad = idx[i] < 0 || idx[i] >= planeIn;
        if (bad) throw new IllegalArgumentException(op + ": argmax holds an index outside [0, " + planeIn + "); shape " + shape);
    }

    /** One (n, c) plane: out / arg at oo / ao (outH x outW), in at io (h x w). */
    static void plane(float[] out, int oo, int[] arg, int ao, float[] in, int io, Pool2dShape s) {
        if (s.strideW() > 1 && s.strideW() <= MAX_GATHER_STRIDE && s.kh() > 1 && s.w() >= L) {
            MaxPool2dStrided.plane(out, oo, arg, ao, in, io, s);
            return;
        }
        int h = s.h(), w = s.w(), kh = s.kh(), kw = s.kw(), sh = s.strideH(), sw = s.strideW();
        int ph = s.padH(), pw = s.padW(), oh = s.outH(), ow = s.outW();
        // Columns with every kx inside the input: x * sw - pw >= 0 and x * sw - pw + kw <= w.
        int xa = Math.min(ow, (pw + sw - 1) / sw);
        int xb = w - kw + pw < 0 ? xa : Math.max(xa, Math.min(ow, (w - kw + pw) / sw + 1));
        boolean vec = sw == 1 || sw <= MAX_GATHER_STRIDE;
        for (int y = 0; y < oh; y++) {
            int y0 = y * sh - ph, kyA = Math.max(0, -y0), kyB = Math.min(kh, h - y0);
            int orow = y * ow;
            int x = 0;
            for (; x < xa; x++) scalar(out, oo, arg, ao, in, io, s, y, x);
            if (vec && kyA < kyB && xb - x >= L) {
                for (; x + L <= xb; x += L) vector(out, oo + orow + x, arg, ao + orow + x, in, io, w, kw, sw, y0, kyA, kyB, x * sw - pw);
                // The rest of the interior as one vector overlapping the previous one (same values rewritten).
                if (x < xb) {
                    int xl = xb - L;
                    vector(out, oo + orow + xl, arg, ao + orow + xl, in, io, w, kw, sw, y0, kyA, kyB, xl * sw - pw);
                    x = xb;
                }
            }
            for (; x < ow; x++) scalar(out, oo, arg, ao, in, io, s, y, x);
        }
    }

    /**
     * L outputs of one row; every window column is inside the input, rows [kyA, kyB) are valid.
     * The running maximum starts from the first tap (no null start: a vector that may be null is
     * boxed, which costs an allocation per operation).
     */
    private static void vector(float[] out, int o, int[] arg, int a, float[] in, int io, int w, int kw, int sw,
                               int y0, int kyA, int kyB, int x0) {
        IntVector iota = IntVector.zero(SI).addIndex(sw);
        int first = (y0 + kyA) * w + x0;
        FloatVector best = sw == 1 ? FloatVector.fromArray(S, in, io + first) : FloatVector.fromArray(S, in, io + first, GATHER[sw], 0);
        IntVector bi = iota.add(first);
        for (int ky = kyA; ky < kyB; ky++) {
            int rowIdx = (y0 + ky) * w + x0;
            for (int kx = ky == kyA ? 1 : 0; kx < kw; kx++) {
                int idx = rowIdx + kx;
                FloatVector v = sw == 1 ? FloatVector.fromArray(S, in, io + idx)
                        : FloatVector.fromArray(S, in, io + idx, GATHER[sw], 0);
                VectorMask<Float> m = v.compare(VectorOperators.GT, best).or(v.test(VectorOperators.IS_NAN));
                best = best.blend(v, m);
                bi = bi.blend(iota.add(idx), m.cast(SI));
            }
        }
        best.intoArray(out, o);
        bi.intoArray(arg, a);
    }

    static void scalar(float[] out, int oo, int[] arg, int ao, float[] in, int io, Pool2dShape s, int y, int x) {
        float best = Float.NEGATIVE_INFINITY;
        int bi = -1;
        for (int ky = 0; ky < s.kh(); ky++) {
            int iy = y * s.strideH() - s.padH() + ky;
            if (iy < 0 || iy >= s.h()) continue;
            for (int kx = 0; kx < s.kw(); kx++) {
                int ix = x * s.strideW() - s.padW() + kx;
                if (ix < 0 || ix >= s.w()) continue;
                float v = in[io + iy * s.w() + ix];
                if (bi < 0 || v > best || Float.isNaN(v)) {
                    best = v;
                    bi = iy * s.w() + ix;
                }
            }
        }
        int o = y * s.outW() + x;
        out[oo + o] = best;
        arg[ao + o] = bi;
    }
}
