package io.colisten.engine.optim;

import io.colisten.engine.Tensor;
import io.colisten.engine.param.ParameterSet;
import io.colisten.engine.random.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Adam over a parameter set against PyTorch's update written out in double precision (bias
 * correction, step from 1, AdamW decay), over a few steps with changing gradients. Tolerance
 * |a - b| <= 1e-6 + 1e-5 |ref| on parameters and both moments.
 */
class AdamTest {
    @ParameterizedTest(name = "weightDecay={0}")
    @ValueSource(floats = {0f, 0.05f})
    void matchesPyTorchUpdate(float weightDecay) {
        float lr = 1e-2f, b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
        ParameterSet ps = new ParameterSet();
        Tensor w = ps.parameter("layer.weight", 3, 7), b = ps.parameter("layer.bias", 5);
        Rng rng = new Rng(3);
        Tensor[] params = {w, b};
        double[][] p = new double[2][], m = new double[2][], v = new double[2][];
        for (int i = 0; i < 2; i++) {
            float[] init = randn(rng, params[i].size());
            params[i].copyFrom(init);
            p[i] = toDouble(init);
            m[i] = new double[init.length];
            v[i] = new double[init.length];
        }
        Adam adam = new Adam(ps, lr, b1, b2, eps, weightDecay);
        for (int t = 1; t <= 5; t++) {
            ps.zeroGrad();
            for (int i = 0; i < 2; i++) {
                float[] g = randn(rng, params[i].size());
                params[i].grad().copyFrom(g);
                double bc1 = 1 - Math.pow(b1, t), bc2 = 1 - Math.pow(b2, t);
                for (int j = 0; j < g.length; j++) {
                    m[i][j] = b1 * m[i][j] + (1 - b1) * g[j];
                    v[i][j] = b2 * v[i][j] + (1 - b2) * g[j] * g[j];
                    p[i][j] *= 1 - lr * weightDecay;
                    p[i][j] -= lr * (m[i][j] / bc1) / (Math.sqrt(v[i][j] / bc2) + eps);
                }
            }
            adam.step();
        }
        assertEquals(5, adam.stepCount());
        String[] names = {"layer.weight", "layer.bias"};
        for (int i = 0; i < 2; i++) {
            close(names[i], params[i].toArray(), p[i]);
            close(names[i] + " exp_avg", adam.firstMoment(names[i]).toArray(), m[i]);
            close(names[i] + " exp_avg_sq", adam.secondMoment(names[i]).toArray(), v[i]);
        }
    }

    private static float[] randn(Rng rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rng.nextGaussian();
        return v;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }

    private static void close(String what, float[] ours, double[] ref) {
        for (int i = 0; i < ref.length; i++) {
            assertTrue(Math.abs(ours[i] - ref[i]) <= 1e-6 + 1e-5 * Math.abs(ref[i]),
                    what + " differs at " + i + ": " + ours[i] + " vs " + ref[i]);
        }
    }
}
