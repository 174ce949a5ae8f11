package io.colisten.nn.modules;

import io.colisten.engine.Tensor;
import io.colisten.engine.ops.BatchNormReluOps;
import io.colisten.engine.ops.Ops;

/** Max pooling over kh x kw windows (time x mel), PyTorch's nn.MaxPool2d in floor mode; padding counts as -infinity. */
public final class MaxPool2d extends Module {
    private final int kh, kw, strideH, strideW, padH, padW;

    public MaxPool2d(String name, int kh, int kw, int strideH, int strideW, int padH, int padW) {
        super(name);
        this.kh = kh;
        this.kw = kw;
        this.strideH = strideH;
        this.strideW = strideW;
        this.padH = padH;
        this.padW = padW;
    }

    /** Unpadded. */
    public MaxPool2d(String name, int kh, int kw, int strideH, int strideW) {
        this(name, kh, kw, strideH, strideW, 0, 0);
    }

    public int kernelH() { return kh; }

    public int kernelW() { return kw; }

    public int strideH() { return strideH; }

    public int strideW() { return strideW; }

    /** True when the window is not padded (what the channels-last inference kernels support). */
    public boolean unpadded() { return padH == 0 && padW == 0; }

    @Override
    public Tensor forward(Tensor x) {
        return Ops.maxPool2d(x, kh, kw, strideH, strideW, padH, padW);
    }

    /** pool(max(bn(x), 0)) with bn in training mode, fused (see BatchNormReluOps): the ReLU output is not kept. */
    Tensor forwardAfterBatchNormReLU(Tensor x, BatchNorm2d bn) {
        return BatchNormReluOps.batchNormReLUMaxPool(x, bn.weight(), bn.bias(), bn.runningMean(), bn.runningVar(),
                bn.momentum(), bn.eps(), kh, kw, strideH, strideW, padH, padW);
    }

    @Override
    public int[] trace(int[] in, LayerTable table) {
        if (in.length != 3 || in[1] + 2 * padH < kh || in[2] + 2 * padW < kw) {
            throw new IllegalArgumentException(name() + ": input " + LayerTable.shape(in) + " is smaller than the "
                    + kh + "x" + kw + " window");
        }
        int[] out = {in[0], (in[1] + 2 * padH - kh) / strideH + 1, (in[2] + 2 * padW - kw) / strideW + 1};
        table.add(name(), out, 0, 0);
        return out;
    }
}
