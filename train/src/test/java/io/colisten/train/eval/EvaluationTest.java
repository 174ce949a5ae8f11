package io.colisten.train.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.colisten.train.eval.report.ReportWriter;
import io.colisten.train.progress.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole evaluation on a tiny corpus with a tiny trained model (a width-1/8 SmallCNN, hybrid, 4
 * steps) and its triplet-stage checkpoint as a second model: report.json's sections, keys and ranges, report.md's tables,
 * the charts, the embedding cache, and the errors for bad runs.
 */
class EvaluationTest {
    @TempDir
    static Path shared;
    static Path corpus, hybrid, triplet;
    static Evaluation.Outcome outcome;
    static JsonNode json;

    @BeforeAll
    static void trainAndEvaluate() throws IOException {
        corpus = EvalCorpusFixture.write(shared.resolve("corpus"), 64);
        hybrid = EvalCorpusFixture.train(corpus, "hybrid", 4, shared.resolve("hybrid"));
        // The hybrid run's pinned triplet-stage checkpoint: a second model without a second training.
        triplet = io.colisten.nn.checkpoint.RunFolder.checkpoint(hybrid, 2);
        outcome = Evaluation.run(List.of(hybrid, triplet), options(shared.resolve("report")), Progress.NONE, m -> { });
        json = new ObjectMapper().readTree(outcome.json().toFile());
    }

    static EvaluationOptions options(Path out) {
        return EvaluationOptions.defaults(corpus, out).withMinLabelCount(3).withSeed(3).withProbes(2, 32, null, 30);
    }

    @Test
    void linkPredictionHasRandomAndEachModelWithFiguresInRange() {
        JsonNode link = json.get("link_prediction");
        List<String> models = new ArrayList<>();
        for (JsonNode row : link) {
            models.add(row.get("model").asText());
            double ap = row.get("ap").asDouble(), auc = row.get("auc").asDouble();
            assertTrue(ap > 0 && ap <= 1 && auc >= 0 && auc <= 1, row.toString());
            assertTrue(row.get("pairs").asInt() > 0, row.toString());
            assertEquals(2, row.get("sets").size());
            assertEquals(corpus.toString(), row.get("corpus").asText());
            assertEquals(3, row.get("seed").asLong());
            assertTrue(row.has("checkpoint"));
        }
        assertEquals(List.of("Random", "SmallCNN x0.125 hybrid", "SmallCNN x0.125 hybrid step 2"), models);
        assertTrue(link.get(1).get("checkpoint").asText().endsWith(".safetensors"));
        JsonNode setup = json.get("link_prediction_setup");
        assertEquals(setup.get("pairs_per_set").asInt(), link.get(0).get("pairs").asInt());
        assertTrue(json.get("notes").toString().contains("WMF left out"), "WMF's absence is noted");
    }

    @Test
    void labelPredictionScoresEachModelWithAHead() {
        JsonNode labels = json.get("label_prediction");
        assertEquals(2, labels.size());
        JsonNode h = labels.get(0);
        assertEquals("SmallCNN x0.125 hybrid", h.get("model").asText());
        assertTrue(h.get("labels").asInt() > 0, h.toString());
        double auc = h.get("auc").asDouble();
        assertTrue(auc >= 0 && auc <= 1, h.toString());
        assertEquals(3, h.get("min_label_count").asInt());
        JsonNode t = labels.get(1);
        assertEquals("SmallCNN x0.125 hybrid step 2", t.get("model").asText());
        assertEquals(h.get("labels").asInt(), t.get("labels").asInt(), "the same labels qualify for every model");
        assertTrue(json.get("notes").toString().contains("at least 3 positives"), "a lowered threshold is noted");
    }

    @Test
    void probesCoverEveryTaskEmbeddingClassifierAndTrainingSet() {
        JsonNode probes = json.get("probes");
        Set<String> cells = new HashSet<>();
        for (JsonNode p : probes) {
            cells.add(p.get("task").asText() + "|" + p.get("embedding").asText() + "|" + p.get("classifier").asText() + "|"
                    + p.get("train_set").asText());
            JsonNode auc = p.get("auc");
            assertTrue(auc.isNull() || auc.asDouble() >= 0 && auc.asDouble() <= 1, p.toString());
            assertTrue(p.has("corpus") && p.has("model") && p.has("checkpoint") && p.has("seed"), p.toString());
        }
        for (String task : List.of("group", "pace")) {
            for (String e : List.of("SmallCNN x0.125 hybrid", "SmallCNN x0.125 hybrid step 2", "logmel_stats", "random_net")) {
                for (String c : List.of("linear", "mlp")) {
                    for (String s : List.of("full", "10%")) assertTrue(cells.contains(task + "|" + e + "|" + c + "|" + s), task + e + c + s);
                }
            }
        }
        assertEquals(2 * 4 * 2 * 2, probes.size());
        // The cluster is in the spectrum: the summary statistics must find it.
        for (JsonNode p : probes) {
            if (p.get("task").asText().equals("group") && p.get("embedding").asText().equals("logmel_stats")
                    && p.get("train_set").asText().equals("full")) {
                assertTrue(p.get("auc").asDouble() > 0.9, p.toString());
            }
        }
    }

    @Test
    void markdownHasThePapersTablesAndChartsAreWritten() throws IOException {
        String md = Files.readString(outcome.markdown());
        assertTrue(md.contains("## Table 1.") && md.contains("## Table 2.") && md.contains("## Tables 4-5."), md);
        assertTrue(md.contains("| Random |") && md.contains("| SmallCNN x0.125 hybrid fixed | full |"), md);
        assertTrue(md.contains("### group (4 classes"), md);
        List<String> names = new ArrayList<>();
        for (Path c : outcome.charts()) {
            names.add(c.getFileName().toString());
            byte[] b = Files.readAllBytes(c);
            assertTrue(b.length > 1000 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', c + " is a PNG");
            assertTrue(md.contains("](" + c.getFileName() + ")"), "report.md shows " + c.getFileName());
        }
        assertEquals(List.of("training-smallcnn-x0-125-hybrid.png", ReportWriter.ROC, ReportWriter.PR), names, "one training chart per run");
        for (JsonNode c : json.get("charts")) assertTrue(names.contains(c.asText()));
    }

    @Test
    void embeddingsAreCachedPerCheckpointAndReusedWithTheSameFigures() throws IOException {
        Path evalDir = hybrid.resolve("eval");
        assertTrue(Files.isDirectory(evalDir));
        List<String> all;
        try (var s = Files.list(evalDir)) {
            all = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        List<String> folders = all.stream().filter(n -> n.startsWith("step-")).toList();
        assertEquals(2, folders.size(), "one cache per checkpoint: " + all);
        assertTrue(all.stream().anyMatch(n -> n.startsWith("random_net-smallcnn-w0.125-seed-3-store-")), "random_net beside them: " + all);
        assertTrue(folders.get(0).startsWith("step-00000002-store-") && folders.get(1).startsWith("step-00000004-store-"), folders.toString());
        Path cache = evalDir.resolve(folders.get(1));
        assertTrue(Files.size(cache.resolve("embeddings.npy")) > 0 && Files.isRegularFile(cache.resolve("windows.npy")));
        long t0 = System.nanoTime();
        Evaluation.Outcome again = Evaluation.run(List.of(hybrid, triplet), options(shared.resolve("report-again")).withProbes(2, 32, List.of(), 30),
                Progress.NONE, m -> { });
        double seconds = (System.nanoTime() - t0) / 1e9;
        JsonNode j = new ObjectMapper().readTree(again.json().toFile());
        assertEquals(json.get("link_prediction").toString(), j.get("link_prediction").toString());
        assertEquals(json.get("label_prediction").toString(), j.get("label_prediction").toString());
        assertEquals(0, j.get("probes").size(), "no probe task asked for");
        assertTrue(!j.has("probe_tasks"), "no probe section at all");
        assertTrue(seconds < 30, "a cached evaluation took " + seconds + " s");
    }

    @Test
    void aRunWithoutCheckpointsIsAnErrorNamingIt() throws IOException {
        Path empty = Files.createDirectories(shared.resolve("untrained/checkpoints"));
        IOException e = assertThrows(IOException.class, () -> Evaluation.run(List.of(empty.getParent()),
                options(shared.resolve("bad")), Progress.NONE, m -> { }));
        assertTrue(e.getMessage().contains("no checkpoint") && e.getMessage().contains("untrained"), e.getMessage());
        IOException missing = assertThrows(IOException.class, () -> Evaluation.run(List.of(shared.resolve("nowhere")),
                options(shared.resolve("bad")), Progress.NONE, m -> { }));
        assertTrue(missing.getMessage().contains("nowhere"), missing.getMessage());
        assertFalse(Files.exists(shared.resolve("bad/report.json")));
    }
}
