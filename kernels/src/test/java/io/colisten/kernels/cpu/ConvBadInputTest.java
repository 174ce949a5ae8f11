package io.colisten.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad input to the conv, pool and batch-norm kernels: impossible geometry, too-short arrays,
 * negative offsets, null buffers and out-of-plane argmax give an IllegalArgumentException whose
 * message names the op and the shape, and no output buffer is touched.
 */
class ConvBadInputTest {
    static final Conv2dShape S = new Conv2dShape(2, 4, 9, 7, 6, 3, 3, 2, 1, 1, 1, 2);

    static void fails(Executable call, String... mustMention) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String m : mustMention) assertTrue(e.getMessage().contains(m), "message '" + e.getMessage() + "' lacks '" + m + "'");
    }

    static float[] filled(int n) {
        float[] a = new float[n];
        Arrays.fill(a, 7f);
        return a;
    }

    @Test
    void impossibleConvGeometry() {
        fails(() -> new Conv2dShape(1, 1, 3, 3, 1, 5, 5, 1, 1, 0, 0, 1), "conv2d", "5x5");
        fails(() -> new Conv2dShape(1, 3, 8, 8, 4, 3, 3, 1, 1, 1, 1, 2), "conv2d", "groups=2");
        fails(() -> new Conv2dShape(0, 1, 8, 8, 4, 3, 3, 1, 1, 1, 1, 1), "conv2d");
        fails(() -> new Conv2dShape(1, 1, 8, 8, 4, 3, 3, 0, 1, 1, 1, 1), "conv2d");
        fails(() -> new Conv2dShape(1, 1, 8, 8, 4, 3, 3, 1, 1, -1, 1, 1), "conv2d");
        fails(() -> new Pool2dShape(1, 1, 2, 2, 3, 3, 1, 1, 0, 0), "pool2d");
        fails(() -> new Pool2dShape(1, 1, 8, 8, 2, 2, 1, 1, 2, 0), "pool2d");
    }

    @Test
    void shortOrMissingConvArrays() {
        float[] in = new float[S.inputSize()], w = new float[S.weightSize()], b = new float[S.cOut()];
        float[] out = filled(S.outputSize()), keep = out.clone();
        fails(() -> Conv2d.forward(out, 0, in, 0, new float[S.weightSize() - 1], 0, b, 0, S), "conv2d forward", "weight", "Conv2dShape[");
        fails(() -> Conv2d.forward(out, 1, in, 0, w, 0, b, 0, S), "conv2d forward", "out");
        fails(() -> Conv2d.forward(out, 0, in, 1, w, 0, b, 0, S), "conv2d forward", "in");
        fails(() -> Conv2d.forward(out, 0, in, 0, w, 0, new float[S.cOut() - 1], 0, S), "conv2d forward", "bias");
        fails(() -> Conv2d.forward(out, -1, in, 0, w, 0, b, 0, S), "conv2d forward", "out");
        fails(() -> Conv2d.forward(out, 0, null, 0, w, 0, b, 0, S), "conv2d forward", "in");
        fails(() -> Conv2d.forward(out, 0, in, 0, w, 0, b, 0, null), "conv2d forward");
        assertArrayEquals(keep, out);

        float[] dIn = filled(S.inputSize()), keepIn = dIn.clone();
        fails(() -> Conv2d.backwardData(dIn, 0, new float[S.outputSize() - 1], 0, w, 0, S), "conv2d backwardData", "dOut");
        fails(() -> Conv2d.backwardData(dIn, 0, out, 0, new float[3], 0, S), "conv2d backwardData", "weight");
        fails(() -> Conv2d.backwardData(new float[5], 0, out, 0, w, 0, S), "conv2d backwardData", "dIn");
        assertArrayEquals(keepIn, dIn);

        float[] dW = filled(S.weightSize()), dB = filled(S.cOut()), keepW = dW.clone(), keepB = dB.clone();
        fails(() -> Conv2d.backwardFilter(dW, 0, dB, 0, out, 0, new float[S.inputSize() - 1], 0, S), "conv2d backwardFilter", "in");
        fails(() -> Conv2d.backwardFilter(dW, 0, dB, 1, out, 0, in, 0, S), "conv2d backwardFilter", "dBias");
        fails(() -> Conv2d.backwardFilter(dW, 1, dB, 0, out, 0, in, 0, S), "conv2d backwardFilter", "dWeight");
        fails(() -> Conv2d.backwardFilter(dW, 0, dB, 0, out, 3, in, 0, S), "conv2d backwardFilter", "dOut");
        assertArrayEquals(keepW, dW);
        assertArrayEquals(keepB, dB);
    }

    @Test
    void badPoolArguments() {
        Pool2dShape p = new Pool2dShape(2, 3, 8, 9, 2, 2, 2, 2, 0, 0);
        float[] in = new float[p.inputSize()], out = filled(p.outputSize()), keep = out.clone();
        int[] arg = new int[p.outputSize()];
        fails(() -> MaxPool2d.forward(out, 0, new int[p.outputSize() - 1], in, 0, p), "maxpool2d forward", "argmax", "Pool2dShape[");
        fails(() -> MaxPool2d.forward(out, 0, arg, new float[p.inputSize() - 1], 0, p), "maxpool2d forward", "in");
        fails(() -> MaxPool2d.forward(out, 2, arg, in, 0, p), "maxpool2d forward", "out");
        assertArrayEquals(keep, out);
        float[] dIn = filled(p.inputSize()), keepIn = dIn.clone();
        int[] badArg = new int[p.outputSize()];
        badArg[p.outputSize() - 1] = p.h() * p.w();
        fails(() -> MaxPool2d.backward(dIn, 0, out, 0, badArg, p), "maxpool2d backward", "argmax");
        badArg[p.outputSize() - 1] = -1;
        fails(() -> MaxPool2d.backward(dIn, 0, out, 0, badArg, p), "maxpool2d backward", "argmax");
        fails(() -> MaxPool2d.backward(dIn, 1, out, 0, arg, p), "maxpool2d backward", "dIn");
        assertArrayEquals(keepIn, dIn);

        float[] g = filled(6), keepG = g.clone();
        fails(() -> GlobalPool.avgForward(g, 0, new float[6 * 10 - 1], 0, 2, 3, 10), "globalpool avgForward", "in", "n=2 c=3 hw=10");
        fails(() -> GlobalPool.maxForward(g, 0, new int[5], new float[60], 0, 2, 3, 10), "globalpool maxForward", "argmax");
        fails(() -> GlobalPool.maxBackward(new float[60], 0, g, 0, new int[] {0, 0, 0, 0, 0, 10}, 2, 3, 10), "globalpool maxBackward");
        fails(() -> GlobalPool.avgBackward(new float[60], 0, g, 1, 2, 3, 10), "globalpool avgBackward", "dOut");
        fails(() -> GlobalPool.avgForward(g, 0, new float[60], 0, 0, 3, 10), "globalpool avgForward", "n must be positive");
        assertArrayEquals(keepG, g);
    }

    @Test
    void badBatchNormArguments() {
        int n = 2, c = 3, hw = 5, size = n * c * hw;
        float[] in = new float[size], out = filled(size), keep = out.clone(), mean = filled(c), rstd = filled(c);
        fails(() -> BatchNorm2d.forwardTrain(out, 0, mean, rstd, in, 0, new float[2], null, null, null, 0.1f, 1e-5f, n, c, hw),
                "batchnorm2d forwardTrain", "gamma", "n=2 c=3 hw=5");
        fails(() -> BatchNorm2d.forwardTrain(out, 0, mean, rstd, in, 1, null, null, null, null, 0.1f, 1e-5f, n, c, hw),
                "batchnorm2d forwardTrain", "in");
        fails(() -> BatchNorm2d.forwardTrain(out, 0, mean, rstd, in, 0, null, null, null, null, 0.1f, -1f, n, c, hw),
                "batchnorm2d forwardTrain", "eps");
        fails(() -> BatchNorm2d.forwardTrain(out, 0, mean, rstd, in, 0, null, null, null, null, 0.1f, 1e-5f, n, 0, hw),
                "batchnorm2d forwardTrain", "c must be positive");
        fails(() -> BatchNorm2d.forwardEval(out, 0, in, 0, null, null, new float[c], null, 1e-5f, n, c, hw),
                "batchnorm2d forwardEval", "runningVar");
        fails(() -> BatchNorm2d.backward(out, 0, null, new float[1], in, 0, in, 0, mean, rstd, null, n, c, hw),
                "batchnorm2d backward", "dBeta");
        assertArrayEquals(keep, out);
        assertArrayEquals(filled(c), mean);
    }
}
