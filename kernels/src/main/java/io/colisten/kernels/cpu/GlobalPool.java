package io.colisten.kernels.cpu;

/** Global average and global max pooling over the spatial positions of NCHW data: n x c x hw -> n x c. */
public final class GlobalPool {
    private GlobalPool() {}

    public static void avgForward(float[] out, int outOff, float[] in, int inOff, int n, int c, int hw) {
        for (int p = 0; p < n * c; p++) {
            double s = 0;
            for (int i = 0; i < hw; i++) s += in[inOff + p * hw + i];
            out[outOff + p] = (float) (s / hw);
        }
    }

    /** dIn += dOut / hw broadcast over each plane. */
    public static void avgBackward(float[] dIn, int dInOff, float[] dOut, int dOutOff, int n, int c, int hw) {
        for (int p = 0; p < n * c; p++) {
            float g = dOut[dOutOff + p] / hw;
            for (int i = 0; i < hw; i++) dIn[dInOff + p * hw + i] += g;
        }
    }

    /** out = max over each plane; argmax = position of the first maximum within its plane. */
    public static void maxForward(float[] out, int outOff, int[] argmax, float[] in, int inOff, int n, int c, int hw) {
        for (int p = 0; p < n * c; p++) {
            int bi = 0;
            float best = in[inOff + p * hw];
            for (int i = 1; i < hw; i++) {
                float v = in[inOff + p * hw + i];
                if (v > best) { best = v; bi = i; }
            }
            out[outOff + p] = best;
            argmax[p] = bi;
        }
    }

    public static void maxBackward(float[] dIn, int dInOff, float[] dOut, int dOutOff, int[] argmax, int n, int c, int hw) {
        for (int p = 0; p < n * c; p++) dIn[dInOff + p * hw + argmax[p]] += dOut[dOutOff + p];
    }
}
