package io.colisten.engine;

import io.colisten.engine.cpu.CpuBackend;
import io.colisten.engine.ops.Ops;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input is refused before anything is computed: an IllegalArgumentException whose message
 * names the op and the shapes (or devices), no tape entry, inputs untouched.
 */
class BadInputTest {
    private static final Device OTHER = new Device("cpu", 1);

    static {
        Backends.register(new CpuBackend(OTHER));
    }

    private static Tensor t(int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = i * 0.5f - 1f;
        return Tensor.of(v, shape).requiresGrad(true);
    }

    /** Runs {@code call}, expects the exception, checks the message and that nothing was recorded. */
    private static void refused(Executable call, String... mentions) {
        int tape = Graph.tapeSize();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), "message '" + e.getMessage() + "' should mention '" + m + "'");
        }
        assertEquals(tape, Graph.tapeSize(), "nothing recorded");
    }

    @Test
    void mismatchedShapes() {
        Tensor a = t(2, 3), b = t(3, 2);
        float[] before = a.toArray();
        refused(() -> Ops.add(a, b), "add", "[2, 3]", "[3, 2]");
        refused(() -> Ops.mul(a, t(2, 3, 1)), "mul", "[2, 3]", "[2, 3, 1]");
        refused(() -> Ops.matmul(a, t(2, 4)), "matmul", "[2, 3]", "[2, 4]");
        refused(() -> Ops.matmul(a, t(4, 3), false, false), "matmul", "[4, 3]");
        refused(() -> Ops.linear(t(5, 7), t(3, 6), null), "linear", "[5, 7]", "[3, 6]");
        refused(() -> Ops.linear(t(5, 7), t(3, 7), t(4)), "linear", "bias", "[4]");
        refused(() -> Ops.addRowBias(t(5, 7), t(5)), "addRowBias", "[5, 7]", "[5]");
        refused(() -> Ops.addChannelBias(t(2, 3, 4, 4), t(4)), "addChannelBias", "[2, 3, 4, 4]");
        refused(() -> Ops.reshape(t(2, 3), 4, 2), "reshape", "[2, 3]", "[4, 2]");
        refused(() -> Ops.reshape(t(2, 3), -1, 4), "reshape", "[2, 3]");
        Tensor scalar = Ops.sum(t(3));
        refused(() -> Ops.softmax(scalar), "softmax", "rank >= 1", "[]");
        refused(() -> Ops.linear(scalar, t(2, 1), null), "linear", "[]");
        assertArrayEquals(before, a.toArray());
    }

    @Test
    void convAndPoolGeometry() {
        refused(() -> Ops.conv2d(t(1, 3, 8, 8), t(4, 2, 3, 3), null, 1, 1, 0, 0, 1), "conv2d", "[1, 3, 8, 8]", "[4, 2, 3, 3]");
        refused(() -> Ops.conv2d(t(1, 4, 8, 8), t(6, 2, 3, 3), null, 1, 1, 0, 0, 3), "conv2d", "groups=3");
        refused(() -> Ops.conv2d(t(1, 1, 4, 4), t(2, 1, 7, 5), null, 1, 1, 0, 0, 1), "conv2d", "[2, 1, 7, 5]", "larger");
        refused(() -> Ops.conv2d(t(1, 1, 8, 8), t(2, 1, 3, 3), null, 0, 1, 0, 0, 1), "conv2d", "stride 0x1");
        refused(() -> Ops.conv2d(t(1, 1, 8, 8), t(2, 1, 3, 3), null, 1, 1, -1, 0, 1), "conv2d", "padding -1x0");
        refused(() -> Ops.conv2d(t(1, 1, 8, 8), t(2, 1, 3, 3), t(3), 1, 1, 0, 0, 1), "conv2d", "bias", "[3]");
        refused(() -> Ops.conv2d(t(8, 8), t(2, 1, 3, 3), null, 1, 1, 0, 0, 1), "conv2d", "rank 4", "[8, 8]");
        refused(() -> Ops.maxPool2d(t(1, 2, 3, 3), 4, 4, 1, 1, 0, 0), "maxPool2d", "[1, 2, 3, 3]", "4x4");
        refused(() -> Ops.maxPool2d(t(1, 2, 6, 6), 2, 2, 0, 2, 0, 0), "maxPool2d", "stride 0x2");
        refused(() -> Ops.globalAvgPool(t(2, 3)), "globalAvgPool", "[2, 3]");
    }

    @Test
    void batchNormArguments() {
        Tensor x = t(2, 3, 4, 4);
        refused(() -> Ops.batchNorm2d(x, t(4), t(3), null, null, true, 0.1f, 1e-5f), "batchNorm2d", "gamma", "[4]");
        refused(() -> Ops.batchNorm2d(x, null, null, null, null, false, 0.1f, 1e-5f), "batchNorm2d", "running", "[2, 3, 4, 4]");
        refused(() -> Ops.batchNorm2d(x, null, null, null, null, true, 0.1f, 0f), "batchNorm2d", "eps");
    }

    @Test
    void zeroOrNegativeSizes() {
        refused(() -> Tensor.zeros(3, 0), "zeros", "[3, 0]");
        refused(() -> Tensor.zeros(-2, 4), "zeros", "[-2, 4]");
        refused(() -> Tensor.of(new float[5], 2, 3), "tensor.of", "[2, 3]");
        refused(() -> Ops.reshape(t(2, 3), 6, 0), "reshape", "[6, 0]");
    }

    @Test
    void wrongDevices() {
        Tensor a = t(2, 3), b = Tensor.zeros(OTHER, 2, 3).requiresGrad(true);
        assertEquals(OTHER, b.device());
        refused(() -> Ops.add(a, b), "add", "cpu", "cpu:1", "[2, 3]");
        refused(() -> Ops.linear(t(4, 3), Tensor.zeros(OTHER, 5, 3), null), "linear", "cpu:1");
        refused(() -> Ops.conv2d(t(1, 1, 5, 5), t(2, 1, 3, 3), Tensor.zeros(OTHER, 2), 1, 1, 0, 0, 1), "conv2d", "cpu:1");
        if (!io.colisten.kernels.cuda.CudaProbe.probe().usable()) {
            refused(() -> new Device("cuda", 0).backend(), "cuda:0", "no usable CUDA GPU");
        }
        assertEquals(b, b.to(OTHER), "to() the same device is a no-op");
        Tensor moved = b.to(Device.CPU);
        assertEquals(Device.CPU, moved.device());
        assertArrayEquals(b.toArray(), moved.toArray());
    }

    @Test
    void backwardNeedsAScalarWithHistory() {
        Tensor notScalar = Ops.relu(t(2, 2));
        refused(notScalar::backward, "backward", "[2, 2]");
        refused(() -> Tensor.scalar(1f).backward(), "backward");
        Graph.clearTape();
    }
}
