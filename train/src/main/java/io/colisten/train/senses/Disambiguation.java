package io.colisten.train.senses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.colisten.engine.io.AtomicFiles;
import io.colisten.nn.checkpoint.Checkpoint;
import io.colisten.nn.checkpoint.RunFolder;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.nn.text.Vocabulary;
import io.colisten.train.eval.embed.ModelEmbeddings;
import io.colisten.train.eval.embed.RecordingEmbeddings;
import io.colisten.train.eval.embed.WindowEmbedder;
import io.colisten.train.graph.ColistenGraph;
import io.colisten.train.graph.GraphSource;
import io.colisten.train.graph.Problems;
import io.colisten.train.graph.Sanitisation;
import io.colisten.train.progress.Progress;
import io.colisten.train.split.Split;
import io.colisten.train.training.TrainConfig;
import io.colisten.train.training.TrainingCorpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Label sense disambiguation (paper 3.3 and 4.3) from a training run, into RUN/disambiguation/:
 * <pre>
 * wmf/                          factors of the whole co-listen graph (reused when the settings match)
 * k-N/clusters.tsv              recording -> cluster (k > 1)
 * k-N/sense-vocab.tsv           the split vocabulary ("17_bebop", training counts; vocab.tsv format)
 * k-N/sense-labels.tsv          every used recording's sense ids (labels.tsv format)
 * k-N/senses.tsv                for reading: each term, its number of senses, each sense with its count (k > 1)
 * k-N/senses.safetensors        the frozen network with the retrained classifier over the senses
 * k-N/result.json               this k's figures, written last: a k with one is not recomputed
 * windows/                      window embeddings of at most --max-windows per recording (when set)
 * senses.safetensors, sense-vocab.tsv   the chosen k's (what tag and search pick up)
 * report.json, report.md        the sweep, the tables, the planted terms
 * </pre>
 * k = 1 is the unsplit baseline (plain terms, the same minimum count, the same classifier
 * training), always run. The window embeddings come from the run's evaluation cache (computed once,
 * eval mode, NoGrad). Every file is written atomically, so a stopped run resumes at the first k
 * without a result.
 */
public final class Disambiguation {
    public static final String DIR = "disambiguation", SENSES = "senses.safetensors", SENSE_VOCABULARY = "sense-vocab.tsv",
            SENSE_LABELS = "sense-labels.tsv", SENSE_TABLE = "senses.tsv", CLUSTERS = "clusters.tsv", RESULT = "result.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Disambiguation() {}

    public static DisambiguationResult run(Path run, DisambiguationOptions o, Progress progress, Consumer<String> notes) throws IOException {
        Path out = run.resolve(DIR), ckptFile = RunFolder.latest(run);
        TrainConfig config = TrainConfig.read(run.resolve(RunFolder.CONFIG));
        Path corpusDir = Path.of(config.corpus());
        Checkpoint ckpt = Checkpoint.load(ckptFile);
        EmbeddingNetwork network = ckpt.network();
        List<String> reportNotes = new ArrayList<>();
        try (TrainingCorpus corpus = TrainingCorpus.open(corpusDir, config.store() == null ? null : Path.of(config.store()), notes)) {
            corpus.requireLabels("disambiguate");
            Vocabulary base = corpus.vocabulary();
            for (String t : o.terms()) {
                if (base.id(t) < 0) throw new IllegalArgumentException("--terms: '" + t + "' is not a term of " + corpus.vocabularyFile());
            }
            ColistenGraph graph = GraphSource.load(corpusDir, GraphSource.From.AUTO, Sanitisation.DEFAULT, new Problems(20, notes), m -> { }).graph();
            SenseClusters clusters = SenseClusters.of(graph, o.wmf(), out.resolve("wmf"), notes);
            if (clusters.withoutEdges() > 0) {
                reportNotes.add(clusters.withoutEdges() + " recordings have no co-listen edge (no listening context): left out of every k");
            }
            // The recordings used: clustered, with a labels row, in the store; train vs held out by the corpus split.
            List<String> ids = new ArrayList<>(), trainIds = new ArrayList<>(), heldIds = new ArrayList<>();
            List<Integer> pointOf = new ArrayList<>();
            for (int i = 0; i < clusters.size(); i++) {
                String id = clusters.ids().get(i);
                if (corpus.labels().row(id) < 0 || corpus.store().ordinal(id) < 0) continue;
                Split part = corpus.splits().of(id);
                if (part == null) continue;
                ids.add(id);
                pointOf.add(i);
                (part == Split.TRAIN ? trainIds : heldIds).add(id);
            }
            Set<String> trainSet = new HashSet<>(trainIds);
            boolean[] isTrain = new boolean[ids.size()];
            for (int i = 0; i < isTrain.length; i++) isTrain[i] = trainSet.contains(ids.get(i));
            notes.accept(String.format(Locale.ROOT, "embedding %s windows of %,d recordings with %s (cached in %s)",
                    o.maxWindows() == 0 ? "all" : "at most " + o.maxWindows(), ids.size(), ckptFile.getFileName(),
                    o.maxWindows() == 0 ? run.resolve("eval") : out.resolve("windows")));
            RecordingEmbeddings all = o.maxWindows() == 0
                    ? ModelEmbeddings.ofCheckpoint(run, ckptFile, network, corpus.store(), ids, WindowEmbedder.DEFAULT_BATCH, progress)
                    : SampledWindows.of(out.resolve("windows"), ckptFile, network, corpus.store(), ids, o.maxWindows(), progress);
            RecordingEmbeddings trainEmb = all.select(trainIds), heldEmb = heldIds.isEmpty() ? null : all.select(heldIds);
            String key = o.key(checkpointKey(ckptFile));

            TreeSet<Integer> ks = new TreeSet<>(o.ks());
            ks.add(1);
            List<DisambiguationResult.SweepRow> rows = new ArrayList<>();
            List<SenseRun> runs = new ArrayList<>();
            for (int k : ks) {
                if (k > clusters.size()) {
                    reportNotes.add("k = " + k + " skipped: only " + clusters.size() + " recordings have a listening context");
                    continue;
                }
                SenseRun r = SenseRun.ofK(k, clusters, pointOf, ids, isTrain, base, corpus, corpusDir, o);
                Path dir = out.resolve("k-" + k);
                JsonNode cached = cachedResult(dir, key);
                if (cached != null) {
                    r.head = Checkpoint.load(dir.resolve(SENSES)).head();
                    rows.add(rowOf(cached));
                    notes.accept("k = " + k + ": reusing " + dir.resolve(RESULT));
                } else {
                    rows.add(r.fit(trainEmb, heldEmb, k == 1 ? null : runs.get(indexOfK(runs, 1)), dir, key, ckpt, network, notes));
                }
                runs.add(r);
            }
            int chosen = choose(rows);
            SenseRun best = runs.get(indexOfK(runs, chosen)), unsplit = runs.get(indexOfK(runs, 1));
            // The chosen k's classifier and vocabulary, beside each other, where tag and search look.
            AtomicFiles.writeBytes(out.resolve(SENSE_VOCABULARY), Files.readAllBytes(out.resolve("k-" + chosen).resolve(SENSE_VOCABULARY)));
            AtomicFiles.writeBytes(out.resolve(SENSES), Files.readAllBytes(out.resolve("k-" + chosen).resolve(SENSES)));

            PlantedSenses world = PlantedSenses.read(corpusDir);
            SenseTables.Built tables = SenseTables.build(best, unsplit, base, world, o.terms(), o.neighbours());
            java.util.Map<Integer, Integer> plantedByK = new java.util.TreeMap<>();
            if (world != null) {
                for (SenseRun r : runs) {
                    if (r.split.k() == 1) continue;
                    int separated = 0;
                    for (PlantedSenses.TermVerdict v : SenseTables.planted(r, base, world, o.neighbours())) if (v.separated()) separated++;
                    plantedByK.put(r.split.k(), separated);
                }
            }
            return new DisambiguationResult(run.toString(), ckptFile.toString(), corpusDir.toString(), o.seed(), clusters.size(),
                    clusters.withoutEdges(), trainIds.size(), heldIds.size(), o.minCount(), o.minPositives(), rows, chosen,
                    tables.tables(), tables.planted(), plantedByK, reportNotes);
        }
    }

    /** The k > 1 of the highest held-out AUC (ties to the smaller k); the smallest k > 1 when none has an AUC. */
    static int choose(List<DisambiguationResult.SweepRow> rows) {
        int best = -1;
        double bestAuc = Double.NEGATIVE_INFINITY;
        for (DisambiguationResult.SweepRow r : rows) {
            if (r.k() == 1) continue;
            if (best < 0 && !Double.isFinite(r.auc())) best = r.k();
            if (Double.isFinite(r.auc()) && r.auc() > bestAuc) {
                bestAuc = r.auc();
                best = r.k();
            }
        }
        if (best < 0) throw new IllegalArgumentException("disambiguate: no k > 1 could be run");
        return best;
    }

    private static int indexOfK(List<SenseRun> runs, int k) {
        for (int i = 0; i < runs.size(); i++) if (runs.get(i).split.k() == k) return i;
        throw new IllegalStateException("no run of k = " + k);
    }

    private static String checkpointKey(Path f) throws IOException {
        Path abs = f.toAbsolutePath().normalize();
        return abs + "|" + Files.size(abs) + "|" + Files.getLastModifiedTime(abs);
    }

    private static JsonNode cachedResult(Path dir, String key) throws IOException {
        Path f = dir.resolve(RESULT);
        if (!Files.isRegularFile(f) || !Files.isRegularFile(dir.resolve(SENSES))) return null;
        JsonNode n = JSON.readTree(f.toFile());
        return key.equals(n.path("key").asText()) ? n : null;
    }

    static void writeResult(Path dir, String key, DisambiguationResult.SweepRow r) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("key", key);
        n.put("k", r.k());
        n.put("inertia", r.inertia());
        n.put("senses", r.senses());
        n.put("terms_with_several_senses", r.severalSenses());
        n.put("kept", r.kept());
        n.put("dropped", r.dropped());
        DisambiguationReport.number(n, "train_loss", r.trainLoss());
        DisambiguationReport.number(n, "heldout_loss", r.heldOutLoss());
        DisambiguationReport.number(n, "auc", r.auc());
        n.put("auc_labels", r.aucLabels());
        DisambiguationReport.number(n, "term_auc", r.termAuc());
        n.put("seconds", r.seconds());
        AtomicFiles.writeString(dir.resolve(RESULT), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n");
    }

    private static DisambiguationResult.SweepRow rowOf(JsonNode n) {
        return new DisambiguationResult.SweepRow(n.get("k").asInt(), n.get("inertia").asDouble(), n.get("senses").asInt(),
                n.get("terms_with_several_senses").asInt(), n.get("kept").asLong(), n.get("dropped").asLong(), num(n, "train_loss"),
                num(n, "heldout_loss"), num(n, "auc"), n.get("auc_labels").asInt(), num(n, "term_auc"), n.get("seconds").asDouble());
    }

    private static double num(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }
}
