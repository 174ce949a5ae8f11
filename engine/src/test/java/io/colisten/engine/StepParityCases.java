package io.colisten.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A whole training step (conv, batch norm, ReLU, max-pool, global pool, linear, l2 norm, log-softmax
 * loss, backward, Adam) on a target device against the same network on the CPU: losses and every
 * parameter and buffer after three steps agree within 1e-3 relative (fp32 rounding compounds
 * through backward and Adam, whose first steps move each weight by about lr whatever the
 * gradient's size). Subclasses name the device: CUDA (skipped without a GPU) or a second CPU.
 */
abstract class StepParityCases {
    abstract Device target();

    @Test
    void threeStepsMatchTheCpu() {
        TinyConvNet cpu = new TinyConvNet(5), other = new TinyConvNet(5, target());
        for (int s = 0; s < 3; s++) {
            float a = cpu.step(), b = other.step();
            assertTrue(Math.abs(a - b) <= 1e-4 * (1 + Math.abs(a)), "step " + s + " loss: CPU " + a + ", " + target() + " " + b);
        }
        compare(cpu.params.parameters(), other.params.parameters());
        compare(cpu.params.buffers(), other.params.buffers());
    }

    private void compare(Map<String, Tensor> want, Map<String, Tensor> got) {
        for (var e : want.entrySet()) {
            float[] w = e.getValue().toArray(), g = got.get(e.getKey()).toArray();
            for (int i = 0; i < w.length; i++) {
                assertTrue(Math.abs(w[i] - g[i]) <= 1e-3 * (1 + Math.abs(w[i])),
                        e.getKey() + "[" + i + "]: CPU " + w[i] + ", " + target() + " " + g[i]);
            }
        }
    }
}
