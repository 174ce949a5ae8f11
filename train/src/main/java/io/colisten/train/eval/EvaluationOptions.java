package io.colisten.train.eval;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Evaluation} measures and where it writes.
 *
 * @param corpus         the corpus folder (null: the first run's config.json names it)
 * @param store          its feature store (null: CORPUS/features; when that is missing too, the corpus's audio is ingested into OUT/features)
 * @param out            the report folder
 * @param factors        WMF factors (.npy with ids.txt beside it) for the link-prediction upper bound; null: no WMF row
 * @param truth          probe ground truth (id TAB tag lines); null: CORPUS/truth.tsv when present
 * @param minLabelCount  label prediction uses labels with at least this many positives among the evaluation recordings (paper: 10)
 * @param pairsPerSet    link-prediction pairs per set (paper: 1,250; fewer when the held-out graph is small)
 * @param seed           pair sampling, the random baselines, probe parts and probe training
 * @param probeMinPositives a probe class needs this many positives among the training rows
 * @param probeHidden    the MLP probe's hidden units (paper: 512)
 * @param probeTasks     the probe tasks to run by name (null: all; empty: no probes)
 * @param probeMaxEpochs an upper bound on each probe's epochs (early stopping usually ends it sooner)
 * @param embedBatch     windows per forward pass when embedding
 * @param warmStartEpochs warm-start probes' epochs at most (0: no warm-start probes)
 */
public record EvaluationOptions(Path corpus, Path store, Path out, Path factors, Path truth, int minLabelCount, int pairsPerSet,
                                long seed, int probeMinPositives, int probeHidden, List<String> probeTasks, int probeMaxEpochs, int embedBatch, int warmStartEpochs) {
    public EvaluationOptions {
        if (out == null) throw new IllegalArgumentException("eval: no output folder");
        if (minLabelCount < 1) throw new IllegalArgumentException("eval: the minimum label count must be >= 1, got " + minLabelCount);
        if (pairsPerSet < 1) throw new IllegalArgumentException("eval: pairs per set must be >= 1, got " + pairsPerSet);
        if (probeMinPositives < 1) throw new IllegalArgumentException("eval: probe minimum positives must be >= 1, got " + probeMinPositives);
        if (probeHidden < 1) throw new IllegalArgumentException("eval: probe hidden units must be >= 1, got " + probeHidden);
        if (probeMaxEpochs < 1) throw new IllegalArgumentException("eval: probe epochs must be >= 1, got " + probeMaxEpochs);
        if (warmStartEpochs < 0) throw new IllegalArgumentException("eval: warm-start epochs must be >= 0, got " + warmStartEpochs);
        if (embedBatch < 1) throw new IllegalArgumentException("eval: embedding batch must be >= 1, got " + embedBatch);
        probeTasks = probeTasks == null ? null : List.copyOf(probeTasks);
    }

    /** The paper's settings: 10 label occurrences, 1,250 pairs per set, 512 hidden units; seed 1. */
    public static EvaluationOptions defaults(Path corpus, Path out) {
        return new EvaluationOptions(corpus, null, out, null, null, LabelPrediction.PAPER_MIN_POSITIVES, LinkPairSampler.PAPER_PAIRS,
                1, 5, ProbeSpec.PAPER_HIDDEN, null, 200, 32, 0);
    }

    public EvaluationOptions withStore(Path s) {
        return new EvaluationOptions(corpus, s, out, factors, truth, minLabelCount, pairsPerSet, seed, probeMinPositives, probeHidden, probeTasks, probeMaxEpochs, embedBatch, warmStartEpochs);
    }

    public EvaluationOptions withFactors(Path f) {
        return new EvaluationOptions(corpus, store, out, f, truth, minLabelCount, pairsPerSet, seed, probeMinPositives, probeHidden, probeTasks, probeMaxEpochs, embedBatch, warmStartEpochs);
    }

    public EvaluationOptions withTruth(Path t) {
        return new EvaluationOptions(corpus, store, out, factors, t, minLabelCount, pairsPerSet, seed, probeMinPositives, probeHidden, probeTasks, probeMaxEpochs, embedBatch, warmStartEpochs);
    }

    public EvaluationOptions withMinLabelCount(int n) {
        return new EvaluationOptions(corpus, store, out, factors, truth, n, pairsPerSet, seed, probeMinPositives, probeHidden, probeTasks, probeMaxEpochs, embedBatch, warmStartEpochs);
    }

    public EvaluationOptions withPairsPerSet(int n) {
        return new EvaluationOptions(corpus, store, out, factors, truth, minLabelCount, n, seed, probeMinPositives, probeHidden, probeTasks, probeMaxEpochs, embedBatch, warmStartEpochs);
    }

    public EvaluationOptions withSeed(long s) {
        return new EvaluationOptions(corpus, store, out, factors, truth, minLabelCount, pairsPerSet, s, probeMinPositives, probeHidden, probeTasks, probeMaxEpochs, embedBatch, warmStartEpochs);
    }

    public EvaluationOptions withProbes(int minPositives, int hidden, List<String> tasks, int maxEpochs) {
        return new EvaluationOptions(corpus, store, out, factors, truth, minLabelCount, pairsPerSet, seed, minPositives, hidden, tasks, maxEpochs, embedBatch, warmStartEpochs);
    }

    public EvaluationOptions withEmbedBatch(int b) {
        return new EvaluationOptions(corpus, store, out, factors, truth, minLabelCount, pairsPerSet, seed, probeMinPositives, probeHidden, probeTasks, probeMaxEpochs, b, warmStartEpochs);
    }

    /** Warm-start probes (the network fine-tuned under each probe) for at most this many epochs; 0: none. */
    public EvaluationOptions withWarmStart(int epochs) {
        return new EvaluationOptions(corpus, store, out, factors, truth, minLabelCount, pairsPerSet, seed, probeMinPositives, probeHidden, probeTasks, probeMaxEpochs, embedBatch, epochs);
    }
}
