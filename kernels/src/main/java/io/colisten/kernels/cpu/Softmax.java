package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.SimdMath.GRAIN;
import static io.colisten.kernels.cpu.SimdMath.L;
import static io.colisten.kernels.cpu.SimdMath.S;
import static io.colisten.kernels.cpu.SimdMath.XOR_1;
import static io.colisten.kernels.cpu.SimdMath.XOR_16;
import static io.colisten.kernels.cpu.SimdMath.XOR_2;
import static io.colisten.kernels.cpu.SimdMath.XOR_32;
import static io.colisten.kernels.cpu.SimdMath.XOR_4;
import static io.colisten.kernels.cpu.SimdMath.XOR_8;

import jdk.incubator.vector.FloatVector;

/**
 * Row-wise softmax and log-softmax over a rows x cols matrix, stabilised by the row max. The
 * backward kernels take the forward's output (y) and add into dIn. Rows are independent, so the
 * split across threads (whole rows) cannot change a result.
 */
public final class Softmax {
    private Softmax() {}

    /** out[r, :] = exp(in[r, :] - max) / sum. out may alias in. */
    public static void softmaxRows(float[] out, int oo, float[] in, int io, int rows, int cols) {
        check("softmaxRows", out, oo, in, io, rows, cols);
        if (serial(rows, cols)) softmaxRange(out, oo, in, io, cols, 0, rows);
        else Parallel.forRange(rows, grain(cols), (f, t) -> softmaxRange(out, oo, in, io, cols, f, t));
    }

    private static void softmaxRange(float[] out, int oo, float[] in, int io, int cols, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            int ro = oo + r * cols, ri = io + r * cols;
            float max = SimdMath.max(in, ri, cols);
            float sum = expShiftStore(out, ro, in, ri, cols, max);
            float inv = 1f / sum;
            int c = 0;
            for (int end = cols - L; c <= end; c += L) FloatVector.fromArray(S, out, ro + c).mul(inv).intoArray(out, ro + c);
            for (; c < cols; c++) out[ro + c] *= inv;
        }
    }

    // The exp loops below call SimdMath.exp once per iteration, and end with the lane tree written
    // out (see SimdMath): a second inlined exp or a helper call after it would push C2 past its
    // inlining node budget, and a vector passed to a call that is not inlined is boxed.

    /** out[c] = exp(in[c] - shift); returns the sum of what it wrote. */
    private static float expShiftStore(float[] out, int ro, float[] in, int ri, int cols, float shift) {
        FloatVector s = FloatVector.zero(S);
        int c = 0;
        for (int end = cols - L; c <= end; c += L) {
            FloatVector e = SimdMath.exp(FloatVector.fromArray(S, in, ri + c).sub(shift));
            e.intoArray(out, ro + c);
            s = s.add(e);
        }
        if (L > 32) s = s.add(s.rearrange(XOR_32));
        if (L > 16) s = s.add(s.rearrange(XOR_16));
        if (L > 8) s = s.add(s.rearrange(XOR_8));
        if (L > 4) s = s.add(s.rearrange(XOR_4));
        if (L > 2) s = s.add(s.rearrange(XOR_2));
        if (L > 1) s = s.add(s.rearrange(XOR_1));
        float sum = s.lane(0);
        for (; c < cols; c++) {
            float e = SimdMath.exp(in[ri + c] - shift);
            out[ro + c] = e;
            sum += e;
        }
        return sum;
    }

    /** Sum of exp(in[c] - shift) without storing. */
    static float expShiftSum(float[] in, int ri, int cols, float shift) {
        FloatVector s = FloatVector.zero(S);
        int c = 0;
        for (int end = cols - L; c <= end; c += L) s = s.add(SimdMath.exp(FloatVector.fromArray(S, in, ri + c).sub(shift)));
        if (L > 32) s = s.add(s.rearrange(XOR_32));
        if (L > 16) s = s.add(s.rearrange(XOR_16));
        if (L > 8) s = s.add(s.rearrange(XOR_8));
        if (L > 4) s = s.add(s.rearrange(XOR_4));
        if (L > 2) s = s.add(s.rearrange(XOR_2));
        if (L > 1) s = s.add(s.rearrange(XOR_1));
        float sum = s.lane(0);
        for (; c < cols; c++) sum += SimdMath.exp(in[ri + c] - shift);
        return sum;
    }

    /** out[r, :] = in[r, :] - max - log(sum exp(in[r, :] - max)). out may alias in. */
    public static void logSoftmaxRows(float[] out, int oo, float[] in, int io, int rows, int cols) {
        check("logSoftmaxRows", out, oo, in, io, rows, cols);
        if (serial(rows, cols)) logSoftmaxRange(out, oo, in, io, cols, 0, rows);
        else Parallel.forRange(rows, grain(cols), (f, t) -> logSoftmaxRange(out, oo, in, io, cols, f, t));
    }

    private static void logSoftmaxRange(float[] out, int oo, float[] in, int io, int cols, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            int ro = oo + r * cols, ri = io + r * cols;
            float max = SimdMath.max(in, ri, cols);
            float shift = max + (float) Math.log(expShiftSum(in, ri, cols, max));
            int c = 0;
            for (int end = cols - L; c <= end; c += L) FloatVector.fromArray(S, in, ri + c).sub(shift).intoArray(out, ro + c);
            for (; c < cols; c++) out[ro + c] = in[ri + c] - shift;
        }
    }

    /** dIn += y * (dOut - sum_c dOut * y), y = softmax output. */
    public static void softmaxBackward(float[] dIn, int dio, float[] dOut, int doo, float[] y, int yo,
                                       int rows, int cols) {
        checkBackward("softmaxBackward", dIn, dio, dOut, doo, y, yo, rows, cols);
        if (serial(rows, cols)) softmaxBackwardRange(dIn, dio, dOut, doo, y, yo, cols, 0, rows);
        else Parallel.forRange(rows, grain(cols), (f, t) -> softmaxBackwardRange(dIn, dio, dOut, doo, y, yo, cols, f, t));
    }

    private static void softmaxBackwardRange(float[] dIn, int dio, float[] dOut, int doo, float[] y, int yo, int cols,
                                             int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            int rd = dio + r * cols, rg = doo + r * cols, ry = yo + r * cols;
            float s = SimdMath.dot(dOut, rg, y, ry, cols);
            int c = 0;
            for (int end = cols - L; c <= end; c += L) {
                FloatVector yv = FloatVector.fromArray(S, y, ry + c);
                FloatVector g = FloatVector.fromArray(S, dOut, rg + c).sub(s);
                yv.fma(g, FloatVector.fromArray(S, dIn, rd + c)).intoArray(dIn, rd + c);
            }
            for (; c < cols; c++) dIn[rd + c] = Math.fma(y[ry + c], dOut[rg + c] - s, dIn[rd + c]);
        }
    }

    /** dIn += dOut - exp(y) * sum_c dOut, y = log-softmax output. */
    public static void logSoftmaxBackward(float[] dIn, int dio, float[] dOut, int doo, float[] y, int yo,
                                          int rows, int cols) {
        checkBackward("logSoftmaxBackward", dIn, dio, dOut, doo, y, yo, rows, cols);
        if (serial(rows, cols)) logSoftmaxBackwardRange(dIn, dio, dOut, doo, y, yo, cols, 0, rows);
        else Parallel.forRange(rows, grain(cols),
                (f, t) -> logSoftmaxBackwardRange(dIn, dio, dOut, doo, y, yo, cols, f, t));
    }

    private static void logSoftmaxBackwardRange(float[] dIn, int dio, float[] dOut, int doo, float[] y, int yo,
                                                int cols, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            int rd = dio + r * cols, rg = doo + r * cols, ry = yo + r * cols;
            float s = SimdMath.sum(dOut, rg, cols);
            FloatVector vNegS = FloatVector.broadcast(S, -s);
            int c = 0;
            for (int end = cols - L; c <= end; c += L) {
                FloatVector e = SimdMath.exp(FloatVector.fromArray(S, y, ry + c));
                FloatVector g = e.fma(vNegS, FloatVector.fromArray(S, dOut, rg + c));
                FloatVector.fromArray(S, dIn, rd + c).add(g).intoArray(dIn, rd + c);
            }
            for (; c < cols; c++) dIn[rd + c] += Math.fma(SimdMath.exp(y[ry + c]), -s, dOut[rg + c]);
        }
    }

    private static boolean serial(int rows, int cols) {
        return rows < 2 || (long) rows * cols < 2L * GRAIN / 4;
    }

    /** Rows per part: exp makes these kernels compute-heavier than a plain stream, so a smaller grain. */
    private static int grain(int cols) {
        return Math.max(1, GRAIN / 4 / Math.max(1, cols));
    }

    private static void check(String op, float[] out, int oo, float[] in, int io, int rows, int cols) {
        Check.count(op, "rows", rows);
        Check.count(op, "cols", cols);
        long len = (long) rows * cols;
        Check.span(op, "out", out, oo, len);
        Check.span(op, "in", in, io, len);
    }

    private static void checkBackward(String op, float[] dIn, int dio, float[] dOut, int doo, float[] y, int yo,
                                      int rows, int cols) {
        Check.count(op, "rows", rows);
        Check.count(op, "cols", cols);
        long len = (long) rows * cols;
        Check.span(op, "dIn", dIn, dio, len);
        Check.span(op, "dOut", dOut, doo, len);
        Check.span(op, "y", y, yo, len);
    }
}
