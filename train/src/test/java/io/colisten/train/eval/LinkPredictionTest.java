package io.colisten.train.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colisten.engine.random.Rng;
import io.colisten.train.graph.ColistenGraph;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The link-prediction protocol: sampling, positives, scoring against a double-precision reference
 * (tolerance 1e-12 on AP and AUC: the float and double cosines rank these pairs the same), and the
 * protocol at full size (1,250 pairs a set) on a planted-community graph.
 */
class LinkPredictionTest {
    /** {@code n} tracks in {@code communities} groups, each track joined to {@code degree} random others of its group. */
    static ColistenGraph communityGraph(int n, int communities, int degree, long seed) {
        Rng rng = new Rng(seed);
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) ids[i] = String.format("t%06d", i);
        int m = n * degree;
        int[] a = new int[m], b = new int[m], c = new int[m];
        int e = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < degree; k++) {
                int j = (rng.nextInt(n / communities) * communities + i % communities) % n;
                if (j == i) continue;
                a[e] = i;
                b[e] = j;
                c[e++] = 1;
            }
        }
        return ColistenGraph.fromEdges(ids, a, b, c, e);
    }

    /** Community centroid plus noise, dimension 16, not unit length. */
    static Map<String, float[]> communityEmbeddings(ColistenGraph g, int communities, double noise, long seed) {
        Rng rng = new Rng(seed);
        float[][] centre = new float[communities][16];
        for (float[] v : centre) for (int j = 0; j < 16; j++) v[j] = (float) rng.nextGaussian();
        Map<String, float[]> out = new HashMap<>();
        for (int i = 0; i < g.tracks(); i++) {
            float[] v = new float[16];
            for (int j = 0; j < 16; j++) v[j] = (float) (3 * (centre[i % communities][j] + noise * rng.nextGaussian()));
            out.put(g.ids()[i], v);
        }
        return out;
    }

    @Test
    void samplesTwoDisjointSetsDeterministically() {
        ColistenGraph g = communityGraph(500, 5, 3, 1);
        LinkPairSets s = LinkPairSampler.sample(g, 100, 42);
        assertEquals(100, s.perSet());
        assertEquals(false, s.reduced());
        Set<Long> seen = new HashSet<>();
        for (LinkPairSet set : s.sets()) {
            assertEquals(100, set.pairs());
            for (int k = 0; k < set.pairs(); k++) {
                assertTrue(set.first()[k] < set.second()[k]);
                assertTrue(g.count(set.first()[k], set.second()[k]) > 0, "a sampled pair is an edge");
                assertTrue(seen.add((long) set.first()[k] << 32 | set.second()[k]), "sets share no pair");
            }
        }
        LinkPairSets again = LinkPairSampler.sample(g, 100, 42);
        assertArrayEquals(s.sets().get(1).first(), again.sets().get(1).first());
        assertArrayEquals(s.sets().get(1).second(), again.sets().get(1).second());
        assertNotEquals(java.util.Arrays.toString(s.sets().get(0).first()),
                java.util.Arrays.toString(LinkPairSampler.sample(g, 100, 43).sets().get(0).first()));
    }

    @Test
    void smallGraphsGiveTheLargestCountThatFits() {
        ColistenGraph g = ColistenGraph.fromEdges(new String[] {"a", "b", "c", "d"}, new int[] {0, 1, 2}, new int[] {1, 2, 3},
                new int[] {1, 1, 1}, 3);
        LinkPairSets s = LinkPairSampler.sample(g, 1250, 1);
        assertEquals(1, s.perSet());
        assertTrue(s.reduced());
        ColistenGraph one = ColistenGraph.fromEdges(new String[] {"a", "b"}, new int[] {0}, new int[] {1}, new int[] {1}, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> LinkPairSampler.sample(one, 10, 1));
        assertTrue(e.getMessage().contains("1 edges"), e.getMessage());
    }

    @Test
    void matchesADoubleLoopReference() {
        ColistenGraph g = communityGraph(300, 6, 2, 3);
        Map<String, float[]> emb = communityEmbeddings(g, 6, 1.5, 4);
        LinkPairSets s = LinkPairSampler.sample(g, 20, 5);
        for (LinkPositives positives : LinkPositives.values()) {
            LinkPredictionResult r = LinkPrediction.evaluate(g, s, EmbeddingPairScorer.cosine(emb), positives);
            double apSum = 0;
            for (int k = 0; k < 2; k++) {
                LinkPairSet set = s.sets().get(k);
                int n = set.recordings().length;
                int m = n * (n - 1) / 2, p = 0;
                double[] scores = new double[m];
                boolean[] labels = new boolean[m];
                Set<Long> sampled = new HashSet<>();
                for (int q = 0; q < set.pairs(); q++) sampled.add((long) set.first()[q] << 32 | set.second()[q]);
                for (int i = 0; i < n; i++) {
                    for (int j = i + 1; j < n; j++, p++) {
                        int u = set.recordings()[i], v = set.recordings()[j];
                        scores[p] = cosine(emb.get(g.ids()[u]), emb.get(g.ids()[v]));
                        labels[p] = positives == LinkPositives.SAMPLED_PAIRS ? sampled.contains((long) u << 32 | v) : g.count(u, v) > 0;
                    }
                }
                LinkPredictionResult.SetResult got = r.sets().get(k);
                assertEquals(m, got.scoredPairs());
                assertEquals(RankedScoresTest.referenceAuc(scores, labels), got.rocAuc(), 1e-12, positives + " set " + k);
                assertEquals(RankedScoresTest.referenceAp(scores, labels), got.averagePrecision(), 1e-12, positives + " set " + k);
                if (positives == LinkPositives.SAMPLED_PAIRS) assertEquals(20, got.positivePairs());
                else assertTrue(got.positivePairs() >= 20);
                apSum += got.averagePrecision();
            }
            assertEquals(apSum / 2, r.averagePrecision(), 1e-15);
        }
    }

    private static double cosine(float[] a, float[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    @Test
    void missingEmbeddingsAreNamed() {
        ColistenGraph g = communityGraph(200, 4, 2, 7);
        Map<String, float[]> emb = communityEmbeddings(g, 4, 1, 8);
        LinkPairSets s = LinkPairSampler.sample(g, 10, 9);
        String gone = g.ids()[s.sets().get(1).recordings()[3]];
        emb.remove(gone);
        var e = assertThrows(IllegalArgumentException.class, () -> LinkPrediction.evaluate(g, s, EmbeddingPairScorer.cosine(emb)));
        assertTrue(e.getMessage().contains(gone) && e.getMessage().contains("no embedding for 1 of"), e.getMessage());
    }

    @Test
    void fullSizeRandomIsChanceAndPlantedEmbeddingsAreFarAbove() {
        ColistenGraph g = communityGraph(20000, 40, 2, 11);
        LinkPairSets s = LinkPairSampler.sample(g, LinkPairSampler.PAPER_PAIRS, 12);
        assertEquals(1250, s.perSet());
        LinkPredictionResult random = LinkPrediction.evaluate(g, s, new RandomPairScorer(13));
        for (LinkPredictionResult.SetResult set : random.sets()) {
            assertEquals(1250, set.positivePairs());
            assertTrue(set.scoredPairs() > 2_500_000, "about 2500 choose 2 pairs: " + set.scoredPairs());
            assertEquals(0.5, set.rocAuc(), 0.03);
            assertTrue(set.averagePrecision() < 3 * set.positiveRate(), set.averagePrecision() + " vs " + set.positiveRate());
        }
        LinkPredictionResult planted = LinkPrediction.evaluate(g, s, EmbeddingPairScorer.cosine(communityEmbeddings(g, 40, 0.3, 14)));
        assertTrue(planted.rocAuc() > 0.95, "auc " + planted.rocAuc());
        assertTrue(planted.averagePrecision() > 20 * random.averagePrecision(), "ap " + planted.averagePrecision());
    }

    @Test
    void randomScoresDependOnTheSeedOnly() {
        ColistenGraph g = communityGraph(2000, 10, 2, 15);
        LinkPairSets s = LinkPairSampler.sample(g, 300, 16);
        LinkPredictionResult a = LinkPrediction.evaluate(g, s, new RandomPairScorer(17));
        assertEquals(a, LinkPrediction.evaluate(g, s, new RandomPairScorer(17)));
        assertNotEquals(a.averagePrecision(), LinkPrediction.evaluate(g, s, new RandomPairScorer(18)).averagePrecision());
    }
}
