package io.colisten.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max-pool forward of one plane for strideW > 1 (ResNet-18's stem pool: 5x3, stride 4x2), in two
 * passes per output row: (1) the maximum over the window's rows for every input column, with
 * contiguous loads (kh - 1 compares per vector of columns), into a row of values and flat indices;
 * (2) the maximum over kw of those per output column, with gathers (kw gathers per vector instead
 * of kh kw). Same answer as the window scan of {@link MaxPool2d}: window order (ky, kx) is the
 * order of flat indices iy w + ix, so "first maximum in window order" is the largest value with the
 * smallest index, and "the last NaN" the NaN with the largest index; pass (1) scans in order, pass
 * (2) combines partial winners by that rule.
 */
final class MaxPool2dStrided {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> SI = MaxPool2d.SI;
    private static final int L = S.length();
    /** Per thread: column maxima of one output row (values, then flat indices), w long. */
    private static final ThreadLocal<float[]> COL_V = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<int[]> COL_I = ThreadLocal.withInitial(() -> new int[0]);

    private MaxPool2dStrided() {}

    /** Requires w >= L, 2 <= strideW <= MAX_GATHER_STRIDE. */
    static void plane(float[] out, int oo, int[] arg, int ao, float[] in, int io, Pool2dShape s) {
        int h = s.h(), w = s.w(), kh = s.kh(), kw = s.kw(), sh = s.strideH(), sw = s.strideW();
        int ph = s.padH(), pw = s.padW(), oh = s.outH(), ow = s.outW();
        float[] cv = COL_V.get();
        int[] ci = COL_I.get();
        if (cv.length < w) {
            cv = new float[w];
            ci = new int[w];
            COL_V.set(cv);
            COL_I.set(ci);
        }
        int xa = Math.min(ow, (pw + sw - 1) / sw);
        int xb = w - kw + pw < 0 ? xa : Math.max(xa, Math.min(ow, (w - kw + pw) / sw + 1));
        int[] map = MaxPool2d.GATHER[sw];
        for (int y = 0; y < oh; y++) {
            int y0 = y * sh - ph, kyA = Math.max(0, -y0), kyB = Math.min(kh, h - y0), orow = y * ow;
            int x = 0;
            for (; x < xa; x++) MaxPool2d.scalar(out, oo, arg, ao, in, io, s, y, x);
            if (kyA < kyB && xb - x >= L) {
                for (int c = 0; c < w; c += L) columns(cv, ci, in, io, w, Math.min(c, w - L), y0 + kyA, y0 + kyB);
                for (; x + L <= xb; x += L) across(out, oo + orow + x, arg, ao + orow + x, cv, ci, map, kw, x * sw - pw);
                if (x < xb) {
                    int xl = xb - L;
                    across(out, oo + orow + xl, arg, ao + orow + xl, cv, ci, map, kw, xl * sw - pw);
                    x = xb;
                }
            }
            for (; x < ow; x++) MaxPool2d.scalar(out, oo, arg, ao, in, io, s, y, x);
        }
    }

    /** cv / ci [c, c + L) = maximum (first; a NaN wins, the last one) over input rows [r0, r1) of columns c... */
    private static void columns(float[] cv, int[] ci, float[] in, int io, int w, int c, int r0, int r1) {
        IntVector iota = IntVector.zero(SI).addIndex(1);
        FloatVector best = FloatVector.fromArray(S, in, io + r0 * w + c);
        IntVector bi = iota.add(r0 * w + c);
        for (int r = r0 + 1; r < r1; r++) {
            FloatVector v = FloatVector.fromArray(S, in, io + r * w + c);
            VectorMask<Float> m = v.compare(VectorOperators.GT, best).or(v.test(VectorOperators.IS_NAN));
            best = best.blend(v, m);
            bi = bi.blend(iota.add(r * w + c), m.cast(SI));
        }
        best.intoArray(cv, c);
        bi.intoArray(ci, c);
    }

    /** L outputs: the winner over kx of the column maxima at x0 + kx, x0 + sw + kx, ... */
    private static void across(float[] out, int o, int[] arg, int a, float[] cv, int[] ci, int[] map, int kw, int x0) {
        FloatVector best = FloatVector.fromArray(S, cv, x0, map, 0);
        IntVector bi = IntVector.fromArray(SI, ci, x0, map, 0);
        for (int kx = 1; kx < kw; kx++) {
            FloatVector v = FloatVector.fromArray(S, cv, x0 + kx, map, 0);
            IntVector vi = IntVector.fromArray(SI, ci, x0 + kx, map, 0);
            VectorMask<Float> vNan = v.test(VectorOperators.IS_NAN), bNan = best.test(VectorOperators.IS_NAN);
            VectorMask<Float> later = vi.compare(VectorOperators.GT, bi).cast(S);
            VectorMask<Float> m = v.compare(VectorOperators.GT, best)
                    .or(v.compare(VectorOperators.EQ, best).andNot(later))
                    .or(vNan.and(bNan.not().or(later)));
            best = best.blend(v, m);
            bi = bi.blend(vi, m.cast(SI));
        }
        best.intoArray(out, o);
        bi.intoArray(arg, a);
    }
}
