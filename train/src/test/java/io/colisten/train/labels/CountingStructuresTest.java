package io.colisten.train.labels;

import io.colisten.nn.text.TokenBuffer;
import io.colisten.nn.text.Tokenizer;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sketch never under-estimates; tables and sets compare chars, so equal hashes do not merge terms. */
class CountingStructuresTest {
    @Test
    void sketchNeverUnderestimatesAndSumsAcrossThreads() {
        CountMinSketch a = new CountMinSketch(64);
        CountMinSketch b = new CountMinSketch(64);
        Map<Long, Integer> truth = new HashMap<>();
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 20_000; i++) {
            long h = rnd.nextInt(3000) * 0x9E3779B97F4A7C15L + 17; // 3000 terms into 1024 counters
            (i % 2 == 0 ? a : b).add(h);
            truth.merge(h, 1, Integer::sum);
        }
        a.addAll(b);
        int exact = 0;
        for (Map.Entry<Long, Integer> e : truth.entrySet()) {
            int est = a.estimate(e.getKey());
            assertTrue(est >= e.getValue(), "estimate " + est + " below " + e.getValue());
            exact += est == e.getValue() ? 1 : 0;
        }
        long total = 0;
        for (int i = 0; i < a.counters(); i++) {
            total += a.counter(i);
        }
        assertEquals(2 * 20_000, total, "two counters per add");
        assertTrue(exact < truth.size(), "so noisy a sketch must over-estimate some terms");
    }

    @Test
    void thresholdsFollowTheCounterDistribution() {
        CountMinSketch s = new CountMinSketch(1024);
        for (int term = 0; term < 100; term++) { // term t added t + 1 times
            for (int n = 0; n <= term; n++) {
                s.add(term * 0xC2B2AE3D27D4EB4FL + 99);
            }
        }
        SketchThresholds t = new SketchThresholds(s);
        assertTrue(t.bucketsAtLeast(1) >= 95 && t.bucketsAtLeast(1) <= 100, "" + t.bucketsAtLeast(1));
        int ten = t.forBuckets(10);
        assertTrue(ten >= 88 && ten <= 93, "terms counted >= ~91 are ten: " + ten);
        assertTrue(t.lower(ten) < ten && t.bucketsAtLeast(t.lower(ten)) >= 20);
        assertTrue(t.higher(ten) > ten);
        assertEquals(1, t.forBuckets(1_000_000));
    }

    @Test
    void candidateTableKeepsTermsWithEqualHashesApartAndEvicts() {
        CandidateTable t = new CandidateTable();
        char[] c = "love song love".toCharArray();
        for (int i = 0; i < 300; i++) {
            char[] term = ("term" + i).toCharArray();
            t.add(term, 0, term.length, 42L, i, 1); // every hash equal: only chars tell terms apart
        }
        t.add(c, 0, 4, 42L, 500, 1);
        t.add(c, 10, 14, 42L, 500, 2); // the same "love" again
        t.add(c, 0, 9, 42L, 500, 1);
        assertEquals(302, t.size());
        t.keepAtLeast(250);
        assertEquals(52, t.size());
        Map<String, Long> left = new HashMap<>();
        for (int e = 0; e < t.size(); e++) {
            left.put(t.term(e), t.count(e));
            assertTrue(t.estimate(e) >= 250);
        }
        assertEquals(3L, left.get("love"));
        assertEquals(1L, left.get("love song"));
        assertEquals(1L, left.get("term299"));
        CandidateTable other = new CandidateTable();
        other.add(c, 0, 4, 42L, 500, 5);
        other.add(c, 5, 9, 7L, 500, 1);
        t.addAll(other);
        assertEquals(53, t.size());
        t.keepAtLeast(500);
        assertEquals(3, t.size());
    }

    @Test
    void distinctNGramsCountEachTermOncePerRecording() {
        TokenBuffer b = new TokenBuffer();
        Tokenizer.DEFAULT.tokenize("la la la", "la la", b);
        DistinctNGrams d = new DistinctNGrams();
        d.collect(b);
        assertEquals(3, d.count(), "la, la la, la la la");
        // The same chars at another place, under the same hash: the same term.
        d.visit(3, 5, d.hash(0));
        d.visit(9, 14, d.hash(1)); // "la la" in the description
        assertEquals(3, d.count());
        // Other chars ("a", "l a") under the hash of "la": other terms, however the hashes collide.
        d.visit(1, 2, d.hash(0));
        d.visit(0, 3, d.hash(0));
        assertEquals(5, d.count());
        Tokenizer.DEFAULT.tokenize("a b", "", b);
        d.collect(b);
        assertEquals(3, d.count(), "a, a b, b: the previous recording is forgotten");
    }
}
