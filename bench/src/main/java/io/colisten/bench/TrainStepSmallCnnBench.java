package io.colisten.bench;

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
 * SmallCNN training steps of both stages (bench/run train-step), see SmallCnnTrainStep: keys
 * step/triplet (3 x 132 windows, semi-hard mining, hinge, backward, Adam) and step/labels (132
 * windows, 100,000-label softmax with the fused classifier Adam, network Adam). Peer:
 * bench/peer/train_step.py. JVM: the launcher's collector (ParallelGC), a 64 MiB young generation
 * (the step's buffers come from the engine's pool and a steady-state step allocates little, so a
 * larger eden would only add touched pages to the resident memory that TrainStepMemory reports
 * with the same flags) and room for the triplet step's ~2.5 GB of pooled activations.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx5g", "-Xmn64m", "-XX:+UseParallelGC"})
@State(Scope.Thread)
public class TrainStepSmallCnnBench {
    @Param({"triplet", "labels"})
    public String stage;

    private SmallCnnTrainStep step;

    @Setup(Level.Trial)
    public void setUp() {
        step = new SmallCnnTrainStep(stage, 2026);
    }

    @Benchmark
    public float step() {
        return step.step();
    }
}
