package io.colisten.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import io.colisten.engine.Backend;
import io.colisten.engine.IndexBuffer;
import io.colisten.engine.Tensor;
import io.colisten.engine.cpu.CpuBackend;
import io.colisten.engine.cpu.CpuIndexBuffer;

/**
 * Helpers for running one Backend method on the CPU backend (the reference) and on a target backend
 * with the same inputs, and comparing the outputs. Tolerances: |target - cpu| <= tol (1 + |cpu|).
 */
final class BackendParity {
    final Backend cpu = CpuBackend.instance();
    final Backend target;
    final SplittableRandom rng;

    BackendParity(Backend target, long seed) {
        this.target = target;
        this.rng = new SplittableRandom(seed);
    }

    /** The CPU backend for i = 0, the target for i = 1. */
    Backend pick(int i) {
        return i == 0 ? cpu : target;
    }

    /** The same values on the CPU ([0]) and on the target ([1]), viewed at a non-zero offset. */
    Tensor[] pair(float[] values, int... shape) {
        return new Tensor[] {on(cpu, values, shape), on(target, values, shape)};
    }

    Tensor[] random(int... shape) {
        return pair(values(size(shape)), shape);
    }

    /** Positive values in [0.5, 1.5) (variances, norms). */
    Tensor[] positive(int... shape) {
        float[] v = new float[size(shape)];
        for (int i = 0; i < v.length; i++) v[i] = 0.5f + (float) rng.nextDouble();
        return pair(v, shape);
    }

    /** Per-channel vectors at offset 0 (the CPU batch-norm kernels take them without an offset). */
    Tensor[] channel(float[] values) {
        int c = values.length;
        Tensor a = new Tensor(cpu, cpu.allocate(c), 0, new int[] {c}).copyFrom(values);
        Tensor b = new Tensor(target, target.allocate(c), 0, new int[] {c}).copyFrom(values);
        return new Tensor[] {a, b};
    }

    Tensor[] channelRandom(int c) {
        return channel(values(c));
    }

    Tensor[] channelPositive(int c) {
        float[] v = new float[c];
        for (int i = 0; i < c; i++) v[i] = 0.5f + (float) rng.nextDouble();
        return channel(v);
    }

    Tensor[] channelZeros(int c) {
        return channel(new float[c]);
    }

    Tensor[] zeros(int... shape) {
        return pair(new float[size(shape)], shape);
    }

    float[] values(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (2 * rng.nextDouble() - 1);
        return v;
    }

    static int size(int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    private static final int OFFSET = 3;

    static Tensor on(Backend b, float[] values, int... shape) {
        Tensor t = new Tensor(b, b.allocate(values.length + OFFSET), OFFSET, shape.clone());
        t.copyFrom(values);
        return t;
    }

    IndexBuffer[] indices(int[] values) {
        IndexBuffer c = cpu.allocateIndex(values.length), t = target.allocateIndex(values.length);
        cpu.uploadIndex(c, 0, values, 0, values.length);
        target.uploadIndex(t, 0, values, 0, values.length);
        return new IndexBuffer[] {c, t};
    }

    IndexBuffer[] indexBuffers(int n) {
        return new IndexBuffer[] {cpu.allocateIndex(n), target.allocateIndex(n)};
    }

    static int[] read(IndexBuffer b, int n) {
        if (b instanceof CpuIndexBuffer c) return java.util.Arrays.copyOf(c.data(), n);
        return ((CudaBackend) b.device().backend()).downloadIndex(b, n);
    }

    static void close(String what, Tensor[] pair, double tol) {
        float[] want = pair[0].toArray(), got = pair[1].toArray();
        assertEquals(want.length, got.length, what + ": sizes");
        for (int i = 0; i < want.length; i++) {
            double err = Math.abs(got[i] - want[i]);
            if (!(err <= tol * (1 + Math.abs(want[i])))) {
                throw new AssertionError(what + ": element " + i + " is " + got[i] + ", CPU " + want[i] + " (tolerance "
                        + tol + " relative)");
            }
        }
    }

    static void same(String what, IndexBuffer[] pair, int n) {
        assertArrayEquals(read(pair[0], n), read(pair[1], n), what);
    }

    /** Runs op on the CPU tensors ([0] of each pair) and then on the target's ([1]). */
    static void both(java.util.function.IntConsumer op) {
        op.accept(0);
        op.accept(1);
    }
}
