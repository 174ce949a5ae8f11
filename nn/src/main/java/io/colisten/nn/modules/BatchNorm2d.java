package io.colisten.nn.modules;

import io.colisten.engine.Tensor;
import io.colisten.engine.ops.BatchNormOps;
import io.colisten.engine.ops.BatchNormReluOps;
import io.colisten.engine.ops.Ops;
import io.colisten.engine.random.Init;
import io.colisten.engine.random.Rng;

/**
 * Batch normalisation over (batch, time, mel) per channel, PyTorch's nn.BatchNorm2d: weight and
 * bias [c]; running_mean, running_var [c] and num_batches_tracked (int64), in that state_dict
 * order. Training mode normalises with the batch's statistics and updates the running ones
 * (momentum 0.1, unbiased variance) and the counter; eval mode uses the running statistics.
 */
public final class BatchNorm2d extends Module {
    private final int channels;
    private final Tensor weight, bias, runningMean, runningVar;
    private final Counter batchesTracked;
    private Tensor zeros; // [c] of zeros for inference folding, made on first use
    private final float momentum = BatchNormOps.DEFAULT_MOMENTUM, eps = BatchNormOps.DEFAULT_EPS;

    public BatchNorm2d(ModuleState state, String name, int channels) {
        super(name);
        this.channels = channels;
        weight = state.parameter(path(name, "weight"), channels);
        bias = state.parameter(path(name, "bias"), channels);
        runningMean = state.buffer(path(name, "running_mean"), 0f, channels);
        runningVar = state.buffer(path(name, "running_var"), 1f, channels);
        batchesTracked = state.counter(path(name, "num_batches_tracked"));
        Init.batchNorm(weight, bias, runningMean, runningVar);
    }

    public Tensor weight() { return weight; }

    public Tensor bias() { return bias; }

    public Tensor runningMean() { return runningMean; }

    public Tensor runningVar() { return runningVar; }

    public float eps() { return eps; }

    public float momentum() { return momentum; }

    public long batchesTracked() { return batchesTracked.get(); }

    /** A [c] tensor of zeros on the parameters' device (never written). */
    Tensor zerosPerChannel() {
        if (zeros == null) zeros = Tensor.zeros(weight.device(), channels);
        return zeros;
    }

    @Override
    public Tensor forward(Tensor x) {
        boolean training = isTraining();
        Tensor y = Ops.batchNorm2d(x, weight, bias, runningMean, runningVar, training, momentum, eps);
        if (training) batchesTracked.increment();
        return y;
    }

    /**
     * Training mode only: max(bn(x), 0), then {@code pool} when not null, as one fused op
     * (BatchNormReluOps: the same values as the modules in turn, less memory kept for backward).
     */
    public Tensor forwardTrainingReLU(Tensor x, MaxPool2d pool) {
        if (!isTraining()) throw new IllegalStateException(name() + ": the fused batch norm + ReLU is for training mode");
        Tensor y = pool == null
                ? BatchNormReluOps.batchNormReLU(x, weight, bias, runningMean, runningVar, momentum, eps)
                : pool.forwardAfterBatchNormReLU(x, this);
        batchesTracked.increment();
        return y;
    }

    @Override
    public int[] trace(int[] in, LayerTable table) {
        if (in.length < 2 || in[0] != channels) {
            throw new IllegalArgumentException(name() + ": expects " + channels + " channels, got " + LayerTable.shape(in));
        }
        table.add(name(), in, weight.size() + bias.size(), 0);
        return in;
    }

    @Override
    public void initialise(Rng rng) {
        Init.batchNorm(weight, bias, runningMean, runningVar);
        batchesTracked.set(0);
    }
}
