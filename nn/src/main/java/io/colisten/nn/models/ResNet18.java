package io.colisten.nn.models;

import io.colisten.engine.Tensor;
import io.colisten.nn.modules.BatchNorm2d;
import io.colisten.nn.modules.Conv2d;
import io.colisten.nn.modules.ConvBnReLU;
import io.colisten.nn.modules.LayerClock;
import io.colisten.nn.modules.L2Normalize;
import io.colisten.nn.modules.Linear;
import io.colisten.nn.modules.MaxPool2d;
import io.colisten.nn.modules.Module;
import io.colisten.nn.modules.ModuleState;
import io.colisten.nn.modules.ReLU;
import io.colisten.nn.modules.Sequential;
import io.colisten.nn.modules.TimeFrequencyPool;

/**
 * ResNet-18 (torchvision's layout and names) with the paper's stem: conv 7x5 stride 2x1, then
 * max-pool 5x3 stride 4x2 (unpadded); four stages of two basic blocks, 64-128-256-512 channels,
 * strides 1-2-2-2; then time-frequency pooling, a 128-unit linear layer and l2 normalisation.
 * On 300 x 64: 150x64 -> 37x31 -> 19x16 -> 10x8 -> 5x4; 11,235,008 parameters and 685,629,440
 * MACs (the paper: 11.2M and 686M).
 */
public final class ResNet18 extends EmbeddingNetwork {
    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final ReLU relu;
    private final MaxPool2d maxpool;

    public ResNet18(ModelConfig config, ModuleState state) {
        super(config, state);
        int c0 = config.channels(64, 1);
        conv1 = add(Conv2d.same(state, "conv1", 1, c0, 7, 5, 2, 1, 1));
        bn1 = add(new BatchNorm2d(state, "bn1", c0));
        relu = add(new ReLU("relu"));
        maxpool = add(new MaxPool2d("maxpool", 5, 3, 4, 2));
        int cin = c0;
        int[] widths = {64, 128, 256, 512};
        for (int i = 0; i < widths.length; i++) {
            int cout = config.channels(widths[i], 1);
            Sequential layer = add(new Sequential("layer" + (i + 1)));
            layer.append(new BasicBlock(state, layer.nextName(), cin, cout, i == 0 ? 1 : 2));
            layer.append(new BasicBlock(state, layer.nextName(), cout, cout, 1));
            cin = cout;
        }
        add(new TimeFrequencyPool("tf_pool"));
        add(new Linear(state, "fc", cin, config.embeddingSize(), true));
        add(new L2Normalize("l2norm"));
    }

    /** The stem as one fused unit (inference pools before the ReLU), then the rest in order. */
    @Override
    public Tensor forward(Tensor x) {
        x = ConvBnReLU.forward(conv1, bn1, relu, maxpool, x);
        for (Module m : children().subList(4, children().size())) {
            long t = LayerClock.start();
            x = m.forward(x);
            if (!(m instanceof Sequential)) LayerClock.stop(m.name(), t);
        }
        return x;
    }
}
