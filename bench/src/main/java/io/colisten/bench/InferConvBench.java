package io.colisten.bench;

import io.colisten.kernels.cpu.Conv2d;
import io.colisten.kernels.cpu.Conv2dShape;
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
 * The convolutions of InferBench one at a time (batch of 64 windows, forward only): SmallCNN's
 * 7x5 stride-2x1 layers 2-4 and ResNet-18's 3x3 stride-1 layers of each stage, through
 * {@link Conv2d#forward} (direct / batched GEMM, what training runs) and
 * {@link Conv2d#forwardInference} (the Winograd transforms, what inference runs).
 * bench/peer/infer_conv.py runs F.conv2d on the same shapes in PyTorch under inference_mode (its
 * oneDNN direct convolution) and reports that time under both keys. Key: METHOD/LAYER; work unit
 * GFLOP = 2 x the direct multiply-accumulates (the same figure for both methods).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms3g", "-Xmx3g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class InferConvBench {
    static final int N = 64;

    @Param({"smallcnn2", "smallcnn3", "smallcnn4", "resnet1", "resnet2", "resnet3", "resnet4"})
    public String layer;

    private Conv2dShape s;
    private float[] in, w, b, out;

    /** (cIn, h, w, cOut, kh, kw, strideH, strideW, padH, padW) of each layer, as the networks run them. */
    static int[] geometry(String layer) {
        return switch (layer) {
            case "smallcnn2" -> new int[] {32, 74, 63, 64, 7, 5, 2, 1, 3, 2};
            case "smallcnn3" -> new int[] {64, 37, 63, 64, 7, 5, 2, 1, 3, 2};
            case "smallcnn4" -> new int[] {64, 19, 63, 128, 7, 5, 2, 1, 3, 2};
            case "resnet1" -> new int[] {64, 37, 31, 64, 3, 3, 1, 1, 1, 1};
            case "resnet2" -> new int[] {128, 19, 16, 128, 3, 3, 1, 1, 1, 1};
            case "resnet3" -> new int[] {256, 10, 8, 256, 3, 3, 1, 1, 1, 1};
            case "resnet4" -> new int[] {512, 5, 4, 512, 3, 3, 1, 1, 1, 1};
            default -> throw new IllegalArgumentException("InferConvBench: unknown layer " + layer);
        };
    }

    @Setup
    public void setUp() {
        int[] g = geometry(layer);
        s = new Conv2dShape(N, g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8], g[9], 1);
        SplittableRandom r = new SplittableRandom(1);
        in = fill(r, s.inputSize(), 1f);
        w = fill(r, s.weightSize(), 0.1f);
        b = fill(r, s.cOut(), 0.1f);
        out = new float[s.outputSize()];
    }

    static float[] fill(SplittableRandom r, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (r.nextDouble() * 2 - 1) * scale;
        return a;
    }

    @Benchmark
    public float direct() {
        Conv2d.forward(out, 0, in, 0, w, 0, b, 0, s);
        return out[0];
    }

    @Benchmark
    public float winograd() {
        Conv2d.forwardInference(out, 0, in, 0, w, 0, b, 0, s);
        return out[0];
    }
}
