package io.colisten.nn.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.colisten.engine.Device;
import io.colisten.engine.StepScope;
import io.colisten.engine.Tensor;
import io.colisten.engine.ops.Ops;
import io.colisten.engine.optim.Adam;
import io.colisten.engine.random.Rng;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.nn.models.ModelConfig;
import io.colisten.nn.models.Models;

/**
 * Two training steps of a whole network (SmallCNN, ResNet-18) on a target device against the same
 * network on the CPU: same seed, same batch, loss = -mean(embedding . fixed target) (a stand-in for
 * the real losses, which LossOps tests cover op by op), backward, Adam. Losses agree within 1e-4
 * and every parameter and buffer within 1e-3 relative. Small windows (112 x 16) keep the CPU side
 * to a second or two. Subclasses name the device: CUDA (skipped without a GPU) or a second CPU.
 */
abstract class NetworkStepParityCases {
    static final int N = 2, T = 112, F = 16;

    abstract Device target();

    /** Steps to compare (the CPU harness takes one: its job is to catch device assumptions, and the JIT dominates). */
    int steps() {
        return 2;
    }

    @ParameterizedTest
    @ValueSource(strings = {"smallcnn", "resnet18"})
    void stepsMatchTheCpu(String name) {
        Device dev = target();
        org.junit.jupiter.api.Assumptions.assumeTrue(runs(name), name + " is left to the GPU run");
        ModelConfig c = ModelConfig.of(name), small = new ModelConfig(c.name(), c.embeddingSize(), c.width(), T, F);
        EmbeddingNetwork cpu = Models.create(small, 9), other = Models.create(small, 9, dev);
        Rng rng = new Rng(4);
        float[] x = new float[N * T * F], target = new float[N * c.embeddingSize()];
        for (int i = 0; i < x.length; i++) x[i] = (float) (rng.nextGaussian() * 2 - 3);
        for (int i = 0; i < target.length; i++) target[i] = (float) rng.nextGaussian();
        Adam ca = new Adam(cpu.parameters(), 1e-3f, 0.9f, 0.999f, 1e-8f, 0f);
        Adam oa = new Adam(other.parameters(), 1e-3f, 0.9f, 0.999f, 1e-8f, 0f);
        for (int s = 0; s < steps(); s++) {
            float a = step(cpu, ca, Device.CPU, x, target), b = step(other, oa, dev, x, target);
            assertTrue(Math.abs(a - b) <= 1e-4 * (1 + Math.abs(a)), name + " step " + s + " loss: CPU " + a + ", " + dev + " " + b);
        }
        compare(name, dev, cpu.parameters().parameters(), other.parameters().parameters());
        compare(name, dev, cpu.parameters().buffers(), other.parameters().buffers());
    }

    /** Whether this target runs network {@code name}. */
    boolean runs(String name) {
        return true;
    }

    private static float step(EmbeddingNetwork net, Adam adam, Device dev, float[] x, float[] target) {
        try (StepScope s = StepScope.open()) {
            net.train(true);
            net.parameters().zeroGrad();
            Tensor y = net.embed(Tensor.of(dev, x, N, 1, T, F));
            Tensor t = Tensor.of(dev, target, y.shape());
            Tensor loss = Ops.scale(Ops.sum(Ops.mul(y, t)), -1f / N);
            float value = loss.item();
            loss.backward();
            adam.step();
            return value;
        }
    }

    private static void compare(String name, Device dev, Map<String, Tensor> want, Map<String, Tensor> got) {
        for (var e : want.entrySet()) {
            float[] w = e.getValue().toArray(), g = got.get(e.getKey()).toArray();
            for (int i = 0; i < w.length; i++) {
                assertTrue(Math.abs(w[i] - g[i]) <= 1e-3 * (1 + Math.abs(w[i])),
                        name + " " + e.getKey() + "[" + i + "]: CPU " + w[i] + ", " + dev + " " + g[i]);
            }
        }
    }
}
