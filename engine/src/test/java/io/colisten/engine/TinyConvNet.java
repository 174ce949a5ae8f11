package io.colisten.engine;

import io.colisten.engine.ops.Ops;
import io.colisten.engine.optim.Adam;
import io.colisten.engine.param.ParameterSet;
import io.colisten.engine.random.Init;
import io.colisten.engine.random.Rng;

/**
 * A tiny network for the step-level tests: conv 7x5/2x1 -> bn -> relu -> maxpool 4x2/2x1 ->
 * conv 3x3 -> bn -> relu -> global avg pool -> linear -> l2 normalise, trained with a softmax
 * cross-entropy on a linear classifier of the embedding. Input [8, 1, 40, 16].
 */
final class TinyConvNet {
    static final int N = 8, H = 40, W = 16, EMBED = 16, CLASSES = 5;

    final ParameterSet params;
    final Tensor conv1, bn1g, bn1b, bn1m, bn1v, conv2, conv2b, bn2g, bn2b, bn2m, bn2v, fcW, fcB, clsW, clsB;
    final Adam adam;
    final Tensor x, targets;

    TinyConvNet(long seed) {
        this(seed, Device.CPU);
    }

    /** The same network (same seed: same initial values) with parameters and data on {@code device}. */
    TinyConvNet(long seed, Device device) {
        params = new ParameterSet(device);
        Rng rng = new Rng(seed);
        conv1 = params.parameter("conv1.weight", 4, 1, 7, 5);
        bn1g = params.parameter("bn1.weight", 4);
        bn1b = params.parameter("bn1.bias", 4);
        bn1m = params.buffer("bn1.running_mean", 0f, 4);
        bn1v = params.buffer("bn1.running_var", 1f, 4);
        conv2 = params.parameter("conv2.weight", 8, 4, 3, 3);
        conv2b = params.parameter("conv2.bias", 8);
        bn2g = params.parameter("bn2.weight", 8);
        bn2b = params.parameter("bn2.bias", 8);
        bn2m = params.buffer("bn2.running_mean", 0f, 8);
        bn2v = params.buffer("bn2.running_var", 1f, 8);
        fcW = params.parameter("fc.weight", EMBED, 8);
        fcB = params.parameter("fc.bias", EMBED);
        clsW = params.parameter("classifier.weight", CLASSES, EMBED);
        clsB = params.parameter("classifier.bias", CLASSES);
        Init.kaimingNormal(conv1, rng);
        Init.batchNorm(bn1g, bn1b, bn1m, bn1v);
        Init.kaimingNormal(conv2, rng);
        Init.convBias(conv2b, conv2, rng);
        Init.batchNorm(bn2g, bn2b, bn2m, bn2v);
        Init.linearDefault(fcW, fcB, rng);
        Init.linearDefault(clsW, clsB, rng);
        adam = new Adam(params, 1e-2f, 0.9f, 0.999f, 1e-8f, 0f);

        float[] xs = new float[N * H * W];
        for (int i = 0; i < xs.length; i++) xs[i] = (float) rng.nextGaussian();
        x = Tensor.of(device, xs, N, 1, H, W);
        float[] t = new float[N * CLASSES];
        for (int i = 0; i < N; i++) t[i * CLASSES + rng.nextInt(CLASSES)] = 1f;
        targets = Tensor.of(device, t, N, CLASSES);
    }

    /** The l2-normalised embedding [N, EMBED]. */
    Tensor embed(Tensor input, boolean training) {
        Tensor h = Ops.conv2d(input, conv1, null, 2, 1, 3, 2, 1);
        h = Ops.relu(Ops.batchNorm2d(h, bn1g, bn1b, bn1m, bn1v, training, 0.1f, 1e-5f));
        h = Ops.maxPool2d(h, 4, 2, 2, 1, 0, 0);
        h = Ops.conv2d(h, conv2, conv2b, 1, 1, 1, 1, 1);
        h = Ops.relu(Ops.batchNorm2d(h, bn2g, bn2b, bn2m, bn2v, training, 0.1f, 1e-5f));
        return Ops.l2Normalize(Ops.linear(Ops.globalAvgPool(h), fcW, fcB));
    }

    /** Mean softmax cross-entropy of the classifier on the embedding. */
    Tensor loss() {
        Tensor logp = Ops.logSoftmax(Ops.linear(embed(x, true), clsW, clsB));
        return Ops.scale(Ops.sum(Ops.mul(logp, targets)), -1f / N);
    }

    /** One training step in its own scope; returns the loss before the update. */
    float step() {
        try (StepScope s = StepScope.open()) {
            params.zeroGrad();
            Tensor loss = loss();
            float value = loss.item();
            loss.backward();
            adam.step();
            return value;
        }
    }
}
