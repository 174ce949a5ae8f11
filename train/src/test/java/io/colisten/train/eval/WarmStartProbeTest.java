package io.colisten.train.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.colisten.engine.Tensor;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.nn.models.ModelConfig;
import io.colisten.nn.models.Models;
import io.colisten.train.eval.embed.WindowEmbedder;
import io.colisten.train.progress.Progress;
import io.colisten.train.store.FeatureStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Warm-start probes on {@link EvalCorpusFixture}'s corpus (four clusters with one raised band
 * range each, a task "group" naming the cluster): fine-tuning a random width-1/8 SmallCNN under a
 * probe beats the fixed probe on its features, changes the network, is deterministic for a seed, and the evaluation
 * adds "MODEL warm-start" rows for every task and classifier on the full training set.
 */
class WarmStartProbeTest {
    @TempDir
    static Path dir;
    static Path corpus;
    static List<String> ids = new ArrayList<>();
    static boolean[][] labels;
    static ProbeSplit split;

    @BeforeAll
    static void corpus() throws IOException {
        corpus = EvalCorpusFixture.write(dir.resolve("corpus"), 64);
        int n = 64;
        labels = new boolean[n][EvalCorpusFixture.CLUSTERS];
        int[] train = new int[40], validation = new int[8], test = new int[16];
        int a = 0, b = 0, c = 0;
        for (int i = 0; i < n; i++) {
            ids.add(EvalCorpusFixture.id(i));
            labels[i][i % EvalCorpusFixture.CLUSTERS] = true;
            int k = i / EvalCorpusFixture.CLUSTERS;
            if (k < 10) train[a++] = i;
            else if (k < 12) validation[b++] = i;
            else test[c++] = i;
        }
        split = new ProbeSplit(train, validation, test);
    }

    /** The fixed probe's settings, which the warm start begins from. */
    private static final ProbeSpec HEAD = new ProbeSpec(ProbeClassifier.LOGISTIC, 16, 1e-2f, 8, 20, 20, 0f, 7);

    private static EmbeddingNetwork network() {
        return Models.create(ModelConfig.of(ModelConfig.SMALLCNN).withWidth(0.125), 5);
    }

    private static float[][] fixed(EmbeddingNetwork net, FeatureStore store) {
        Map<String, float[]> byId = new WindowEmbedder(net, 16).embed(store, ids, Progress.NONE).byId();
        float[][] rows = new float[ids.size()][];
        for (int i = 0; i < rows.length; i++) rows[i] = byId.get(ids.get(i));
        return rows;
    }

    private static ProbeResult run(EmbeddingNetwork net, FeatureStore store, int epochs) {
        return WarmStartProbe.train(net, store, ids, labels, split, fixed(network(), store), HEAD,
                new WarmStartProbe.Settings(epochs, epochs, 8, 1e-3f, 1e-2f, 7));
    }

    @Test
    void fineTuningLearnsThePlantedClustersAndChangesTheNetwork() throws IOException {
        try (FeatureStore store = FeatureStore.open(corpus.resolve("features"))) {
            EmbeddingNetwork net = network();
            Tensor first = net.parameters().list()[0];
            float[] before = first.toArray();
            float[][] f = fixed(network(), store);
            double fixedAuc = ProbeTrainer.train(f, labels, split, HEAD).testRocAuc();
            ProbeResult r = run(net, store, 16);
            // The random network's features separate the clusters partly (fixed probe ~0.88);
            // fine-tuning the network under the probe separates them better.
            assertTrue(r.testRocAuc() > fixedAuc && r.testRocAuc() > 0.88, "warm-start AUC " + r.testRocAuc() + ", fixed " + fixedAuc);
            assertEquals(40, r.trainRows());
            assertTrue(r.bestEpoch() >= 1 && r.bestEpoch() <= 16, "best epoch " + r.bestEpoch());
            assertEquals(r.epochs(), r.validationLoss().length);
            assertFalse(java.util.Arrays.equals(before, first.toArray()), "the network was fine-tuned");
            // Deterministic for a seed: a second fresh network gives the same figure.
            assertEquals(r.testRocAuc(), run(network(), store, 16).testRocAuc(), 0.0);
        }
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new WarmStartProbe.Settings(0, 1, 8, 1e-4f, 1e-3f, 1));
        assertThrows(IllegalArgumentException.class, () -> new WarmStartProbe.Settings(1, 1, 0, 1e-4f, 1e-3f, 1));
        assertThrows(IllegalArgumentException.class, () -> new WarmStartProbe.Settings(1, 1, 8, 0f, 1e-3f, 1));
    }

    @Test
    void evaluationAddsWarmStartRowsForEveryTaskAndClassifier() throws IOException {
        Path run = EvalCorpusFixture.train(corpus, "hybrid", 2, dir.resolve("run"));
        EvaluationOptions o = EvaluationOptions.defaults(corpus, dir.resolve("report")).withMinLabelCount(3).withSeed(3)
                .withProbes(2, 16, List.of("group"), 5).withWarmStart(1);
        Evaluation.Outcome out = Evaluation.run(List.of(run), o, Progress.NONE, m -> { });
        JsonNode probes = new ObjectMapper().readTree(out.json().toFile()).get("probes");
        List<String> warm = new ArrayList<>();
        for (JsonNode p : probes) {
            if (!p.get("embedding").asText().endsWith(" warm-start")) continue;
            assertEquals("full", p.get("train_set").asText(), p.toString());
            double auc = p.get("auc").asDouble();
            assertTrue(auc >= 0 && auc <= 1, p.toString());
            warm.add(p.get("task").asText() + " " + p.get("classifier").asText());
        }
        assertEquals(List.of("group linear", "group mlp"), warm);
        String md = Files.readString(out.markdown());
        assertTrue(md.contains("| SmallCNN x0.125 hybrid warm-start | full |"), md);
    }
}
