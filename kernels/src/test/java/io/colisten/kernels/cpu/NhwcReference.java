package io.colisten.kernels.cpu;

/**
 * Plain double-precision references of the channels-last inference kernels, on logical arrays
 * without padding channels or borders: images [n][h][w][c] flattened, weights in PyTorch's layout.
 */
final class NhwcReference {
    private NhwcReference() {}

    /** Single-input-channel conv: x [h][w], weight [cOut][kh][kw], zero padding ph, pw; out [oh][ow][cOut]. */
    static double[] stem(float[] x, int h, int w, float[] weight, float[] bias, int cOut, int kh, int kw, int sh, int sw,
                         int ph, int pw, boolean relu) {
        int oh = (h + 2 * ph - kh) / sh + 1, ow = (w + 2 * pw - kw) / sw + 1;
        double[] out = new double[oh * ow * cOut];
        for (int oy = 0; oy < oh; oy++)
            for (int ox = 0; ox < ow; ox++)
                for (int c = 0; c < cOut; c++) {
                    double s = bias[c];
                    for (int ky = 0; ky < kh; ky++)
                        for (int kx = 0; kx < kw; kx++) {
                            int iy = oy * sh + ky - ph, ix = ox * sw + kx - pw;
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w) s += (double) x[iy * w + ix] * weight[(c * kh + ky) * kw + kx];
                        }
                    out[(oy * ow + ox) * cOut + c] = relu ? Math.max(0.0, s) : s;
                }
        return out;
    }

    /** Depthwise 3x3, padding 1: x [n][h][w][c], weight [c][3][3]; out [n][oh][ow][c]. */
    static double[] depthwise(float[] x, int n, int h, int w, int c, float[] weight, float[] bias, int sh, int sw,
                              boolean relu) {
        int oh = (h - 1) / sh + 1, ow = (w - 1) / sw + 1;
        double[] out = new double[n * oh * ow * c];
        for (int i = 0; i < n; i++)
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++)
                    for (int ch = 0; ch < c; ch++) {
                        double s = bias[ch];
                        for (int ky = 0; ky < 3; ky++)
                            for (int kx = 0; kx < 3; kx++) {
                                int iy = oy * sh + ky - 1, ix = ox * sw + kx - 1;
                                if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                    s += (double) x[((i * h + iy) * w + ix) * c + ch] * weight[ch * 9 + ky * 3 + kx];
                                }
                            }
                        out[((i * oh + oy) * ow + ox) * c + ch] = relu ? Math.max(0.0, s) : s;
                    }
        return out;
    }

    /** Pointwise: x [q][cIn], weight [cOut][cIn]; out [q][cOut]. */
    static double[] pointwise(float[] x, int positions, int cIn, float[] weight, float[] bias, int cOut, boolean relu) {
        double[] out = new double[positions * cOut];
        for (int q = 0; q < positions; q++)
            for (int co = 0; co < cOut; co++) {
                double s = bias[co];
                for (int ci = 0; ci < cIn; ci++) s += (double) x[q * cIn + ci] * weight[co * cIn + ci];
                out[q * cOut + co] = relu ? Math.max(0.0, s) : s;
            }
        return out;
    }

    /** Unpadded max-pool: x [n][h][w][c]; out [n][oh][ow][c]; NaN in a window gives NaN. */
    static double[] maxPool(float[] x, int n, int h, int w, int c, int kh, int kw, int sh, int sw) {
        int oh = (h - kh) / sh + 1, ow = (w - kw) / sw + 1;
        double[] out = new double[n * oh * ow * c];
        for (int i = 0; i < n; i++)
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++)
                    for (int ch = 0; ch < c; ch++) {
                        double m = Double.NEGATIVE_INFINITY;
                        for (int ky = 0; ky < kh; ky++)
                            for (int kx = 0; kx < kw; kx++) {
                                double v = x[((i * h + oy * sh + ky) * w + ox * sw + kx) * c + ch];
                                m = Double.isNaN(v) || Double.isNaN(m) ? Double.NaN : Math.max(m, v);
                            }
                        out[((i * oh + oy) * ow + ox) * c + ch] = m;
                    }
        return out;
    }

    /** Mean over positions: x [n][positions][c]; out [n][c]. */
    static double[] meanPool(float[] x, int n, int positions, int c) {
        double[] out = new double[n * c];
        for (int i = 0; i < n; i++)
            for (int ch = 0; ch < c; ch++) {
                double s = 0;
                for (int q = 0; q < positions; q++) s += x[(i * positions + q) * c + ch];
                out[i * c + ch] = s / positions;
            }
        return out;
    }
}
