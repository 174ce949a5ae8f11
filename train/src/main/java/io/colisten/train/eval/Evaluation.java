package io.colisten.train.eval;

import io.colisten.nn.checkpoint.Checkpoint;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.nn.models.ModelConfig;
import io.colisten.train.eval.embed.EvalStore;
import io.colisten.train.eval.embed.LogMelStats;
import io.colisten.train.eval.embed.ModelEmbeddings;
import io.colisten.train.eval.embed.RecordingEmbeddings;
import io.colisten.train.eval.probe.ProbeDataset;
import io.colisten.train.eval.probe.ProbeOutcome;
import io.colisten.train.eval.probe.ProbeParts;
import io.colisten.train.eval.probe.ProbeSuite;
import io.colisten.train.eval.probe.ProbeTask;
import io.colisten.train.eval.probe.TruthFile;
import io.colisten.train.eval.report.EvaluationReport;
import io.colisten.train.eval.report.EvaluationReport.LabelRow;
import io.colisten.train.eval.report.EvaluationReport.LinkRow;
import io.colisten.train.eval.report.ReportWriter;
import io.colisten.train.graph.ColistenGraph;
import io.colisten.train.progress.Progress;
import io.colisten.train.split.Split;
import io.colisten.train.split.SplitGraphs;
import io.colisten.train.store.FeatureStore;
import io.colisten.train.store.StoreFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The paper's evaluation (section 4) of trained models on a corpus, as one call that the
 * {@code eval} and {@code demo} commands share: link prediction on the split's evaluation part
 * (Table 2, with the random baseline and WMF when factors are given), label prediction per model
 * with a classifier head (Table 1), and downstream probes on fixed embeddings against the
 * {@code logmel_stats} and {@code random_net} baselines (Tables 4-5) on the tasks of a truth file;
 * then report.json, report.md and PNG charts in the output folder.
 * <pre>{@code
 * Evaluation.Outcome o = Evaluation.run(List.of(Path.of("runs/hybrid")),
 *         EvaluationOptions.defaults(Path.of("corpus"), Path.of("runs/report")), Progress.NONE, System.err::println);
 * }</pre>
 * Recording embeddings come from the feature store (batched windows, no decoding) and are cached
 * per checkpoint in its run folder ({@link ModelEmbeddings}), so a second evaluation is quick.
 * With {@link EvaluationOptions#warmStartEpochs()} set, each model also gets warm-start probes
 * ({@link WarmStartProbe}: its network fine-tuned under each probe), named "MODEL warm-start".
 */
public final class Evaluation {
    public static final String LOGMEL_STATS = "logmel_stats", RANDOM_NET = "random_net", WARM_START = "warm-start";

    /** The report and the files written. */
    public record Outcome(EvaluationReport report, Path json, Path markdown, List<Path> charts) {}

    private Evaluation() {}

    /** Evaluates the models of {@code runs} (run folders, or checkpoint files in run folders) on a corpus. */
    public static Outcome run(List<Path> runs, EvaluationOptions o, Progress progress, Consumer<String> notesOut) throws IOException {
        List<EvaluatedModel> models = EvaluatedModel.load(runs);
        Path corpusDir = o.corpus() != null ? o.corpus() : corpusOf(models);
        List<String> notes = new ArrayList<>();
        Consumer<String> note = s -> {
            notes.add(s);
            notesOut.accept(s);
        };
        Files.createDirectories(o.out());
        EvaluationReport.Link linkSection = null;
        List<LabelRow> labelRows = new ArrayList<>();
        EvaluationReport.Probes probes = null;
        try (EvalCorpus corpus = EvalCorpus.open(corpusDir, o.store(), o.truth(), o.out(), progress, note)) {
            List<String> evaluation = corpus.part(Split.EVALUATION);
            LinkTable link = linkTable(corpus, o, note);
            ProbeDataset dataset = null;
            List<String> probeIds = List.of();
            if (corpus.truthFile == null) {
                note.accept("no truth file (" + corpusDir.resolve("truth.tsv") + " or --truth): no probes");
            } else {
                Map<String, Set<String>> truth = TruthFile.read(corpus.truthFile);
                probeIds = available(truth.keySet(), corpus.store, corpus.truthFile, note);
                dataset = new ProbeDataset(corpus.truthFile.toString(), List.of(), truth,
                        ProbeParts.fromCorpus(probeIds, corpus.splits, o.seed()), null, null);
            }
            boolean probing = o.probeTasks() == null || !o.probeTasks().isEmpty();
            Set<String> needed = new TreeSet<>(probing ? probeIds : List.of());
            if (link != null) needed.addAll(link.recordings());
            if (corpus.labelsFile != null) needed.addAll(evaluation);
            List<String> neededIds = List.copyOf(needed);
            Map<EvaluatedModel, RecordingEmbeddings> embeddings = new LinkedHashMap<>();
            for (EvaluatedModel m : models) {
                embeddings.put(m, ModelEmbeddings.ofCheckpoint(m.run(), m.checkpointFile(), m.checkpoint().network(), corpus.store,
                        neededIds, o.embedBatch(), progress));
            }
            if (link != null) {
                List<LinkRow> rows = new ArrayList<>();
                rows.add(link.row("Random", "random", null, 0, new RandomPairScorer(o.seed())));
                for (EvaluatedModel m : models) {
                    rows.add(link.row(m.name(), "model", m.checkpointFile().toString(), m.step(),
                            EmbeddingPairScorer.cosine(embeddings.get(m).byId())));
                }
                if (o.factors() != null) {
                    rows.add(link.row("WMF (upper bound)", "wmf", o.factors().toString(), 0, LinkTable.factors(o.factors())));
                } else {
                    note.accept("WMF left out of link prediction: no factors given (--factors FACTORS.npy with ids.txt beside it)");
                }
                linkSection = LinkTable.section(evaluation.size(), link.heldOut(), link.sets(), rows);
            }
            if (corpus.labelsFile == null) {
                note.accept(corpusDir + " has no labels (labels/labels.tsv): no label prediction");
            } else {
                for (EvaluatedModel m : models) {
                    labelRows.add(LabelTable.row(m, corpus.labelsFile, evaluation, embeddings.get(m), o.minLabelCount()));
                }
                if (o.minLabelCount() != LabelPrediction.PAPER_MIN_POSITIVES) {
                    note.accept("label prediction counts labels with at least " + o.minLabelCount()
                            + " positives among the evaluation recordings (the paper: " + LabelPrediction.PAPER_MIN_POSITIVES + ")");
                }
            }
            if (dataset != null && probing) {
                probes = probes(models, embeddings, corpus.store, dataset, o, randomNetCache(models), progress, note);
            }
        }
        EvaluationReport report = new EvaluationReport(corpusDir.toString(), o.seed(), modelEntries(models), linkSection,
                labelRows, probes, notes);
        return outcome(report, o.out());
    }

    /**
     * The probes alone, on a dataset of audio files (a truth file over a folder, MagnaTagATune,
     * AudioSet): its audio is decoded into OUT/features (reused by a later run into the same
     * folder), then every model and both baselines are probed.
     */
    public static Outcome probeAudio(List<Path> runs, ProbeDataset dataset, EvaluationOptions o, Progress progress,
                                     Consumer<String> notesOut) throws IOException {
        List<EvaluatedModel> models = EvaluatedModel.load(runs);
        List<String> notes = new ArrayList<>();
        Consumer<String> note = s -> {
            notes.add(s);
            notesOut.accept(s);
        };
        Files.createDirectories(o.out());
        Path storeDir = o.out().resolve(StoreFiles.DEFAULT_DIR);
        EvaluationReport.Probes probes;
        try (FeatureStore store = EvalStore.ingest(dataset.audio(), storeDir, progress, note)) {
            List<String> ids = available(dataset.parts().keySet(), store, Path.of(dataset.source()), note);
            Map<EvaluatedModel, RecordingEmbeddings> embeddings = new LinkedHashMap<>();
            for (EvaluatedModel m : models) {
                embeddings.put(m, ModelEmbeddings.ofCheckpoint(m.run(), m.checkpointFile(), m.checkpoint().network(), store, ids,
                        o.embedBatch(), progress));
            }
            probes = probes(models, embeddings, store, dataset, o, randomNetCache(models), progress, note);
        }
        note.accept("probes only: link and label prediction need a corpus (colisten eval RUN --corpus DIR)");
        EvaluationReport report = new EvaluationReport(dataset.source(), o.seed(), modelEntries(models), null, List.of(), probes, notes);
        return outcome(report, o.out());
    }

    /** random_net's embeddings are kept beside the first run's (keyed by architecture, seed and store): stable across reports. */
    private static Path randomNetCache(List<EvaluatedModel> models) {
        return models.get(0).run().resolve("eval");
    }

    private static Outcome outcome(EvaluationReport report, Path out) throws IOException {
        ReportWriter.Files f = ReportWriter.write(report, out);
        return new Outcome(report, f.json(), f.markdown(), f.charts());
    }

    private static LinkTable linkTable(EvalCorpus corpus, EvaluationOptions o, Consumer<String> note) {
        if (corpus.graph == null) return null;
        ColistenGraph heldOut = SplitGraphs.of(corpus.graph, corpus.splits).heldOut(Split.EVALUATION).graph();
        if (heldOut.edges() < 2) {
            note.accept("the evaluation part's co-listen graph has " + heldOut.edges() + " edges: no link prediction (it needs 2)");
            return null;
        }
        LinkPairSets sets = LinkPairSampler.sample(heldOut, o.pairsPerSet(), o.seed());
        for (LinkPairSet s : sets.sets()) {
            long n = s.recordings().length;
            if (n * (n - 1) / 2 <= s.pairs()) {
                note.accept("no link prediction: the evaluation part's " + heldOut.edges() + " held-out co-listen edges give sets of "
                        + s.pairs() + " pairs among " + n + " recordings, with no negative pair to rank them against");
                return null;
            }
        }
        if (sets.reduced()) {
            note.accept("link prediction: " + sets.perSet() + " pairs per set (the evaluation part has " + heldOut.edges()
                    + " held-out co-listen edges; the paper draws " + o.pairsPerSet() + ")");
        }
        return new LinkTable(heldOut, sets);
    }

    /** The probe tasks' features for every embedding, then the probes. */
    private static EvaluationReport.Probes probes(List<EvaluatedModel> models, Map<EvaluatedModel, RecordingEmbeddings> embeddings,
                                                  FeatureStore store, ProbeDataset dataset, EvaluationOptions o, Path cacheRoot,
                                                  Progress progress, Consumer<String> note) throws IOException {
        Set<String> have = new HashSet<>();
        for (String id : dataset.ids()) if (store.ordinal(id) >= 0) have.add(id);
        List<ProbeTask> tasks = new ArrayList<>();
        List<EvaluationReport.Task> shapes = new ArrayList<>();
        for (ProbeTask t : dataset.tasks(have, o.probeMinPositives(), o.seed())) {
            if (o.probeTasks() != null && !o.probeTasks().contains(t.name())) continue;
            String why = t.unusableReason();
            if (why != null) {
                note.accept("probe task '" + t.name() + "' left out: " + why);
                continue;
            }
            if (!t.droppedClasses().isEmpty()) {
                note.accept("probe task '" + t.name() + "': " + t.droppedClasses().size() + " classes with fewer than "
                        + o.probeMinPositives() + " training positives left out");
            }
            tasks.add(t);
            shapes.add(new EvaluationReport.Task(t.name(), t.classes(), t.droppedClasses(), t.split().train().length,
                    t.split().validation().length, t.split().test().length));
        }
        if (o.probeTasks() != null) {
            for (String name : o.probeTasks()) {
                if (shapes.stream().noneMatch(s -> s.name().equals(name))) note.accept("probe task '" + name + "' was asked for but not run");
            }
        }
        if (tasks.isEmpty()) return new EvaluationReport.Probes(dataset.source(), 0, shapes, List.of(), List.of());
        Set<String> rows = new TreeSet<>();
        for (ProbeTask t : tasks) rows.addAll(t.ids());
        List<String> ids = List.copyOf(rows);
        Map<String, Map<String, float[]>> features = new LinkedHashMap<>();
        for (EvaluatedModel m : models) features.put(m.name(), embeddings.get(m).select(ids).byId());
        features.put(LOGMEL_STATS, byId(ids, LogMelStats.of(store, ids)));
        Set<ModelConfig> configs = new LinkedHashSet<>();
        for (EvaluatedModel m : models) configs.add(m.modelConfig());
        for (ModelConfig c : configs) {
            String name = configs.size() == 1 ? RANDOM_NET : RANDOM_NET + " (" + EvaluatedModel.architecture(c) + ")";
            features.put(name, ModelEmbeddings.ofRandomNetwork(c, o.seed(), cacheRoot, store, ids, o.embedBatch(), progress).byId());
        }
        List<ProbeClassifier> classifiers = List.of(ProbeClassifier.LOGISTIC, ProbeClassifier.MLP);
        List<ProbeOutcome> outcomes = new ArrayList<>(ProbeSuite.run(tasks, features, classifiers, o.probeHidden(), o.probeMaxEpochs(), o.seed(), progress));
        List<String> embeddingNames = new ArrayList<>(features.keySet());
        if (o.warmStartEpochs() > 0) {
            for (EvaluatedModel m : models) {
                String name = m.name() + " " + WARM_START;
                embeddingNames.add(embeddingNames.indexOf(m.name()) + 1, name); // each warm-start row after its model
                outcomes.addAll(warmStart(m, name, tasks, features.get(m.name()), store, classifiers, o, progress));
            }
        } else {
            note.accept("no warm-start probes (fine-tuning the network under each probe: --warm-start-epochs N)");
        }
        return new EvaluationReport.Probes(dataset.source(), ids.size(), shapes, List.copyOf(embeddingNames), outcomes);
    }

    /**
     * Warm-start probes of one model (paper Table 4): for every task and classifier, a fresh copy of
     * the checkpoint's network fine-tuned under the probe on the full training set.
     */
    private static List<ProbeOutcome> warmStart(EvaluatedModel m, String name, List<ProbeTask> tasks, Map<String, float[]> fixed,
                                                FeatureStore store, List<ProbeClassifier> classifiers, EvaluationOptions o,
                                                Progress progress) throws IOException {
        List<ProbeOutcome> out = new ArrayList<>();
        progress.begin("warm-start probes " + m.name(), tasks.size() * classifiers.size(), 0);
        for (ProbeTask t : tasks) {
            float[][] rows = new float[t.ids().size()][];
            for (int i = 0; i < rows.length; i++) rows[i] = fixed.get(t.ids().get(i));
            for (ProbeClassifier c : classifiers) {
                long t0 = System.nanoTime();
                EmbeddingNetwork network = Checkpoint.load(m.checkpointFile()).network();
                ProbeSpec base = ProbeSpec.defaults(c, o.seed());
                ProbeSpec head = new ProbeSpec(c, o.probeHidden(), base.learningRate(), base.batchSize(), o.probeMaxEpochs(),
                        Math.min(base.patience(), o.probeMaxEpochs()), base.weightDecay(), o.seed());
                ProbeResult r = WarmStartProbe.train(network, store, t.ids(), t.labels(), t.split(), rows, head,
                        WarmStartProbe.Settings.defaults(o.warmStartEpochs(), o.seed()));
                out.add(new ProbeOutcome(t.name(), name, c.word(), "full", r.testRocAuc(), r.test() == null ? 0 : r.test().columnsUsed(),
                        r.trainRows(), t.split().test().length, r.bestEpoch(), (System.nanoTime() - t0) / 1e9));
                progress.advance(1, t.name() + " " + c.word());
            }
        }
        return out;
    }

    /** The ids that have features; the others are noted (or an error when none has). */
    private static List<String> available(Set<String> ids, FeatureStore store, Path source, Consumer<String> note) {
        List<String> have = new ArrayList<>(), missing = new ArrayList<>();
        for (String id : new TreeSet<>(ids)) (store.ordinal(id) >= 0 ? have : missing).add(id);
        if (have.isEmpty()) {
            throw new IllegalArgumentException(source + ": none of its " + ids.size() + " recordings is in the feature store "
                    + store.dir() + " (first: '" + missing.get(0) + "')");
        }
        if (!missing.isEmpty()) {
            note.accept(missing.size() + " of the " + ids.size() + " recordings of " + source + " have no features and are left out"
                    + " of the probes (first: '" + missing.get(0) + "')");
        }
        return have;
    }

    private static Map<String, float[]> byId(List<String> ids, float[][] rows) {
        Map<String, float[]> m = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) m.put(ids.get(i), rows[i]);
        return m;
    }

    private static Path corpusOf(List<EvaluatedModel> models) {
        for (EvaluatedModel m : models) if (m.config() != null && m.config().corpus() != null) return Path.of(m.config().corpus());
        throw new IllegalArgumentException("eval: no corpus given and no run's config.json names one (give --corpus DIR)");
    }

    private static List<EvaluationReport.Model> modelEntries(List<EvaluatedModel> models) {
        List<EvaluationReport.Model> out = new ArrayList<>();
        for (EvaluatedModel m : models) {
            out.add(new EvaluationReport.Model(m.name(), m.run().toString(), m.checkpointFile().toString(), m.step(),
                    m.checkpoint().metadata().stage(), EvaluatedModel.architecture(m.modelConfig()),
                    m.config() == null ? null : m.config().mode()));
        }
        return out;
    }
}
