package io.colisten.bench;

import io.colisten.kernels.dsp.Resampler;
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
 * Resampling 10 s of 44.1 kHz audio (441,000 samples of white noise in [-1, 1]) to 16 kHz, on one
 * thread, into a reused output array. bench/peer/resample.py does the same with
 * scipy.signal.resample_poly(x, 160, 441); work unit: seconds of audio, rate x real time.
 * Our filter is longer than scipy's default (288 taps per output against about 55; see
 * notes/resample.md), so this is the same job at a higher quality.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class ResampleBench {
    static final int FROM = 44100, TO = 16000, SECONDS = 10;

    private Resampler resampler;
    private float[] in, out;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(1);
        in = new float[FROM * SECONDS];
        for (int i = 0; i < in.length; i++) in[i] = (float) (rnd.nextDouble() * 2 - 1);
        resampler = Resampler.of(FROM, TO);
        out = new float[resampler.outputLength(in.length)];
    }

    @Benchmark
    public float[] resample44k() {
        resampler.process(out, 0, in, 0, in.length);
        return out;
    }
}
