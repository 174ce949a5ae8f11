package io.colisten.train.eval;

import io.colisten.train.graph.ColistenGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Co-listen link prediction (paper section 4.2, Table 2). For each of the two sampled sets
 * ({@link LinkPairSampler}): score all recordings-choose-2 pairs among the set's recordings with a
 * {@link PairScorer}, rank them, and measure how well the positive pairs ({@link LinkPositives};
 * by default exactly the set's sampled co-listen pairs) are retrieved, as average precision and
 * ROC-AUC; the result holds both sets and their means.
 *
 * <p>Cost: at full size a set has up to 2,500 recordings and 3.1M pairs. Scores come in blocks of
 * {@value #BLOCK_ROWS} rows (one SGEMM each for embeddings) into one reused block buffer, go
 * straight into a reused {@link RankedScores} (no pair or label array), and ranking is two
 * primitive sorts. Positive pairs are found by walking their sorted keys alongside the row-major
 * scan, with no hashing.
 */
public final class LinkPrediction {
    static final int BLOCK_ROWS = 256;

    private LinkPrediction() {}

    /** With the default positives, {@link LinkPositives#SAMPLED_PAIRS}. */
    public static LinkPredictionResult evaluate(ColistenGraph heldOut, LinkPairSets sampled, PairScorer scorer) {
        return evaluate(heldOut, sampled, scorer, LinkPositives.SAMPLED_PAIRS);
    }

    /**
     * @param heldOut the graph the sets were drawn from (its vertex indices and ids)
     * @throws IllegalArgumentException when the scorer cannot score a recording (naming it), gives
     *                                  NaN for a pair (naming it), or a set has no negative pair
     */
    public static LinkPredictionResult evaluate(ColistenGraph heldOut, LinkPairSets sampled, PairScorer scorer,
                                                LinkPositives positives) {
        return evaluate(heldOut, sampled, scorer, positives, (set, ranked) -> { });
    }

    /** Sees each set's ranked scores (for curves) before the next set reuses them. */
    @FunctionalInterface
    public interface RankedListener {
        /** {@code ranked} is valid only during the call. */
        void ranked(int set, RankedScores ranked);
    }

    /** As {@link #evaluate(ColistenGraph, LinkPairSets, PairScorer, LinkPositives)}, handing each set's ranked scores to {@code listener}. */
    public static LinkPredictionResult evaluate(ColistenGraph heldOut, LinkPairSets sampled, PairScorer scorer,
                                                LinkPositives positives, RankedListener listener) {
        List<LinkPairSet> sets = sampled.sets();
        // Prepare every set before scoring any, so a missing embedding fails fast.
        List<String[]> ids = new ArrayList<>();
        List<PairScorer.Rows> rows = new ArrayList<>();
        for (LinkPairSet s : sets) {
            String[] names = new String[s.recordings().length];
            for (int i = 0; i < names.length; i++) names[i] = heldOut.ids()[s.recordings()[i]];
            ids.add(names);
            rows.add(scorer.over(names));
        }
        RankedScores ranked = new RankedScores();
        List<LinkPredictionResult.SetResult> results = new ArrayList<>();
        double apSum = 0, aucSum = 0;
        for (int k = 0; k < sets.size(); k++) {
            LinkPairSet s = sets.get(k);
            long[] keys = positiveKeys(heldOut, s, positives);
            LinkPredictionResult.SetResult r = score(k, ids.get(k), rows.get(k), keys, ranked.clear());
            listener.ranked(k, ranked);
            results.add(new LinkPredictionResult.SetResult(s.pairs(), s.recordings().length, r.scoredPairs(),
                    r.positivePairs(), r.averagePrecision(), r.rocAuc()));
            apSum += r.averagePrecision();
            aucSum += r.rocAuc();
        }
        return new LinkPredictionResult(sampled.requested(), sampled.perSet(), sampled.heldOutEdges(), positives,
                List.copyOf(results), apSum / sets.size(), aucSum / sets.size());
    }

    /** The positive pairs as ascending keys r * n + c (r < c, local indices into the set's recordings). */
    static long[] positiveKeys(ColistenGraph g, LinkPairSet s, LinkPositives positives) {
        int[] rec = s.recordings();
        long n = rec.length;
        if (positives == LinkPositives.SAMPLED_PAIRS) {
            long[] keys = new long[s.pairs()];
            for (int p = 0; p < keys.length; p++) {
                keys[p] = Arrays.binarySearch(rec, s.first()[p]) * n + Arrays.binarySearch(rec, s.second()[p]);
            }
            Arrays.sort(keys);
            return keys;
        }
        long[] keys = new long[16];
        int count = 0;
        for (int r = 0; r < rec.length; r++) {
            for (int q = g.offsets()[rec[r]]; q < g.offsets()[rec[r] + 1]; q++) {
                int c = Arrays.binarySearch(rec, g.neighbours()[q]);
                if (c <= r) continue;
                if (count == keys.length) keys = Arrays.copyOf(keys, 2 * count);
                keys[count++] = r * n + c;
            }
        }
        keys = Arrays.copyOf(keys, count);
        Arrays.sort(keys);
        return keys;
    }

    private static LinkPredictionResult.SetResult score(int set, String[] ids, PairScorer.Rows rows, long[] keys,
                                                        RankedScores ranked) {
        int n = ids.length;
        long pairs = (long) n * (n - 1) / 2;
        ranked.reserveNegatives(Math.toIntExact(pairs - keys.length));
        float[] block = new float[Math.min(BLOCK_ROWS, Math.max(n, 1)) * n];
        int next = 0;
        for (int r0 = 0; r0 < n; r0 += BLOCK_ROWS) {
            int r1 = Math.min(n, r0 + BLOCK_ROWS);
            rows.scoreRows(r0, r1, block);
            for (int r = r0; r < r1; r++) {
                int base = (r - r0) * n;
                long rowKey = (long) r * n;
                for (int c = r + 1; c < n; c++) {
                    float v = block[base + c];
                    if (Float.isNaN(v)) {
                        throw new IllegalArgumentException("link prediction: set " + (set + 1) + ": the scorer gave NaN for pair ('"
                                + ids[r] + "', '" + ids[c] + "')");
                    }
                    boolean positive = next < keys.length && keys[next] == rowKey + c;
                    if (positive) next++;
                    ranked.add(0, v, positive);
                }
            }
        }
        ranked.rank();
        if (ranked.negatives() == 0) {
            throw new IllegalArgumentException("link prediction: set " + (set + 1) + ": all " + pairs + " pairs among its " + n
                    + " recordings are positive; nothing to rank them against");
        }
        return new LinkPredictionResult.SetResult(0, n, pairs, ranked.positives(), AveragePrecision.of(ranked),
                RocAuc.of(ranked));
    }
}
