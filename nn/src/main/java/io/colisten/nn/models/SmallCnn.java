package io.colisten.nn.models;

import io.colisten.nn.modules.BatchNorm2d;
import io.colisten.nn.modules.Conv2d;
import io.colisten.nn.modules.L2Normalize;
import io.colisten.nn.modules.Linear;
import io.colisten.nn.modules.MaxPool2d;
import io.colisten.nn.modules.ModuleState;
import io.colisten.nn.modules.ReLU;
import io.colisten.nn.modules.TimeFrequencyPool;

/**
 * The paper's SmallCNN: [conv(7x5, 2x1), max(4x2, 2x1), conv(7x5, 2x1), conv(7x5, 2x1),
 * conv(7x5, 2x1), max(4x2, 2x1)], each conv followed by batch norm and ReLU, channels 32-64-64-128
 * (times the width), then time-frequency pooling, a 128-unit linear layer and l2 normalisation.
 * On 300 x 64: 150x64 -> 74x63 -> 37x63 -> 19x63 -> 10x63 -> 4x62; 519,968 parameters and
 * 530,089,984 MACs (notes/models.md: why the paper's 22M cannot be met by this chain).
 */
public final class SmallCnn extends EmbeddingNetwork {
    static final int[] CHANNELS = {32, 64, 64, 128};

    public SmallCnn(ModelConfig config, ModuleState state) {
        super(config, state);
        int cin = 1;
        for (int i = 1; i <= CHANNELS.length; i++) {
            int c = config.channels(CHANNELS[i - 1], 1);
            add(Conv2d.same(state, "conv" + i, cin, c, 7, 5, 2, 1, 1));
            add(new BatchNorm2d(state, "bn" + i, c));
            add(new ReLU("relu" + i));
            if (i == 1) add(new MaxPool2d("pool1", 4, 2, 2, 1));
            cin = c;
        }
        add(new MaxPool2d("pool2", 4, 2, 2, 1));
        add(new TimeFrequencyPool("tf_pool"));
        add(new Linear(state, "fc", cin, config.embeddingSize(), true));
        add(new L2Normalize("l2norm"));
    }
}
