package io.colisten.train.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colisten.engine.random.Rng;
import io.colisten.train.graph.ColistenGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The paper's negative rule on hand-made graphs where every case is known. */
class TripletSamplerTest {
    private static ColistenGraph graph(int n, int[][] edges) {
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) ids[i] = String.format("v%03d", i);
        int m = edges.length;
        int[] a = new int[m], b = new int[m], c = new int[m];
        for (int e = 0; e < m; e++) {
            a[e] = edges[e][0];
            b[e] = edges[e][1];
            c[e] = 2;
        }
        return ColistenGraph.fromEdges(ids, a, b, c, m);
    }

    private static Set<Integer> neighbours(ColistenGraph g, int v) {
        Set<Integer> s = new TreeSet<>();
        for (int p = g.offsets()[v]; p < g.offsets()[v + 1]; p++) s.add(g.neighbours()[p]);
        return s;
    }

    /** N(p) \ N(a) \ {a}, by sets. */
    private static Set<Integer> hardSet(ColistenGraph g, int a, int p) {
        Set<Integer> s = new TreeSet<>(neighbours(g, p));
        s.removeAll(neighbours(g, a));
        s.remove(a);
        return s;
    }

    /** V \ N(a) \ {a}. */
    private static Set<Integer> outside(ColistenGraph g, int a) {
        Set<Integer> s = new TreeSet<>();
        for (int v = 0; v < g.tracks(); v++) s.add(v);
        s.removeAll(neighbours(g, a));
        s.remove(a);
        return s;
    }

    /** Pearson's chi-square of counts against a uniform over them; adds to acc = {stat, df}. */
    private static void chiSquare(long[] counts, double[] acc) {
        long total = 0;
        for (long c : counts) total += c;
        double e = (double) total / counts.length;
        for (long c : counts) acc[0] += (c - e) * (c - e) / e;
        acc[1] += counts.length - 1;
    }

    private static void assertUniform(double[] acc, String what) {
        // A 5-sigma band of the chi-square distribution (mean df, variance 2 df); the seed is fixed.
        assertTrue(acc[0] < acc[1] + 5 * Math.sqrt(2 * acc[1]), what + ": chi-square " + acc[0] + " on " + acc[1] + " df");
    }

    @Test
    void negativesComeUniformlyFromTheRightSetAndTheFallbackExactlyWhereItIsEmpty() {
        // 0-1-2 a triangle, a path 1-3-4-2 around it, 3-5 a leaf, 6-7 a lone pair, 8 isolated.
        ColistenGraph g = graph(9, new int[][] {{0, 1}, {0, 2}, {1, 2}, {1, 3}, {2, 4}, {3, 4}, {3, 5}, {6, 7}});
        // A few cases by hand: the brute-force sets below must agree.
        assertEquals(Set.of(3), hardSet(g, 0, 1));
        assertEquals(Set.of(1, 4), hardSet(g, 5, 3));
        assertEquals(Set.of(), hardSet(g, 1, 0));
        assertEquals(Set.of(4, 5, 6, 7, 8), outside(g, 1));
        assertEquals(Set.of(), hardSet(g, 6, 7));
        assertEquals(Set.of(0, 1, 2, 3, 4, 5, 8), outside(g, 7));

        TripletSampler s = new TripletSampler(g);
        assertEquals(8, s.anchors(), "vertex 8 has no neighbour");
        int n = g.tracks(), draws = 400_000;
        long[][][] seen = new long[n][n][n];
        long[] anchors = new long[n];
        long fallbacks = 0;
        Rng rng = new Rng(5);
        int[] t = new int[3];
        for (int i = 0; i < draws; i++) {
            int kind = s.draw(rng, t, 0);
            int a = t[0], p = t[1], x = t[2];
            assertTrue(g.count(a, p) > 0, "positive " + p + " is a neighbour of anchor " + a);
            Set<Integer> hard = hardSet(g, a, p);
            if (hard.isEmpty()) {
                assertEquals(TripletSampler.FALLBACK, kind, "(a, p) = (" + a + ", " + p + ") has no hard negative");
                assertTrue(outside(g, a).contains(x), "fallback " + x + " for anchor " + a);
                fallbacks++;
            } else {
                assertEquals(TripletSampler.HARD, kind);
                assertTrue(hard.contains(x), "negative " + x + " not in N(p) \\ N(a) \\ {a} for " + a + ", " + p);
            }
            anchors[a]++;
            seen[a][p][x]++;
        }
        assertEquals(0, anchors[8]);
        double[] acc = new double[2];
        chiSquare(java.util.Arrays.copyOf(anchors, 8), acc);
        assertUniform(acc, "anchors");
        double[] pos = new double[2], neg = new double[2];
        double expectFallback = 0;
        for (int a = 0; a < 8; a++) {
            Set<Integer> na = neighbours(g, a);
            long[] perP = new long[na.size()];
            int k = 0;
            for (int p : na) {
                Set<Integer> set = hardSet(g, a, p);
                if (set.isEmpty()) {
                    set = outside(g, a);
                    expectFallback += 1.0 / 8 / na.size();
                }
                long[] counts = new long[set.size()];
                int j = 0;
                for (int x : set) counts[j++] = seen[a][p][x];
                for (int x = 0; x < n; x++) perP[k] += seen[a][p][x];
                if (counts.length > 1) chiSquare(counts, neg);
                k++;
            }
            if (perP.length > 1) chiSquare(perP, pos);
        }
        assertUniform(pos, "positives within N(a)");
        assertUniform(neg, "negatives within their set");
        double fraction = (double) fallbacks / draws;
        double sigma = Math.sqrt(expectFallback * (1 - expectFallback) / draws);
        assertEquals(expectFallback, fraction, 4 * sigma, "fallback fraction");
        assertEquals(expectFallback, TripletSampler.fallbackFraction(g, draws, 6), 4 * sigma, "the estimate inspect prints");
    }

    /** p = 0 with neighbours 1..100; anchor 1 also knows 2..98 (and more when asked). */
    private static ColistenGraph hub(int anchorKnowsUpTo) {
        List<int[]> e = new ArrayList<>();
        for (int v = 1; v <= 100; v++) e.add(new int[] {0, v});
        for (int v = 2; v <= anchorKnowsUpTo; v++) e.add(new int[] {1, v});
        return graph(101, e.toArray(new int[0][]));
    }

    @Test
    void smallSetsAreFoundExactlyWhenRejectionGivesUp() {
        // N(0) \ N(1) \ {1} = {99, 100}: 2 of 100, so the 16 rejection tries fail 72% of the time.
        TripletSampler s = new TripletSampler(hub(98));
        Rng rng = new Rng(9);
        long[] hard = new long[2], out = new long[2];
        for (int i = 0; i < 20_000; i++) {
            int x = s.hardNegative(rng, 1, 0);
            assertTrue(x == 99 || x == 100, "hard negative " + x);
            hard[x - 99]++;
            // V \ N(1) \ {1} = {99, 100} as well: 2 of 101.
            int y = s.outsideNeighbourhood(rng, 1);
            assertTrue(y == 99 || y == 100, "fallback " + y);
            out[y - 99]++;
        }
        double[] acc = new double[2];
        chiSquare(hard, acc);
        chiSquare(out, acc);
        assertUniform(acc, "two-member sets");
        // Anchor 1 knowing all of 0's neighbours: no hard negative.
        TripletSampler none = new TripletSampler(hub(100));
        for (int i = 0; i < 100; i++) assertEquals(-1, none.hardNegative(rng, 1, 0));
        assertEquals(-1, none.outsideNeighbourhood(rng, 1), "1 knows every vertex");
    }

    @Test
    void anAnchorAdjacentToEveryoneGetsAnyOtherRecordingCountedAsDegenerate() {
        TripletSampler s = new TripletSampler(graph(3, new int[][] {{0, 1}, {0, 2}, {1, 2}}));
        Rng rng = new Rng(1);
        int[] t = new int[3];
        long[] neg = new long[3];
        for (int i = 0; i < 3_000; i++) {
            assertEquals(TripletSampler.DEGENERATE, s.draw(rng, t, 0));
            assertTrue(t[2] != t[0], "negative differs from the anchor");
            neg[t[2]]++;
        }
        double[] acc = new double[2];
        chiSquare(neg, acc);
        assertUniform(acc, "degenerate negatives");
    }
}
