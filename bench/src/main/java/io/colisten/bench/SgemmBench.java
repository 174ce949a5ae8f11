package io.colisten.bench;

import io.colisten.kernels.cpu.Sgemm;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * C = op(A) op(B) (alpha 1, beta 0) at the shapes the issue names: squares, the classifier's three
 * products (batch 132, embedding 128, vocabulary 100,000: logits = u W^T, dW = dLogits^T u,
 * du = dLogits W) and two conv-as-GEMM shapes (cOut x output pixels x cIn*kh*kw).
 * Shape key "MxNxK/XY": X, Y = N or T for op(A), op(B). Peer: bench/peer/sgemm.py, same keys.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms4g", "-Xmx4g"})
public class SgemmBench {
    @Param({"512x512x512/NN", "1024x1024x1024/NN", "2048x2048x2048/NN",
            "132x100000x128/NT", "100000x128x132/TN", "132x128x100000/NN",
            "32x8820x35/NN", "128x1400x1600/NN"})
    public String shape;

    private boolean transA, transB;
    private int m, n, k;
    private float[] a, b, c;

    @Setup
    public void setup() {
        String[] parts = shape.split("/");
        String[] dims = parts[0].split("x");
        m = Integer.parseInt(dims[0]);
        n = Integer.parseInt(dims[1]);
        k = Integer.parseInt(dims[2]);
        transA = parts[1].charAt(0) == 'T';
        transB = parts[1].charAt(1) == 'T';
        SplittableRandom rnd = new SplittableRandom(42);
        a = random(rnd, m * k);
        b = random(rnd, k * n);
        c = new float[m * n];
    }

    @Benchmark
    public float[] sgemm() {
        Sgemm.sgemm(transA, transB, m, n, k, 1f, a, 0, transA ? m : k, b, 0, transB ? k : n, 0f, c, 0, n);
        return c;
    }

    private static float[] random(SplittableRandom rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) (rnd.nextDouble() * 2 - 1);
        return x;
    }
}
