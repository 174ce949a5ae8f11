package io.colisten.kernels.cpu;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Once C2 has compiled a kernel, a call allocates nothing: the Vector API boxes a vector on the heap
 * whenever C2 fails to inline a call that passes one (softmax forward once allocated 96 bytes per
 * row that way). Each kernel runs in batches on a small serial shape until a whole batch allocates
 * nothing; one that still allocates after the deadline fails. Interpreted and C1 code allocate, so
 * the first batches always do.
 */
class SteadyStateAllocationTest {
    private static final int ROWS = 6, COLS = 40, N = ROWS * COLS, BATCH = 2000;
    private static final long DEADLINE_NANOS = 30_000_000_000L;
    private static final float[] A = new float[N], B = new float[N], OUT = new float[N], M = new float[N],
            V = new float[N], NORMS = new float[ROWS];
    private static final int[] CHOICE = {5, 4, 3, 2, 1, 0};

    static {
        for (int i = 0; i < N; i++) {
            A[i] = (float) Math.sin(i);
            B[i] = (float) Math.cos(i) + 1.5f;
        }
    }

    static Stream<Arguments> kernels() {
        return Stream.of(
                k("softmaxRows", () -> Softmax.softmaxRows(OUT, 0, A, 0, ROWS, COLS)),
                k("logSoftmaxRows", () -> Softmax.logSoftmaxRows(OUT, 0, A, 0, ROWS, COLS)),
                k("softmaxBackward", () -> Softmax.softmaxBackward(OUT, 0, A, 0, B, 0, ROWS, COLS)),
                k("logSoftmaxBackward", () -> Softmax.logSoftmaxBackward(OUT, 0, A, 0, A, 0, ROWS, COLS)),
                k("l2normalize.forward", () -> L2Normalize.forward(OUT, 0, NORMS, 0, B, 0, ROWS, COLS, 1e-12f)),
                k("l2normalize.backward", () -> L2Normalize.backward(OUT, 0, A, 0, B, 0, NORMS, 0, ROWS, COLS, 1e-12f)),
                k("sum+dot", () -> OUT[0] = Reduce.sum(A, 1, N - 1) + Reduce.dot(A, 0, B, 0, N)),
                k("sumColumns+sumChannels", () -> {
                    Reduce.sumColumns(OUT, 0, A, 0, ROWS, COLS);
                    Reduce.sumChannels(OUT, 0, A, 0, 2, 3, COLS);
                }),
                k("adam", () -> Adam.step(M, 0, A, 0, OUT, 0, V, 0, N, 1e-4f, 0.9f, 0.999f, 1e-8f, 0.01f, 7)),
                k("tripletMargin", () -> {
                    TripletMargin.squaredDistances(OUT, 0, A, 0, ROWS, B, 0, ROWS, COLS);
                    TripletMargin.forward(NORMS, 0, A, 0, B, 0, A, 0, CHOICE, 0, ROWS, ROWS, COLS, 0.5f);
                    TripletMargin.backward(OUT, 0, M, 0, V, 0, B, 0, NORMS, 0, A, 0, B, 0, A, 0, CHOICE, 0, ROWS, ROWS, COLS);
                }),
                k("elementwise", () -> {
                    Elementwise.add(OUT, 0, A, 0, B, 0, N);
                    Elementwise.axpy(OUT, 0, 0.5f, A, 0, N);
                    Elementwise.addChannelBias(OUT, 0, B, 0, 2, 3, COLS);
                    Activations.reluBackward(OUT, 0, A, 0, B, 0, N);
                }));
    }

    private static Arguments k(String name, Runnable call) {
        return Arguments.of(name, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void compiledCallsAllocateNothing(String name, Runnable call) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long last = -1;
        while (System.nanoTime() - start < DEADLINE_NANOS) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < BATCH; i++) call.run();
            last = threads.getCurrentThreadAllocatedBytes() - before;
            if (last == 0) return;
        }
        fail(name + ": still allocating " + last + " bytes per batch of " + BATCH + " calls after "
                + DEADLINE_NANOS / 1e9 + " s");
    }
}
