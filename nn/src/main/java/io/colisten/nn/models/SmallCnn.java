package io.colisten.nn.models;

import io.colisten.engine.Tensor;
import io.colisten.nn.modules.BatchNorm2d;
import io.colisten.nn.modules.Conv2d;
import io.colisten.nn.modules.ConvBnReLU;
import io.colisten.nn.modules.LayerClock;
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

    private final Conv2d[] convs = new Conv2d[4];
    private final BatchNorm2d[] bns = new BatchNorm2d[4];
    private final ReLU[] relus = new ReLU[4];
    private final MaxPool2d pool1, pool2;
    private final TimeFrequencyPool tfPool;
    private final Linear fc;
    private final L2Normalize l2norm;

    public SmallCnn(ModelConfig config, ModuleState state) {
        super(config, state);
        int cin = 1;
        MaxPool2d first = null;
        for (int i = 0; i < CHANNELS.length; i++) {
            int c = config.channels(CHANNELS[i], 1);
            convs[i] = add(Conv2d.same(state, "conv" + (i + 1), cin, c, 7, 5, 2, 1, 1));
            bns[i] = add(new BatchNorm2d(state, "bn" + (i + 1), c));
            relus[i] = add(new ReLU("relu" + (i + 1)));
            if (i == 0) first = add(new MaxPool2d("pool1", 4, 2, 2, 1));
            cin = c;
        }
        pool1 = first;
        pool2 = add(new MaxPool2d("pool2", 4, 2, 2, 1));
        tfPool = add(new TimeFrequencyPool("tf_pool"));
        fc = add(new Linear(state, "fc", cin, config.embeddingSize(), true));
        l2norm = add(new L2Normalize("l2norm"));
    }

    @Override
    public Tensor forward(Tensor x) {
        for (int i = 0; i < convs.length; i++) {
            x = ConvBnReLU.forward(convs[i], bns[i], relus[i], i == 0 ? pool1 : i == convs.length - 1 ? pool2 : null, x);
        }
        long t = LayerClock.start();
        Tensor f = tfPool.forward(x);
        LayerClock.stop(tfPool.name(), t);
        t = LayerClock.start();
        Tensor y = l2norm.forward(fc.forward(f));
        LayerClock.stop("fc+l2norm", t);
        return y;
    }
}
