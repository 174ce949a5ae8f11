package io.colisten.train.labels;

import io.colisten.nn.text.Tokenizer;
import io.colisten.nn.text.Vocabulary;
import io.colisten.train.corpus.Track;
import io.colisten.train.corpus.TracksFile;
import io.colisten.train.progress.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The builder against a plain HashMap count of the same synthetic corpus (20,000 recordings, about
 * 850,000 distinct n-grams), with budgets small enough that the sketch is noisy, tables evict
 * and extra passes run; plus hand-made corpora for ties and small cases.
 */
class VocabularyBuilderTest {
    static final int K = 2000;

    @TempDir
    static Path shared;
    static Path tracks;
    static List<Vocabulary.Entry> reference;
    static long distinct;

    @BeforeAll
    static void corpus() throws IOException {
        tracks = shared.resolve("tracks.jsonl");
        new SyntheticMetadata(new SyntheticMetadata.Spec(20_000, 20_000, 1.0, 24, 0.05, 7)).write(tracks, Progress.NONE);
        Map<String, long[]> counts = new HashMap<>();
        for (Track t : TracksFile.read(tracks)) {
            for (String term : new HashSet<>(Tokenizer.DEFAULT.terms(t.title(), t.description()))) {
                counts.computeIfAbsent(term, x -> new long[1])[0]++;
            }
        }
        distinct = counts.size();
        assertTrue(distinct > 800_000, "distinct n-grams: " + distinct);
        // The K-th largest count, then a full sort of the terms at or above it (ties included).
        long[] sorted = counts.values().stream().mapToLong(c -> c[0]).sorted().toArray();
        long kth = sorted[sorted.length - K];
        List<Vocabulary.Entry> top = new ArrayList<>();
        counts.forEach((term, c) -> {
            if (c[0] >= kth) {
                top.add(new Vocabulary.Entry(term, c[0]));
            }
        });
        top.sort(Vocabulary.ORDER);
        reference = top.subList(0, K);
    }

    private static void assertExact(Vocabulary v) {
        assertEquals(K, v.size());
        for (int i = 0; i < K; i++) {
            assertEquals(reference.get(i).term(), v.term(i), "term " + i);
            assertEquals(reference.get(i).count(), v.count(i), "count of " + v.term(i));
        }
    }

    @Test
    void exactWithTwoThreadsAndAmpleBudget() throws IOException {
        VocabularyBuilder.Result r = new VocabularyBuilder().k(K).memoryBudget(64L << 20).threads(2).batchSize(64)
                .build(tracks, "synthetic");
        assertExact(r.vocabulary());
        assertEquals(1, r.stats().countingPasses(), r.stats().toString());
        assertEquals(20_000, r.stats().recordings());
        double error = Math.abs(r.stats().distinctTermsEstimate() - distinct) / (double) distinct;
        assertTrue(error < 0.05, "distinct terms " + distinct + ", estimated " + r.stats().distinctTermsEstimate());
        assertEquals("synthetic", r.vocabulary().corpus());
    }

    @Test
    void exactWhenTheFirstThresholdIsTooHigh() throws IOException {
        // Aim the first pass at K/4 candidates: fewer than K terms reach its threshold, so the
        // check fails and lower bands are counted until it holds.
        VocabularyBuilder.Result r = new VocabularyBuilder().k(K).memoryBudget(8L << 20).threads(1)
                .candidateTarget(K / 4).build(tracks, "synthetic");
        assertExact(r.vocabulary());
        assertTrue(r.stats().countingPasses() >= 2, r.stats().toString());
    }

    @Test
    void exactWhenTablesOverflowAndEvict() throws IOException {
        // Aim the first pass at far more candidates than a table of ~1.7 MiB per thread holds:
        // each thread raises its threshold mid-pass and drops the terms below it.
        VocabularyBuilder.Result r = new VocabularyBuilder().k(K).memoryBudget(4000L << 10).threads(2)
                .batchSize(64).candidateTarget(100_000).build(tracks, "synthetic");
        assertExact(r.vocabulary());
        assertTrue(r.stats().evictions() > 0, r.stats().toString());
    }

    @Test
    void tooSmallABudgetIsAnErrorNotAWrongVocabulary() {
        // A sketch of 64 blocks cannot tell heavy terms from light ones; tables cannot hold them all.
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new VocabularyBuilder().k(K).memoryBudget(16L << 10).build(tracks, "x"));
        assertTrue(e.getMessage().contains("too small"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new VocabularyBuilder().k(K).memoryBudget(8L << 10).build(tracks, "x"));
    }

    @Test
    void tiesAtTheCutGoByUtf8BytesAndSmallCorporaKeepEveryTerm(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("tracks.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            TracksFile.write(w, List.of(
                    new Track("a", "a.wav", "Rock", "rock rock ROCK zebra"),
                    new Track("b", "b.wav", "", "Rock éclair 🎸 zebra"),
                    new Track("c", "c.wav", "Apple", "﨎 𠀀"),
                    new Track("d", "d.wav", "", "")));
        }
        // Counts: rock 2, zebra 2; every other term 1. Ties by UTF-8 bytes: "apple" < "rock ..."
        // < "zebra" < "éclair" (U+00E9) < "﨎" (U+FA0E) < "𠀀" (U+20000).
        Vocabulary all = new VocabularyBuilder().k(100).memoryBudget(1L << 20).build(f, "tiny").vocabulary();
        assertEquals(List.of("rock", "zebra", "apple", "rock rock", "rock rock rock", "rock rock zebra", "rock zebra",
                "rock éclair", "rock éclair zebra", "éclair", "éclair zebra", "﨎", "﨎 𠀀", "𠀀"), all.terms());
        assertEquals(2, all.count(0));
        assertEquals(1, all.count(2));
        Vocabulary three = new VocabularyBuilder().k(3).memoryBudget(1L << 20).build(f, "tiny").vocabulary();
        assertEquals(List.of("rock", "zebra", "apple"), three.terms());
        assertEquals(3, three.k());
    }

    @Test
    void emptyCorpusGivesAnEmptyVocabulary(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("tracks.jsonl");
        Files.writeString(f, "");
        VocabularyBuilder.Result r = new VocabularyBuilder().k(10).memoryBudget(1L << 20).build(f, "empty");
        assertEquals(0, r.vocabulary().size());
        assertEquals(0, r.stats().recordings());
    }
}
