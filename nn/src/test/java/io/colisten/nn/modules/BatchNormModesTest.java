package io.colisten.nn.modules;

import io.colisten.engine.NoGrad;
import io.colisten.engine.Tensor;
import io.colisten.engine.random.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * BatchNorm2d's two modes against PyTorch's semantics, computed here in double: training mode
 * normalises by the batch's biased variance and moves the running statistics by momentum 0.1
 * towards the batch mean and unbiased variance, counting the batch; eval mode uses the running
 * statistics and changes nothing.
 */
class BatchNormModesTest {
    static final int N = 4, C = 3, H = 5, W = 2, HW = H * W;

    @Test
    void trainingUsesBatchStatisticsAndUpdatesRunningOnes() {
        ModuleState st = new ModuleState();
        BatchNorm2d bn = new BatchNorm2d(st, "bn", C);
        float[] x = input();
        float[] y;
        try (NoGrad ng = NoGrad.enter()) { // running statistics move under NoGrad too, as in PyTorch
            y = bn.forward(Tensor.of(x, N, C, H, W)).toArray();
        }
        float[] rm = bn.runningMean().toArray(), rv = bn.runningVar().toArray();
        for (int c = 0; c < C; c++) {
            double mean = 0, ss = 0;
            for (int n = 0; n < N; n++) for (int i = 0; i < HW; i++) mean += x[(n * C + c) * HW + i];
            mean /= N * HW;
            for (int n = 0; n < N; n++) for (int i = 0; i < HW; i++) ss += Math.pow(x[(n * C + c) * HW + i] - mean, 2);
            double var = ss / (N * HW), unbiased = ss / (N * HW - 1);
            for (int n = 0; n < N; n++) {
                for (int i = 0; i < HW; i++) {
                    int at = (n * C + c) * HW + i;
                    assertEquals((x[at] - mean) / Math.sqrt(var + 1e-5), y[at], 1e-5, "y at " + at);
                }
            }
            assertEquals(0.1 * mean, rm[c], 1e-6, "running_mean " + c);
            assertEquals(0.9 + 0.1 * unbiased, rv[c], 1e-5, "running_var " + c);
        }
        assertEquals(1L, bn.batchesTracked());
        assertEquals(1L, st.entry("bn.num_batches_tracked").counter().get());
    }

    @Test
    void evalUsesRunningStatisticsAndChangesNothing() {
        ModuleState st = new ModuleState();
        BatchNorm2d bn = new BatchNorm2d(st, "bn", C);
        bn.runningMean().copyFrom(new float[] {0.5f, -1f, 2f});
        bn.runningVar().copyFrom(new float[] {4f, 0.25f, 1f});
        bn.weight().copyFrom(new float[] {2f, 1f, -1f});
        bn.bias().copyFrom(new float[] {0f, 3f, 0.5f});
        bn.train(false);
        float[] x = input();
        float[] y = bn.forward(Tensor.of(x, N, C, H, W)).toArray();
        float[] m = {0.5f, -1f, 2f}, v = {4f, 0.25f, 1f}, g = {2f, 1f, -1f}, b = {0f, 3f, 0.5f};
        for (int n = 0; n < N; n++) {
            for (int c = 0; c < C; c++) {
                for (int i = 0; i < HW; i++) {
                    int at = (n * C + c) * HW + i;
                    assertEquals((x[at] - m[c]) / Math.sqrt(v[c] + 1e-5) * g[c] + b[c], y[at], 1e-5, "y at " + at);
                }
            }
        }
        assertArrayEquals(m, bn.runningMean().toArray());
        assertArrayEquals(v, bn.runningVar().toArray());
        assertEquals(0L, bn.batchesTracked());
    }

    private static float[] input() {
        Rng rng = new Rng(3);
        float[] x = new float[N * C * HW];
        for (int i = 0; i < x.length; i++) x[i] = (float) (rng.nextGaussian() * 2 + 1);
        return x;
    }
}
