package io.colisten.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.colisten.engine.io.StateDict;

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

    /**
     * A checkpoint saved from the target device (copied through the host) loads into a fresh network
     * on the CPU and on the target with every value bit for bit; training then goes on identically.
     */
    @Test
    void checkpointsSaveFromAndLoadToTheDevice(@TempDir Path tmp) throws Exception {
        TinyConvNet trained = new TinyConvNet(6, target());
        trained.step();
        Path file = tmp.resolve("tiny.safetensors");
        StateDict.save(file, trained.params, Map.of("model", "tiny"));
        TinyConvNet onCpu = new TinyConvNet(99), onDevice = new TinyConvNet(99, target());
        StateDict.load(file, onCpu.params);
        StateDict.load(file, onDevice.params);
        for (var e : trained.params.parameters().entrySet()) {
            float[] want = e.getValue().toArray();
            assertArrayEquals(want, onCpu.params.get(e.getKey()).toArray(), e.getKey() + " on cpu");
            assertArrayEquals(want, onDevice.params.get(e.getKey()).toArray(),
                    e.getKey() + " on " + target());
        }
        for (var e : trained.params.buffers().entrySet()) {
            assertArrayEquals(e.getValue().toArray(),
                    onDevice.params.get(e.getKey()).toArray(), e.getKey() + " on " + target());
        }
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
