package io.colisten.nn.models;

import io.colisten.engine.Device;
import io.colisten.engine.param.ParameterSet;
import io.colisten.engine.random.Rng;
import io.colisten.nn.modules.ModuleState;

/** Builds the embedding networks by name, initialised from a seed (the same seed gives the same weights). */
public final class Models {
    private Models() {}

    /** The paper's configuration of {@code name} ("smallcnn", "mobilenet", "resnet18"). */
    public static EmbeddingNetwork create(String name, long seed) {
        return create(ModelConfig.of(name), seed);
    }

    public static EmbeddingNetwork create(ModelConfig config, long seed) {
        return create(config, seed, Device.CPU);
    }

    /** As {@link #create(ModelConfig, long)} with parameters and buffers on {@code device} (same seed, same values). */
    public static EmbeddingNetwork create(ModelConfig config, long seed, Device device) {
        EmbeddingNetwork net = build(config, device);
        net.initialise(new Rng(seed));
        return net;
    }

    /**
     * The structure without drawing weights (convolution and linear weights zero, batch norm at its
     * defaults): for layer tables and counts, or to load a checkpoint into.
     */
    public static EmbeddingNetwork build(ModelConfig config) {
        return build(config, Device.CPU);
    }

    /** The structure with its tensors on {@code device}. */
    public static EmbeddingNetwork build(ModelConfig config, Device device) {
        ModuleState state = new ModuleState(new ParameterSet(device));
        return switch (config.name()) {
            case ModelConfig.SMALLCNN -> new SmallCnn(config, state);
            case ModelConfig.MOBILENET -> new MobileNetV1(config, state);
            case ModelConfig.RESNET18 -> new ResNet18(config, state);
            default -> throw new IllegalArgumentException("model: unknown network '" + config.name() + "'");
        };
    }
}
