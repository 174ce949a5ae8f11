package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.SimdMath.GRAIN;
import static io.colisten.kernels.cpu.SimdMath.L;
import static io.colisten.kernels.cpu.SimdMath.S;

import jdk.incubator.vector.FloatVector;

/**
 * Row-wise l2 normalisation of a rows x cols matrix with torch.nn.functional.normalize semantics:
 * out = x / max(||x||, eps). Forward keeps the clamped norms (rows) for backward.
 */
public final class L2Normalize {
    private L2Normalize() {}

    /** norms[r] = max(||in[r, :]||, eps); out[r, :] = in[r, :] / norms[r]. out may alias in. */
    public static void forward(float[] out, int oo, float[] norms, int no, float[] in, int io,
                               int rows, int cols, float eps) {
        String op = "l2normalize.forward";
        Check.count(op, "rows", rows);
        Check.count(op, "cols", cols);
        Check.span(op, "out", out, oo, (long) rows * cols);
        Check.span(op, "norms", norms, no, rows);
        Check.span(op, "in", in, io, (long) rows * cols);
        if (serial(rows, cols)) forwardRange(out, oo, norms, no, in, io, cols, eps, 0, rows);
        else Parallel.forRange(rows, grain(cols), (f, t) -> forwardRange(out, oo, norms, no, in, io, cols, eps, f, t));
    }

    private static void forwardRange(float[] out, int oo, float[] norms, int no, float[] in, int io, int cols,
                                     float eps, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            int ro = oo + r * cols, ri = io + r * cols;
            float norm = Math.max((float) Math.sqrt(SimdMath.dot(in, ri, in, ri, cols)), eps);
            norms[no + r] = norm;
            // Divide (not multiply by a reciprocal) so a row of norm exactly 1 is returned unchanged.
            int c = 0;
            for (int end = cols - L; c <= end; c += L) FloatVector.fromArray(S, in, ri + c).div(norm).intoArray(out, ro + c);
            for (; c < cols; c++) out[ro + c] = in[ri + c] / norm;
        }
    }

    /**
     * dIn += (dOut - out * <dOut, out>) / norm for rows whose norm exceeds eps; rows clamped at eps
     * are a plain scaling, so dIn += dOut / eps.
     */
    public static void backward(float[] dIn, int dio, float[] dOut, int doo, float[] out, int oo,
                                float[] norms, int no, int rows, int cols, float eps) {
        String op = "l2normalize.backward";
        Check.count(op, "rows", rows);
        Check.count(op, "cols", cols);
        long len = (long) rows * cols;
        Check.span(op, "dIn", dIn, dio, len);
        Check.span(op, "dOut", dOut, doo, len);
        Check.span(op, "out", out, oo, len);
        Check.span(op, "norms", norms, no, rows);
        if (serial(rows, cols)) backwardRange(dIn, dio, dOut, doo, out, oo, norms, no, cols, eps, 0, rows);
        else Parallel.forRange(rows, grain(cols),
                (f, t) -> backwardRange(dIn, dio, dOut, doo, out, oo, norms, no, cols, eps, f, t));
    }

    private static void backwardRange(float[] dIn, int dio, float[] dOut, int doo, float[] out, int oo,
                                      float[] norms, int no, int cols, float eps, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            int rd = dio + r * cols, rg = doo + r * cols, ro = oo + r * cols;
            float norm = norms[no + r];
            // A clamped row is out = x / eps, whose Jacobian is the identity over eps.
            float d = norm > eps ? SimdMath.dot(dOut, rg, out, ro, cols) : 0f;
            float inv = 1f / norm;
            FloatVector vNegD = FloatVector.broadcast(S, -d), vInv = FloatVector.broadcast(S, inv);
            int c = 0;
            for (int end = cols - L; c <= end; c += L) {
                FloatVector g = FloatVector.fromArray(S, out, ro + c).fma(vNegD, FloatVector.fromArray(S, dOut, rg + c));
                g.fma(vInv, FloatVector.fromArray(S, dIn, rd + c)).intoArray(dIn, rd + c);
            }
            for (; c < cols; c++) dIn[rd + c] = Math.fma(Math.fma(out[ro + c], -d, dOut[rg + c]), inv, dIn[rd + c]);
        }
    }

    private static boolean serial(int rows, int cols) {
        return rows < 2 || (long) rows * cols < 2L * GRAIN;
    }

    private static int grain(int cols) {
        return Math.max(1, GRAIN / Math.max(1, cols));
    }
}
