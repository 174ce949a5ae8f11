package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.TestArrays.assertClose;
import static io.colisten.kernels.cpu.TestArrays.assertUntouchedOutside;
import static io.colisten.kernels.cpu.TestArrays.gaussian;
import static io.colisten.kernels.cpu.TestArrays.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Softmax and log-softmax, forward and backward, against double references, and the backward
 * kernels against central differences of the double forward. Logits are N(0, 3^2), with row 0
 * shifted by +300 so an unstabilised exp would overflow.
 */
class SoftmaxTest {
    static Stream<Arguments> shapes() {
        return Stream.of(Arguments.of(1, 1), Arguments.of(3, 15), Arguments.of(2, 16), Arguments.of(4, 17),
                Arguments.of(5, 33), Arguments.of(3, 1000), Arguments.of(132, 1000), Arguments.of(2, 100003),
                Arguments.of(0, 4), Arguments.of(3, 0));
    }

    private static float[] logits(SplittableRandom rnd, int off, int rows, int cols) {
        float[] x = gaussian(rnd, off, rows * cols, 3);
        if (rows > 1) for (int c = 0; c < cols; c++) x[off + c] += 300f;
        return x;
    }

    @ParameterizedTest(name = "rows={0} cols={1}")
    @MethodSource("shapes")
    void forwardMatchesReference(int rows, int cols) {
        SplittableRandom rnd = new SplittableRandom(rows * 1009L + cols);
        int io = 5, oo = 18, len = rows * cols;
        float[] in = logits(rnd, io, rows, cols), out = uniform(rnd, oo, len);
        float[] before = out.clone();
        double[] x = SmallRef.toDouble(in, io, len);

        Softmax.softmaxRows(out, oo, in, io, rows, cols);
        // exp of (x - max) in float: x - max carries up to |x - max| * 2^-24, about 2e-6 relative at 25.
        assertClose("softmaxRows", SmallRef.softmax(x, rows, cols), out, oo, 1e-30, 4e-6);
        assertUntouchedOutside("softmaxRows", before, out, oo, len);

        Softmax.logSoftmaxRows(out, oo, in, io, rows, cols);
        double[] ref = SmallRef.logSoftmax(x, rows, cols);
        for (int r = 0; r < rows; r++) {
            // One rounding at the row's magnitude: atol scales with the row max.
            double max = Arrays.stream(x, r * cols, (r + 1) * cols).map(Math::abs).max().orElse(0);
            assertClose("logSoftmaxRows row " + r, Arrays.copyOfRange(ref, r * cols, (r + 1) * cols), out,
                    oo + r * cols, 4e-7 * (1 + max), 4e-7);
        }
        assertUntouchedOutside("logSoftmaxRows", before, out, oo, len);
    }

    @ParameterizedTest(name = "rows={0} cols={1}")
    @MethodSource("shapes")
    void backwardMatchesReference(int rows, int cols) {
        SplittableRandom rnd = new SplittableRandom(rows * 7L + cols);
        int io = 1, yo = 3, go = 17, dio = 6, len = rows * cols;
        float[] in = logits(rnd, io, rows, cols), y = new float[yo + len], dOut = uniform(rnd, go, len);
        float[] dIn = uniform(rnd, dio, len), before = dIn.clone();
        double[] g = SmallRef.toDouble(dOut, go, len);

        Softmax.softmaxRows(y, yo, in, io, rows, cols);
        double[] expect = SmallRef.softmaxBackward(g, SmallRef.toDouble(y, yo, len), rows, cols);
        for (int i = 0; i < len; i++) expect[i] += dIn[dio + i];
        Softmax.softmaxBackward(dIn, dio, dOut, go, y, yo, rows, cols);
        assertClose("softmaxBackward", expect, dIn, dio, 2e-7, 1e-6);
        assertUntouchedOutside("softmaxBackward", before, dIn, dio, len);

        dIn = before.clone();
        Softmax.logSoftmaxRows(y, yo, in, io, rows, cols);
        expect = SmallRef.logSoftmaxBackward(g, SmallRef.toDouble(y, yo, len), rows, cols);
        for (int i = 0; i < len; i++) expect[i] += dIn[dio + i];
        Softmax.logSoftmaxBackward(dIn, dio, dOut, go, y, yo, rows, cols);
        // exp(y) carries the rounding of y (up to ulp(|y|) ~ 1e-6 at |y| ~ 20) times sum dOut.
        assertClose("logSoftmaxBackward", expect, dIn, dio, 1e-6, 2e-6);
        assertUntouchedOutside("logSoftmaxBackward", before, dIn, dio, len);
    }

    @ParameterizedTest(name = "cols={0}")
    @ValueSource(ints = {1, 7, 17, 40})
    void backwardMatchesFiniteDifferences(int cols) {
        SplittableRandom rnd = new SplittableRandom(cols);
        int rows = 3, len = rows * cols;
        float[] in = gaussian(rnd, 0, len, 2), dOut = uniform(rnd, 0, len);
        double[] x = SmallRef.toDouble(in, 0, len), w = SmallRef.toDouble(dOut, 0, len);
        float[] y = new float[len], dIn = new float[len];

        Softmax.softmaxRows(y, 0, in, 0, rows, cols);
        Softmax.softmaxBackward(dIn, 0, dOut, 0, y, 0, rows, cols);
        double[] fd = FiniteDiff.gradient(v -> SmallRef.softmax(v, rows, cols), x, w, 1e-5);
        assertClose("softmax finite differences", fd, dIn, 0, 1e-6, 1e-4);

        Arrays.fill(dIn, 0f);
        Softmax.logSoftmaxRows(y, 0, in, 0, rows, cols);
        Softmax.logSoftmaxBackward(dIn, 0, dOut, 0, y, 0, rows, cols);
        fd = FiniteDiff.gradient(v -> SmallRef.logSoftmax(v, rows, cols), x, w, 1e-5);
        assertClose("log-softmax finite differences", fd, dIn, 0, 1e-6, 1e-4);
    }

    @ParameterizedTest(name = "cols={0}")
    @ValueSource(ints = {5, 33})
    void infiniteLogitsAreMasked(int cols) {
        float[] in = new float[cols], out = new float[cols];
        Arrays.fill(in, Float.NEGATIVE_INFINITY);
        in[1] = 2f;
        in[cols - 1] = 2f;
        Softmax.softmaxRows(out, 0, in, 0, 1, cols);
        for (int c = 0; c < cols; c++) assertEquals(c == 1 || c == cols - 1 ? 0.5f : 0f, out[c], "softmax col " + c);
        Softmax.logSoftmaxRows(out, 0, in, 0, 1, cols);
        assertEquals((float) -Math.log(2), out[1], 1e-7f);
        assertEquals(Float.NEGATIVE_INFINITY, out[0]);
    }
}
