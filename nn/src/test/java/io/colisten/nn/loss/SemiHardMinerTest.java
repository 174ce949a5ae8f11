package io.colisten.nn.loss;

import io.colisten.engine.Tensor;
import io.colisten.engine.random.Rng;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.colisten.nn.loss.SemiHardMiner.FALLBACK;
import static io.colisten.nn.loss.SemiHardMiner.NO_CANDIDATE;
import static io.colisten.nn.loss.SemiHardMiner.SEMI_HARD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Semi-hard mining on hand-made embeddings where every choice is known, then against a
 * straightforward reference (candidates listed, distances in double, sorted) on random batches
 * with shared recordings and random neighbour masks.
 */
class SemiHardMinerTest {
    /** Points on a line, embedded as (x, 0): squared distances are (x - y)^2. */
    private static Tensor line(double... x) {
        float[] v = new float[2 * x.length];
        for (int i = 0; i < x.length; i++) v[2 * i] = (float) x[i];
        return Tensor.of(v, x.length, 2);
    }

    // Anchors 0, 10, 20, 30 with d(a, p) = 1, 0.25, 9, 0; negatives at 2, 0.5, 12, 25.
    private final Tensor a = line(0, 10, 20, 30), p = line(1, 10.5, 23, 30), n = line(2, 0.5, 12, 25);

    @Test
    void picksTheClosestNegativeFartherThanThePositive() {
        SemiHardMiner m = new SemiHardMiner();
        // anchor 0: d = 4, 0.25, 144, 625 -> 4 (n0), not 0.25 (closer than the positive);
        // anchor 1: d = 64, 90.25, 4, 225 -> n2; anchor 2: d = 324, 380.25, 64, 25 -> n3; anchor 3: -> n3 (25 > 0).
        assertArrayEquals(new int[] {0, 2, 3, 3}, m.mine(a, p, n, null, null, NegativeExclusion.NONE));
        for (int i = 0; i < 4; i++) assertEquals(SEMI_HARD, m.kind(i));
        assertEquals(4, m.semiHard());
    }

    @Test
    void ownRecordingAndNeighboursAreNotCandidates() {
        SemiHardMiner m = new SemiHardMiner();
        int[] anchorRec = {100, 101, 102, 103}, negRec = {200, 201, 200, 102};
        // anchor 0 may not use n0 (a neighbour) -> next farther than 1 is n2 (144); anchor 2's own
        // recording is n3's -> n2 (64); anchor 1 may not use n2 -> n0 (64).
        boolean[] mask = new boolean[16];
        mask[0] = true;      // (0, 0)
        mask[4 + 2] = true;  // (1, 2)
        int[] choice = m.mine(a, p, n, anchorRec, negRec, NegativeExclusion.mask(mask, 0, 4));
        assertArrayEquals(new int[] {2, 0, 2, 3}, choice);
    }

    @Test
    void fallsBackToTheFarthestCandidateThenToTheOwnNegative() {
        SemiHardMiner m = new SemiHardMiner();
        // anchor 1's positive at 40: d(a, p) = 900 beyond every negative -> the farthest, n3 (225).
        // anchor 3 may use no negative at all -> its own n3.
        Tensor far = line(1, 40, 23, 30);
        NegativeExclusion ex = (i, j) -> i == 3;
        int[] choice = m.mine(a, far, n, null, null, ex);
        assertArrayEquals(new int[] {0, 3, 3, 3}, choice);
        assertEquals(FALLBACK, m.kind(1));
        assertEquals(NO_CANDIDATE, m.kind(3));
        assertEquals(2, m.semiHard());
        assertEquals(1, m.fallback());
        assertEquals(1, m.noCandidate());
    }

    @Test
    void tiesGoToTheLowestRow() {
        SemiHardMiner m = new SemiHardMiner();
        // Negatives at 3 and -3 are both 9 from anchor 0 (positive at 1): n0 wins; all of them are
        // 9 for the fallback of anchor 1 (positive far away): n0 again.
        int[] choice = m.mine(line(0, 0), line(1, 10), line(3, -3), null, null, NegativeExclusion.NONE);
        assertArrayEquals(new int[] {0, 0}, choice);
        assertEquals(SEMI_HARD, m.kind(0));
        assertEquals(FALLBACK, m.kind(1));
    }

    @Test
    void matchesAStraightforwardReferenceOnRandomBatches() {
        Rng rng = new Rng(3);
        SemiHardMiner m = new SemiHardMiner();
        int kinds = 0;
        for (int trial = 0; trial < 20; trial++) {
            int b = 8 + trial, d = 3 + trial % 5;
            double[][] av = unit(rng, b, d), pv = unit(rng, b, d), nv = unit(rng, b, d);
            int[] anchorRec = new int[b], negRec = new int[b];
            for (int i = 0; i < b; i++) {
                anchorRec[i] = rng.nextInt(b);
                negRec[i] = rng.nextInt(b);
            }
            boolean[] mask = new boolean[b * 3 * b]; // the negatives' columns of a B x 3B window mask
            for (int k = 0; k < mask.length; k++) mask[k] = rng.nextDouble() < (trial % 3 == 0 ? 0.9 : 0.3);
            NegativeExclusion ex = NegativeExclusion.mask(mask, 2 * b, 3 * b);
            int[] got = m.mine(tensor(av), tensor(pv), tensor(nv), anchorRec, negRec, ex).clone();
            for (int row = 0; row < b; row++) {
                final int i = row;
                List<Integer> cand = new ArrayList<>();
                for (int j = 0; j < b; j++) if (negRec[j] != anchorRec[i] && !mask[2 * b + i * 3 * b + j]) cand.add(j);
                double dap = dist(av[i], pv[i]);
                int want = -1;
                byte kind;
                List<Integer> farther = new ArrayList<>();
                for (int j : cand) if (dist(av[i], nv[j]) > dap) farther.add(j);
                if (!farther.isEmpty()) {
                    farther.sort((x, y) -> Double.compare(dist(av[i], nv[x]), dist(av[i], nv[y])));
                    want = farther.get(0);
                    kind = SEMI_HARD;
                } else if (!cand.isEmpty()) {
                    cand.sort((x, y) -> Double.compare(dist(av[i], nv[y]), dist(av[i], nv[x])));
                    want = cand.get(0);
                    kind = FALLBACK;
                } else {
                    want = i;
                    kind = NO_CANDIDATE;
                }
                assertEquals(want, got[i], "trial " + trial + " anchor " + i);
                assertEquals(kind, m.kind(i), "trial " + trial + " anchor " + i);
                kinds |= 1 << kind;
            }
            assertEquals(b, m.semiHard() + m.fallback() + m.noCandidate());
        }
        assertEquals(7, kinds, "the random batches exercise all three rules");
    }

    @Test
    void recordingsMustComeInPairs() {
        SemiHardMiner m = new SemiHardMiner();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.mine(a, p, n, new int[4], null, NegativeExclusion.NONE));
        assertTrue(e.getMessage().contains("recording ordinals"), e.getMessage());
    }

    private static double[][] unit(Rng rng, int rows, int d) {
        double[][] x = new double[rows][d];
        for (double[] r : x) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                r[k] = (float) rng.nextGaussian();
                s += r[k] * r[k];
            }
            for (int k = 0; k < d; k++) r[k] = (float) (r[k] / Math.sqrt(s));
        }
        return x;
    }

    private static Tensor tensor(double[][] x) {
        float[] v = new float[x.length * x[0].length];
        for (int i = 0; i < x.length; i++) for (int k = 0; k < x[0].length; k++) v[i * x[0].length + k] = (float) x[i][k];
        return Tensor.of(v, x.length, x[0].length);
    }

    private static double dist(double[] x, double[] y) {
        double s = 0;
        for (int k = 0; k < x.length; k++) s += (x[k] - y[k]) * (x[k] - y[k]);
        return s;
    }
}
