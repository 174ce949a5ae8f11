package io.colisten.bench;

import io.colisten.kernels.cpu.Activations;
import io.colisten.kernels.cpu.Adam;
import io.colisten.kernels.cpu.Elementwise;
import io.colisten.kernels.cpu.L2Normalize;
import io.colisten.kernels.cpu.Reduce;
import io.colisten.kernels.cpu.Softmax;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The small CPU kernels over n floats (softmax and l2normalize as n / 128 rows x 128 cols when n is
 * small, 132 rows x n / 132 when large), to see which are memory-bound and what bandwidth they
 * reach. No peer: notes/small.md turns the times into GB/s from the bytes each kernel must move.
 * n = 4096 sits in L1, 262144 (1 MiB per array) in L2, 16777216 (64 MiB per array) in DRAM.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SmallKernelsBench {
    @Param({"4096", "262144", "16777216"})
    public int n;

    private float[] a, b, out, m, v, norms;
    private int rows, cols;
    private long t;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(1);
        a = new float[n];
        b = new float[n];
        out = new float[n];
        m = new float[n];
        v = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rnd.nextDouble() * 2 - 1);
            b[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        cols = n <= 262144 ? 128 : n / 132;
        rows = n / cols;
        norms = new float[rows];
    }

    @Benchmark
    public void copy() {
        Elementwise.copy(out, 0, a, 0, n);
    }

    @Benchmark
    public void add() {
        Elementwise.add(out, 0, a, 0, b, 0, n);
    }

    @Benchmark
    public void axpy() {
        Elementwise.axpy(out, 0, 1e-3f, a, 0, n);
    }

    @Benchmark
    public float sum() {
        return Reduce.sum(a, 0, n);
    }

    @Benchmark
    public float dot() {
        return Reduce.dot(a, 0, b, 0, n);
    }

    @Benchmark
    public void sumColumns() {
        Reduce.sumColumns(out, 0, a, 0, rows, cols);
    }

    @Benchmark
    public void reluForward() {
        Activations.reluForward(out, 0, a, 0, n);
    }

    @Benchmark
    public void reluBackward() {
        Activations.reluBackward(out, 0, a, 0, b, 0, n);
    }

    @Benchmark
    public void softmaxRows() {
        Softmax.softmaxRows(out, 0, a, 0, rows, cols);
    }

    @Benchmark
    public void logSoftmaxBackward() {
        Softmax.logSoftmaxBackward(out, 0, a, 0, b, 0, rows, cols);
    }

    @Benchmark
    public void l2NormalizeForward() {
        L2Normalize.forward(out, 0, norms, 0, a, 0, rows, cols, 1e-12f);
    }

    @Benchmark
    public void adamStep() {
        Adam.step(out, 0, a, 0, m, 0, v, 0, n, 1e-4f, 0.9f, 0.999f, 1e-8f, 0f, ++t);
    }
}
