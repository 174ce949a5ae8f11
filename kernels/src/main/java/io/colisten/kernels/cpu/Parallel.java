package io.colisten.kernels.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

/**
 * The one thread pool every CPU kernel shares, sized to the machine's cores (or the system property
 * {@code colisten.threads}). Kernels split work into a fixed number of parts that depends only on the
 * problem size and {@link #threads()}, never on timing, so results are bit-identical run to run with
 * the same thread count.
 */
public final class Parallel {
    private static final int THREADS = Math.max(1,
            Integer.getInteger("colisten.threads", Runtime.getRuntime().availableProcessors()));
    private static final ForkJoinPool POOL = THREADS == 1 ? null : new ForkJoinPool(THREADS);

    private Parallel() {}

    /** Number of worker threads kernels may use. */
    public static int threads() {
        return THREADS;
    }

    /** True on one of the pool's own threads, where a nested parallel call would run inline anyway. */
    static boolean inWorker() {
        return POOL != null && Thread.currentThread() instanceof ForkJoinWorkerThread w && w.getPool() == POOL;
    }

    /** Runs {@code task.accept(i)} for i in [0, parts), in parallel; returns when all are done. */
    public static void forEach(int parts, IntConsumer task) {
        if (parts <= 0) return;
        // Nested calls from a worker run inline: the outer split already uses every core.
        if (parts == 1 || POOL == null || inWorker()) {
            for (int i = 0; i < parts; i++) task.accept(i);
            return;
        }
        POOL.invoke(new Range(task, 0, parts));
    }

    /** Splits [0, n) into at most {@link #threads()} contiguous chunks of at least {@code grain} items. */
    public static void forRange(int n, int grain, RangeTask task) {
        if (n <= 0) return;
        int parts = Math.max(1, Math.min(THREADS, n / Math.max(1, grain)));
        if (parts == 1) {
            task.run(0, n);
            return;
        }
        forEach(parts, p -> task.run((int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts)));
    }

    /** A body over the half-open range [from, to). */
    @FunctionalInterface
    public interface RangeTask {
        void run(int from, int to);
    }

    private static final class Range extends RecursiveAction {
        private final IntConsumer task;
        private final int from, to;

        Range(IntConsumer task, int from, int to) {
            this.task = task;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            if (to - from == 1) {
                task.accept(from);
                return;
            }
            int mid = (from + to) >>> 1;
            invokeAll(new Range(task, from, mid), new Range(task, mid, to));
        }
    }
}
