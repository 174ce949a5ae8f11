package io.colisten.kernels.dsp;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Once C2 has compiled it, process() allocates nothing: a vector passed to a call C2 does not inline
 * would be boxed on the heap once per output. Each rate pair runs batches of calls on a signal long
 * enough for both the grouped interior and the clipped edges until a whole batch allocates nothing;
 * one still allocating after the deadline fails. (Interpreted and C1 code allocate, so the first
 * batches do.)
 */
class ResamplerAllocationTest {
    private static final long DEADLINE_NANOS = 20_000_000_000L;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"44100,16000", "8000,16000", "44099,16000", "16000,16000"})
    void compiledProcessAllocatesNothing(int from, int to) {
        Resampler r = Resampler.of(from, to);
        int n = r.design() == null ? 1000 : (int) (2L * ResamplerKernel.GROUP * r.design().up() * from / to) + 2 * r.design().taps();
        if (r.design() != null && r.design().interpolated()) n = 3000;  // no grouped path: short is enough
        float[] in = ResamplerTest.random(new java.util.SplittableRandom(2), n);
        float[] out = new float[r.outputLength(n)];
        int batch = Math.max(4, 200_000 / n);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long last = -1;
        while (System.nanoTime() - start < DEADLINE_NANOS) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < batch; i++) r.process(out, 0, in, 0, n);
            last = threads.getCurrentThreadAllocatedBytes() - before;
            if (last == 0) return;
        }
        fail(r + ": still allocating " + last + " bytes per batch of " + batch + " calls after "
                + DEADLINE_NANOS / 1e9 + " s");
    }
}
