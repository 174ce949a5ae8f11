package io.colisten.kernels.cpu;

/**
 * Row-wise l2 normalisation of a rows x cols matrix with torch.nn.functional.normalize semantics:
 * out = x / max(||x||, eps). Forward keeps the clamped norms for backward.
 */
public final class L2Normalize {
    private L2Normalize() {}

    /** norms[r] = max(||in[r, :]||, eps); out[r, :] = in[r, :] / norms[r]. */
    public static void forward(float[] out, int oo, float[] norms, int no, float[] in, int io,
                               int rows, int cols, float eps) {
        check("l2normalize.forward", out, oo, norms, no, in, io, "in", rows, cols);
        for (int r = 0; r < rows; r++) {
            int ro = oo + r * cols, ri = io + r * cols;
            float sq = 0;
            for (int c = 0; c < cols; c++) sq = Math.fma(in[ri + c], in[ri + c], sq);
            float norm = Math.max((float) Math.sqrt(sq), eps);
            norms[no + r] = norm;
            float inv = 1f / norm;
            for (int c = 0; c < cols; c++) out[ro + c] = in[ri + c] * inv;
        }
    }

    /**
     * dIn += (dOut - out * <dOut, out>) / norm for rows whose norm exceeds eps; rows clamped at eps
     * are a plain scaling, so dIn += dOut / eps.
     */
    public static void backward(float[] dIn, int dio, float[] dOut, int doo, float[] out, int oo,
                                float[] norms, int no, int rows, int cols, float eps) {
        String op = "l2normalize.backward";
        check(op, dIn, dio, norms, no, dOut, doo, "dOut", rows, cols);
        Check.span(op, "out", out, oo, (long) rows * cols);
        for (int r = 0; r < rows; r++) {
            int rd = dio + r * cols, rg = doo + r * cols, ro = oo + r * cols;
            float norm = norms[no + r];
            float inv = 1f / norm;
            if (norm > eps) {
                float d = 0;
                for (int c = 0; c < cols; c++) d = Math.fma(dOut[rg + c], out[ro + c], d);
                for (int c = 0; c < cols; c++) dIn[rd + c] += (dOut[rg + c] - out[ro + c] * d) * inv;
            } else {
                for (int c = 0; c < cols; c++) dIn[rd + c] += dOut[rg + c] * inv;
            }
        }
    }

    private static void check(String op, float[] a, int ao, float[] norms, int no, float[] b, int bo, String bName,
                              int rows, int cols) {
        Check.count(op, "rows", rows);
        Check.count(op, "cols", cols);
        long len = (long) rows * cols;
        Check.span(op, a == null ? "out" : "out", a, ao, len);
        Check.span(op, "norms", norms, no, rows);
        Check.span(op, bName, b, bo, len);
    }
}
