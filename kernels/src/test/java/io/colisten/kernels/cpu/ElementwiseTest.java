package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.TestArrays.assertClose;
import static io.colisten.kernels.cpu.TestArrays.assertUntouchedOutside;
import static io.colisten.kernels.cpu.TestArrays.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Elementwise kernels against double references; one rounding each, so rtol 1.2e-7 (atol 1e-7 for axpy-like cancellation). */
class ElementwiseTest {
    private static final double RTOL = 1.2e-7, ATOL = 1e-7;

    /** (n, out offset, a offset, b offset). */
    static Stream<Arguments> cases() {
        int[][] offs = {{0, 0, 0}, {3, 17, 1}, {17, 0, 3}};
        return IntStream.of(TestArrays.SIZES).boxed()
                .flatMap(n -> Stream.of(offs).map(o -> Arguments.of(n, o[0], o[1], o[2])));
    }

    private interface Binary {
        void run(float[] out, int oo, float[] a, int ao, float[] b, int bo, int n);
    }

    private interface BinaryRef {
        double apply(double y, double a, double b);
    }

    private static void checkBinary(String op, Binary k, BinaryRef ref, boolean accumulates, int n, int oo, int ao, int bo) {
        SplittableRandom rnd = new SplittableRandom(n * 31L + oo);
        float[] a = uniform(rnd, ao, n), b = uniform(rnd, bo, n), out = uniform(rnd, oo, n);
        float[] before = out.clone();
        double[] expect = new double[n];
        for (int i = 0; i < n; i++) expect[i] = ref.apply(accumulates ? out[oo + i] : 0, a[ao + i], b[bo + i]);
        k.run(out, oo, a, ao, b, bo, n);
        assertClose(op + " n=" + n, expect, out, oo, ATOL, RTOL);
        assertUntouchedOutside(op, before, out, oo, n);
    }

    @ParameterizedTest(name = "n={0} offsets={1},{2},{3}")
    @MethodSource("cases")
    void binaryOps(int n, int oo, int ao, int bo) {
        checkBinary("add", Elementwise::add, (y, a, b) -> a + b, false, n, oo, ao, bo);
        checkBinary("sub", Elementwise::sub, (y, a, b) -> a - b, false, n, oo, ao, bo);
        checkBinary("mul", Elementwise::mul, (y, a, b) -> a * b, false, n, oo, ao, bo);
        checkBinary("mulAdd", Elementwise::mulAdd, (y, a, b) -> y + a * b, true, n, oo, ao, bo);
        checkBinary("scale", (out, o, a, x, b, y, m) -> Elementwise.scale(out, o, a, x, 0.37f, m),
                (y, a, b) -> 0.37f * a, false, n, oo, ao, bo);
        checkBinary("axpy", (out, o, a, x, b, y, m) -> Elementwise.axpy(out, o, -1.3f, a, x, m),
                (y, a, b) -> y + -1.3f * a, true, n, oo, ao, bo);
        checkBinary("copy", (out, o, a, x, b, y, m) -> Elementwise.copy(out, o, a, x, m),
                (y, a, b) -> a, false, n, oo, ao, bo);
        checkBinary("fill", (out, o, a, x, b, y, m) -> Elementwise.fill(out, o, 2.5f, m),
                (y, a, b) -> 2.5, false, n, oo, ao, bo);
    }

    @Test
    void outputMayAliasAnInput() {
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 100003, off = 5;
        float[] a = uniform(rnd, off, n), b = uniform(rnd, off, n);
        float[] expect = new float[a.length];
        for (int i = 0; i < a.length; i++) expect[i] = i >= off && i < off + n ? a[i] + b[i] : a[i];
        Elementwise.add(a, off, a, off, b, off, n);
        assertArrayEquals(expect, a);
        float[] c = uniform(rnd, 0, 33), d = c.clone();
        Elementwise.mul(c, 0, d, 0, c, 0, 33);
        for (int i = 0; i < 33; i++) assertArrayEquals(new float[] {d[i] * d[i]}, new float[] {c[i]});
    }

    /** (rows, cols). */
    static Stream<Arguments> matrices() {
        return Stream.of(Arguments.of(1, 1), Arguments.of(3, 15), Arguments.of(2, 16), Arguments.of(5, 17),
                Arguments.of(7, 33), Arguments.of(132, 1000), Arguments.of(1, 100003), Arguments.of(100003, 1),
                Arguments.of(0, 5), Arguments.of(4, 0));
    }

    @ParameterizedTest(name = "rows={0} cols={1}")
    @MethodSource("matrices")
    void addRowBias(int rows, int cols) {
        SplittableRandom rnd = new SplittableRandom(rows * 7919L + cols);
        int oo = 9, bo = 4;
        float[] out = uniform(rnd, oo, rows * cols), bias = uniform(rnd, bo, cols);
        float[] before = out.clone();
        double[] expect = new double[rows * cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) expect[r * cols + c] = (double) out[oo + r * cols + c] + bias[bo + c];
        Elementwise.addRowBias(out, oo, bias, bo, rows, cols);
        assertClose("addRowBias", expect, out, oo, 0, RTOL);
        assertUntouchedOutside("addRowBias", before, out, oo, rows * cols);
    }

    /** (n, c, hw). */
    static Stream<Arguments> nchw() {
        return Stream.of(Arguments.of(1, 1, 1), Arguments.of(2, 3, 15), Arguments.of(3, 2, 16), Arguments.of(2, 5, 17),
                Arguments.of(4, 7, 33), Arguments.of(132, 128, 1), Arguments.of(3, 64, 1000), Arguments.of(1, 1, 100003),
                Arguments.of(2, 3, 7));
    }

    @ParameterizedTest(name = "n={0} c={1} hw={2}")
    @MethodSource("nchw")
    void addChannelBias(int n, int c, int hw) {
        SplittableRandom rnd = new SplittableRandom(n * 131L + c * 17L + hw);
        int oo = 3, bo = 11;
        float[] out = uniform(rnd, oo, n * c * hw), bias = uniform(rnd, bo, c);
        float[] before = out.clone();
        double[] expect = new double[n * c * hw];
        for (int b = 0; b < n; b++)
            for (int ch = 0; ch < c; ch++)
                for (int i = 0; i < hw; i++) {
                    int k = (b * c + ch) * hw + i;
                    expect[k] = (double) out[oo + k] + bias[bo + ch];
                }
        Elementwise.addChannelBias(out, oo, bias, bo, n, c, hw);
        assertClose("addChannelBias", expect, out, oo, 0, RTOL);
        assertUntouchedOutside("addChannelBias", before, out, oo, n * c * hw);
    }
}
