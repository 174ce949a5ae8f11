package io.colisten.kernels.cpu;

/**
 * The geometry of one 2-D convolution on NCHW data: input n x cIn x h x w, weight
 * cOut x (cIn / groups) x kh x kw (PyTorch's layout), output n x cOut x outH x outW with
 * outH = (h + 2 padH - kh) / strideH + 1. The constructor rejects impossible geometry.
 */
public record Conv2dShape(int n, int cIn, int h, int w, int cOut, int kh, int kw,
                          int strideH, int strideW, int padH, int padW, int groups) {
    public Conv2dShape {
        if (n <= 0 || cIn <= 0 || h <= 0 || w <= 0 || cOut <= 0 || kh <= 0 || kw <= 0
                || strideH <= 0 || strideW <= 0 || padH < 0 || padW < 0 || groups <= 0) {
            throw new IllegalArgumentException("conv2d: sizes must be positive (padding >= 0): " + this);
        }
        if (cIn % groups != 0 || cOut % groups != 0) {
            throw new IllegalArgumentException("conv2d: groups=" + groups + " must divide cIn=" + cIn
                    + " and cOut=" + cOut);
        }
        if (h + 2 * padH < kh || w + 2 * padW < kw) {
            throw new IllegalArgumentException("conv2d: kernel " + kh + "x" + kw + " larger than padded input "
                    + (h + 2 * padH) + "x" + (w + 2 * padW));
        }
    }

    public int outH() { return (h + 2 * padH - kh) / strideH + 1; }
    public int outW() { return (w + 2 * padW - kw) / strideW + 1; }
    public int cInPerGroup() { return cIn / groups; }
    public int cOutPerGroup() { return cOut / groups; }
    public int inputSize() { return n * cIn * h * w; }
    public int outputSize() { return n * cOut * outH() * outW(); }
    public int weightSize() { return cOut * cInPerGroup() * kh * kw; }
    /** Multiply-accumulates of one forward pass. */
    public long macs() { return (long) n * cOut * outH() * outW() * cInPerGroup() * kh * kw; }
}
