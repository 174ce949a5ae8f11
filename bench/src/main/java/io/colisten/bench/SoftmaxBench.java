package io.colisten.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * One step (forward, backward, Adam) of the label classifier: batch 132, 128-d, ~4 labels per row,
 * the chunked softmax cross-entropy with the fused classifier Adam (see SoftmaxStep). Keys
 * step1m (1,000,000 labels) and step100k (100,000). Peer: bench/peer/softmax1m.py. Each case has
 * its own state class, so a fork allocates only its own classifier. JVM: the launcher's collector
 * (ParallelGC) with a 64 MiB young generation: a steady-state step allocates ~18 KB (100k) to
 * ~180 KB (1M), so a larger eden would only add touched pages to the resident memory that
 * bench/run softmax-1m reports (SoftmaxMemory runs with the same flags).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx3g", "-Xmn64m", "-XX:+UseParallelGC"})
public class SoftmaxBench {
    @State(Scope.Thread)
    public static class Million {
        SoftmaxStep step;

        @Setup(Level.Trial)
        public void setUp() {
            step = new SoftmaxStep(1_000_000, 7);
        }
    }

    @State(Scope.Thread)
    public static class HundredThousand {
        SoftmaxStep step;

        @Setup(Level.Trial)
        public void setUp() {
            step = new SoftmaxStep(100_000, 7);
        }
    }

    @Benchmark
    public float step1m(Million s) {
        return s.step.step();
    }

    @Benchmark
    public float step100k(HundredThousand s) {
        return s.step.step();
    }
}
