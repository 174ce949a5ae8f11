package io.colisten.engine;

import io.colisten.engine.ops.Ops;
import io.colisten.engine.random.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Running statistics follow PyTorch: running = (1 - momentum) running + momentum batch, with the
 * unbiased batch variance; eval mode normalises with them and leaves them alone. Tolerance
 * |a - b| <= 1e-5 + 1e-4 |ref|.
 */
class BatchNormStatsTest {
    @Test
    void trainingUpdatesRunningStatisticsAndEvalUsesThem() {
        int n = 3, c = 2, hw = 5;
        Rng rng = new Rng(4);
        Tensor mean = Tensor.zeros(c), var = Tensor.of(new float[] {1, 1}, c);
        Tensor gamma = Tensor.of(new float[] {1.5f, 0.5f}, c), beta = Tensor.of(new float[] {0.1f, -0.2f}, c);
        double[] rm = {0, 0}, rv = {1, 1};
        for (int step = 0; step < 2; step++) {
            float[] x = new float[n * c * hw];
            for (int i = 0; i < x.length; i++) x[i] = (float) (rng.nextGaussian() * 2 + 1);
            Ops.batchNorm2d(Tensor.of(x, n, c, 1, hw), gamma, beta, mean, var, true, 0.1f, 1e-5f);
            for (int ch = 0; ch < c; ch++) {
                double s = 0, q = 0;
                for (int b = 0; b < n; b++) for (int i = 0; i < hw; i++) s += x[(b * c + ch) * hw + i];
                double mu = s / (n * hw);
                for (int b = 0; b < n; b++) for (int i = 0; i < hw; i++) {
                    double d = x[(b * c + ch) * hw + i] - mu;
                    q += d * d;
                }
                rm[ch] = 0.9 * rm[ch] + 0.1 * mu;
                rv[ch] = 0.9 * rv[ch] + 0.1 * q / (n * hw - 1);
            }
        }
        close(mean.toArray(), rm);
        close(var.toArray(), rv);

        float[] x = {0.3f, -1.2f, 2.0f, 0.7f};
        float[] before = mean.toArray();
        Tensor y = Ops.batchNorm2d(Tensor.of(x, 2, 2, 1, 1), gamma, beta, mean, var, false, 0.1f, 1e-5f);
        double[] ref = new double[4];
        for (int i = 0; i < 4; i++) {
            int ch = i % 2;
            ref[i] = (x[i] - rm[ch]) / Math.sqrt(rv[ch] + 1e-5) * gamma.get(ch) + beta.get(ch);
        }
        close(y.toArray(), ref);
        assertArrayEquals(before, mean.toArray(), "eval leaves the running mean alone");
    }

    private static void close(float[] ours, double[] ref) {
        for (int i = 0; i < ref.length; i++) {
            assertTrue(Math.abs(ours[i] - ref[i]) <= 1e-5 + 1e-4 * Math.abs(ref[i]), i + ": " + ours[i] + " vs " + ref[i]);
        }
    }
}
