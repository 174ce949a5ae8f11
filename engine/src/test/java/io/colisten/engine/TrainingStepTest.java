package io.colisten.engine;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole training steps on {@link TinyConvNet}: learning, reproducibility, and heap allocation. */
class TrainingStepTest {
    /**
     * Bytes a steady-state step may allocate, over all threads. What remains is a few small objects
     * per op (the output tensor, its shape, the tape node) and the parallel framework's tasks;
     * activation and gradient memory (tens of KB here, megabytes in the real net) come from the pool.
     */
    static final long MAX_BYTES_PER_STEP = 64 * 1024;

    @Test
    void lossDecreasesWithAdam() {
        TinyConvNet net = new TinyConvNet(7);
        float first = net.step();
        float last = first;
        for (int i = 0; i < 30; i++) last = net.step();
        assertTrue(last < first * 0.8f, "loss " + first + " -> " + last);
    }

    @Test
    void sameSeedGivesBitIdenticalParametersAfterAdamSteps() {
        TinyConvNet a = new TinyConvNet(42), b = new TinyConvNet(42), c = new TinyConvNet(43);
        for (int i = 0; i < 4; i++) {
            float la = a.step(), lb = b.step();
            c.step();
            assertEquals(Float.floatToRawIntBits(la), Float.floatToRawIntBits(lb), "loss at step " + i);
        }
        for (Map.Entry<String, Tensor> e : a.params.parameters().entrySet()) {
            Tensor other = b.params.get(e.getKey());
            assertTrue(bitEqual(e.getValue().toArray(), other.toArray()), e.getKey());
            assertTrue(bitEqual(a.adam.secondMoment(e.getKey()).toArray(), b.adam.secondMoment(e.getKey()).toArray()));
        }
        for (String buf : a.params.buffers().keySet()) {
            assertTrue(bitEqual(a.params.get(buf).toArray(), b.params.get(buf).toArray()), buf);
        }
        assertFalse(bitEqual(a.params.get("conv1.weight").toArray(), c.params.get("conv1.weight").toArray()),
                "a different seed gives different weights");
        assertEquals(4, a.adam.stepCount());
    }

    /**
     * Measured with getTotalThreadAllocatedBytes, which counts every thread (terminated ones too),
     * so work the kernels hand to the pool's workers is included; the test thread's JUnit machinery
     * is idle while the loop runs. Vector API code allocates its vectors until C2 has compiled it,
     * so "after warm-up" is measured, not assumed: blocks of steps run until one block stays under
     * the bound (the JIT has settled), failing if none does within 30 s.
     */
    @Test
    void steadyStateStepAllocatesAlmostNothing() {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);
        TinyConvNet net = new TinyConvNet(1);
        net.step(); // fills the pool
        Backend be = Device.CPU.backend();
        long created = be.pooledBuffersCreated();
        int block = 20;
        long perStep = Long.MAX_VALUE, deadline = System.nanoTime() + 30_000_000_000L;
        StringBuilder history = new StringBuilder();
        while (perStep >= MAX_BYTES_PER_STEP && System.nanoTime() < deadline) {
            long before = mx.getTotalThreadAllocatedBytes();
            for (int i = 0; i < block; i++) net.step();
            perStep = (mx.getTotalThreadAllocatedBytes() - before) / block;
            history.append(perStep).append(' ');
        }
        System.out.println("bytes per step, blocks of " + block + " steps: " + history);
        assertEquals(created, be.pooledBuffersCreated(), "steady-state steps must reuse pooled buffers");
        assertTrue(perStep < MAX_BYTES_PER_STEP, perStep + " bytes per step after warm-up; history " + history);
        // For scale: the step's largest activations alone (all pooled) outweigh the bound.
        assertTrue(activationBytes() > MAX_BYTES_PER_STEP, "test net too small to be meaningful");
    }

    private static long activationBytes() {
        // conv1 out, bn1, relu1, pool, conv2, bn2, relu2: the big ones, counted once each.
        long n = TinyConvNet.N;
        long conv1 = n * 4 * 20 * 16, pool = n * 4 * 9 * 15, conv2 = n * 8 * 9 * 15;
        return 4 * (3 * conv1 + pool + 3 * conv2);
    }

    private static boolean bitEqual(float[] a, float[] b) {
        if (a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) return false;
        return true;
    }
}
