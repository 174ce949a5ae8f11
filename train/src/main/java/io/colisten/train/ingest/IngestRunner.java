package io.colisten.train.ingest;

import io.colisten.nn.audio.FrameSource;
import io.colisten.nn.audio.RecordingFrames;
import io.colisten.train.progress.Progress;
import io.colisten.train.store.FeatureStoreWriter;
import io.colisten.train.store.HalfFrames;
import io.colisten.train.store.StoreEntry;
import io.colisten.train.store.StoreManifest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Ingest: decode and turn recordings into log-mel frames on {@code threads} workers (one
 * FrameSource each), and append them to the store from this thread in group commits. Recordings
 * already in the store are skipped, so a rerun after a kill continues where the killed run
 * stopped. A recording that cannot be read is a failure with its file and reason; the rest go on.
 * Entries land in the store in completion order; each entry's frames do not depend on the order.
 */
public final class IngestRunner {
    /** Largest group committed with one pair of fsyncs. */
    private static final int MAX_GROUP = 64;
    private static final long MAX_GROUP_BYTES = 64L << 20;

    private final StoreManifest manifest;
    private final Supplier<FrameSource> sources;
    private final int threads;

    public IngestRunner(StoreManifest manifest, Supplier<FrameSource> sources, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        this.manifest = manifest;
        this.sources = sources;
        this.threads = threads;
    }

    /** A worker's outcome for one item (exactly one of pending, failure, or tooShort is set). */
    private record Outcome(int ordinal, IngestItem item, FeatureStoreWriter.Pending pending, IngestFailure failure,
                           boolean tooShort) {}

    public IngestSummary run(List<IngestItem> items, FeatureStoreWriter store, Progress progress) throws IOException {
        long t0 = System.nanoTime();
        List<IngestFailure> failures = new ArrayList<>();
        List<IngestItem> todo = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        int present = 0;
        for (IngestItem it : items) {
            if (!listed.add(it.id())) {
                failures.add(new IngestFailure(it.file().toString(), it.id(), "duplicate id in the listing"));
            } else if (!StoreEntry.validId(it.id())) {
                failures.add(new IngestFailure(it.file().toString(), it.id(),
                        "id cannot be stored (empty, starts with '#', or holds a tab or line break)"));
            } else if (store.contains(it.id())) {
                present++;
            } else {
                todo.add(it);
            }
        }
        progress.begin("ingest", items.size(), present);
        int ingested = 0, padded = 0, shortSkipped = 0, clipped = 0;
        double seconds = 0;
        List<IngestFailure> runFailures = new ArrayList<>();
        List<Outcome> failedOutcomes = new ArrayList<>();
        BlockingQueue<Outcome> done = new ArrayBlockingQueue<>(2 * threads + 2);
        ThreadLocal<FrameSource> local = ThreadLocal.withInitial(sources);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ingest-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < todo.size(); i++) {
                int ordinal = i;
                IngestItem it = todo.get(i);
                pool.execute(() -> put(done, process(local.get(), ordinal, it)));
            }
            int received = 0;
            while (received < todo.size()) {
                List<Outcome> group = new ArrayList<>();
                group.add(take(done));
                long bytes = size(group.getFirst());
                Outcome next;
                while (group.size() < MAX_GROUP && bytes < MAX_GROUP_BYTES && (next = done.poll()) != null) {
                    group.add(next);
                    bytes += size(next);
                }
                received += group.size();
                List<FeatureStoreWriter.Pending> commit = new ArrayList<>();
                double groupSeconds = 0;
                for (Outcome o : group) {
                    if (o.pending() != null) {
                        commit.add(o.pending());
                        groupSeconds += o.pending().seconds();
                        padded += o.pending().padded() ? 1 : 0;
                        clipped += o.pending().clipped() ? 1 : 0;
                    } else if (o.tooShort()) {
                        shortSkipped++;
                    } else {
                        failedOutcomes.add(o);
                    }
                }
                if (!commit.isEmpty()) {
                    store.append(commit);
                }
                ingested += commit.size();
                seconds += groupSeconds;
                double wall = (System.nanoTime() - t0) * 1e-9;
                progress.advance(group.size(), String.format(Locale.ROOT, "%.2f h audio, %.0fx real time, %d failed",
                        seconds / 3600, seconds / Math.max(wall, 1e-9), failedOutcomes.size()));
            }
        } finally {
            pool.shutdownNow();
        }
        failedOutcomes.sort(Comparator.comparingInt(Outcome::ordinal));
        for (Outcome o : failedOutcomes) {
            runFailures.add(o.failure());
        }
        failures.addAll(runFailures);
        double wall = (System.nanoTime() - t0) * 1e-9;
        return new IngestSummary(items.size(), present, ingested, failures.size(), padded, shortSkipped, clipped,
                seconds, wall, store.recordings(), store.frames(), store.audioSeconds(), List.copyOf(failures));
    }

    private Outcome process(FrameSource source, int ordinal, IngestItem it) {
        try {
            RecordingFrames r = source.frames(it.file());
            if (r.tooShort()) {
                return new Outcome(ordinal, it, null, null, true);
            }
            if (r.bands() != manifest.bands()) {
                throw new IllegalStateException("front end made " + r.bands() + " bands, the store holds "
                        + manifest.bands());
            }
            byte[] half = HalfFrames.encode(r.frames(), 0, r.frameCount() * r.bands());
            return new Outcome(ordinal, it, new FeatureStoreWriter.Pending(it.id(), half, r.frameCount(), r.seconds(),
                    r.clipped(), r.padded()), null, false);
        } catch (IOException e) {
            return failed(ordinal, it, reason(it, e));
        } catch (RuntimeException | OutOfMemoryError e) {
            return failed(ordinal, it, "internal error: " + e);
        }
    }

    private static Outcome failed(int ordinal, IngestItem it, String reason) {
        return new Outcome(ordinal, it, null, new IngestFailure(it.file().toString(), it.id(), reason), false);
    }

    /** The reason alone: decoders put "FILE: " in front of their messages, the report has the file. */
    static String reason(IngestItem it, IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String prefix = it.file().toString() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    private static long size(Outcome o) {
        return o.pending() == null ? 0 : o.pending().halfFrames().length;
    }

    private static void put(BlockingQueue<Outcome> q, Outcome o) {
        try {
            q.put(o);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Outcome take(BlockingQueue<Outcome> q) throws IOException {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("ingest interrupted", e);
        }
    }
}
