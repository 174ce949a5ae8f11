package io.colisten.train.eval;

import io.colisten.engine.random.Rng;

/**
 * The random baseline of link prediction: each pair gets an independent uniform score from a
 * seeded {@link Rng}, so its AUC is about 0.5 and its AP about the share of positive pairs. Each
 * {@link #over} call draws from the next fork of the seed's generator, and pairs are filled row by
 * row (r ascending, then c > r ascending), so results depend only on the seed and the order of the
 * calls, not on the protocol's block size.
 */
public final class RandomPairScorer implements PairScorer {
    private final Rng master;

    public RandomPairScorer(long seed) {
        master = new Rng(seed);
    }

    @Override
    public synchronized Rows over(String[] ids) {
        Rng rng = master.fork();
        int n = ids.length;
        return (from, to, out) -> {
            for (int r = from; r < to; r++) {
                for (int c = r + 1; c < n; c++) out[(r - from) * n + c] = (float) rng.nextDouble();
            }
        };
    }
}
