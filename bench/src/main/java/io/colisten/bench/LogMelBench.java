package io.colisten.bench;

import io.colisten.kernels.dsp.LogMel;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The log-mel front end (LogMel.vggish(): 400/160/512, 64 bands, log(mel + 0.01)) on 10 s of
 * 16 kHz audio per op (998 frames), one thread: the figure is x real time per core. The signal is
 * the peer's (bench/peer/logmel.py: a 440 Hz tone plus noise); the work does not depend on it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class LogMelBench {
    static final int SECONDS = 10, RATE = 16000;

    private LogMel logMel;
    private float[] audio, out;

    @Setup
    public void setup() {
        logMel = LogMel.vggish();
        SplittableRandom rnd = new SplittableRandom(42);
        audio = new float[SECONDS * RATE];
        for (int i = 0; i < audio.length; i++) {
            double noise = (rnd.nextDouble() + rnd.nextDouble() + rnd.nextDouble() - 1.5) * 0.1;
            audio[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440.0 * i / RATE) + noise);
        }
        out = new float[logMel.frames(audio.length) * logMel.bands()];
    }

    @Benchmark
    public float[] logmel() {
        logMel.compute(out, 0, audio, 0, audio.length);
        return out;
    }
}
