package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.ConvTestData.assertGuards;
import static io.colisten.kernels.cpu.ConvTestData.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused batch norm + ReLU + max-pool against the kernels it replaces, bit for bit (they are
 * themselves tested against double references): forward output, winners and statistics equal
 * BatchNormReLU2d.forwardTrain then MaxPool2d.forward; backward equals MaxPool2d.backward into a
 * zeroed buffer then BatchNormReLU2d.backward, accumulating into random gradients and overwriting
 * (as float values: 0 == -0). Shapes: SmallCNN's 4x2 stride 2x1 pools on odd planes (63 columns
 * and a partial last vector), overlapping 3x3 stride 2 windows with padding (an input wins several
 * windows), the strided 5x3 / 4x2 stem pool on a wide plane, one-column planes; non-zero offsets,
 * NaN guards.
 */
class BatchNormReLUMaxPool2dTest {
    static Stream<Pool2dShape> shapes() {
        return Stream.of(new Pool2dShape(3, 4, 13, 63, 4, 2, 2, 1, 0, 0),
                new Pool2dShape(2, 3, 20, 17, 4, 2, 2, 1, 0, 0),
                new Pool2dShape(2, 2, 9, 11, 3, 3, 2, 2, 1, 1),
                new Pool2dShape(2, 3, 21, 40, 5, 3, 4, 2, 0, 0),
                new Pool2dShape(3, 2, 8, 1, 2, 1, 1, 1, 0, 0));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void equalsTheUnfusedKernels(Pool2dShape s) {
        Random r = new Random(s.hashCode());
        int n = s.n(), c = s.c(), hw = s.h() * s.w(), size = n * c * hw, outSize = s.outputSize(), io = 2, oo = 3;
        float[] in = random(r, io, size);
        for (int i = 0; i < size; i++) in[io + i] = in[io + i] * 2 + 0.4f;
        float[] gamma = random(r, 0, c), beta = random(r, 0, c);
        float[] rm = random(r, 0, c), rv = random(r, 0, c);
        for (int i = 0; i < c; i++) rv[i] = Math.abs(rv[i]) + 0.5f;
        float[] rm2 = rm.clone(), rv2 = rv.clone();

        float[] out = new float[oo + outSize + 3], outPlain = new float[outSize];
        Arrays.fill(out, Float.NaN);
        int[] arg = new int[outSize], argPlain = new int[outSize];
        float[] mean = new float[c], rstd = new float[c], mean2 = new float[c], rstd2 = new float[c];
        BatchNormReLUMaxPool2d.forwardTrain(out, oo, arg, mean, rstd, in, io, gamma, beta, rm, rv, 0.1f, 1e-5f, s);
        float[] y = new float[size];
        BatchNormReLU2d.forwardTrain(y, 0, mean2, rstd2, in, io, gamma, beta, rm2, rv2, 0.1f, 1e-5f, n, c, hw);
        MaxPool2d.forward(outPlain, 0, argPlain, y, 0, s);
        assertArrayEquals(outPlain, Arrays.copyOfRange(out, oo, oo + outSize), "pooled output");
        assertGuards("pooled output", out, oo, outSize);
        assertArrayEquals(argPlain, arg, "winners");
        assertArrayEquals(mean2, mean, "mean");
        assertArrayEquals(rstd2, rstd, "rstd");
        assertArrayEquals(rm2, rm, "running mean");
        assertArrayEquals(rv2, rv, "running var");

        float[] dOut = random(r, 1, outSize), dy = new float[size];
        MaxPool2d.backward(dy, 0, dOut, 1, argPlain, s);
        float[] dIn = random(r, 4, size), dInPlain = dIn.clone();
        float[] dG = random(r, 0, c), dB = random(r, 0, c), dGPlain = dG.clone(), dBPlain = dB.clone();
        BatchNormReLU2d.backward(dInPlain, 4, dGPlain, dBPlain, dy, 0, in, io, mean, rstd, gamma, beta, true, n, c, hw);
        BatchNormReLUMaxPool2d.backward(dIn, 4, dG, dB, dOut, 1, arg, in, io, mean, rstd, gamma, beta, true, s);
        assertArrayEquals(dInPlain, dIn, "accumulated dIn");
        assertArrayEquals(dGPlain, dG, "dGamma");
        assertArrayEquals(dBPlain, dB, "dBeta");
        assertGuards("accumulated dIn", dIn, 4, size);

        float[] over = random(r, 4, size), overPlain = new float[size];
        BatchNormReLU2d.backward(overPlain, 0, null, null, dy, 0, in, io, mean, rstd, gamma, beta, false, n, c, hw);
        BatchNormReLUMaxPool2d.backward(over, 4, null, null, dOut, 1, arg, in, io, mean, rstd, gamma, beta, false, s);
        for (int i = 0; i < size; i++) assertEquals(overPlain[i], over[4 + i], 0f, "overwritten dIn at " + i);
        assertGuards("overwritten dIn", over, 4, size);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void badWinnersAndShortBuffersAreRejected(Pool2dShape s) {
        int size = s.n() * s.c() * s.h() * s.w(), c = s.c();
        float[] in = new float[size], dIn = new float[size], dOut = new float[s.outputSize()];
        float[] mean = new float[c], rstd = new float[c];
        int[] arg = new int[s.outputSize()];
        arg[arg.length - 1] = s.h() * s.w();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BatchNormReLUMaxPool2d.backward(
                dIn, 0, null, null, dOut, 0, arg, in, 0, mean, rstd, null, null, false, s));
        assertEquals(true, e.getMessage().startsWith("batchnorm-relu-maxpool backward: argmax"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BatchNormReLUMaxPool2d.forwardTrain(
                new float[s.outputSize() - 1], 0, arg, mean, rstd, in, 0, null, null, null, null, 0.1f, 1e-5f, s));
        assertEquals(true, e.getMessage().startsWith("batchnorm-relu-maxpool forwardTrain: out needs"), e.getMessage());
    }
}
