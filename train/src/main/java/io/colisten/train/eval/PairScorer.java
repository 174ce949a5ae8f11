package io.colisten.train.eval;

import java.util.function.ToDoubleBiFunction;

/**
 * Scores pairs of recordings for link prediction: cosine of embeddings
 * ({@link EmbeddingPairScorer}), dot products of WMF factors, a seeded random baseline
 * ({@link RandomPairScorer}), or any function of two ids ({@link #of}). Higher means more likely
 * co-listened. The protocol asks for all pairs among a few thousand recordings, in row blocks, so
 * a scorer can use one matrix product per block instead of a call per pair.
 */
public interface PairScorer {
    /**
     * Prepares to score pairs among {@code ids}; throws {@link IllegalArgumentException} naming
     * every id it cannot score (an embedding missing, not finite), before any scoring is done.
     */
    Rows over(String[] ids);

    /** The scores among the ids given to {@link #over}. */
    interface Rows {
        /**
         * Writes the score of pair (ids[r], ids[c]) to {@code out[(r - from) * n + c]} for rows r in
         * {@code [from, to)} and at least the columns c in {@code (r, n)}, n = ids.length: the
         * protocol reads only c > r, and other entries may hold anything. Called with ascending,
         * consecutive row ranges.
         */
        void scoreRows(int from, int to, float[] out);
    }

    /** A scorer from a function of two ids, called once per pair (c > r). */
    static PairScorer of(ToDoubleBiFunction<String, String> score) {
        return ids -> (from, to, out) -> {
            int n = ids.length;
            for (int r = from; r < to; r++) {
                for (int c = r + 1; c < n; c++) out[(r - from) * n + c] = (float) score.applyAsDouble(ids[r], ids[c]);
            }
        };
    }
}
