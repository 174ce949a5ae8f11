package io.colisten.kernels.cpu;

/**
 * Row-wise softmax and log-softmax over a rows x cols matrix, stabilised by the row max. The
 * backward kernels take the forward's output and add into dIn.
 */
public final class Softmax {
    private Softmax() {}

    /** out[r, :] = exp(in[r, :] - max) / sum. */
    public static void softmaxRows(float[] out, int oo, float[] in, int io, int rows, int cols) {
        check("softmaxRows", out, oo, in, io, rows, cols);
        for (int r = 0; r < rows; r++) {
            int ro = oo + r * cols, ri = io + r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) max = Math.max(max, in[ri + c]);
            float s = 0;
            for (int c = 0; c < cols; c++) {
                float e = (float) Math.exp(in[ri + c] - max);
                out[ro + c] = e;
                s += e;
            }
            float inv = 1f / s;
            for (int c = 0; c < cols; c++) out[ro + c] *= inv;
        }
    }

    /** out[r, :] = in[r, :] - max - log(sum exp(in[r, :] - max)). */
    public static void logSoftmaxRows(float[] out, int oo, float[] in, int io, int rows, int cols) {
        check("logSoftmaxRows", out, oo, in, io, rows, cols);
        for (int r = 0; r < rows; r++) {
            int ro = oo + r * cols, ri = io + r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) max = Math.max(max, in[ri + c]);
            float s = 0;
            for (int c = 0; c < cols; c++) s += (float) Math.exp(in[ri + c] - max);
            float shift = max + (float) Math.log(s);
            for (int c = 0; c < cols; c++) out[ro + c] = in[ri + c] - shift;
        }
    }

    /** dIn += y * (dOut - sum_c dOut * y), y = softmax output. */
    public static void softmaxBackward(float[] dIn, int dio, float[] dOut, int doo, float[] y, int yo,
                                       int rows, int cols) {
        checkBackward("softmaxBackward", dIn, dio, dOut, doo, y, yo, rows, cols);
        for (int r = 0; r < rows; r++) {
            int rd = dio + r * cols, rg = doo + r * cols, ry = yo + r * cols;
            float s = 0;
            for (int c = 0; c < cols; c++) s += dOut[rg + c] * y[ry + c];
            for (int c = 0; c < cols; c++) dIn[rd + c] += y[ry + c] * (dOut[rg + c] - s);
        }
    }

    /** dIn += dOut - exp(y) * sum_c dOut, y = log-softmax output. */
    public static void logSoftmaxBackward(float[] dIn, int dio, float[] dOut, int doo, float[] y, int yo,
                                          int rows, int cols) {
        checkBackward("logSoftmaxBackward", dIn, dio, dOut, doo, y, yo, rows, cols);
        for (int r = 0; r < rows; r++) {
            int rd = dio + r * cols, rg = doo + r * cols, ry = yo + r * cols;
            float s = 0;
            for (int c = 0; c < cols; c++) s += dOut[rg + c];
            for (int c = 0; c < cols; c++) dIn[rd + c] += dOut[rg + c] - (float) Math.exp(y[ry + c]) * s;
        }
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
        check(op, dIn, dio, dOut, doo, rows, cols);
        Check.span(op, "y", y, yo, (long) rows * cols);
    }
}
