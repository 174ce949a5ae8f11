package io.colisten.nn.models;

import io.colisten.engine.Graph;
import io.colisten.engine.Tensor;
import io.colisten.engine.cpu.CpuStorage;
import io.colisten.nn.modules.BatchNorm2d;
import io.colisten.nn.modules.Conv2d;
import io.colisten.nn.modules.ConvBnReLU;
import io.colisten.nn.modules.L2Normalize;
import io.colisten.nn.modules.LayerClock;
import io.colisten.nn.modules.LayerTable;
import io.colisten.nn.modules.Linear;
import io.colisten.nn.modules.MaxPool2d;
import io.colisten.nn.modules.ModuleState;
import io.colisten.nn.modules.ReLU;
import io.colisten.nn.modules.TimeFrequencyPool;

/**
 * MobileNet v1 (width alpha, channels max(8, floor(c alpha))) as the paper adapts it: the first
 * conv (3x3) strides 2x1, and an extra max-pool (4x2, stride 2x1) follows the third conv layer
 * (the first block's pointwise conv); 13 depthwise-separable blocks; then time-frequency pooling,
 * a 128-unit linear layer and l2 normalisation. At alpha 7/16 on 300 x 64: 687,640 parameters,
 * 47,990,656 MACs.
 */
public final class MobileNetV1 extends EmbeddingNetwork {
    /** (output channels at alpha 1, stride) of the 13 blocks. */
    static final int[][] BLOCKS = {{64, 1}, {128, 2}, {128, 1}, {256, 2}, {256, 1}, {512, 2}, {512, 1}, {512, 1},
            {512, 1}, {512, 1}, {512, 1}, {1024, 2}, {1024, 1}};

    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final ReLU relu;
    private final DepthwiseSeparableBlock[] blocks = new DepthwiseSeparableBlock[BLOCKS.length];
    private final MaxPool2d extraPool;
    private final TimeFrequencyPool tfPool;
    private final Linear fc;
    private final L2Normalize l2norm;

    public MobileNetV1(ModelConfig config, ModuleState state) {
        super(config, state);
        int cin = config.channels(32, 8);
        conv1 = add(Conv2d.same(state, "conv1", 1, cin, 3, 3, 2, 1, 1));
        bn1 = add(new BatchNorm2d(state, "bn1", cin));
        relu = add(new ReLU("relu"));
        for (int i = 0; i < BLOCKS.length; i++) {
            int cout = config.channels(BLOCKS[i][0], 8);
            blocks[i] = add(new DepthwiseSeparableBlock(state, "blocks." + i, cin, cout, BLOCKS[i][1]));
            cin = cout;
        }
        extraPool = add(new MaxPool2d("extra_pool", 4, 2, 2, 1));
        tfPool = add(new TimeFrequencyPool("tf_pool"));
        fc = add(new Linear(state, "fc", cin, config.embeddingSize(), true));
        l2norm = add(new L2Normalize("l2norm"));
    }

    /** The block the extra max-pool follows. */
    static final int EXTRA_POOL_AFTER = 0;

    private volatile MobileNetInference inference;

    @Override
    public Tensor forward(Tensor x) {
        if (channelsLastApplies(x)) {
            MobileNetInference plan = inference;
            if (plan == null || plan.h != x.dim(2) || plan.w != x.dim(3)) {
                plan = new MobileNetInference(this, x.dim(2), x.dim(3));
                inference = plan;
            }
            Tensor f = plan.features(x);
            long t = LayerClock.start();
            Tensor y = l2norm.forward(fc.forward(f));
            LayerClock.stop("head", t);
            return y;
        }
        x = ConvBnReLU.forward(conv1, bn1, relu, null, x);
        for (int i = 0; i < blocks.length; i++) {
            x = blocks[i].forward(x);
            if (i == EXTRA_POOL_AFTER) {
                long t = LayerClock.start();
                x = extraPool.forward(x);
                LayerClock.stop(extraPool.name(), t);
            }
        }
        long t = LayerClock.start();
        Tensor y = l2norm.forward(fc.forward(tfPool.forward(x)));
        LayerClock.stop("head", t);
        return y;
    }

    /**
     * Inference (no grad recorded, every batch norm in eval mode) on CPU tensors of one input channel
     * takes the channels-last path (MobileNetInference); anything else runs the modules.
     */
    private boolean channelsLastApplies(Tensor x) {
        if (Graph.gradEnabled() || bn1.isTraining() || x.rank() != 4 || x.dim(1) != 1
                || !(x.storage() instanceof CpuStorage)) {
            return false;
        }
        for (DepthwiseSeparableBlock b : blocks) if (b.bn1().isTraining() || b.bn2().isTraining()) return false;
        return true;
    }

    /** The channels-last plan of the last inference forward (null before one); for tests. */
    MobileNetInference inferencePlan() { return inference; }

    Conv2d conv1() { return conv1; }

    BatchNorm2d bn1() { return bn1; }

    DepthwiseSeparableBlock[] blocks() { return blocks; }

    MaxPool2d extraPool() { return extraPool; }

    int extraPoolAfter() { return EXTRA_POOL_AFTER; }

    @Override
    public int[] trace(int[] in, LayerTable t) {
        in = relu.trace(bn1.trace(conv1.trace(in, t), t), t);
        for (int i = 0; i < blocks.length; i++) {
            in = blocks[i].trace(in, t);
            if (i == EXTRA_POOL_AFTER) in = extraPool.trace(in, t);
        }
        return l2norm.trace(fc.trace(tfPool.trace(in, t), t), t);
    }
}
