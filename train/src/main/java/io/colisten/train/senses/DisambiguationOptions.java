package io.colisten.train.senses;

import io.colisten.train.wmf.WmfConfig;

import java.util.List;

/**
 * Settings of {@code colisten disambiguate}.
 *
 * @param ks           the k sweep; 1 (the unsplit baseline) is always run besides
 * @param restarts     k-means++ starts per k
 * @param iterations   Lloyd iterations per start at most
 * @param seed         k-means, classifier initialisation and batch order
 * @param terms        terms for the nearest-label tables (empty: the planted terms of a synthetic
 *                     world, else the terms split into the most senses)
 * @param minCount     training recordings a sense needs to be kept
 * @param minPositives held-out positives a label needs to enter the AUC
 * @param steps        classifier steps per k
 * @param batch        windows per classifier step
 * @param lr           the classifier's Adam learning rate
 * @param neighbours   labels per column of the tables
 * @param maxWindows   windows per recording embedded for the classifier (0: all, from the run's evaluation cache)
 * @param wmf          the factorisation of the co-listen graph
 */
public record DisambiguationOptions(List<Integer> ks, int restarts, int iterations, long seed, List<String> terms, int minCount,
                                    int minPositives, int steps, int batch, double lr, int neighbours, int maxWindows, WmfConfig wmf) {
    public static final List<Integer> DEFAULT_KS = List.of(8, 16, 32, 64);
    /** WMF for clustering: rank 32 and a stronger ridge than the CF default (notes/wmf.md: tighter communities). */
    public static final WmfConfig DEFAULT_WMF = WmfConfig.defaults().withRank(32).withLambda(10f).withSweeps(10);

    public DisambiguationOptions {
        if (ks.isEmpty()) throw new IllegalArgumentException("--k: give at least one number of clusters");
        for (int k : ks) if (k < 1) throw new IllegalArgumentException("--k: clusters must be >= 1, got " + k);
        if (ks.stream().noneMatch(k -> k > 1)) throw new IllegalArgumentException("--k: give at least one k > 1 (k = 1 is the unsplit baseline, always run)");
        if (restarts < 1 || iterations < 1) throw new IllegalArgumentException("--restarts and --iterations must be >= 1");
        if (minCount < 1 || minPositives < 1) throw new IllegalArgumentException("--min-count and --min-label-count must be >= 1");
        if (steps < 1 || batch < 1 || !(lr > 0)) throw new IllegalArgumentException("--steps and --batch must be >= 1, --lr > 0");
        if (neighbours < 1) throw new IllegalArgumentException("--neighbours must be >= 1");
        if (maxWindows < 0) throw new IllegalArgumentException("--max-windows must be >= 0 (0: all)");
        ks = List.copyOf(ks);
        terms = List.copyOf(terms);
    }

    /** What a k's results depend on besides k (a cached result with another key is recomputed). */
    String key(String checkpointKey) {
        return "v2|" + checkpointKey + "|restarts=" + restarts + "|iterations=" + iterations + "|seed=" + seed + "|min_count=" + minCount
                + "|min_positives=" + minPositives + "|max_windows=" + maxWindows + "|steps=" + steps + "|batch=" + batch + "|lr=" + lr + "|wmf=" + wmf.rank() + ","
                + wmf.alpha() + "," + wmf.lambda() + "," + wmf.sweeps() + "," + wmf.seed();
    }
}
