package io.colisten.nn.models;

import io.colisten.engine.Graph;
import io.colisten.engine.Tensor;
import io.colisten.engine.cpu.CpuStorage;
import io.colisten.kernels.cpu.ChannelsLast;
import io.colisten.kernels.cpu.NhwcDepthwise3x3;
import io.colisten.kernels.cpu.NhwcMaxPool;
import io.colisten.kernels.cpu.NhwcMeanPool;
import io.colisten.kernels.cpu.NhwcPointwise;
import io.colisten.kernels.cpu.NhwcStemConv;
import io.colisten.kernels.cpu.Parallel;
import io.colisten.nn.modules.LayerClock;

/**
 * MobileNet v1's inference forward (eval mode, no grad) up to the time-frequency pooling, on
 * channels-last activations private to this class (kernels' ChannelsLast: [h][w][cp] per image,
 * channels padded to whole vectors, planes that feed a 3x3 depthwise conv carry a zero border).
 * Every conv has its batch norm folded into packed weights and a bias, and writes its ReLU'd output
 * straight into the next layer's layout; the extra max-pool reads the first pointwise conv's output
 * and writes the next depthwise conv's padded plane. Nothing is written that is not read.
 *
 * <p>Why image by image: MobileNet is ~6 GFLOP per batch of 64 but its early activations are
 * 35-70 MB per batch, so layer-by-layer over the batch is memory bound. Here the batch is cut into
 * groups of {@link #GROUP} images, one group per parallel part (claimed by the threads as they come
 * free); the first {@link #SPLIT_BLOCK} blocks run one image at a time, so their planes (at most
 * ~1.2 MB) stay in the core's L2, and the later blocks (planes of 10 x 8 and 5 x 4 with up to 448
 * channels) run on the whole group at once, so the pointwise GEMMs see 8x more positions per pass
 * over their weights. Each image is computed by one thread in a fixed order, so the result does not
 * depend on the thread count or on which thread ran it.
 *
 * <p>The plan (steps, buffer layout) depends on the input plane only and is kept by the network;
 * the weights are folded and packed on every call (~0.7 M floats), so they are never stale.
 */
final class MobileNetInference {
    static final int GROUP = 8;
    /** Blocks before this one run image by image, the rest on the group. */
    static final int SPLIT_BLOCK = 5;
    /** Tests turn this off to run the first four steps one after the other instead of in a StemBand. */
    static volatile boolean banding = true;

    private static final ThreadLocal<float[][]> ARENA = ThreadLocal.withInitial(() -> new float[1][0]);
    private static final ThreadLocal<float[][]> PACKED = ThreadLocal.withInitial(() -> new float[1][0]);
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[1][0]);

    final int h, w;
    private final InferenceStep[] steps;
    private final int split;                 // steps [0, split) per image, [split, length) per group
    private final int arenaSize, packedSize, stemPad, scratchSize;
    private final int features;              // channels of the last block
    private final StemBand band;             // null: the first four steps run unbanded
    private final int bandStem, bandDw, bandPw;

    MobileNetInference(MobileNetV1 net, int h, int w) {
        this.h = h;
        this.w = w;
        InferencePlanner p = new InferencePlanner(net, h, w, GROUP, SPLIT_BLOCK, banding);
        this.steps = p.steps();
        this.split = p.split();
        this.arenaSize = p.arenaSize();
        this.packedSize = p.packedSize();
        this.stemPad = p.stemPadBase();
        this.scratchSize = p.scratchSize();
        this.band = p.band();
        this.bandStem = p.bandStemBase();
        this.bandDw = p.bandDwBase();
        this.bandPw = p.bandPwBase();
        this.features = p.features();
    }

    /** True when the first four steps run in a StemBand; for tests. */
    boolean banded() {
        return band != null;
    }

    /** x [n, 1, h, w] (CPU storage) -> [n, features]: the time-frequency pooled features. */
    Tensor features(Tensor x) {
        int n = x.dim(0);
        long t = LayerClock.start();
        float[] packed = grow(PACKED, packedSize);
        Parallel.forEach(steps.length, k -> steps[k].pack(packed));
        LayerClock.stop("pack weights", t);
        Tensor out = Graph.output(x.backend(), new int[] {n, features});
        float[] feat = ((CpuStorage) out.storage()).data(), in = ((CpuStorage) x.storage()).data();
        int fo = out.offset(), xo = x.offset(), groups = (n + GROUP - 1) / GROUP;
        Parallel.forEach(groups, g -> runGroup(g, n, in, xo, packed, feat, fo));
        return out;
    }

    private void runGroup(int g, int n, float[] in, int xo, float[] packed, float[] feat, int fo) {
        float[] act = grow(ARENA, arenaSize), scratch = grow(SCRATCH, scratchSize);
        int i0 = g * GROUP, count = Math.min(GROUP, n - i0), share = Math.min(Parallel.threads(), (n + GROUP - 1) / GROUP);
        for (int i = 0; i < count; i++) {
            long t = LayerClock.start();
            ChannelsLast.padPlane(act, stemPad, in, xo + (i0 + i) * h * w, h, w, steps[0].padH, steps[0].padW);
            LayerClock.stopShared("input plane", t, share);
            int k = 0;
            if (band != null) {
                InferenceStep pool = steps[3];
                band.run(act, stemPad, steps[0].src.row(), bandStem, bandDw, bandPw, pool.dst.base() + i * pool.dst.image(),
                        pool.dst.row(), packed, scratch, share);
                k = 4;
            }
            for (; k < split; k++) run(steps[k], act, scratch, i, 1, packed, feat, fo + i0 * features, share);
        }
        for (int k = split; k < steps.length; k++) run(steps[k], act, scratch, 0, count, packed, feat, fo + i0 * features, share);
    }

    /** Runs one step on `images` images starting at slot i of its buffers. */
    private void run(InferenceStep s, float[] act, float[] scratch, int i, int images, float[] packed, float[] feat, int fo, int share) {
        long t = LayerClock.start();
        int src = s.src.base() + i * s.src.image(), dst = s.dst.base() + i * s.dst.image();
        if (s.dst.border() > 0) {
            ChannelsLast.zeroBorder(act, dst - s.dst.row() - s.cpOut, s.dst.image(), images, s.oh, s.ow, s.cpOut, 1);
        }
        switch (s.kind) {
            case STEM -> NhwcStemConv.forward(act, dst, s.dst.row(), act, stemPad, s.src.row(), s.oh, s.ow, s.kh, s.kw, s.sh,
                    s.sw, s.cpOut, packed, s.wOff, packed, s.bOff, true);
            case DEPTHWISE -> NhwcDepthwise3x3.forward(act, dst, s.dst.image(), s.dst.row(), act,
                    src - s.src.border() * (s.src.row() + s.cpIn), s.src.image(), s.src.row(),
                    images, s.oh, s.ow, s.sh, s.sw, s.cpOut, packed, s.wOff, packed, s.bOff, true);
            case POINTWISE -> NhwcPointwise.forward(act, dst, s.dst.image(), s.dst.row(), act, src, images, s.oh, s.ow, s.cIn,
                    s.cpIn, packed, s.wOff, packed, s.bOff, s.cpOut, true);
            case MAXPOOL -> NhwcMaxPool.forward(act, dst, s.dst.image(), s.dst.row(), act, src, s.src.image(), s.src.row(), images,
                    s.oh, s.ow, s.kh, s.kw, s.sh, s.sw, s.cpOut, true, scratch);
            case MEAN -> NhwcMeanPool.forward(feat, fo + i * features, features, act, src, s.src.image(), images,
                    s.ih * s.iw, s.cIn, s.cpIn, scratch);
        }
        LayerClock.stopShared(s.name, t, share);
    }

    private static float[] grow(ThreadLocal<float[][]> slot, int size) {
        float[][] s = slot.get();
        if (s[0].length < size) s[0] = new float[size];
        return s[0];
    }
}
