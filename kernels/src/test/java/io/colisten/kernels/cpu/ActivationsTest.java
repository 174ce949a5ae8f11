package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.TestArrays.assertClose;
import static io.colisten.kernels.cpu.TestArrays.assertUntouchedOutside;
import static io.colisten.kernels.cpu.TestArrays.uniform;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ReLU forward and backward: exact against the reference, backward also against finite differences. */
class ActivationsTest {
    static Stream<Arguments> sizes() {
        return IntStream.of(TestArrays.SIZES).boxed()
                .flatMap(n -> Stream.of(Arguments.of(n, 0, 0, 0), Arguments.of(n, 3, 17, 1)));
    }

    @ParameterizedTest(name = "n={0} offsets={1},{2},{3}")
    @MethodSource("sizes")
    void forwardAndBackwardMatchReference(int n, int oo, int io, int go) {
        SplittableRandom rnd = new SplittableRandom(n * 3L + oo);
        float[] in = uniform(rnd, io, n), out = uniform(rnd, oo, n);
        in[io + n / 2] = 0f; // forward of the kink is 0, and it passes no gradient
        float[] before = out.clone();
        double[] fwd = new double[n];
        for (int i = 0; i < n; i++) fwd[i] = Math.max(in[io + i], 0.0);
        Activations.reluForward(out, oo, in, io, n);
        assertClose("reluForward", fwd, out, oo, 0, 0);
        assertUntouchedOutside("reluForward", before, out, oo, n);

        float[] dOut = uniform(rnd, go, n), dIn = uniform(rnd, 7, n);
        float[] dBefore = dIn.clone();
        double[] bwd = new double[n];
        for (int i = 0; i < n; i++) bwd[i] = dIn[7 + i] + (fwd[i] > 0 ? dOut[go + i] : 0);
        Activations.reluBackward(dIn, 7, dOut, go, out, oo, n);
        assertClose("reluBackward", bwd, dIn, 7, 0, 1.2e-7);
        assertUntouchedOutside("reluBackward", dBefore, dIn, 7, n);
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 37;
        float[] in = new float[n];
        for (int i = 0; i < n; i++) {
            // Keep every input at least 0.05 from the kink so a step of 1e-4 never crosses it.
            float v = (float) (0.05 + rnd.nextDouble());
            in[i] = rnd.nextBoolean() ? v : -v;
        }
        float[] out = new float[n], dOut = uniform(rnd, 0, n), dIn = new float[n];
        Activations.reluForward(out, 0, in, 0, n);
        Activations.reluBackward(dIn, 0, dOut, 0, out, 0, n);
        double[] w = SmallRef.toDouble(dOut, 0, n);
        double[] fd = FiniteDiff.gradient(x -> {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) y[i] = Math.max(x[i], 0);
            return y;
        }, SmallRef.toDouble(in, 0, n), w, 1e-4);
        assertClose("relu finite differences", fd, dIn, 0, 1e-9, 1e-6);
        assertTrue(IntStream.range(0, n).anyMatch(i -> dIn[i] == 0f) && IntStream.range(0, n).anyMatch(i -> dIn[i] != 0f),
                "both sides of the kink exercised");
    }
}
