package io.colisten.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Global average and global max pooling over the spatial positions of NCHW data: n x c x hw -> n x c.
 * Max records the position of the first maximum in its plane (a NaN counts as the maximum: the
 * first NaN wins, so NaN propagates as in PyTorch). Parallel over planes, vectorised within one.
 */
public final class GlobalPool {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private GlobalPool() {}

    public static void avgForward(float[] out, int outOff, float[] in, int inOff, int n, int c, int hw) {
        String op = "globalpool avgForward";
        int planes = check(op, n, c, hw);
        BufferChecks.range(op, "out", out, outOff, planes, shape(n, c, hw));
        BufferChecks.range(op, "in", in, inOff, (long) planes * hw, shape(n, c, hw));
        Parallel.forRange(planes, 1, (from, to) -> {
            for (int p = from; p < to; p++) out[outOff + p] = (float) (Conv2dGemm.sum(in, inOff + p * hw, hw) / (double) hw);
        });
    }

    /** dIn += dOut / hw broadcast over each plane. */
    public static void avgBackward(float[] dIn, int dInOff, float[] dOut, int dOutOff, int n, int c, int hw) {
        String op = "globalpool avgBackward";
        int planes = check(op, n, c, hw);
        BufferChecks.range(op, "dIn", dIn, dInOff, (long) planes * hw, shape(n, c, hw));
        BufferChecks.range(op, "dOut", dOut, dOutOff, planes, shape(n, c, hw));
        Parallel.forRange(planes, 1, (from, to) -> {
            for (int p = from; p < to; p++) {
                float g = dOut[dOutOff + p] / hw;
                FloatVector gv = FloatVector.broadcast(S, g);
                int o = dInOff + p * hw, i = 0;
                for (int e = S.loopBound(hw); i < e; i += L) FloatVector.fromArray(S, dIn, o + i).add(gv).intoArray(dIn, o + i);
                for (; i < hw; i++) dIn[o + i] += g;
            }
        });
    }

    /** out = max over each plane; argmax = position of the first maximum within its plane. */
    public static void maxForward(float[] out, int outOff, int[] argmax, float[] in, int inOff, int n, int c, int hw) {
        String op = "globalpool maxForward";
        int planes = check(op, n, c, hw);
        BufferChecks.range(op, "out", out, outOff, planes, shape(n, c, hw));
        BufferChecks.range(op, "argmax", argmax, planes, shape(n, c, hw));
        BufferChecks.range(op, "in", in, inOff, (long) planes * hw, shape(n, c, hw));
        Parallel.forRange(planes, 1, (from, to) -> {
            for (int p = from; p < to; p++) {
                int o = inOff + p * hw, i = 0;
                // MAX propagates NaN, so the lane maximum is NaN exactly when the plane holds one.
                FloatVector m = FloatVector.broadcast(S, in[o]);
                for (int e = S.loopBound(hw); i < e; i += L) m = m.max(FloatVector.fromArray(S, in, o + i));
                float best = m.reduceLanes(VectorOperators.MAX);
                for (; i < hw; i++) best = Math.max(best, in[o + i]);
                int bi = 0;
                if (Float.isNaN(best)) while (!Float.isNaN(in[o + bi])) bi++;
                else while (in[o + bi] != best) bi++;
                out[outOff + p] = best;
                argmax[p] = bi;
            }
        });
    }

    public static void maxBackward(float[] dIn, int dInOff, float[] dOut, int dOutOff, int[] argmax, int n, int c, int hw) {
        String op = "globalpool maxBackward";
        int planes = check(op, n, c, hw);
        BufferChecks.range(op, "dIn", dIn, dInOff, (long) planes * hw, shape(n, c, hw));
        BufferChecks.range(op, "dOut", dOut, dOutOff, planes, shape(n, c, hw));
        BufferChecks.range(op, "argmax", argmax, planes, shape(n, c, hw));
        MaxPool2d.checkIndices(op, argmax, planes, hw, shape(n, c, hw));
        for (int p = 0; p < planes; p++) dIn[dInOff + p * hw + argmax[p]] += dOut[dOutOff + p];
    }

    private static Object shape(int n, int c, int hw) { return new BufferChecks.Nchw(n, c, hw); }

    private static int check(String op, int n, int c, int hw) {
        Object shape = shape(n, c, hw);
        BufferChecks.positive(op, "n", n, shape);
        BufferChecks.positive(op, "c", c, shape);
        BufferChecks.positive(op, "hw", hw, shape);
        BufferChecks.fitsInt(op, (long) n * c * hw, shape);
        return n * c;
    }
}
