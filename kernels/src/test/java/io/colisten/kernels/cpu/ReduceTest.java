package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.TestArrays.assertClose;
import static io.colisten.kernels.cpu.TestArrays.assertUntouchedOutside;
import static io.colisten.kernels.cpu.TestArrays.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reductions against double references. A float sum of n terms carries error that grows with the
 * magnitudes summed, so atol = 1e-7 * sum |term| (rtol 0); integer-valued inputs, whose float sums
 * are exact, must match the reference exactly, which proves every element is counted once.
 */
class ReduceTest {
    private static final double REL_TO_ABS_SUM = 1e-7;

    static Stream<Arguments> sizes() {
        return IntStream.of(TestArrays.SIZES).boxed()
                .flatMap(n -> Stream.of(Arguments.of(n, 0, 0), Arguments.of(n, 5, 18), Arguments.of(n, 17, 1)));
    }

    @ParameterizedTest(name = "n={0} offsets={1},{2}")
    @MethodSource("sizes")
    void sumAndDot(int n, int ao, int bo) {
        SplittableRandom rnd = new SplittableRandom(n + 1000L * ao);
        float[] a = uniform(rnd, ao, n), b = uniform(rnd, bo, n);
        double s = 0, abs = 0, d = 0, dabs = 0;
        for (int i = 0; i < n; i++) {
            s += a[ao + i];
            abs += Math.abs(a[ao + i]);
            d += (double) a[ao + i] * b[bo + i];
            dabs += Math.abs((double) a[ao + i] * b[bo + i]);
        }
        assertClose("sum n=" + n, new double[] {s}, new float[] {Reduce.sum(a, ao, n)}, 0, REL_TO_ABS_SUM * abs, 0);
        assertClose("dot n=" + n, new double[] {d}, new float[] {Reduce.dot(a, ao, b, bo, n)}, 0, REL_TO_ABS_SUM * dabs, 0);
    }

    @ParameterizedTest(name = "n={0} offsets={1},{2}")
    @MethodSource("sizes")
    void integerSumsAreExact(int n, int ao, int bo) {
        SplittableRandom rnd = new SplittableRandom(n);
        float[] a = new float[ao + n + 3], b = new float[bo + n + 3];
        long s = 0, d = 0;
        for (int i = 0; i < n; i++) {
            a[ao + i] = rnd.nextInt(-8, 9);
            b[bo + i] = rnd.nextInt(-4, 5);
            s += (long) a[ao + i];
            d += (long) a[ao + i] * (long) b[bo + i];
        }
        a[ao + n] = 1e6f; // just past the end: must not be summed
        assertEquals((float) s, Reduce.sum(a, ao, n), "sum n=" + n);
        assertEquals((float) d, Reduce.dot(a, ao, b, bo, n), "dot n=" + n);
    }

    static Stream<Arguments> matrices() {
        return Stream.of(Arguments.of(1, 1), Arguments.of(3, 15), Arguments.of(2, 16), Arguments.of(5, 17),
                Arguments.of(7, 33), Arguments.of(193, 40), Arguments.of(132, 1000), Arguments.of(300, 1000),
                Arguments.of(1000, 133), Arguments.of(1, 100003), Arguments.of(100003, 1), Arguments.of(0, 5),
                Arguments.of(4, 0));
    }

    @ParameterizedTest(name = "rows={0} cols={1}")
    @MethodSource("matrices")
    void sumColumns(int rows, int cols) {
        SplittableRandom rnd = new SplittableRandom(rows * 7L + cols);
        int oo = 3, ao = 17;
        float[] a = uniform(rnd, ao, rows * cols), out = uniform(rnd, oo, cols);
        float[] before = out.clone();
        double[] expect = SmallRef.sumColumns(SmallRef.toDouble(a, ao, rows * cols), rows, cols);
        for (int c = 0; c < cols; c++) expect[c] += out[oo + c];
        Reduce.sumColumns(out, oo, a, ao, rows, cols);
        // Each column sums `rows` terms of magnitude <= 1.
        assertClose("sumColumns", expect, out, oo, REL_TO_ABS_SUM * (rows + 1), 0);
        assertUntouchedOutside("sumColumns", before, out, oo, cols);
    }

    static Stream<Arguments> nchw() {
        return Stream.of(Arguments.of(1, 1, 1), Arguments.of(2, 3, 15), Arguments.of(3, 2, 16), Arguments.of(2, 5, 17),
                Arguments.of(4, 7, 33), Arguments.of(132, 128, 1), Arguments.of(8, 64, 1000), Arguments.of(1, 1, 100003),
                Arguments.of(2, 3, 7), Arguments.of(0, 3, 4));
    }

    @ParameterizedTest(name = "n={0} c={1} hw={2}")
    @MethodSource("nchw")
    void sumChannels(int n, int c, int hw) {
        SplittableRandom rnd = new SplittableRandom(n * 131L + c * 17L + hw);
        int oo = 6, ao = 1;
        float[] a = uniform(rnd, ao, n * c * hw), out = uniform(rnd, oo, c);
        float[] before = out.clone();
        double[] expect = SmallRef.sumChannels(SmallRef.toDouble(a, ao, n * c * hw), n, c, hw);
        for (int ch = 0; ch < c; ch++) expect[ch] += out[oo + ch];
        Reduce.sumChannels(out, oo, a, ao, n, c, hw);
        assertClose("sumChannels", expect, out, oo, REL_TO_ABS_SUM * ((long) n * hw + 1), 0);
        assertUntouchedOutside("sumChannels", before, out, oo, c);
    }

    @Test
    void integerColumnAndChannelSumsAreExact() {
        SplittableRandom rnd = new SplittableRandom(3);
        int rows = 300, cols = 1000;
        float[] a = new float[rows * cols];
        for (int i = 0; i < a.length; i++) a[i] = rnd.nextInt(-8, 9);
        double[] cs = SmallRef.sumColumns(SmallRef.toDouble(a, 0, a.length), rows, cols);
        float[] out = new float[cols];
        Reduce.sumColumns(out, 0, a, 0, rows, cols);
        assertClose("sumColumns exact", cs, out, 0, 0, 0);
        int n = 6, c = 50; // 6 x 50 x 1000
        double[] chs = SmallRef.sumChannels(SmallRef.toDouble(a, 0, a.length), n, c, a.length / (n * c));
        float[] outC = new float[c];
        Reduce.sumChannels(outC, 0, a, 0, n, c, a.length / (n * c));
        assertClose("sumChannels exact", chs, outC, 0, 0, 0);
    }

    @Test
    void reductionsAreBitIdenticalRunToRunAndAcrossAlignment() {
        SplittableRandom rnd = new SplittableRandom(11);
        int n = 1_000_003;
        float[] a = TestArrays.gaussian(rnd, 0, n, 1e3), b = TestArrays.gaussian(rnd, 0, n, 1);
        float s = Reduce.sum(a, 0, n), d = Reduce.dot(a, 0, b, 0, n);
        for (int rep = 0; rep < 3; rep++) {
            assertEquals(Float.floatToRawIntBits(s), Float.floatToRawIntBits(Reduce.sum(a, 0, n)), "sum repeat");
            assertEquals(Float.floatToRawIntBits(d), Float.floatToRawIntBits(Reduce.dot(a, 0, b, 0, n)), "dot repeat");
        }
        // The same numbers at another offset: the order depends on n only, not on where they sit.
        float[] shifted = new float[n + 7];
        System.arraycopy(a, 0, shifted, 7, n);
        assertEquals(Float.floatToRawIntBits(s), Float.floatToRawIntBits(Reduce.sum(shifted, 7, n)), "sum shifted");

        int rows = 132, cols = 7573;
        float[] out1 = new float[cols], out2 = new float[cols];
        Reduce.sumColumns(out1, 0, a, 0, rows, cols);
        Reduce.sumColumns(out2, 0, a, 0, rows, cols);
        assertArrayEquals(out1, out2, "sumColumns repeat");
        float[] c1 = new float[64], c2 = new float[64];
        Reduce.sumChannels(c1, 0, a, 0, 4, 64, 3000);
        Reduce.sumChannels(c2, 0, a, 0, 4, 64, 3000);
        assertArrayEquals(c1, c2, "sumChannels repeat");
    }
}
