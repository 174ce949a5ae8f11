package io.colisten.engine.ops;

import io.colisten.engine.Tensor;
import io.colisten.engine.random.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gradient check over every differentiable op (see {@link GradCases}): for the loss
 * L = sum(r (.) op(x)) with a fixed random projection r, the analytic gradient from our autograd in
 * float32 must match central differences of the double-precision reference forward, and the
 * forward must match the reference. Inputs are drawn away from kinks (ReLU zero, max ties) by more
 * than the finite-difference step.
 */
class GradCheckTest {
    /** Central-difference step on the double reference: truncation ~h^2, rounding ~1e-16 / h. */
    private static final double H = 1e-5;

    static Stream<GradCase> cases() {
        return GradCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void analyticGradientMatchesFiniteDifferences(GradCase c) {
        Rng rng = new Rng(c.name().hashCode());
        int k = c.inputs().length;
        float[][] values = new float[k][];
        Tensor[] leaves = new Tensor[k];
        double[][] ref = new double[k][];
        for (int i = 0; i < k; i++) {
            GradCase.Input in = c.inputs()[i];
            values[i] = draw(in, rng);
            leaves[i] = Tensor.of(values[i], in.shape()).requiresGrad(in.kind().grad);
            ref[i] = toDouble(values[i]);
        }

        Tensor y = c.engine().apply(leaves);
        double[] yRef = c.ref().apply(copy(ref));
        float[] yOurs = y.toArray();
        assertArrayEquals(new int[] {yRef.length}, new int[] {yOurs.length}, c.name() + ": output size");
        check(c, "forward", yOurs, yRef);

        float[] r = new float[yOurs.length];
        for (int i = 0; i < r.length; i++) r[i] = (float) rng.nextGaussian();
        Tensor loss = Ops.sum(Ops.mul(y, Tensor.of(r, y.shape())));
        loss.backward();

        for (int i = 0; i < k; i++) {
            if (!c.inputs()[i].kind().grad) continue;
            double[] fd = new double[ref[i].length];
            for (int j = 0; j < fd.length; j++) {
                double saved = ref[i][j];
                ref[i][j] = saved + H;
                double up = project(c.ref().apply(copy(ref)), r);
                ref[i][j] = saved - H;
                double down = project(c.ref().apply(copy(ref)), r);
                ref[i][j] = saved;
                fd[j] = (up - down) / (2 * H);
            }
            Tensor g = leaves[i].grad();
            assertTrue(g != null, c.name() + ": input " + i + " received no gradient");
            check(c, "gradient of input " + i, g.toArray(), fd);
        }
    }

    private static void check(GradCase c, String what, float[] ours, double[] ref) {
        double worst = 0;
        int at = -1;
        for (int i = 0; i < ref.length; i++) {
            double err = Math.abs(ours[i] - ref[i]) - (c.atol() + c.rtol() * Math.abs(ref[i]));
            if (at < 0 || err > worst) {
                worst = err;
                at = i;
            }
        }
        if (worst > 0 || Double.isNaN(worst)) {
            throw new AssertionError(c.name() + ": " + what + " differs at " + at + ": ours " + ours[at]
                    + ", reference " + ref[at] + " (atol " + c.atol() + ", rtol " + c.rtol() + ")");
        }
    }

    private static double project(double[] y, float[] r) {
        double s = 0;
        for (int i = 0; i < y.length; i++) s += r[i] * y[i];
        return s;
    }

    static float[] draw(GradCase.Input in, Rng rng) {
        int n = 1;
        for (int d : in.shape()) n *= d;
        float[] v = new float[n];
        switch (in.kind()) {
            case GRAD, CONST -> {
                for (int i = 0; i < n; i++) v[i] = (float) rng.nextGaussian();
            }
            case AWAY_FROM_ZERO -> {
                for (int i = 0; i < n; i++) {
                    float m = (float) rng.uniform(0.1, 1.0);
                    v[i] = rng.nextDouble() < 0.5 ? -m : m;
                }
            }
            case DISTINCT -> {
                for (int i = 0; i < n; i++) v[i] = (i - n / 2f) * 0.02f + 0.01f;
                for (int i = n - 1; i > 0; i--) {
                    int j = rng.nextInt(i + 1);
                    float t = v[i];
                    v[i] = v[j];
                    v[j] = t;
                }
            }
            case POSITIVE -> {
                for (int i = 0; i < n; i++) v[i] = (float) rng.uniform(0.5, 1.5);
            }
        }
        return v;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }

    /** The reference gets copies, so an accidental in-place write cannot corrupt the next probe. */
    private static double[][] copy(double[][] in) {
        double[][] out = new double[in.length][];
        for (int i = 0; i < in.length; i++) out[i] = in[i].clone();
        return out;
    }
}
