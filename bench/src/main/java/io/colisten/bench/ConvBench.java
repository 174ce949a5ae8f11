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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * conv2d forward + backward at the first layers of the paper's three models on a batch of 132
 * windows of 1 x 300 x 64 (time x mel), and one second layer of each kind. Each op: forward with
 * bias, backward-filter with bias gradient, and backward-data where the layer's input needs a
 * gradient (not for first layers). bench/peer/conv.py does the same work in PyTorch; work unit
 * GFLOP = 2 x multiply-accumulates per pass.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms3g", "-Xmx3g", "-XX:+UseParallelGC"})
public class ConvBench {
    static final int N = 132;

    /** One layer's buffers: gradients accumulate across calls, as backward kernels add. */
    static final class Layer {
        final Conv2dShape s;
        final boolean needsDIn;
        final float[] in, w, b, out, dOut, dIn, dW, dB;

        Layer(int cIn, int h, int w, int cOut, int kh, int kw, int sh, int sw, int ph, int pw, int groups, boolean needsDIn) {
            s = new Conv2dShape(N, cIn, h, w, cOut, kh, kw, sh, sw, ph, pw, groups);
            this.needsDIn = needsDIn;
            SplittableRandom r = new SplittableRandom(1);
            in = fill(r, s.inputSize(), 1f);
            this.w = fill(r, s.weightSize(), 0.1f);
            b = new float[cOut];
            out = new float[s.outputSize()];
            dOut = fill(r, s.outputSize(), 1f);
            dIn = needsDIn ? new float[s.inputSize()] : null;
            dW = new float[s.weightSize()];
            dB = new float[cOut];
        }

        void step() {
            Conv2d.forward(out, 0, in, 0, w, 0, b, 0, s);
            Conv2d.backwardFilter(dW, 0, dB, 0, dOut, 0, in, 0, s);
            if (needsDIn) Conv2d.backwardData(dIn, 0, dOut, 0, w, 0, s);
        }

        static float[] fill(SplittableRandom r, int n, float scale) {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) a[i] = (float) (r.nextDouble() * 2 - 1) * scale;
            return a;
        }
    }

    @State(Scope.Benchmark)
    public static class SmallCnnConv1 {
        final Layer l = new Layer(1, 300, 64, 32, 7, 5, 2, 1, 3, 2, 1, false);
    }

    @State(Scope.Benchmark)
    public static class ResnetStem {
        final Layer l = new Layer(1, 300, 64, 64, 7, 5, 2, 1, 3, 2, 1, false);
    }

    @State(Scope.Benchmark)
    public static class MobilenetConv1 {
        final Layer l = new Layer(1, 300, 64, 32, 3, 3, 2, 1, 1, 1, 1, false);
    }

    @State(Scope.Benchmark)
    public static class SmallCnnConv2 {
        final Layer l = new Layer(32, 74, 32, 64, 7, 5, 2, 1, 3, 2, 1, true);
    }

    @State(Scope.Benchmark)
    public static class MobilenetDwPw {
        final Layer dw = new Layer(32, 150, 64, 32, 3, 3, 1, 1, 1, 1, 32, true);
        final Layer pw = new Layer(32, 150, 64, 64, 1, 1, 1, 1, 0, 0, 1, true);
    }

    @Benchmark
    public float[] smallcnnConv1(SmallCnnConv1 st) { st.l.step(); return st.l.dW; }

    @Benchmark
    public float[] resnetStem(ResnetStem st) { st.l.step(); return st.l.dW; }

    @Benchmark
    public float[] mobilenetConv1(MobilenetConv1 st) { st.l.step(); return st.l.dW; }

    @Benchmark
    public float[] smallcnnConv2(SmallCnnConv2 st) { st.l.step(); return st.l.dW; }

    @Benchmark
    public float[] mobilenetDwPw(MobilenetDwPw st) {
        st.dw.step();
        st.pw.step();
        return st.pw.dW;
    }
}
