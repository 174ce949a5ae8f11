package io.colisten.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Repeated calls give bit-identical results (fixed partitions, fixed reduction order), for the
 * direct conv path (both backward-filter variants, in-place 1x1) and the im2col + GEMM path, pooling and batch norm, on sizes that use every thread.
 */
class ConvDeterminismTest {
    @Test
    void convIsBitReproducible() {
        for (Conv2dShape s : new Conv2dShape[] {
                new Conv2dShape(6, 1, 40, 64, 8, 7, 5, 2, 1, 3, 2, 1),
                new Conv2dShape(6, 8, 20, 16, 4, 7, 5, 2, 1, 3, 2, 1),
                new Conv2dShape(6, 8, 20, 40, 8, 3, 3, 1, 1, 1, 1, 8),
                new Conv2dShape(1, 8, 20, 16, 4, 3, 3, 1, 1, 1, 1, 1),
                new Conv2dShape(5, 4, 20, 40, 32, 3, 3, 2, 1, 1, 1, 1),    // transposed backward-filter
                new Conv2dShape(5, 16, 9, 32, 32, 1, 1, 1, 1, 0, 0, 1),    // 1x1: dOut read in place
                new Conv2dShape(4, 6, 12, 13, 6, 3, 3, 2, 2, 1, 1, 1)}) {  // strideW 2: im2col + Sgemm
            float[][] first = run(s), second = run(s);
            for (int i = 0; i < first.length; i++) assertArrayEquals(first[i], second[i], s + " result " + i);
        }
    }

    static float[][] run(Conv2dShape s) {
        Random r = new Random(9);
        float[] in = ConvTestData.random(r, 0, s.inputSize()), w = ConvTestData.random(r, 0, s.weightSize());
        float[] g = ConvTestData.random(r, 0, s.outputSize());
        float[] out = new float[s.outputSize()], dIn = new float[s.inputSize()], dW = new float[s.weightSize()], dB = new float[s.cOut()];
        Conv2d.forward(out, 0, in, 0, w, 0, null, 0, s);
        Conv2d.backwardData(dIn, 0, g, 0, w, 0, s);
        Conv2d.backwardFilter(dW, 0, dB, 0, g, 0, in, 0, s);
        return new float[][] {out, dIn, dW, dB};
    }

    @Test
    void poolAndBatchNormAreBitReproducible() {
        int n = 4, c = 6, h = 30, w = 64, size = n * c * h * w;
        Random r = new Random(4);
        float[] in = ConvTestData.random(r, 0, size), g = ConvTestData.random(r, 0, size);
        Pool2dShape p = new Pool2dShape(n, c, h, w, 4, 2, 2, 2, 0, 0);
        float[][] a = new float[2][], b = new float[2][];
        for (int rep = 0; rep < 2; rep++) {
            float[] out = new float[size], mean = new float[c], rstd = new float[c], rm = new float[c], rv = new float[c];
            float[] dIn = new float[size], dG = new float[c], dB = new float[c];
            BatchNorm2d.forwardTrain(out, 0, mean, rstd, in, 0, null, null, rm, rv, 0.1f, 1e-5f, n, c, h * w);
            BatchNorm2d.backward(dIn, 0, dG, dB, g, 0, in, 0, mean, rstd, null, n, c, h * w);
            float[] pooled = new float[p.outputSize()], dPool = new float[size];
            int[] arg = new int[p.outputSize()];
            MaxPool2d.forward(pooled, 0, arg, in, 0, p);
            MaxPool2d.backward(dPool, 0, g, 0, arg, p);
            float[] all = concat(out, mean, rstd, rm, rv, dIn, dG, dB, pooled, dPool);
            if (rep == 0) a[0] = all;
            else b[0] = all;
        }
        assertArrayEquals(a[0], b[0]);
    }

    static float[] concat(float[]... parts) {
        int len = 0;
        for (float[] x : parts) len += x.length;
        float[] r = new float[len];
        int o = 0;
        for (float[] x : parts) {
            System.arraycopy(x, 0, r, o, x.length);
            o += x.length;
        }
        return r;
    }
}
