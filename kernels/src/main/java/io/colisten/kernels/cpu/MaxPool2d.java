package io.colisten.kernels.cpu;

/** 2-D max pooling on NCHW. Forward records, per output, the index of the winner within its (n, c) plane. */
public final class MaxPool2d {
    private MaxPool2d() {}

    /** out[n, c, outH, outW] = max over each window; argmax[same] = y * w + x of the first maximum. */
    public static void forward(float[] out, int outOff, int[] argmax, float[] in, int inOff, Pool2dShape s) {
        // Placeholder: plain loops. Replaced by the fast kernel.
        int oh = s.outH(), ow = s.outW();
        for (int p = 0; p < s.n() * s.c(); p++)
            for (int y = 0; y < oh; y++)
                for (int x = 0; x < ow; x++) {
                    float best = Float.NEGATIVE_INFINITY;
                    int bi = -1;
                    for (int ky = 0; ky < s.kh(); ky++) {
                        int iy = y * s.strideH() - s.padH() + ky;
                        if (iy < 0 || iy >= s.h()) continue;
                        for (int kx = 0; kx < s.kw(); kx++) {
                            int ix = x * s.strideW() - s.padW() + kx;
                            if (ix < 0 || ix >= s.w()) continue;
                            float v = in[inOff + p * s.h() * s.w() + iy * s.w() + ix];
                            if (v > best || bi < 0 || Float.isNaN(v)) {
                                best = v;
                                bi = iy * s.w() + ix;
                            }
                        }
                    }
                    int o = (p * oh + y) * ow + x;
                    out[outOff + o] = best;
                    argmax[o] = bi;
                }
    }

    /** dIn += dOut routed to the recorded winners. */
    public static void backward(float[] dIn, int dInOff, float[] dOut, int dOutOff, int[] argmax, Pool2dShape s) {
        int plane = s.outH() * s.outW(), inPlane = s.h() * s.w();
        for (int p = 0; p < s.n() * s.c(); p++)
            for (int o = 0; o < plane; o++) {
                dIn[dInOff + p * inPlane + argmax[p * plane + o]] += dOut[dOutOff + p * plane + o];
            }
    }
}
