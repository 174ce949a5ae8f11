package io.colisten.train.labels;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.colisten.nn.text.TokenBuffer;
import io.colisten.nn.text.Tokenizer;
import io.colisten.nn.text.Vocabulary;
import io.colisten.train.corpus.Track;
import io.colisten.train.corpus.TracksFile;
import io.colisten.train.progress.Progress;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The vocabulary at the paper's scale: writes a synthetic tracks.jsonl (1,000,000 recordings with
 * long descriptions by default), times the tokeniser alone on the first 100,000 recordings, builds the
 * K = 100,000 vocabulary within the default memory budget, then labels every recording and reads the
 * labels back, printing times, rates (wall and per-core CPU) and heap figures.
 * Run it under a bounded heap, e.g.
 * <pre>
 * mvn -q -DskipTests package
 * java -Xmx3g -XX:+UseParallelGC -cp train/target/colisten.jar io.colisten.train.labels.VocabularyScaleCheck --dir /tmp/vocab-scale
 * </pre>
 * Options: {@code --dir D} (where files go), {@code --recordings N}, {@code --words W} (Zipfian
 * vocabulary size), {@code --description-words L} (mean), {@code --noise F}, {@code --k K},
 * {@code --memory-mib M}, {@code --threads T}, {@code --no-labels}. An existing tracks.jsonl made
 * with the same options is reused.
 */
public final class VocabularyScaleCheck {
    private VocabularyScaleCheck() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> o = options(args);
        Path dir = Path.of(o.getOrDefault("dir", "vocab-scale"));
        SyntheticMetadata.Spec spec = new SyntheticMetadata.Spec(
                Integer.parseInt(o.getOrDefault("recordings", "1000000")),
                Integer.parseInt(o.getOrDefault("words", "200000")), 1.0,
                Integer.parseInt(o.getOrDefault("description-words", "120")),
                Double.parseDouble(o.getOrDefault("noise", "0.05")), 42);
        int k = Integer.parseInt(o.getOrDefault("k", Integer.toString(VocabularyBuilder.DEFAULT_K)));
        long memory = Long.parseLong(o.getOrDefault("memory-mib",
                Long.toString(VocabularyBuilder.DEFAULT_MEMORY_BYTES >> 20))) << 20;
        int threads = Integer.parseInt(o.getOrDefault("threads", "2"));
        HeapWatch heap = HeapWatch.start();
        System.out.printf("max heap %d MiB, %d threads, memory budget %d MiB, K %,d%n",
                Runtime.getRuntime().maxMemory() >> 20, threads, memory >> 20, k);

        Path tracks = dir.resolve("tracks.jsonl");
        Path stamp = dir.resolve("tracks.spec");
        boolean reuse = Files.isRegularFile(tracks) && Files.isRegularFile(stamp)
                && Files.readString(stamp).equals(spec.toString());
        if (!reuse) {
            long t0 = System.nanoTime();
            try (Progress p = Progress.start("generate", spec.recordings())) {
                new SyntheticMetadata(spec).write(tracks, p);
            }
            Files.writeString(stamp, spec.toString());
            System.out.printf("generated %s (%,d MB) in %.1f s%n", tracks, Files.size(tracks) / 1_000_000,
                    (System.nanoTime() - t0) / 1e9);
        } else {
            System.out.printf("reusing %s (%,d MB)%n", tracks, Files.size(tracks) / 1_000_000);
        }

        tokeniserAlone(tracks, 100_000);

        heap.reset();
        VocabularyBuilder.Result r = new VocabularyBuilder().k(k).memoryBudget(memory).threads(threads)
                .progress(true).build(tracks, dir.toString());
        VocabularyBuilder.Stats s = r.stats();
        Vocabulary v = r.vocabulary();
        v.write(dir.resolve("vocab.tsv"));
        System.out.printf("vocabulary: %,d terms from %,d recordings, %,d tokens, %,d term occurrences "
                        + "(distinct per recording), about %,d distinct terms%n", v.size(), s.recordings(), s.tokens(),
                s.termOccurrences(), s.distinctTermsEstimate());
        System.out.printf("  sketch pass %.1f s wall (%.2f M tokens/s); CPU: tokenising threads %.1f s "
                        + "(%.2f M tokens/s per core), JSON reader %.1f s%n", s.sketchSeconds(),
                s.tokens() / s.sketchSeconds() / 1e6, s.sketchWorkerCpu(), s.tokens() / s.sketchWorkerCpu() / 1e6,
                s.sketchReaderCpu());
        System.out.printf("  counting %.1f s wall in %d pass(es), thresholds %s; CPU: counting threads %.1f s, "
                        + "JSON reader %.1f s%n", s.countSeconds(), s.countingPasses(), s.thresholds(),
                s.countWorkerCpu(), s.countReaderCpu());
        System.out.printf("  sketch %d MiB, candidates counted %,d, evictions %d, largest table %d MiB%n",
                s.sketchBytes() >> 20, s.candidatesCounted(), s.evictions(), s.peakTableBytes() >> 20);
        System.out.printf("  K-th term '%s' in %,d recordings; first '%s' in %,d%n", v.term(v.size() - 1),
                v.count(v.size() - 1), v.term(0), v.count(0));
        heap.print("vocabulary");

        if (!o.containsKey("no-labels")) {
            heap.reset();
            long t0 = System.nanoTime();
            Path labels = dir.resolve(LabelsFile.NAME);
            LabelsFile.Summary ls = LabelsFile.write(tracks, v, labels, threads, true);
            double w = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            LabelMatrix m = LabelsFile.read(labels, v);
            double rd = (System.nanoTime() - t1) / 1e9;
            System.out.printf("labels: %,d recordings, %,d without labels, %,d labels (%.1f per recording), "
                            + "%,d MB; written in %.1f s (%.2f M tokens/s), read in %.1f s%n", ls.recordings(),
                    ls.withoutLabels(), ls.labels(), ls.labels() / (double) ls.recordings(),
                    Files.size(labels) / 1_000_000, w, s.tokens() / w / 1e6, rd);
            if (m.rows() != ls.recordings() || m.nonZeros() != ls.labels()) {
                throw new IllegalStateException("labels read back differ from those written");
            }
            heap.print("labels");
        }
    }

    /** The tokeniser by itself on one core: the first {@code n} recordings in memory, best of three. */
    private static void tokeniserAlone(Path tracks, int n) throws IOException {
        List<Track> sample = new ArrayList<>(n);
        try {
            TracksFile.stream(tracks, t -> {
                if (sample.size() == n) {
                    throw new StopReading();
                }
                sample.add(t);
            });
        } catch (StopReading stop) {
            // enough
        }
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        TokenBuffer b = new TokenBuffer();
        long chars = 0;
        for (Track t : sample) {
            chars += t.title().length() + t.description().length();
        }
        double best = Double.MAX_VALUE;
        long tokens = 0;
        for (int round = 0; round < 3; round++) {
            long c0 = clock.getCurrentThreadCpuTime();
            tokens = 0;
            for (Track t : sample) {
                Tokenizer.DEFAULT.tokenize(t.title(), t.description(), b);
                tokens += b.tokenCount();
            }
            best = Math.min(best, (clock.getCurrentThreadCpuTime() - c0) / 1e9);
        }
        System.out.printf("tokeniser alone (one core, CPU time, %,d recordings): %.2f M tokens/s, %.0f M chars/s%n",
                sample.size(), tokens / best / 1e6, chars / best / 1e6);
    }

    private static final class StopReading extends RuntimeException {
        StopReading() {
            super(null, null, false, false);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String key = args[i].substring(2);
            boolean flag = i + 1 == args.length || args[i + 1].startsWith("--");
            o.put(key, flag ? "" : args[++i]);
        }
        return o;
    }

    /** The largest heap in use right after a collection (live data), and each pool's peak. */
    private static final class HeapWatch {
        private final AtomicLong maxAfterGc = new AtomicLong();

        static HeapWatch start() {
            HeapWatch w = new HeapWatch();
            java.util.Set<String> heapPools = new java.util.HashSet<>();
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    heapPools.add(p.getName());
                }
            }
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter e) {
                    e.addNotificationListener((n, h) -> {
                        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                            var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                            long used = 0;
                            Map<String, MemoryUsage> after = info.getGcInfo().getMemoryUsageAfterGc();
                            for (Map.Entry<String, MemoryUsage> u : after.entrySet()) {
                                used += heapPools.contains(u.getKey()) ? u.getValue().getUsed() : 0;
                            }
                            w.maxAfterGc.accumulateAndGet(used, Math::max);
                        }
                    }, null, null);
                }
            }
            return w;
        }

        void reset() {
            maxAfterGc.set(0);
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                p.resetPeakUsage();
            }
        }

        void print(String phase) {
            long peaks = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    peaks += p.getPeakUsage().getUsed();
                }
            }
            System.out.printf("  heap (%s): largest live after a GC %d MiB, sum of pool peaks %d MiB, max %d MiB%n",
                    phase, maxAfterGc.get() >> 20, peaks >> 20, Runtime.getRuntime().maxMemory() >> 20);
        }
    }
}
