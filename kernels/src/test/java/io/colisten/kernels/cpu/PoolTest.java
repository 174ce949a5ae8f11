package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.ConvTestData.assertClose;
import static io.colisten.kernels.cpu.ConvTestData.assertGuards;
import static io.colisten.kernels.cpu.ConvTestData.random;
import static io.colisten.kernels.cpu.ConvTestData.toDouble;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Max pooling (2-D and global) and global average pooling against {@link PoolReference}: the
 * vector paths (strideW 1 contiguous, 2..8 gathered) and the scalar borders, widths around the
 * lane count, ties (inputs drawn from four values, so the first maximum must win), NaN and
 * -infinity. Maxima and argmax must match exactly; sums: atol 1e-5, rtol 1e-5.
 */
class PoolTest {
    static final int L = ConvTapKernels.L;

    static Stream<Pool2dShape> shapes() {
        List<Pool2dShape> list = new ArrayList<>(List.of(
                new Pool2dShape(2, 3, 20, 40, 3, 3, 1, 1, 1, 1),
                new Pool2dShape(1, 4, 150, 64, 4, 2, 2, 2, 0, 0),
                new Pool2dShape(2, 2, 150, 64, 4, 2, 2, 1, 0, 0),
                new Pool2dShape(1, 1, 5, L + 1, 2, 2, 1, 1, 1, 1),
                new Pool2dShape(1, 2, 9, L - 1, 3, 1, 2, 1, 1, 0),
                new Pool2dShape(1, 1, 1, 1, 1, 1, 1, 1, 0, 0),
                new Pool2dShape(1, 2, 7, 3 * L + 5, 3, 3, 2, 3, 1, 1),
                new Pool2dShape(1, 2, 6, 200, 2, 2, 2, 9, 1, 1),
                new Pool2dShape(3, 2, 11, 2 * L, 2, 4, 3, 2, 1, 2),
                // strided windows with several rows (MaxPool2dStrided): ResNet's stem pool, widths L, L + 1, odd pads
                new Pool2dShape(1, 2, 150, 64, 5, 3, 4, 2, 0, 0),
                new Pool2dShape(1, 2, 13, L, 5, 3, 4, 2, 2, 1),
                new Pool2dShape(2, 1, 9, L + 1, 3, 3, 2, 2, 1, 1),
                new Pool2dShape(1, 1, 8, 3 * L + 7, 2, 5, 1, 3, 1, 2),
                new Pool2dShape(1, 2, 7, 2 * L - 1, 4, 2, 3, 8, 0, 1)));
        Random r = new Random(77);
        for (int i = 0; i < 20; i++) {
            int kh = 1 + r.nextInt(4), kw = 1 + r.nextInt(4);
            int ph = r.nextInt(kh / 2 + 1), pw = r.nextInt(kw / 2 + 1);
            list.add(new Pool2dShape(1 + r.nextInt(2), 1 + r.nextInt(3), kh + r.nextInt(10), kw + r.nextInt(60), kh, kw,
                    1 + r.nextInt(3), 1 + r.nextInt(3), ph, pw));
        }
        return list.stream();
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void maxPoolMatchesReference(Pool2dShape s) {
        for (int variant = 0; variant < 3; variant++) {
            Random r = new Random(s.hashCode() + variant);
            int io = 5, oo = 3, go = 2, dio = 7;
            float[] in = random(r, io, s.inputSize());
            for (int i = 0; i < s.inputSize(); i++) {
                if (variant == 1) in[io + i] = r.nextInt(4);                       // ties
                if (variant == 2 && r.nextInt(7) == 0) in[io + i] = r.nextBoolean() ? Float.NaN : Float.NEGATIVE_INFINITY;
            }
            float[] out = new float[oo + s.outputSize()];
            int[] arg = new int[s.outputSize()];
            MaxPool2d.forward(out, oo, arg, in, io, s);
            int[] refArg = new int[s.outputSize()];
            double[] ref = PoolReference.maxForward(toDouble(in, io, s.inputSize()), refArg, s);
            assertArrayEquals(refArg, arg, "argmax " + s + " variant " + variant);
            for (int i = 0; i < ref.length; i++) assertEquals((float) ref[i], out[oo + i], 0f, "out " + s + " at " + i);

            float[] dOut = random(r, go, s.outputSize()), dIn = random(r, dio, s.inputSize());
            double[] base = toDouble(dIn, dio, s.inputSize());
            MaxPool2d.backward(dIn, dio, dOut, go, arg, s);
            assertClose("maxpool backward " + s, PoolReference.maxBackward(toDouble(dOut, go, s.outputSize()), refArg, s),
                    base, dIn, dio, 1e-5, 1e-5);
            assertGuards("maxpool dIn", dIn, dio, s.inputSize());
        }
    }

    @Test
    void globalPoolsMatchReference() {
        int[][] cases = {{1, 1, 1}, {2, 3, L - 1}, {3, 2, L + 1}, {2, 5, 9600}, {1, 4, 37}};
        for (int[] cs : cases) {
            int n = cs[0], c = cs[1], hw = cs[2], planes = n * c;
            for (int variant = 0; variant < 3; variant++) {
                Random r = new Random(hw * 31 + variant);
                int io = 3, oo = 4;
                float[] in = random(r, io, planes * hw);
                for (int i = 0; i < planes * hw; i++) {
                    if (variant == 1) in[io + i] = r.nextInt(3);
                    if (variant == 2 && r.nextInt(5) == 0) in[io + i] = r.nextBoolean() ? Float.NaN : Float.NEGATIVE_INFINITY;
                }
                double[] din = toDouble(in, io, planes * hw);
                float[] out = new float[oo + planes + 2];
                int[] arg = new int[planes];
                GlobalPool.maxForward(out, oo, arg, in, io, n, c, hw);
                int[] refArg = new int[planes];
                double[] ref = PoolReference.globalMaxForward(din, refArg, planes, hw);
                assertArrayEquals(refArg, arg, "global argmax hw=" + hw + " variant " + variant);
                for (int p = 0; p < planes; p++) assertEquals((float) ref[p], out[oo + p], 0f);
                if (variant != 2) {
                    GlobalPool.avgForward(out, oo, in, io, n, c, hw);
                    assertClose("global avg", PoolReference.globalAvgForward(din, planes, hw), null, out, oo, 1e-6, 1e-5);
                }
                float[] dOut = random(r, 1, planes), dIn = random(r, 2, planes * hw);
                double[] base = toDouble(dIn, 2, planes * hw);
                GlobalPool.maxBackward(dIn, 2, dOut, 1, arg, n, c, hw);
                assertClose("global max backward", PoolReference.globalMaxBackward(toDouble(dOut, 1, planes), refArg, planes, hw),
                        base, dIn, 2, 1e-6, 1e-6);
                base = toDouble(dIn, 2, planes * hw);
                GlobalPool.avgBackward(dIn, 2, dOut, 1, n, c, hw);
                assertClose("global avg backward", PoolReference.globalAvgBackward(toDouble(dOut, 1, planes), planes, hw),
                        base, dIn, 2, 1e-6, 1e-6);
                assertGuards("global dIn", dIn, 2, planes * hw);
            }
        }
    }
}
