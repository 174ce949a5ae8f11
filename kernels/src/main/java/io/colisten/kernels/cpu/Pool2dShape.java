package io.colisten.kernels.cpu;

/**
 * The geometry of a 2-D pooling window on NCHW data (PyTorch semantics, floor mode): padding is
 * implicit -infinity for max pooling; outH = (h + 2 padH - kh) / strideH + 1.
 */
public record Pool2dShape(int n, int c, int h, int w, int kh, int kw, int strideH, int strideW, int padH, int padW) {
    public Pool2dShape {
        if (n <= 0 || c <= 0 || h <= 0 || w <= 0 || kh <= 0 || kw <= 0 || strideH <= 0 || strideW <= 0
                || padH < 0 || padW < 0) {
            throw new IllegalArgumentException("pool2d: sizes must be positive (padding >= 0): " + this);
        }
        if (2 * padH > kh || 2 * padW > kw) {
            throw new IllegalArgumentException("pool2d: padding must be at most half the kernel: " + this);
        }
        if (h + 2 * padH < kh || w + 2 * padW < kw) {
            throw new IllegalArgumentException("pool2d: kernel " + kh + "x" + kw + " larger than padded input: " + this);
        }
    }

    public int outH() { return (h + 2 * padH - kh) / strideH + 1; }
    public int outW() { return (w + 2 * padW - kw) / strideW + 1; }
    public int inputSize() { return n * c * h * w; }
    public int outputSize() { return n * c * outH() * outW(); }
}
