package io.colisten.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each reference's backward against central finite differences of its own forward, in double
 * precision, for the loss sum(out * R) with a random R. Tolerance: atol 1e-7, rtol 1e-6 (the
 * forward maps are linear or piecewise linear in the perturbed variable, so differences are exact
 * up to rounding; batch norm is smooth and eps = 1e-4 leaves errors near 1e-8).
 */
class ReferenceGradientTest {
    static final double H = 1e-4, ATOL = 1e-7, RTOL = 1e-6;

    static Stream<Conv2dShape> convShapes() {
        return Stream.of(
                new Conv2dShape(2, 3, 7, 6, 4, 3, 3, 1, 1, 1, 1, 1),
                new Conv2dShape(1, 2, 11, 9, 3, 7, 5, 2, 1, 3, 2, 1),      // 7x5, stride 2x1, padding 3x2
                new Conv2dShape(2, 4, 6, 7, 6, 3, 2, 2, 3, 1, 0, 2),       // groups 2, stride 2x3
                new Conv2dShape(1, 3, 5, 8, 3, 3, 3, 1, 2, 1, 1, 3),       // depthwise
                new Conv2dShape(2, 3, 5, 5, 2, 1, 1, 1, 1, 0, 0, 1));      // pointwise
    }

    @ParameterizedTest
    @MethodSource("convShapes")
    void conv2dBackwardMatchesFiniteDifferences(Conv2dShape s) {
        Random r = new Random(11);
        double[] in = rand(r, s.inputSize()), w = rand(r, s.weightSize()), b = rand(r, s.cOut()), rr = rand(r, s.outputSize());
        double[] dIn = Conv2dReference.backwardData(rr, w, s);
        double[] dW = Conv2dReference.backwardFilter(rr, in, s);
        double[] dB = Conv2dReference.backwardBias(rr, s);
        check("dIn", in, dIn, x -> Conv2dReference.forward(x, w, b, s), rr);
        check("dW", w, dW, x -> Conv2dReference.forward(in, x, b, s), rr);
        check("dB", b, dB, x -> Conv2dReference.forward(in, w, x, s), rr);
    }

    @Test
    void maxPoolBackwardMatchesFiniteDifferences() {
        for (Pool2dShape s : new Pool2dShape[] {
                new Pool2dShape(2, 2, 9, 7, 4, 2, 2, 1, 1, 1), new Pool2dShape(1, 3, 8, 9, 3, 3, 2, 2, 1, 0),
                new Pool2dShape(1, 1, 5, 5, 2, 2, 2, 2, 0, 0)}) {
            Random r = new Random(5);
            double[] in = distinct(r, s.inputSize()), rr = rand(r, s.outputSize());
            int[] arg = new int[s.outputSize()];
            PoolReference.maxForward(in, arg, s);
            double[] dIn = PoolReference.maxBackward(rr, arg, s);
            check("maxpool dIn " + s, in, dIn, x -> PoolReference.maxForward(x, new int[s.outputSize()], s), rr);
        }
    }

    @Test
    void globalPoolsBackwardMatchFiniteDifferences() {
        Random r = new Random(6);
        int planes = 6, hw = 13;
        double[] in = distinct(r, planes * hw), rr = rand(r, planes);
        check("global avg", in, PoolReference.globalAvgBackward(rr, planes, hw),
                x -> PoolReference.globalAvgForward(x, planes, hw), rr);
        int[] arg = new int[planes];
        PoolReference.globalMaxForward(in, arg, planes, hw);
        check("global max", in, PoolReference.globalMaxBackward(rr, arg, planes, hw),
                x -> PoolReference.globalMaxForward(x, new int[planes], planes, hw), rr);
    }

    @Test
    void batchNormBackwardMatchesFiniteDifferences() {
        Random r = new Random(7);
        int n = 3, c = 2, hw = 5;
        double eps = 1e-5;
        double[] in = rand(r, n * c * hw), gamma = rand(r, c), beta = rand(r, c), rr = rand(r, n * c * hw);
        BatchNorm2dReference.Train t = BatchNorm2dReference.forwardTrain(in, gamma, beta, eps, n, c, hw);
        double[][] g = BatchNorm2dReference.backward(rr, in, t.mean(), t.rstd(), gamma, n, c, hw);
        check("bn dIn", in, g[0], x -> BatchNorm2dReference.forwardTrain(x, gamma, beta, eps, n, c, hw).out(), rr);
        check("bn dGamma", gamma, g[1], x -> BatchNorm2dReference.forwardTrain(in, x, beta, eps, n, c, hw).out(), rr);
        check("bn dBeta", beta, g[2], x -> BatchNorm2dReference.forwardTrain(in, gamma, x, eps, n, c, hw).out(), rr);
    }

    @Test
    void finiteDifferenceCheckCanFail() {
        // A wrong gradient (scaled by 1.01) must be caught: the check is not vacuous.
        Conv2dShape s = new Conv2dShape(1, 1, 4, 4, 1, 3, 3, 1, 1, 1, 1, 1);
        Random r = new Random(3);
        double[] in = rand(r, s.inputSize()), w = rand(r, s.weightSize()), rr = rand(r, s.outputSize());
        double[] dIn = Conv2dReference.backwardData(rr, w, s);
        for (int i = 0; i < dIn.length; i++) dIn[i] *= 1.01;
        boolean failed = false;
        try {
            check("wrong", in, dIn, x -> Conv2dReference.forward(x, w, null, s), rr);
        } catch (AssertionError e) {
            failed = true;
        }
        assertEquals(true, failed);
    }

    /** grad[i] must equal (L(x + H e_i) - L(x - H e_i)) / 2H with L(x) = sum(f(x) * rr). */
    static void check(String what, double[] x, double[] grad, Function<double[], double[]> f, double[] rr) {
        for (int i = 0; i < x.length; i++) {
            double keep = x[i];
            x[i] = keep + H;
            double lp = dot(f.apply(x), rr);
            x[i] = keep - H;
            double lm = dot(f.apply(x), rr);
            x[i] = keep;
            double fd = (lp - lm) / (2 * H);
            if (!(Math.abs(fd - grad[i]) <= ATOL + RTOL * Math.abs(fd))) {
                throw new AssertionError(what + "[" + i + "]: backward " + grad[i] + ", finite difference " + fd);
            }
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static double[] rand(Random r, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = r.nextDouble() * 2 - 1;
        return a;
    }

    /** Values at least 1e-2 apart (a shuffled grid), so no max-pool window changes winner under +-H. */
    static double[] distinct(Random r, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = (i - n / 2) * 1e-2;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
