package io.colisten.train.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colisten.engine.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * Ranking and its errors, and the metrics against plain O(n^2) / O(n * groups) references in
 * double precision (tolerance 1e-12 absolute) on sets with many ties.
 */
class RankedScoresTest {
    @Test
    void refusesNaNAndBadLabelsNamingTheIndex() {
        var nan = assertThrows(IllegalArgumentException.class,
                () -> RankedScores.of(new float[] {0.5f, Float.NaN}, new boolean[] {true, false}));
        assertTrue(nan.getMessage().contains("score 1 is NaN"), nan.getMessage());
        var bad = assertThrows(IllegalArgumentException.class,
                () -> RankedScores.of(new double[] {0.5, 0.2, 0.1}, new int[] {1, 0, 2}));
        assertTrue(bad.getMessage().contains("label 2 is 2"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RankedScores.of(new double[] {0.5}, new int[] {1, 0}));
    }

    @Test
    void metricsNeedRankAfterAdding() {
        RankedScores r = new RankedScores();
        r.add(0, 0.3, true);
        r.add(1, 0.1, false);
        assertThrows(IllegalStateException.class, () -> RocAuc.of(r));
        assertEquals(1.0, RocAuc.of(r.rank()));
    }

    @Test
    void infinitiesAreOrdinaryScores() {
        RankedScores r = RankedScores.of(new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, Double.POSITIVE_INFINITY},
                new int[] {1, 0, 1, 0});
        // pairs (pos, neg): (inf, -inf) 1, (inf, inf) 0.5, (0, -inf) 1, (0, inf) 0 -> 2.5 / 4
        assertEquals(0.625, RocAuc.of(r), 0);
    }

    @Test
    void clearedScoresAreReusedAndMatchReferences() {
        Rng rng = new Rng(7);
        RankedScores r = new RankedScores();
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + rng.nextInt(400);
            int levels = 1 + rng.nextInt(trial % 2 == 0 ? 5 : 1000);
            double[] s = new double[n];
            boolean[] y = new boolean[n];
            for (int i = 0; i < n; i++) {
                y[i] = (rng.nextDouble() < 0.2 || i == 0) && i != 1;
                s[i] = rng.nextInt(levels) + (y[i] ? 0.5 * rng.nextInt(2) : 0) - levels / 2.0;
            }
            r.clear();
            for (int i = 0; i < n; i++) r.add(i, s[i], y[i]);
            r.rank();
            if (r.negatives() == 0) continue;
            assertEquals(referenceAuc(s, y), RocAuc.of(r), 1e-12, "trial " + trial);
            assertEquals(referenceAp(s, y), AveragePrecision.of(r), 1e-12, "trial " + trial);
        }
    }

    /** P(score of a positive > score of a negative) + 0.5 P(equal), over all pairs. */
    static double referenceAuc(double[] s, boolean[] y) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < s.length; i++) {
            if (!y[i]) continue;
            for (int j = 0; j < s.length; j++) {
                if (y[j]) continue;
                pairs++;
                wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
            }
        }
        return wins / pairs;
    }

    /** sum over distinct thresholds t (descending) of (R(t) - R(prev)) P(t), counting scores >= t. */
    static double referenceAp(double[] s, boolean[] y) {
        double[] t = s.clone();
        java.util.Arrays.sort(t);
        int positives = 0;
        for (boolean b : y) positives += b ? 1 : 0;
        double ap = 0, prevRecall = 0;
        for (int k = t.length - 1; k >= 0; k--) {
            if (k < t.length - 1 && t[k] == t[k + 1]) continue;
            int tp = 0, all = 0;
            for (int i = 0; i < s.length; i++) {
                if (s[i] >= t[k]) {
                    all++;
                    tp += y[i] ? 1 : 0;
                }
            }
            double recall = (double) tp / positives;
            ap += (recall - prevRecall) * tp / all;
            prevRecall = recall;
        }
        return ap;
    }
}
