package io.colisten.train.labels;

import io.colisten.nn.text.TokenBuffer;
import io.colisten.nn.text.Tokenizer;
import io.colisten.nn.text.Vocabulary;
import io.colisten.train.corpus.Track;
import io.colisten.train.progress.Progress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the label vocabulary of a corpus: the K terms (n-grams of 1 to 3 tokens of titles and
 * descriptions) found in the most recordings, with no stop-word or TF-IDF filtering (paper 3.1).
 * Exact, in bounded memory, however many distinct n-grams the corpus has:
 * <ol>
 *   <li>Sketch pass: every recording's distinct n-grams go into a count-min sketch (one per thread,
 *       half the memory budget together, summed at the end). Its estimates never fall below the
 *       true counts.</li>
 *   <li>Counting passes: with a threshold T read off the sketch, exact counts are kept only for
 *       the terms whose estimate is at least T (a few times K terms, not hundreds of millions).
 *       If a thread's table outgrows its share of the budget, T is raised and the terms below it
 *       are dropped; this is safe because every term still above T was counted from the start.</li>
 *   <li>Check: every term whose true count is at least T is among the counted ones (its estimate
 *       is at least its count). So if K counted terms reach T, the K-th count is at least T and the top K of
 *       the counted terms, ties included, are the top K of the corpus: exact. If fewer reach T,
 *       another pass counts the terms whose estimates lie between a lower threshold and T, and the
 *       check repeats; at T = 1 every term is counted.</li>
 * </ol>
 * Memory: the sketches ({@code budget / 2} together; one of {@code budget / 2 / threads} is kept
 * after the sketch pass), one candidate table per thread within {@code (budget - sketch) / threads},
 * the K terms kept between passes, and the track ids that {@code TracksFile.stream} remembers to
 * reject duplicates. Counts are document frequencies; the
 * result does not depend on the number of threads.
 */
public final class VocabularyBuilder {
    public static final int DEFAULT_K = 100_000;
    public static final long DEFAULT_MEMORY_BYTES = 1L << 30;
    static final int MAX_COUNTING_PASSES = 8;
    /** Rough bytes per candidate table entry (arrays at half load, slots, ~20 chars of pool). */
    static final int ENTRY_BYTES = 128;

    private int k = DEFAULT_K;
    private long memoryBytes = DEFAULT_MEMORY_BYTES;
    private int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    private int batchSize = 256;
    private boolean progress;
    private long candidateTarget = -1;

    /**
     * Facts about a build, for logs and tests: the number of distinct terms (estimated, within a few
     * per cent; see {@link DistinctEstimate}), wall seconds of the sketch pass and of all counting
     * passes, and CPU seconds of the tokenising threads and of the JSON-reading thread in each.
     */
    public record Stats(long recordings, long tokens, long termOccurrences, long distinctTermsEstimate,
                        long sketchBytes, int countingPasses,
                        List<Integer> thresholds, long candidatesCounted, int evictions, long peakTableBytes,
                        double sketchSeconds, double sketchWorkerCpu, double sketchReaderCpu,
                        double countSeconds, double countWorkerCpu, double countReaderCpu) {}

    public record Result(Vocabulary vocabulary, Stats stats) {}

    public VocabularyBuilder k(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("K must be at least 1, got " + k);
        }
        this.k = k;
        return this;
    }

    /** Memory for the sketch and the candidate tables together (default 1 GiB). */
    public VocabularyBuilder memoryBudget(long bytes) {
        this.memoryBytes = bytes;
        return this;
    }

    public VocabularyBuilder threads(int n) {
        this.threads = Math.max(1, n);
        return this;
    }

    VocabularyBuilder batchSize(int n) {
        this.batchSize = Math.max(1, n);
        return this;
    }

    /**
     * How many terms the first counting pass aims to count (default 2K, less when the table budget
     * is small). Tests set it below K to force the extra-pass path.
     */
    VocabularyBuilder candidateTarget(long n) {
        this.candidateTarget = n;
        return this;
    }

    /** Whether to show a progress bar on stderr for each pass. */
    public VocabularyBuilder progress(boolean show) {
        this.progress = show;
        return this;
    }

    /**
     * @param tracks a corpus's tracks.jsonl
     * @param corpus what to record as the corpus in the vocabulary file header
     */
    public Result build(Path tracks, String corpus) throws IOException {
        long t0 = System.nanoTime();
        Sketched first = sketchPass(tracks);
        CountMinSketch sketch = first.sketch();
        long tableBudget = Math.max(1, (memoryBytes - sketch.bytes()) / threads);
        long t1 = System.nanoTime();
        SketchThresholds thresholds = new SketchThresholds(sketch);
        long target = candidateTarget > 0 ? candidateTarget
                : Math.max(1, Math.min(2L * k, Math.max(k, tableBudget / ENTRY_BYTES / 2)));
        int lo = thresholds.forBuckets(target);
        int hi = Integer.MAX_VALUE;
        List<Vocabulary.Entry> kept = new ArrayList<>();
        List<Integer> used = new ArrayList<>();
        long candidates = 0;
        int evictions = 0;
        long peakTable = 0;
        double countWorkerCpu = 0;
        double countReaderCpu = 0;
        for (int pass = 1; ; pass++) {
            CountingPass c = new CountingPass(sketch, thresholds, lo, hi, tableBudget);
            String band = hi == Integer.MAX_VALUE ? ">= " + lo : lo + ".." + (hi - 1);
            try (Progress p = open("vocabulary: count " + band, first.recordings())) {
                TrackPipeline.Times times = TrackPipeline.run(tracks, threads, batchSize, c::newWorker,
                        r -> p.advance(r, ""));
                countWorkerCpu += times.workerCpuSeconds();
                countReaderCpu += times.readerCpuSeconds();
            }
            CandidateTable merged = c.merge();
            lo = c.finalLow();
            used.add(lo);
            candidates += merged.size();
            evictions += c.evictions();
            peakTable = Math.max(peakTable, c.peakBytes());
            if (lo >= hi) {
                throw new IllegalStateException("vocabulary: memory budget of " + memoryBytes
                        + " bytes is too small to count the top " + k + " terms of " + tracks
                        + " (thresholds " + used + ", " + evictions + " evictions)");
            }
            for (int e = 0; e < merged.size(); e++) {
                kept.add(new Vocabulary.Entry(merged.term(e), merged.count(e)));
            }
            kept.sort(Vocabulary.ORDER);
            if (kept.size() > k) {
                kept = new ArrayList<>(kept.subList(0, k));
            }
            boolean certain = kept.size() == k && kept.get(k - 1).count() >= lo;
            if (certain || lo == 1) {
                break;
            }
            if (pass == MAX_COUNTING_PASSES) {
                throw new IllegalStateException("vocabulary: no exact top " + k + " after " + pass
                        + " counting passes over " + tracks + " (thresholds " + used + ", " + evictions
                        + " evictions); raise the memory budget");
            }
            hi = lo;
            lo = thresholds.lower(lo);
        }
        long t2 = System.nanoTime();
        List<String> terms = new ArrayList<>(kept.size());
        long[] counts = new long[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            terms.add(kept.get(i).term());
            counts[i] = kept.get(i).count();
        }
        Vocabulary v = new Vocabulary(terms, counts, k, corpus, Tokenizer.VERSION);
        Stats s = new Stats(first.recordings(), first.tokens(), first.occurrences(), first.distinct(), sketch.bytes(),
                used.size(), List.copyOf(used), candidates, evictions, peakTable, (t1 - t0) / 1e9,
                first.times().workerCpuSeconds(), first.times().readerCpuSeconds(), (t2 - t1) / 1e9,
                countWorkerCpu, countReaderCpu);
        return new Result(v, s);
    }

    /** What the sketch pass leaves: the summed sketch and counts of what it read. */
    private record Sketched(CountMinSketch sketch, long recordings, long tokens, long occurrences, long distinct,
                            TrackPipeline.Times times) {}

    /** Pass 1: each thread's own sketch (budget / 2 / threads), summed into the first. */
    private Sketched sketchPass(Path tracks) throws IOException {
        long sketchBytes = memoryBytes / 2 / threads;
        CountMinSketch.within(sketchBytes); // fail early on a budget too small
        long[] totals = new long[3]; // recordings, tokens, distinct n-grams per recording summed
        List<CountMinSketch> sketches = new ArrayList<>();
        List<DistinctEstimate> distinct = new ArrayList<>();
        TrackPipeline.Times times;
        try (Progress p = open("vocabulary: sketch", progress ? LineCount.of(tracks) : -1)) {
            times = TrackPipeline.run(tracks, threads, batchSize, () -> {
                CountMinSketch own = CountMinSketch.within(sketchBytes);
                DistinctEstimate seen = new DistinctEstimate();
                synchronized (sketches) {
                    sketches.add(own);
                    distinct.add(seen);
                }
                return new SketchWorker(own, seen);
            }, r -> {
                totals[0] += r[0];
                totals[1] += r[1];
                totals[2] += r[2];
                p.advance(r[0], String.format(" %,d tokens", totals[1]));
            });
        }
        CountMinSketch sum = sketches.isEmpty() ? CountMinSketch.within(sketchBytes) : sketches.getFirst();
        for (int i = 1; i < sketches.size(); i++) {
            sum.addAll(sketches.get(i));
        }
        DistinctEstimate all = new DistinctEstimate();
        distinct.forEach(all::addAll);
        return new Sketched(sum, totals[0], totals[1], totals[2], all.estimate(), times);
    }

    private Progress open(String task, long total) {
        return progress ? Progress.start(task, total) : Progress.NONE;
    }

    /** Pass 1: distinct n-grams of each recording into the shared sketch. Returns {recordings, tokens, n-grams}. */
    private static final class SketchWorker implements TrackPipeline.Worker<long[]> {
        private final CountMinSketch sketch;
        private final DistinctEstimate distinct;
        private final TokenBuffer buffer = new TokenBuffer();
        private final DistinctNGrams ngrams = new DistinctNGrams();

        SketchWorker(CountMinSketch sketch, DistinctEstimate distinct) {
            this.sketch = sketch;
            this.distinct = distinct;
        }

        @Override
        public long[] process(List<Track> batch) {
            long tokens = 0;
            long occurrences = 0;
            for (Track t : batch) {
                Tokenizer.DEFAULT.tokenize(t.title(), t.description(), buffer);
                tokens += buffer.tokenCount();
                ngrams.collect(buffer);
                // Two loops: the sketch loop waits on memory and overlaps more misses when short.
                for (int i = 0; i < ngrams.count(); i++) {
                    sketch.add(ngrams.hash(i));
                }
                for (int i = 0; i < ngrams.count(); i++) {
                    distinct.offer(ngrams.hash(i));
                }
                occurrences += ngrams.count();
            }
            return new long[] {batch.size(), tokens, occurrences};
        }
    }
}
