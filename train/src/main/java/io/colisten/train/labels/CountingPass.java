package io.colisten.train.labels;

import io.colisten.nn.text.TokenBuffer;
import io.colisten.nn.text.Tokenizer;
import io.colisten.train.corpus.Track;

import java.util.ArrayList;
import java.util.List;

/**
 * One exact counting pass of {@link VocabularyBuilder}: each thread counts, in its own
 * {@link CandidateTable}, the recordings containing each term whose sketch estimate lies in
 * {@code [low, high)}. A thread whose table outgrows {@code tableBudget} bytes raises its own low
 * threshold and drops the entries below it; at the end all tables are cut to the highest low
 * threshold any thread reached and merged, so every surviving count is exact.
 */
final class CountingPass {
    private final CountMinSketch sketch;
    private final SketchThresholds thresholds;
    private final int low;
    private final int high;
    private final long tableBudget;
    private final List<Worker> workers = new ArrayList<>();

    CountingPass(CountMinSketch sketch, SketchThresholds thresholds, int low, int high, long tableBudget) {
        this.sketch = sketch;
        this.thresholds = thresholds;
        this.low = low;
        this.high = high;
        this.tableBudget = tableBudget;
    }

    synchronized Worker newWorker() {
        Worker w = new Worker();
        workers.add(w);
        return w;
    }

    /** The low threshold after the pass: the highest any thread had to raise to. */
    synchronized int finalLow() {
        int lo = low;
        for (Worker w : workers) {
            lo = Math.max(lo, w.low);
        }
        return lo;
    }

    synchronized int evictions() {
        return workers.stream().mapToInt(w -> w.evictions).sum();
    }

    synchronized long peakBytes() {
        return workers.stream().mapToLong(w -> w.peakBytes).max().orElse(0);
    }

    /** All threads' counts for the terms with estimates in {@code [finalLow(), high)}. */
    synchronized CandidateTable merge() {
        int lo = finalLow();
        CandidateTable out = null;
        for (Worker w : workers) {
            w.table.keepAtLeast(lo);
            if (out == null) {
                out = w.table;
            } else {
                out.addAll(w.table);
                w.table = new CandidateTable();
            }
        }
        return out == null ? new CandidateTable() : out;
    }

    final class Worker implements TrackPipeline.Worker<Long> {
        private final TokenBuffer buffer = new TokenBuffer();
        private final DistinctNGrams ngrams = new DistinctNGrams();
        private int[] estimates = new int[1024];
        private CandidateTable table = new CandidateTable();
        private int low = CountingPass.this.low;
        private int evictions;
        private long peakBytes;

        @Override
        public Long process(List<Track> batch) {
            for (Track t : batch) {
                Tokenizer.DEFAULT.tokenize(t.title(), t.description(), buffer);
                ngrams.collect(buffer);
                char[] chars = ngrams.chars();
                int n = ngrams.count();
                if (estimates.length < n) {
                    estimates = new int[Math.max(n, 2 * estimates.length)];
                }
                // Estimates first, in a loop of independent loads that overlaps many sketch misses.
                for (int i = 0; i < n; i++) {
                    estimates[i] = sketch.estimate(ngrams.hash(i));
                }
                for (int i = 0; i < n; i++) {
                    int e = estimates[i];
                    if (e >= low && e < high) {
                        table.add(chars, ngrams.start(i), ngrams.end(i), ngrams.hash(i), e, 1);
                    }
                }
                peakBytes = Math.max(peakBytes, table.bytes());
                if (table.bytes() > tableBudget) {
                    shrink();
                }
            }
            return (long) batch.size();
        }

        /** Raises the threshold until the table is back under three quarters of its budget (or empty). */
        private void shrink() {
            while (table.bytes() > tableBudget * 3 / 4 && low < high && table.size() > 0) {
                low = Math.min(high, thresholds.higher(low));
                table.keepAtLeast(low);
                evictions++;
            }
        }
    }
}
