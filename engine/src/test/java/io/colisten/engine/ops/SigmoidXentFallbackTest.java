package io.colisten.engine.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.colisten.engine.Backend;
import io.colisten.engine.Tensor;
import io.colisten.engine.cpu.CpuBackend;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/**
 * Backend's default (host round-trip) binary cross-entropy, which a backend without its own kernel
 * inherits, against the CPU backend's in-place override: bit-identical (the same kernel runs).
 * The default is reached through a proxy that forwards everything else to the CPU backend.
 */
class SigmoidXentFallbackTest {
    @Test
    void defaultMethodsMatchTheCpuOverride() {
        CpuBackend cpu = CpuBackend.instance();
        InvocationHandler h = (proxy, m, args) -> m.isDefault() && m.getName().startsWith("sigmoidXent")
                ? InvocationHandler.invokeDefault(proxy, m, args) : m.invoke(cpu, args);
        Backend fallback = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class}, h);
        float[] z = {-3f, -0.5f, 0f, 0.25f, 2f, 40f}, y = {0f, 1f, 0.5f, 1f, 0f, 1f}, g = {1f, 2f, -1f, 0.5f, 3f, 1f};
        // Views at non-zero offsets into larger storages.
        Tensor zt = view(z, 2), yt = view(y, 1), gt = view(g, 3);
        Tensor a = view(new float[6], 1), b = view(new float[6], 4);
        cpu.sigmoidXentForward(a, zt, yt);
        fallback.sigmoidXentForward(b, zt, yt);
        assertArrayEquals(a.toArray(), b.toArray(), 0f);
        Tensor da = view(new float[] {1, 1, 1, 1, 1, 1}, 0), db = view(new float[] {1, 1, 1, 1, 1, 1}, 5);
        cpu.sigmoidXentBackward(da, gt, zt, yt);
        fallback.sigmoidXentBackward(db, gt, zt, yt);
        assertArrayEquals(da.toArray(), db.toArray(), 0f);
    }

    private static Tensor view(float[] values, int offset) {
        float[] padded = new float[values.length + offset + 3];
        System.arraycopy(values, 0, padded, offset, values.length);
        Tensor whole = Tensor.of(padded, padded.length);
        return new Tensor(whole.backend(), whole.storage(), offset, new int[] {values.length});
    }
}
