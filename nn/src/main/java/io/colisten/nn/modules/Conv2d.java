package io.colisten.nn.modules;

import io.colisten.engine.Tensor;
import io.colisten.engine.ops.Ops;
import io.colisten.engine.random.Init;
import io.colisten.engine.random.Rng;

/**
 * 2-D convolution, PyTorch's nn.Conv2d: weight [cOut, cIn / groups, kh, kw], optional bias [cOut].
 * groups = cIn makes it depthwise; a 1x1 kernel pointwise. He normal initialisation (fan_in).
 */
public final class Conv2d extends Module {
    private final int cIn, cOut, kh, kw, strideH, strideW, padH, padW, groups;
    private final Tensor weight, bias;

    public Conv2d(ModuleState state, String name, int cIn, int cOut, int kh, int kw, int strideH, int strideW,
                  int padH, int padW, int groups, boolean bias) {
        super(name);
        if (groups <= 0 || cIn % groups != 0 || cOut % groups != 0) {
            throw new IllegalArgumentException(name + ": " + cIn + " -> " + cOut + " channels do not split into "
                    + groups + " groups");
        }
        this.cIn = cIn;
        this.cOut = cOut;
        this.kh = kh;
        this.kw = kw;
        this.strideH = strideH;
        this.strideW = strideW;
        this.padH = padH;
        this.padW = padW;
        this.groups = groups;
        this.weight = state.parameter(path(name, "weight"), cOut, cIn / groups, kh, kw);
        this.bias = bias ? state.parameter(path(name, "bias"), cOut) : null;
    }

    /** A bias-free convolution padded by half the kernel (odd kernels keep the size before striding). */
    public static Conv2d same(ModuleState state, String name, int cIn, int cOut, int kh, int kw, int strideH,
                              int strideW, int groups) {
        return new Conv2d(state, name, cIn, cOut, kh, kw, strideH, strideW, kh / 2, kw / 2, groups, false);
    }

    public Tensor weight() { return weight; }

    /** Null when the layer has no bias. */
    public Tensor bias() { return bias; }

    public int groups() { return groups; }

    public int strideH() { return strideH; }

    public int strideW() { return strideW; }

    public int padH() { return padH; }

    public int padW() { return padW; }

    @Override
    public Tensor forward(Tensor x) {
        return Ops.conv2d(x, weight, bias, strideH, strideW, padH, padW, groups);
    }

    /** The same convolution with other weights of the same shape (batch norm folded in; see ConvBnReLU). */
    Tensor forwardWith(Tensor x, Tensor w, Tensor b) {
        return Ops.conv2d(x, w, b, strideH, strideW, padH, padW, groups);
    }

    /** relu(conv(x) + residual) with other weights (batch norm folded in; residual may be null), fused where the backend can. */
    Tensor forwardReluWith(Tensor x, Tensor w, Tensor b, Tensor residual) {
        return Ops.conv2dRelu(x, w, b, strideH, strideW, padH, padW, groups, residual);
    }

    /** relu(pool(conv(x))) with other weights (batch norm folded in), fused where the backend can (see ConvBnReLU). */
    Tensor forwardPoolReluWith(Tensor x, Tensor w, Tensor b, MaxPool2d pool) {
        return Ops.conv2dMaxPoolRelu(x, w, b, strideH, strideW, padH, padW, groups, pool.kernelH(), pool.kernelW(),
                pool.strideH(), pool.strideW());
    }

    /** Output positions (outH * outW) for an input plane of h x w. */
    long outputPositions(int h, int w) {
        return (long) ((h + 2 * padH - kh) / strideH + 1) * ((w + 2 * padW - kw) / strideW + 1);
    }

    @Override
    public int[] trace(int[] in, LayerTable table) {
        if (in.length != 3 || in[0] != cIn) {
            throw new IllegalArgumentException(name() + ": expects " + cIn + " x H x W, got " + LayerTable.shape(in));
        }
        int oh = (in[1] + 2 * padH - kh) / strideH + 1, ow = (in[2] + 2 * padW - kw) / strideW + 1;
        if (in[1] + 2 * padH < kh || in[2] + 2 * padW < kw) {
            throw new IllegalArgumentException(name() + ": input " + LayerTable.shape(in) + " is smaller than the "
                    + kh + "x" + kw + " kernel");
        }
        int[] out = {cOut, oh, ow};
        long params = weight.size() + (bias == null ? 0 : bias.size());
        table.add(name(), out, params, (long) oh * ow * cOut * (cIn / groups) * kh * kw);
        return out;
    }

    @Override
    public void initialise(Rng rng) {
        Init.kaimingNormal(weight, rng);
        if (bias != null) Init.convBias(bias, weight, rng);
    }
}
