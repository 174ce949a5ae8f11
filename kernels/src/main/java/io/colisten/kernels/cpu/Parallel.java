package io.colisten.kernels.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The one thread pool every CPU kernel shares, sized to the machine's cores (or the system property
 * {@code colisten.threads}). Kernels split work into a fixed number of parts that depends only on the
 * problem size and {@link #threads()}, never on timing, so results are bit-identical run to run with
 * the same thread count (which thread runs a part does not matter: parts must not depend on it).
 *
 * <p>Why not a ForkJoinPool: a kernel such as SGEMM dispatches several short parallel phases per
 * call (pack a shared panel, then compute on it), and waking a parked ForkJoin worker costs tens of
 * microseconds. Here the caller runs parts itself next to {@code threads() - 1} workers, which spin
 * for a short while after each job before parking, so back-to-back phases start in about a
 * microsecond. A call made from inside a part, or while another thread holds the pool, runs its parts
 * inline on the calling thread.
 */
public final class Parallel {
    private static final int THREADS = Math.max(1,
            Integer.getInteger("colisten.threads", Runtime.getRuntime().availableProcessors()));
    /** How long an idle worker spins for the next job before parking. */
    private static final long SPIN_NANOS = 100_000;
    private static final Worker[] WORKERS = new Worker[THREADS - 1];
    /** The thread whose job the workers are serving, or null when the pool is free. */
    private static final AtomicReference<Thread> OWNER = new AtomicReference<>();
    private static volatile Job current;

    static {
        for (int i = 0; i < WORKERS.length; i++) {
            WORKERS[i] = new Worker(i + 1);
            WORKERS[i].start();
        }
    }

    private Parallel() {}

    /** Number of worker threads kernels may use. */
    public static int threads() {
        return THREADS;
    }

    /** True on a pool worker or on a thread running a job's parts, where a nested call would run inline. */
    static boolean inWorker() {
        Thread t = Thread.currentThread();
        return t instanceof Worker || OWNER.get() == t;
    }

    /** Runs {@code task.accept(i)} for i in [0, parts), in parallel; returns when all are done. */
    public static void forEach(int parts, IntConsumer task) {
        if (parts <= 0) return;
        Thread me = Thread.currentThread();
        if (parts == 1 || WORKERS.length == 0 || me instanceof Worker || !OWNER.compareAndSet(null, me)) {
            for (int i = 0; i < parts; i++) task.accept(i);
            return;
        }
        Job job = new Job(task, parts, me);
        try {
            current = job;
            for (Worker w : WORKERS) LockSupport.unpark(w);
            job.runParts();
            job.awaitDone();
        } finally {
            current = null;
            OWNER.set(null);
        }
        Throwable error = job.error.get();
        if (error instanceof RuntimeException e) throw e;
        if (error instanceof Error e) throw e;
        if (error != null) throw new RuntimeException(error);
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

    /** Chunks per thread of {@link #forRangeBalanced}. */
    static final int BALANCE = 8;

    /**
     * Splits [0, n) into up to {@link #BALANCE} x {@link #threads()} contiguous chunks of at least
     * {@code grain} items, claimed by the threads as they finish the previous one: for kernels whose
     * items write disjoint outputs (so the result does not depend on the chunks), where the threads
     * may progress at different speeds. On this shared 2-core machine a thread often gets a fraction
     * of a core for a while; with two halves the whole call then waits for the slow half, with
     * sixteen chunks the other thread takes over most of its share.
     */
    public static void forRangeBalanced(int n, int grain, RangeTask task) {
        if (n <= 0) return;
        int parts = THREADS == 1 ? 1 : Math.max(1, Math.min(THREADS * BALANCE, n / Math.max(1, grain)));
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

    /** One forEach call: parts are claimed from a counter by the caller and the workers alike. */
    private static final class Job {
        final IntConsumer task;
        final int parts;
        final Thread caller;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicReference<Throwable> error = new AtomicReference<>();

        Job(IntConsumer task, int parts, Thread caller) {
            this.task = task;
            this.parts = parts;
            this.caller = caller;
        }

        void runParts() {
            for (int i; (i = next.getAndIncrement()) < parts; ) {
                try {
                    if (error.get() == null) task.accept(i);
                } catch (Throwable t) {
                    error.compareAndSet(null, t);
                } finally {
                    if (done.incrementAndGet() == parts) LockSupport.unpark(caller);
                }
            }
        }

        void awaitDone() {
            long start = System.nanoTime();
            for (int spins = 0; done.get() < parts; spins++) {
                if (spins < 1 << 12 || System.nanoTime() - start < SPIN_NANOS) Thread.onSpinWait();
                else LockSupport.park(this);
            }
        }
    }

    private static final class Worker extends Thread {
        Worker(int index) {
            super("colisten-parallel-" + index);
            setDaemon(true);
        }

        @Override
        public void run() {
            Job last = null;
            while (true) {
                Job job = current;
                if (job == null || job == last) {
                    job = awaitJob(last);
                }
                last = job;
                job.runParts();
            }
        }

        /** Spins, then parks, until a job other than {@code last} is posted. */
        private static Job awaitJob(Job last) {
            long start = System.nanoTime();
            for (int spins = 0; ; spins++) {
                Job job = current;
                if (job != null && job != last) return job;
                if (spins < 1 << 12 || System.nanoTime() - start < SPIN_NANOS) Thread.onSpinWait();
                else LockSupport.park();
            }
        }
    }
}
