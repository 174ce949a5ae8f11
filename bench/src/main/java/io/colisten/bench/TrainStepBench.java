package io.colisten.bench;

import io.colisten.engine.StepScope;
import io.colisten.engine.Tensor;
import io.colisten.engine.ops.Ops;
import io.colisten.engine.optim.Adam;
import io.colisten.engine.param.ParameterSet;
import io.colisten.engine.random.Init;
import io.colisten.engine.random.Rng;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * One training-style step of a small conv net through the engine (forward, backward, Adam), for
 * JMH's gc profiler: bytes allocated per step in steady state. The net, on a batch of windows of
 * 1 x 300 x 64 (time x mel):
 * conv 7x5/2x1 (1 -> 16) -> bn -> relu -> maxpool 4x2/2x1 -> conv 7x5/2x1 (16 -> 32) -> bn -> relu
 * -> global avg pool -> linear 128 -> l2 normalise, with a cosine loss against fixed unit targets
 * (-mean of the row dot products). Shapes: [b,1,300,64] -> [b,16,150,64] -> [b,16,74,63] ->
 * [b,32,37,63] -> [b,32] -> [b,128].
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
@State(Scope.Thread)
public class TrainStepBench {
    @Param({"16"})
    public int batch;

    private ParameterSet params;
    private Adam adam;
    private Tensor conv1, bn1g, bn1b, bn1m, bn1v, conv2, bn2g, bn2b, bn2m, bn2v, fcW, fcB;
    private Tensor x, targets;

    @Setup(Level.Trial)
    public void setUp() {
        Rng rng = new Rng(2026);
        params = new ParameterSet();
        conv1 = params.parameter("conv1.weight", 16, 1, 7, 5);
        bn1g = params.parameter("bn1.weight", 16);
        bn1b = params.parameter("bn1.bias", 16);
        bn1m = params.buffer("bn1.running_mean", 0f, 16);
        bn1v = params.buffer("bn1.running_var", 1f, 16);
        conv2 = params.parameter("conv2.weight", 32, 16, 7, 5);
        bn2g = params.parameter("bn2.weight", 32);
        bn2b = params.parameter("bn2.bias", 32);
        bn2m = params.buffer("bn2.running_mean", 0f, 32);
        bn2v = params.buffer("bn2.running_var", 1f, 32);
        fcW = params.parameter("fc.weight", 128, 32);
        fcB = params.parameter("fc.bias", 128);
        Init.kaimingNormal(conv1, rng);
        Init.batchNorm(bn1g, bn1b, bn1m, bn1v);
        Init.kaimingNormal(conv2, rng);
        Init.batchNorm(bn2g, bn2b, bn2m, bn2v);
        Init.linearDefault(fcW, fcB, rng);
        adam = new Adam(params);

        float[] xs = new float[batch * 300 * 64];
        for (int i = 0; i < xs.length; i++) xs[i] = (float) rng.nextGaussian();
        x = Tensor.of(xs, batch, 1, 300, 64);
        float[] t = new float[batch * 128];
        for (int r = 0; r < batch; r++) {
            double norm = 0;
            for (int c = 0; c < 128; c++) {
                t[r * 128 + c] = (float) rng.nextGaussian();
                norm += t[r * 128 + c] * t[r * 128 + c];
            }
            for (int c = 0; c < 128; c++) t[r * 128 + c] /= (float) Math.sqrt(norm);
        }
        targets = Tensor.of(t, batch, 128);
    }

    @Benchmark
    public float trainStep() {
        try (StepScope s = StepScope.open()) {
            params.zeroGrad();
            Tensor h = Ops.conv2d(x, conv1, null, 2, 1, 3, 2, 1);
            h = Ops.relu(Ops.batchNorm2d(h, bn1g, bn1b, bn1m, bn1v, true, 0.1f, 1e-5f));
            h = Ops.maxPool2d(h, 4, 2, 2, 1, 0, 0);
            h = Ops.conv2d(h, conv2, null, 2, 1, 3, 2, 1);
            h = Ops.relu(Ops.batchNorm2d(h, bn2g, bn2b, bn2m, bn2v, true, 0.1f, 1e-5f));
            Tensor emb = Ops.l2Normalize(Ops.linear(Ops.globalAvgPool(h), fcW, fcB));
            Tensor loss = Ops.scale(Ops.sum(Ops.mul(emb, targets)), -1f / batch);
            float value = loss.item();
            loss.backward();
            adam.step();
            return value;
        }
    }
}
