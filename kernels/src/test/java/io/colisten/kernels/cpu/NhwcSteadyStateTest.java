package io.colisten.kernels.cpu;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Once C2 has compiled them, the channels-last inference kernels allocate nothing (a vector boxed
 * across a call that C2 did not inline would allocate on every call). Small shapes, so batches are
 * cheap. (Tests run with -XX:-TieredCompilation like the launcher; under tiered compilation a kernel
 * too large for C1's register allocator can stay in tier-2 code running the Vector API's Java
 * fallback, which this test would not see: notes/mobile.md.)
 */
class NhwcSteadyStateTest {
    private static final long DEADLINE_NANOS = 20_000_000_000L;
    private static final int L = ChannelsLast.L, BATCH = 300;

    @Test
    void compiledCallsAllocateNothing() {
        int h = 12, w = 10, cp = 2 * L, oh = 6, ow = 10;
        float[] pin = new float[(h + 2) * (w + 2)], stemW = new float[9 * cp], bias = new float[8 * L];
        float[] plane = new float[(oh + 2) * (ow + 2) * cp], dense = new float[oh * ow * cp], dense2 = new float[oh * ow * 4 * L];
        float[] dwW = new float[9 * cp], pwW = new float[NhwcPointwise.packedSize(cp, 4 * L)];
        float[] pooled = new float[3 * 5 * 4 * L], scratch = new float[ow * 4 * L], feats = new float[4 * L];
        java.util.Arrays.fill(pin, 0.5f);
        Runnable call = () -> {
            NhwcStemConv.forward(plane, (ow + 2) * cp + cp, (ow + 2) * cp, pin, 0, w + 2, oh, ow, 3, 3, 2, 1, cp, stemW, 0, bias, 0, true);
            NhwcStemConv.forward(dense, 0, ow / 2 * cp, pin, 0, w + 2, oh, ow / 2, 3, 3, 2, 2, cp, stemW, 0, bias, 0, true);
            NhwcDepthwise3x3.forward(dense, 0, 0, ow * cp, plane, 0, 0, (ow + 2) * cp, 1, oh, ow, 1, 1, cp, dwW, 0, bias, 0, true);
            NhwcDepthwise3x3.forward(dense, 0, 0, ow / 2 * cp, plane, 0, 0, (ow + 2) * cp, 1, oh / 2, ow / 2, 2, 2, cp, dwW, 0, bias, 0, true);
            NhwcDepthwise3x3.forward(dense, 0, 0, ow * L, plane, 0, 0, (ow + 2) * L, 1, oh, ow, 1, 1, L, dwW, 0, bias, 0, true);
            NhwcPointwise.forward(dense2, 0, 0, ow * 4 * L, dense, 0, 1, oh, ow, cp, cp, pwW, 0, bias, 0, 4 * L, true);
            NhwcPointwise.forward(dense2, 0, 0, ow * 2 * L, dense, 0, 1, oh, ow, cp, cp, pwW, 0, bias, 0, 2 * L, true);
            NhwcMaxPool.forward(pooled, 0, 0, 5 * 4 * L, dense2, 0, 0, ow * 4 * L, 1, 3, 5, 2, 2, 2, 1, 4 * L, true, scratch);
            NhwcMaxPool.forward(pooled, 0, 0, 5 * 4 * L, dense2, 0, 0, ow * 4 * L, 1, 3, 5, 2, 2, 2, 2, 4 * L, false, scratch);
            NhwcMeanPool.forward(feats, 0, 4 * L, dense2, 0, 0, 1, oh * ow, 4 * L, 4 * L, scratch);
        };
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long start = System.nanoTime(), last = -1;
        while (System.nanoTime() - start < DEADLINE_NANOS) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < BATCH; i++) call.run();
            last = threads.getCurrentThreadAllocatedBytes() - before;
            if (last == 0) return;
        }
        fail("channels-last kernels: still allocating " + last + " bytes per batch of " + BATCH + " calls after "
                + DEADLINE_NANOS / 1e9 + " s");
    }
}
