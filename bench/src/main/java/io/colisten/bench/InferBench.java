package io.colisten.bench;

import io.colisten.engine.NoGrad;
import io.colisten.engine.StepScope;
import io.colisten.engine.Tensor;
import io.colisten.engine.random.Rng;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.nn.models.Models;
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
 * Inference throughput: one batch of 64 log-mel windows (1 x 300 x 64) through an embedding
 * network in eval mode, under NoGrad, in a StepScope (activation buffers reused across calls).
 * bench/peer/infer.py runs the same networks in PyTorch; work unit: windows (rate windows/s).
 * Key: infer/MODEL.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms3g", "-Xmx3g", "-XX:+UseParallelGC"})
@State(Scope.Thread)
public class InferBench {
    static final int BATCH = 64;

    @Param({"smallcnn", "mobilenet", "resnet18"})
    public String model;

    private EmbeddingNetwork net;
    private Tensor x;

    @Setup(Level.Trial)
    public void setUp() {
        net = Models.create(model, 2026);
        net.train(false);
        Rng rng = new Rng(7);
        float[] v = new float[BATCH * 300 * 64];
        for (int i = 0; i < v.length; i++) v[i] = (float) (rng.nextGaussian() * 2 - 2);
        x = Tensor.of(v, BATCH, 1, 300, 64);
    }

    @Benchmark
    public float infer() {
        try (NoGrad ng = NoGrad.enter(); StepScope s = StepScope.open()) {
            return net.embed(x).get(0);
        }
    }
}
