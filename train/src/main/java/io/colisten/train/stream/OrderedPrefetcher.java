package io.colisten.train.stream;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Batches 0, 1, 2, ... built ahead by background threads into a fixed set of reused buffers and
 * handed out strictly in index order. What a batch holds depends only on its index (the filler
 * derives its random stream from it), so the sequence is the same for any thread count and any
 * timing.
 *
 * <p>Buffers: {@code threads + prefetch + 1}, made up front; none is allocated afterwards. A
 * worker takes a free buffer first and only then claims the next index, so every claimed index
 * owns a buffer and the oldest one is always in progress or ready (no deadlock). At most
 * {@code buffers - 1} indices are claimed and not yet handed out, so index mod buffers names
 * their slot in the ready ring uniquely. The batch {@link #next()} returns stays valid until the
 * following call of {@code next()}, which recycles it.
 */
final class OrderedPrefetcher<T> implements AutoCloseable {
    /** Fills a buffer with batch {@code index}. */
    interface Filler<T> {
        void fill(T buffer, long index) throws Exception;
    }

    private final Filler<T> filler;
    private final ArrayBlockingQueue<T> free;
    private final Object[] ring;
    private final Thread[] workers;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private long nextClaim; // guarded by lock
    private long nextOut;   // consumer only
    private final long first;
    private T held;         // consumer only
    private volatile Throwable failure;
    private volatile boolean closed;

    OrderedPrefetcher(String name, int threads, int prefetch, Supplier<T> factory, Filler<T> filler) {
        this(name, threads, prefetch, 0, factory, filler);
    }

    /** Batches {@code first}, {@code first + 1}, ... (a resumed stream). */
    OrderedPrefetcher(String name, int threads, int prefetch, long first, Supplier<T> factory, Filler<T> filler) {
        if (threads < 1) throw new IllegalArgumentException(name + ": threads must be >= 1, got " + threads);
        if (prefetch < 0) throw new IllegalArgumentException(name + ": prefetch must be >= 0, got " + prefetch);
        if (first < 0) throw new IllegalArgumentException(name + ": first batch must be >= 0, got " + first);
        this.filler = filler;
        this.first = first;
        nextClaim = first;
        nextOut = first;
        int buffers = threads + prefetch + 1;
        free = new ArrayBlockingQueue<>(buffers);
        for (int i = 0; i < buffers; i++) free.add(factory.get());
        ring = new Object[buffers];
        workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(this::work, name + "-" + t);
            workers[t].setDaemon(true);
            workers[t].start();
        }
    }

    private void work() {
        try {
            while (!closed) {
                T buffer = free.take();
                long k;
                lock.lock();
                try {
                    k = nextClaim++;
                } finally {
                    lock.unlock();
                }
                filler.fill(buffer, k);
                lock.lock();
                try {
                    ring[(int) (k % ring.length)] = buffer;
                    ready.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            // closing
        } catch (Throwable e) {
            lock.lock();
            try {
                if (failure == null) failure = e;
                ready.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** The next batch in index order (waits for it); the previous one is recycled. */
    @SuppressWarnings("unchecked")
    T next() {
        if (closed) throw new IllegalStateException("stream is closed");
        if (held != null) {
            free.add(held);
            held = null;
        }
        int slot = (int) (nextOut % ring.length);
        lock.lock();
        try {
            while (ring[slot] == null) {
                if (failure != null) throw new IllegalStateException("batch stream failed (waiting for batch " + nextOut + "): " + failure, failure);
                ready.awaitUninterruptibly();
            }
            held = (T) ring[slot];
            ring[slot] = null;
        } finally {
            lock.unlock();
        }
        nextOut++;
        return held;
    }

    /** Batches handed out so far (by this prefetcher: a resumed one does not count the skipped ones). */
    long handedOut() {
        return nextOut - first;
    }

    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) w.interrupt();
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
