package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.TestArrays.assertClose;
import static io.colisten.kernels.cpu.TestArrays.assertUntouchedOutside;
import static io.colisten.kernels.cpu.TestArrays.gaussian;
import static io.colisten.kernels.cpu.TestArrays.uniform;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * L2Normalize forward and backward against double references and central differences. Row 1 of
 * every input is scaled down below eps so the clamped branch is always exercised.
 */
class L2NormalizeTest {
    private static final float EPS = 1e-3f;

    static Stream<Arguments> shapes() {
        return Stream.of(Arguments.of(1, 1), Arguments.of(3, 15), Arguments.of(2, 16), Arguments.of(4, 17),
                Arguments.of(5, 33), Arguments.of(132, 128), Arguments.of(3, 1000), Arguments.of(2, 100003),
                Arguments.of(1000, 128), Arguments.of(0, 4), Arguments.of(3, 0));
    }

    private static float[] input(SplittableRandom rnd, int off, int rows, int cols) {
        float[] x = gaussian(rnd, off, rows * cols, 1);
        if (rows > 1) for (int c = 0; c < cols; c++) x[off + cols + c] *= 1e-4f / (float) Math.sqrt(cols);
        return x;
    }

    @ParameterizedTest(name = "rows={0} cols={1}")
    @MethodSource("shapes")
    void matchesReference(int rows, int cols) {
        SplittableRandom rnd = new SplittableRandom(rows * 31L + cols);
        int io = 7, oo = 2, no = 5, go = 16, dio = 1, len = rows * cols;
        float[] in = input(rnd, io, rows, cols), out = uniform(rnd, oo, len), norms = uniform(rnd, no, rows);
        float[] outBefore = out.clone(), normsBefore = norms.clone();
        double[] refNorms = new double[rows];
        double[] ref = SmallRef.l2Normalize(SmallRef.toDouble(in, io, len), rows, cols, EPS, refNorms);

        L2Normalize.forward(out, oo, norms, no, in, io, rows, cols, EPS);
        assertClose("l2 norms", refNorms, norms, no, 0, 1e-6);
        assertClose("l2 forward", ref, out, oo, 1e-7, 1e-6);
        assertUntouchedOutside("l2 forward", outBefore, out, oo, len);
        assertUntouchedOutside("l2 norms", normsBefore, norms, no, rows);

        float[] dOut = uniform(rnd, go, len), dIn = uniform(rnd, dio, len), before = dIn.clone();
        double[] expect = SmallRef.l2NormalizeBackward(SmallRef.toDouble(dOut, go, len), SmallRef.toDouble(out, oo, len),
                SmallRef.toDouble(norms, no, rows), rows, cols, EPS);
        for (int i = 0; i < len; i++) expect[i] += dIn[dio + i];
        L2Normalize.backward(dIn, dio, dOut, go, out, oo, norms, no, rows, cols, EPS);
        // Gradients scale with 1 / norm (1/eps = 1000 on the clamped row): relative tolerance.
        assertClose("l2 backward", expect, dIn, dio, 1e-6, 2e-6);
        assertUntouchedOutside("l2 backward", before, dIn, dio, len);
    }

    @ParameterizedTest(name = "cols={0}")
    @ValueSource(ints = {1, 7, 17, 40})
    void backwardMatchesFiniteDifferences(int cols) {
        SplittableRandom rnd = new SplittableRandom(cols + 99);
        int rows = 3, len = rows * cols;
        float[] in = input(rnd, 0, rows, cols), dOut = uniform(rnd, 0, len);
        float[] out = new float[len], norms = new float[rows], dIn = new float[len];
        L2Normalize.forward(out, 0, norms, 0, in, 0, rows, cols, EPS);
        L2Normalize.backward(dIn, 0, dOut, 0, out, 0, norms, 0, rows, cols, EPS);
        // Step small against the clamped row's norm (1e-4 < eps), so no step crosses the clamp.
        double[] fd = FiniteDiff.gradient(v -> SmallRef.l2Normalize(v, rows, cols, EPS, null),
                SmallRef.toDouble(in, 0, len), SmallRef.toDouble(dOut, 0, len), 1e-7);
        assertClose("l2 finite differences", fd, dIn, 0, 1e-5, 1e-4);
    }
}
