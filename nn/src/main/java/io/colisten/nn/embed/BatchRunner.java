package io.colisten.nn.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Embeds {@code count} items on {@code threads} threads, each taking the next item from a shared
 * counter. A failing item (any Exception) is recorded with its name and the batch goes on; an
 * Error (out of memory, ...) stops every thread and is rethrown. Results come back in input order
 * whatever the timing. Each item's work runs on one thread; the kernels it calls use the shared
 * compute pool when it is free and run inline on that thread when another thread holds it, with
 * the same partitioning, so the numbers do not depend on the thread count.
 */
public final class BatchRunner {
    /** The embedding of item {@code index}. */
    @FunctionalInterface
    public interface Task {
        float[] embed(int index) throws Exception;
    }

    /** Told of each finished item, from the thread that did it; {@code failure} is null on success. */
    @FunctionalInterface
    public interface Listener {
        void done(int index, BatchResult.Failure failure);

        Listener NONE = (index, failure) -> {};
    }

    private BatchRunner() {}

    /**
     * @param names   a display name per item (a path, an id): failures name it
     * @param threads worker threads; 1 runs everything on the calling thread
     */
    public static BatchResult run(int count, int threads, IntFunction<String> names, Task task, Listener listener) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        float[][] vectors = new float[count][];
        BatchResult.Failure[] failures = new BatchResult.Failure[count];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> fatal = new AtomicReference<>();
        Runnable worker = () -> {
            for (int i; fatal.get() == null && (i = next.getAndIncrement()) < count; ) {
                BatchResult.Failure f = null;
                try {
                    vectors[i] = task.embed(i);
                } catch (Exception e) {
                    f = failures[i] = new BatchResult.Failure(i, names.apply(i), message(names.apply(i), e));
                } catch (Throwable t) {
                    fatal.compareAndSet(null, t);
                    return;
                }
                listener.done(i, f);
            }
        };
        int n = Math.min(threads, Math.max(1, count));
        if (n == 1) {
            worker.run();
        } else {
            List<Thread> pool = new ArrayList<>(n);
            for (int t = 0; t < n; t++) {
                Thread th = new Thread(worker, "embed-" + t);
                th.setDaemon(true);
                th.start();
                pool.add(th);
            }
            boolean interrupted = false;
            for (Thread th : pool) {
                while (true) {
                    try {
                        th.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                        fatal.compareAndSet(null, new CancellationException("batch embedding interrupted"));
                    }
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
        Throwable t = fatal.get();
        if (t instanceof RuntimeException e) throw e;
        if (t instanceof Error e) throw e;
        List<BatchResult.Failure> list = new ArrayList<>();
        for (BatchResult.Failure f : failures) if (f != null) list.add(f);
        return new BatchResult(vectors, list);
    }

    /** The exception's message, prefixed with the item's name unless it already starts with it. */
    static String message(String name, Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.startsWith(name) ? m : name + ": " + m;
    }
}
