package io.colisten.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad arguments: a negative size, or an array too short for offset + size (the last input is the
 * short one, so every output check has already passed), must throw IllegalArgumentException naming
 * the op and the sizes, before anything is written.
 */
class SmallKernelChecksTest {
    private static final int N = 40;
    /** Outputs, filled with 7 before each case so a partial write would show. */
    private static final float[] OUT = new float[64], OUT2 = new float[64];
    private static final float[] IN = new float[64], SHORT = new float[N - 1];

    /** (op name the message must contain, a size or length it must contain, the call). */
    static Stream<Arguments> cases() {
        return Stream.of(
                bad("add", "-1", () -> Elementwise.add(OUT, 0, IN, 0, IN, 0, -1)),
                bad("add", "length 39", () -> Elementwise.add(OUT, 0, IN, 0, SHORT, 0, N)),
                bad("add", "offset 30", () -> Elementwise.add(OUT, 30, IN, 0, IN, 0, N)),
                bad("sub", "length 39", () -> Elementwise.sub(OUT, 0, IN, 0, SHORT, 0, N)),
                bad("mul", "-5", () -> Elementwise.mul(OUT, 0, IN, 0, IN, 0, -5)),
                bad("scale", "length 39", () -> Elementwise.scale(OUT, 0, SHORT, 0, 2f, N)),
                bad("axpy", "length 39", () -> Elementwise.axpy(OUT, 0, 2f, SHORT, 0, N)),
                bad("mulAdd", "length 39", () -> Elementwise.mulAdd(OUT, 0, IN, 0, SHORT, 0, N)),
                bad("fill", "-2", () -> Elementwise.fill(OUT, 0, 1f, -2)),
                bad("copy", "length 39", () -> Elementwise.copy(OUT, 0, SHORT, 0, N)),
                bad("copy", "offset -1", () -> Elementwise.copy(OUT, 0, IN, -1, 3)),
                bad("addRowBias", "length 39", () -> Elementwise.addRowBias(OUT, 0, SHORT, 0, 1, N)),
                bad("addRowBias", "-3", () -> Elementwise.addRowBias(OUT, 0, IN, 0, -3, 2)),
                bad("addChannelBias", "length 39", () -> Elementwise.addChannelBias(OUT, 0, SHORT, 0, 1, N, 1)),
                bad("addChannelBias", "80", () -> Elementwise.addChannelBias(OUT, 0, IN, 0, 2, 4, 10)),
                bad("sum", "-1", () -> Reduce.sum(IN, 0, -1)),
                bad("dot", "length 39", () -> Reduce.dot(IN, 0, SHORT, 0, N)),
                bad("sumColumns", "length 39", () -> Reduce.sumColumns(OUT, 0, SHORT, 0, 1, N)),
                bad("sumColumns", "-4", () -> Reduce.sumColumns(OUT, 0, IN, 0, 2, -4)),
                bad("sumChannels", "length 39", () -> Reduce.sumChannels(OUT, 0, SHORT, 0, 1, 2, 20)),
                bad("sumChannels", "-1", () -> Reduce.sumChannels(OUT, 0, IN, 0, 1, 2, -1)),
                bad("reluForward", "length 39", () -> Activations.reluForward(OUT, 0, SHORT, 0, N)),
                bad("reluBackward", "length 39", () -> Activations.reluBackward(OUT, 0, IN, 0, SHORT, 0, N)),
                bad("reluBackward", "-1", () -> Activations.reluBackward(OUT, 0, IN, 0, IN, 0, -1)),
                bad("softmaxRows", "length 39", () -> Softmax.softmaxRows(OUT, 0, SHORT, 0, 4, 10)),
                bad("softmaxRows", "-10", () -> Softmax.softmaxRows(OUT, 0, IN, 0, 4, -10)),
                bad("logSoftmaxRows", "length 39", () -> Softmax.logSoftmaxRows(OUT, 0, SHORT, 0, 2, 20)),
                bad("softmaxBackward", "length 39", () -> Softmax.softmaxBackward(OUT, 0, IN, 0, SHORT, 0, 4, 10)),
                bad("logSoftmaxBackward", "length 39", () -> Softmax.logSoftmaxBackward(OUT, 0, IN, 0, SHORT, 0, 4, 10)),
                bad("l2normalize.forward", "length 39", () -> L2Normalize.forward(OUT, 0, OUT2, 0, SHORT, 0, 4, 10, 1e-12f)),
                bad("l2normalize.forward", "-4", () -> L2Normalize.forward(OUT, 0, OUT2, 0, IN, 0, -4, 10, 1e-12f)),
                bad("l2normalize.backward", "length 39",
                        () -> L2Normalize.backward(OUT, 0, IN, 0, IN, 0, SHORT, 0, 40, 1, 1e-12f)),
                bad("adam.step", "length 39",
                        () -> Adam.step(OUT, 0, IN, 0, OUT2, 0, SHORT, 0, N, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 1)),
                bad("adam.step", "-1", () -> Adam.step(OUT, 0, IN, 0, OUT2, 0, IN, 0, -1, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 1)));
    }

    private static Arguments bad(String op, String size, Executable call) {
        return Arguments.of(op, size, call);
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("cases")
    void rejectsBeforeWriting(String op, String size, Executable call) {
        java.util.Arrays.fill(OUT, 7f);
        java.util.Arrays.fill(OUT2, 7f);
        java.util.Arrays.fill(IN, 1f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        String msg = e.getMessage();
        assertTrue(msg.startsWith(op + ":"), "message names the op: " + msg);
        assertTrue(msg.contains(size), "message names the size " + size + ": " + msg);
        float[] sevens = new float[64];
        java.util.Arrays.fill(sevens, 7f);
        assertArrayEquals(sevens, OUT, "nothing written before the check");
        assertArrayEquals(sevens, OUT2, "nothing written before the check");
    }
}
