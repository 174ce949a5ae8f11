package io.colisten.nn.models;

import io.colisten.engine.Tensor;
import io.colisten.engine.cpu.CpuStorage;
import io.colisten.kernels.cpu.NhwcDepthwise3x3;
import io.colisten.kernels.cpu.NhwcPointwise;
import io.colisten.kernels.cpu.NhwcStemConv;
import io.colisten.nn.modules.BatchNorm2d;
import io.colisten.nn.modules.Conv2d;

/**
 * One layer of a channels-last inference plan (MobileNetInference): its kind, its geometry, where
 * it reads and writes in the per-thread activation arena, and, for a convolution, where its folded
 * weights and bias sit in the packed array. Built by InferencePlanner; immutable but for pack().
 */
final class InferenceStep {
    enum Kind { STEM, DEPTHWISE, POINTWISE, MAXPOOL, MEAN }

    /**
     * Where a step's activations live in the arena: position (image i, y, x) at
     * base + i image + y row + x cp. border 1: a padded plane whose one-position zero border the
     * writer clears (base is then the first interior position).
     */
    record Loc(int base, int image, int row, int border) {}

    final Kind kind;
    final String name;
    final int ih, iw, cIn, cpIn, oh, ow, cOut, cpOut, kh, kw, sh, sw, padH, padW;
    final Conv2d conv;
    final BatchNorm2d bn;
    Loc src, dst;
    int wOff = -1, bOff = -1, scaleOff = -1;

    InferenceStep(Kind kind, String name, int ih, int iw, int cIn, int cpIn, int oh, int ow, int cOut, int cpOut,
                  int kh, int kw, int sh, int sw, int padH, int padW, Conv2d conv, BatchNorm2d bn) {
        this.kind = kind;
        this.name = name;
        this.ih = ih;
        this.iw = iw;
        this.cIn = cIn;
        this.cpIn = cpIn;
        this.oh = oh;
        this.ow = ow;
        this.cOut = cOut;
        this.cpOut = cpOut;
        this.kh = kh;
        this.kw = kw;
        this.sh = sh;
        this.sw = sw;
        this.padH = padH;
        this.padW = padW;
        this.conv = conv;
        this.bn = bn;
    }

    /** Packed weight floats of this step (0 for pools). */
    int weightSize() {
        return switch (kind) {
            case STEM -> kh * kw * cpOut;
            case DEPTHWISE -> 9 * cpOut;
            case POINTWISE -> NhwcPointwise.packedSize(cIn, cpOut);
            default -> 0;
        };
    }

    /**
     * Folds the batch norm into the conv (inference: y = (conv(x) + b - mean) s + beta with
     * s = gamma / sqrt(var + eps), as BatchNorm2d's eval kernel computes it) and packs weights
     * (w s) and bias ((b - mean) s + beta, 0 in the padding channels) at wOff / bOff; scale[cOut]
     * is scratch at scaleOff.
     */
    void pack(float[] packed) {
        if (conv == null) return;
        float[] gamma = data(bn.weight()), beta = data(bn.bias()), mean = data(bn.runningMean()), var = data(bn.runningVar());
        float[] cb = conv.bias() == null ? null : data(conv.bias());
        int go = off(bn.weight()), bo = off(bn.bias()), mo = off(bn.runningMean()), vo = off(bn.runningVar());
        int cbo = conv.bias() == null ? 0 : off(conv.bias());
        float eps = bn.eps();
        for (int c = 0; c < cpOut; c++) {
            if (c >= cOut) {
                packed[bOff + c] = 0f;
                continue;
            }
            float rstd = (float) (1.0 / Math.sqrt(var[vo + c] + eps));
            float s = (gamma == null ? 1f : gamma[go + c]) * rstd;
            packed[scaleOff + c] = s;
            float b = cb == null ? 0f : cb[cbo + c];
            packed[bOff + c] = Math.fma(b - mean[mo + c], s, beta == null ? 0f : beta[bo + c]);
        }
        float[] wt = data(conv.weight());
        int wo = off(conv.weight());
        switch (kind) {
            case STEM -> NhwcStemConv.pack(packed, wOff, wt, wo, packed, scaleOff, cOut, kh, kw, cpOut);
            case DEPTHWISE -> NhwcDepthwise3x3.pack(packed, wOff, wt, wo, packed, scaleOff, cOut, cpOut);
            case POINTWISE -> NhwcPointwise.pack(packed, wOff, wt, wo, packed, scaleOff, cIn, cOut, cpOut);
            default -> throw new IllegalStateException(name + ": nothing to pack");
        }
    }

    private static float[] data(Tensor t) {
        return t == null ? null : ((CpuStorage) t.storage()).data();
    }

    private static int off(Tensor t) {
        return t.offset();
    }
}
