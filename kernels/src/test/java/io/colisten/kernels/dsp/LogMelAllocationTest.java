package io.colisten.kernels.dsp;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Once C2 has compiled it, LogMel.compute allocates nothing (a vector passed to a call that C2 does
 * not inline would be boxed on the heap). Batches of calls run until one allocates 0 bytes; the
 * first batches run interpreted and always allocate. 1.1 s of audio per call (a full and a partial
 * block of frames).
 */
class LogMelAllocationTest {
    private static final long DEADLINE_NANOS = 30_000_000_000L;

    @Test
    void compiledComputeAllocatesNothing() {
        LogMel lm = LogMel.vggish();
        float[] x = new float[17600];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(0.1 * i);
        float[] out = new float[lm.frames(x.length) * lm.bands()];
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long start = System.nanoTime(), last = -1;
        while (System.nanoTime() - start < DEADLINE_NANOS) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 200; i++) lm.compute(out, 0, x, 0, x.length);
            last = threads.getCurrentThreadAllocatedBytes() - before;
            if (last == 0) return;
        }
        fail("LogMel.compute still allocates " + last + " bytes per 200 calls after " + DEADLINE_NANOS / 1e9 + " s");
    }
}
