package io.colisten.train.labels;

import io.colisten.train.corpus.Track;
import io.colisten.train.corpus.TracksFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads a {@code tracks.jsonl} on the calling thread (JSON parsing) and hands batches of tracks to
 * {@code threads} workers (tokenising, counting); each batch's result comes back to the calling
 * thread in file order, so a writer needs no locks and output order never depends on timing. At
 * most {@code 2 * threads + 1} batches are in flight, which bounds memory.
 */
final class TrackPipeline {
    /** The work done on one batch by one thread; a worker is used by one thread only. */
    interface Worker<R> {
        R process(List<Track> batch);
    }

    /** What a run read and where its time went (CPU seconds from the JVM's per-thread clocks). */
    record Times(long tracks, double wallSeconds, double readerCpuSeconds, double workerCpuSeconds) {}

    private static final ThreadMXBean CLOCK = ManagementFactory.getThreadMXBean();

    private TrackPipeline() {}

    /**
     * @param workers makes one worker per thread (each may hold its own buffers)
     * @param inOrder receives each batch's result, in file order, on the calling thread
     * @return tracks read, wall time, CPU time of the reading (JSON) thread and of the workers
     */
    static <R> Times run(Path tracks, int threads, int batchSize, Supplier<? extends Worker<R>> workers,
                        Consumer<R> inOrder) throws IOException {
        long wall0 = System.nanoTime();
        long reader0 = CLOCK.getCurrentThreadCpuTime();
        LongAdder workerCpu = new LongAdder();
        ThreadLocal<Worker<R>> local = ThreadLocal.withInitial(workers);
        Deque<Future<R>> pending = new ArrayDeque<>();
        int maxInFlight = 2 * threads + 1;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "labels-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            var state = new Object() {
                List<Track> batch = new ArrayList<>(batchSize);
                long read;
            };
            TracksFile.stream(tracks, t -> {
                state.batch.add(t);
                state.read++;
                if (state.batch.size() == batchSize) {
                    List<Track> full = state.batch;
                    pending.add(pool.submit(() -> timed(local.get(), full, workerCpu)));
                    state.batch = new ArrayList<>(batchSize);
                    while (pending.size() >= maxInFlight || (!pending.isEmpty() && pending.peek().isDone())) {
                        inOrder.accept(take(pending));
                    }
                }
            });
            if (!state.batch.isEmpty()) {
                List<Track> last = state.batch;
                pending.add(pool.submit(() -> timed(local.get(), last, workerCpu)));
            }
            while (!pending.isEmpty()) {
                inOrder.accept(take(pending));
            }
            return new Times(state.read, (System.nanoTime() - wall0) / 1e9,
                    (CLOCK.getCurrentThreadCpuTime() - reader0) / 1e9, workerCpu.sum() / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> R timed(Worker<R> w, List<Track> batch, LongAdder cpu) {
        long c0 = CLOCK.getCurrentThreadCpuTime();
        try {
            return w.process(batch);
        } finally {
            cpu.add(CLOCK.getCurrentThreadCpuTime() - c0);
        }
    }

    private static <R> R take(Deque<Future<R>> pending) {
        try {
            return pending.poll().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new UncheckedIOException(new IOException(c));
        }
    }
}
