package io.colisten.nn.embed;

import io.colisten.engine.random.Rng;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exact top-k against a brute-force reference in double precision: N spanning two blocks and not a
 * multiple of the block, more queries than one query block, k larger than N, exact ties ranked by
 * row, zero rows and queries, and the errors. Scores agree within 1e-5 (float SGEMM against double
 * dot products of the same normalised rows); ids agree except where the reference itself has two
 * scores within that tolerance, where either order is right.
 */
class EmbeddingIndexTest {
    static final float TOL = 1e-5f;

    static List<String> ids(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) ids.add("r" + i);
        return ids;
    }

    static float[] gaussian(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) rng.nextGaussian();
        return x;
    }

    /** Cosine of query q against every row, in double, ranked best first (ties: lower row). */
    static List<Hit> reference(float[] rows, int n, int d, float[] q, int qOff, int k, int exclude) {
        double qn = 0;
        for (int j = 0; j < d; j++) qn += (double) q[qOff + j] * q[qOff + j];
        List<Hit> all = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            if (r == exclude) continue;
            double dot = 0, rn = 0;
            for (int j = 0; j < d; j++) {
                dot += (double) rows[r * d + j] * q[qOff + j];
                rn += (double) rows[r * d + j] * rows[r * d + j];
            }
            double s = rn == 0 || qn == 0 ? 0 : dot / Math.sqrt(rn * qn);
            all.add(new Hit(r, "r" + r, (float) s));
        }
        all.sort(Comparator.comparingDouble((Hit h) -> -h.score()).thenComparingInt(Hit::index));
        return all.subList(0, Math.min(k, all.size()));
    }

    static void assertSameRanking(List<Hit> want, List<Hit> got, String what) {
        assertEquals(want.size(), got.size(), what + ": result count");
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.get(i).score(), got.get(i).score(), TOL, what + ": score at rank " + i);
            if (want.get(i).index() != got.get(i).index()) {
                boolean nearTie = (i > 0 && Math.abs(want.get(i - 1).score() - want.get(i).score()) <= TOL)
                        || (i + 1 < want.size() && Math.abs(want.get(i + 1).score() - want.get(i).score()) <= TOL);
                assertTrue(nearTie, what + ": rank " + i + " is " + got.get(i) + ", expected " + want.get(i));
            }
            assertEquals("r" + got.get(i).index(), got.get(i).id(), what + ": id of row");
        }
    }

    @Test
    void topKEqualsBruteForceAcrossBlocksAndQueryBlocks() {
        int d = 128, n = EmbeddingIndex.BLOCK_ROWS + 777, queries = EmbeddingIndex.QUERY_BLOCK + 6, k = 10;
        float[] rows = gaussian(n * d, 1);
        for (int j = 0; j < d; j++) rows[5 * d + j] = 0; // a zero row scores 0
        EmbeddingIndex index = new EmbeddingIndex(ids(n), rows, d);
        float[] q = gaussian(queries * d, 2);
        for (int j = 0; j < d; j++) q[3 * d + j] = rows[4200 * d + j] * 3.5f; // query 3 is row 4200, scaled
        List<List<Hit>> got = index.search(q, queries, k);
        for (int i = 0; i < queries; i++) {
            List<Hit> want = reference(rows, n, d, q, i * d, k, -1);
            assertSameRanking(want, got.get(i), "query " + i);
            float[] one = java.util.Arrays.copyOfRange(q, i * d, (i + 1) * d);
            // alone, the product takes SGEMM's single-row path: the same ranking, scores within rounding
            assertSameRanking(got.get(i), index.search(one, k), "query " + i + " alone against the batch");
        }
        assertEquals(4200, got.get(3).get(0).index());
        assertEquals(1f, got.get(3).get(0).score(), TOL);
    }

    @Test
    void exactTiesRankTheLowerRowFirstAcrossBlocks() {
        int d = 8, n = EmbeddingIndex.BLOCK_ROWS + 50;
        float[] rows = new float[n * d];
        Rng rng = new Rng(3);
        // rows of +-0.5 entries: exact dot products, so equal rows tie exactly
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < 3; c++) rows[r * d + rng.nextInt(d)] = rng.nextInt(2) == 0 ? 0.5f : -0.5f;
            rows[r * d + 4 + rng.nextInt(4)] = 0.5f; // never parallel to the target below
        }
        float[] target = {0.5f, 0.5f, 0.5f, 0.5f, 0, 0, 0, 0};
        int[] copies = {4120, 3, 4095, 4096, 7};
        for (int r : copies) System.arraycopy(target, 0, rows, r * d, d);
        EmbeddingIndex index = new EmbeddingIndex(ids(n), rows, d);
        List<Hit> hits = index.search(target, 5);
        assertEquals(List.of(3, 7, 4095, 4096, 4120), hits.stream().map(Hit::index).toList());
        for (Hit h : hits) assertEquals(1f, h.score(), 0f);
        assertSameRanking(reference(rows, n, d, target, 0, 40, -1), index.search(target, 40), "ties");
    }

    @Test
    void kLargerThanNGivesEveryRowRanked() {
        int d = 16, n = 5;
        float[] rows = gaussian(n * d, 4);
        EmbeddingIndex index = new EmbeddingIndex(ids(n), rows, d);
        float[] q = gaussian(d, 5);
        List<Hit> hits = index.search(q, 50);
        assertSameRanking(reference(rows, n, d, q, 0, 50, -1), hits, "k > N");
        assertEquals(5, hits.size());
        assertEquals(List.of(), new EmbeddingIndex(List.of(), new float[0], d).search(q, 3));
    }

    @Test
    void similarLeavesTheRowItselfOut() {
        int d = 32, n = 300;
        float[] rows = gaussian(n * d, 6);
        System.arraycopy(rows, 17 * d, rows, 200 * d, d); // row 200 duplicates row 17
        EmbeddingIndex index = new EmbeddingIndex(ids(n), rows, d);
        List<Hit> hits = index.similar("r17", 8);
        assertEquals(8, hits.size());
        assertEquals("r200", hits.get(0).id());
        assertEquals(1f, hits.get(0).score(), TOL);
        assertSameRanking(reference(rows, n, d, index.vector(17), 0, 8, 17), hits, "similar");
        assertEquals(n - 1, index.similar("r0", 1000).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> index.similar("nope", 3));
        assertTrue(e.getMessage().contains("no embedding with id 'nope'"), e.getMessage());
    }

    @Test
    void zeroQueryScoresZeroEverywhere() {
        EmbeddingIndex index = new EmbeddingIndex(ids(4), gaussian(4 * 3, 7), 3);
        List<Hit> hits = index.search(new float[3], 2);
        assertEquals(List.of(0, 1), hits.stream().map(Hit::index).toList());
        assertEquals(0f, hits.get(0).score(), 0f);
    }

    @Test
    void refusesBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new EmbeddingIndex(ids(2), new float[5], 3));
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> new EmbeddingIndex(List.of("a", "b", "a"), new float[6], 2));
        assertTrue(dup.getMessage().contains("id 'a' appears twice (rows 0 and 2)"), dup.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new EmbeddingIndex(List.of("a", "b"), new float[] {1, 2, Float.NaN, 0}, 2));
        assertTrue(nan.getMessage().contains("row 1 ('b') is not finite"), nan.getMessage());
        EmbeddingIndex index = new EmbeddingIndex(ids(2), new float[] {1, 0, 0, 1}, 2);
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[] {1, 0}, 0));
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[] {1, 0, 0}, 1));
    }
}
