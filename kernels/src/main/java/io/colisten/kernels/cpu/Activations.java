package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.SimdMath.GRAIN;
import static io.colisten.kernels.cpu.SimdMath.L;
import static io.colisten.kernels.cpu.SimdMath.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/** Pointwise activations and their backward kernels (backward adds into dIn). */
public final class Activations {
    private Activations() {}

    /** out = max(in, 0); NaN stays NaN, as in PyTorch. */
    public static void reluForward(float[] out, int oo, float[] in, int io, int n) {
        Check.count("reluForward", "n", n);
        Check.span("reluForward", "out", out, oo, n);
        Check.span("reluForward", "in", in, io, n);
        if (n < 2 * GRAIN) reluForwardRange(out, oo, in, io, 0, n);
        else Parallel.forRange(n, GRAIN, (f, t) -> reluForwardRange(out, oo, in, io, f, t));
    }

    private static void reluForwardRange(float[] out, int oo, float[] in, int io, int from, int to) {
        int i = from;
        for (int end = to - L; i <= end; i += L) FloatVector.fromArray(S, in, io + i).max(0f).intoArray(out, oo + i);
        for (; i < to; i++) out[oo + i] = Math.max(in[io + i], 0f);
    }

    /**
     * out = relu(a + b) in one pass (a residual sum and its ReLU; out may be a or b): x <= 0 becomes
     * +0, NaN stays NaN, as reluForward.
     */
    public static void addReluForward(float[] out, int oo, float[] a, int ao, float[] b, int bo, int n) {
        Check.count("addReluForward", "n", n);
        Check.span("addReluForward", "out", out, oo, n);
        Check.span("addReluForward", "a", a, ao, n);
        Check.span("addReluForward", "b", b, bo, n);
        if (n < 2 * GRAIN) addReluRange(out, oo, a, ao, b, bo, 0, n);
        else Parallel.forRange(n, GRAIN, (f, t) -> addReluRange(out, oo, a, ao, b, bo, f, t));
    }

    private static void addReluRange(float[] out, int oo, float[] a, int ao, float[] b, int bo, int from, int to) {
        FloatVector zero = FloatVector.zero(S);
        int i = from;
        for (int end = to - L; i <= end; i += L) {
            FloatVector v = FloatVector.fromArray(S, a, ao + i).add(FloatVector.fromArray(S, b, bo + i));
            v.blend(zero, v.compare(VectorOperators.LE, 0f)).intoArray(out, oo + i);
        }
        for (; i < to; i++) {
            float v = a[ao + i] + b[bo + i];
            out[oo + i] = v <= 0f ? 0f : v;
        }
    }

    /** dIn += dOut where out > 0 (out is the forward's output, so the kink itself gets no gradient). */
    public static void reluBackward(float[] dIn, int dio, float[] dOut, int doo, float[] out, int oo, int n) {
        Check.count("reluBackward", "n", n);
        Check.span("reluBackward", "dIn", dIn, dio, n);
        Check.span("reluBackward", "dOut", dOut, doo, n);
        Check.span("reluBackward", "out", out, oo, n);
        if (n < 2 * GRAIN) reluBackwardRange(dIn, dio, dOut, doo, out, oo, 0, n);
        else Parallel.forRange(n, GRAIN, (f, t) -> reluBackwardRange(dIn, dio, dOut, doo, out, oo, f, t));
    }

    private static void reluBackwardRange(float[] dIn, int dio, float[] dOut, int doo, float[] out, int oo,
                                          int from, int to) {
        int i = from;
        for (int end = to - L; i <= end; i += L) {
            VectorMask<Float> on = FloatVector.fromArray(S, out, oo + i).compare(VectorOperators.GT, 0f);
            FloatVector.fromArray(S, dIn, dio + i).add(FloatVector.fromArray(S, dOut, doo + i), on).intoArray(dIn, dio + i);
        }
        for (; i < to; i++) if (out[oo + i] > 0f) dIn[dio + i] += dOut[doo + i];
    }
}
