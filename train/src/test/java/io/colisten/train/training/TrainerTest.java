package io.colisten.train.training;

import com.fasterxml.jackson.databind.JsonNode;
import io.colisten.engine.io.SafeTensors;
import io.colisten.engine.io.TensorData;
import io.colisten.nn.checkpoint.Checkpoint;
import io.colisten.nn.checkpoint.RunFolder;
import io.colisten.train.corpus.CorpusFormatException;
import io.colisten.train.progress.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The training loop on a tiny corpus with a narrow SmallCNN (width 1/8, batches of 4): the
 * curriculum, the metrics log, checkpoints and in-process resume, NaN handling, Ctrl-C, and the
 * messages for corpora a stage cannot run on. (A real SIGKILL and resume: TrainKillResumeTest.)
 */
class TrainerTest {
    @TempDir
    static Path shared;
    static Path corpus;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCorpus() throws IOException {
        corpus = TinyCorpus.write(shared.resolve("corpus"), 96, true, true, -1);
    }

    static Map<String, Object> small(Path corpus, String mode, long steps) {
        Map<String, Object> m = TrainConfig.defaults();
        m.put("corpus", corpus.toString());
        m.put("mode", mode);
        m.put("width", 0.125);
        m.put("steps", steps);
        m.put("batch", 4L);
        m.put("lr", 1e-3);
        m.put("stream_threads", 1L);
        m.put("eval_batches", 1L);
        m.put("eval_every", 0L);
        m.put("log_every", 1L);
        m.put("checkpoint_every", 4L);
        m.put("plateau_window", 3L);
        m.put("max_triplet_steps", 6L);
        return m;
    }

    static Trainer.Outcome train(Map<String, Object> config, Path run, boolean resume) throws IOException {
        TrainConfig c = TrainConfig.fromMap(config);
        try (TrainingCorpus data = TrainingCorpus.open(Path.of(c.corpus()), null, m -> { })) {
            return new Trainer(c, run, data, Progress.NONE, m -> { }).run(resume);
        }
    }

    static Map<String, TensorData> tensors(Path checkpoint) throws IOException {
        return SafeTensors.read(checkpoint).tensors();
    }

    static void assertSameTensors(Path a, Path b) throws IOException {
        Map<String, TensorData> x = tensors(a), y = tensors(b);
        assertEquals(x.keySet(), y.keySet());
        for (String k : x.keySet()) {
            assertArrayEquals(x.get(k).bytes(), y.get(k).bytes(), k + " differs between " + a + " and " + b);
        }
    }

    @Test
    void hybridRunsTheCurriculumAndLogsEveryStep() throws IOException {
        Path run = dir.resolve("run");
        Trainer.Outcome o = train(small(corpus, "hybrid", 10), run, false);
        assertEquals(10, o.steps());
        assertEquals(Stage.LABELS, o.stage());
        assertEquals("steps", o.reason());
        List<JsonNode> log = MetricsLog.read(run.resolve(MetricsLog.NAME));
        List<Long> steps = new ArrayList<>();
        JsonNode stageChange = null;
        for (JsonNode n : log) {
            if (n.get("event").asText().equals("step")) {
                steps.add(n.get("step").asLong());
                assertTrue(Double.isFinite(n.get("loss").asDouble()), n.toString());
                assertEquals(n.get("step").asLong() <= stageChange(log) ? "triplet" : "labels", n.get("stage").asText(), n.toString());
                if (n.get("stage").asText().equals("triplet")) {
                    double sum = n.get("semi_hard").asDouble() + n.get("fallback").asDouble();
                    assertTrue(sum > 0.99 && sum <= 1.0 + 1e-9, "mining fractions cover the triplets: " + n);
                }
            }
            if (n.get("event").asText().equals("stage")) stageChange = n;
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), steps);
        assertTrue(stageChange != null, "no stage change logged");
        long switchStep = stageChange.get("step").asLong();
        assertTrue(switchStep >= 3 && switchStep <= 6, "the triplet stage ends at a plateau check or at its cap of 6: " + switchStep);
        assertTrue(log.get(0).get("event").asText().equals("eval") && log.get(0).get("step").asLong() == 0, "held-out losses before training");
        // The pinned stage-end checkpoint survives pruning (keep 3) and holds the triplet weights.
        Path end = RunFolder.checkpoint(run, switchStep);
        assertTrue(Files.isRegularFile(end) && Files.isRegularFile(RunFolder.state(end)), end.toString());
        assertEquals("triplet", Checkpoint.load(end).metadata().stage());
        Checkpoint last = Checkpoint.load(run);
        assertEquals(10, last.metadata().step());
        assertTrue(last.head() != null && last.vocabulary() != null, "a hybrid checkpoint carries the classifier and its vocabulary");
        assertTrue(Files.isRegularFile(run.resolve(RunFolder.CONFIG)));
    }

    private static long stageChange(List<JsonNode> log) {
        for (JsonNode n : log) if (n.get("event").asText().equals("stage")) return n.get("step").asLong();
        return Long.MAX_VALUE;
    }

    @Test
    void resumingInProcessGivesTheUninterruptedWeights() throws IOException {
        Path straight = dir.resolve("straight"), split = dir.resolve("split");
        train(small(corpus, "hybrid", 11), straight, false);
        // Stop at 5 (inside the triplet stage or at its end), then resume to 11 across the stage change.
        train(small(corpus, "hybrid", 5), split, false);
        Map<String, Object> more = small(corpus, "hybrid", 11);
        train(more, split, true);
        assertSameTensors(RunFolder.latest(straight), RunFolder.latest(split));
        assertSameTensors(RunFolder.state(RunFolder.latest(straight)), RunFolder.state(RunFolder.latest(split)));
        // The log reads as one run: steps 1..11 once each.
        List<Long> steps = new ArrayList<>();
        for (JsonNode n : MetricsLog.read(split.resolve(MetricsLog.NAME))) {
            if (n.get("event").asText().equals("step")) steps.add(n.get("step").asLong());
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), steps);
    }

    @Test
    void aNanLossStopsTheRunNamingStepBatchAndCheckpoint() throws IOException {
        // One train recording's frames are NaN: the first batch that draws it must stop the run.
        io.colisten.train.split.Splits splits = io.colisten.train.split.Splits.assign(
                java.util.stream.IntStream.range(0, 96).mapToObj(TinyCorpus::id).toArray(String[]::new),
                io.colisten.train.split.SplitSpec.DEFAULT);
        int victim = 0;
        while (splits.of(TinyCorpus.id(victim)) != io.colisten.train.split.Split.TRAIN) victim++;
        Path bad = TinyCorpus.write(dir.resolve("nan-corpus"), 96, true, true, victim);
        Map<String, Object> c = small(bad, "triplet", 400);
        c.put("checkpoint_every", 1L);
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> train(c, dir.resolve("run"), false));
        assertTrue(e.getMessage().contains("at step " + e.step()) && e.getMessage().contains("batch"), e.getMessage());
        assertTrue(e.getMessage().contains("Last good checkpoint"), e.getMessage());
        if (e.step() > 1) {
            assertEquals(RunFolder.checkpoint(dir.resolve("run"), e.step() - 1), e.lastCheckpoint());
            // The last checkpoint's weights are finite: the bad step was never applied.
            for (TensorData t : tensors(e.lastCheckpoint()).values()) {
                if (t.dtype() == io.colisten.engine.io.Dtype.F32) for (float v : t.floats()) assertTrue(Float.isFinite(v));
            }
        }
    }

    @Test
    void aStopRequestWritesACheckpointAndEndsTheRun() throws Exception {
        TrainConfig c = TrainConfig.fromMap(small(corpus, "triplet", 100_000));
        Path run = dir.resolve("stopped");
        try (TrainingCorpus data = TrainingCorpus.open(corpus, null, m -> { })) {
            Trainer t = new Trainer(c, run, data, Progress.NONE, m -> { });
            Thread stopper = new Thread(() -> {
                try {
                    while (!Files.isRegularFile(run.resolve(MetricsLog.NAME)) || Files.size(run.resolve(MetricsLog.NAME)) < 600) Thread.sleep(5);
                } catch (Exception ignored) {
                    // the run failed; the assertions below say so
                }
                t.requestStop();
            });
            stopper.start();
            Trainer.Outcome o = t.run(false);
            stopper.join();
            assertTrue(t.awaitFinished(1, TimeUnit.SECONDS));
            assertEquals("interrupted", o.reason());
            assertTrue(o.steps() > 0 && o.steps() < 100_000);
            assertEquals(RunFolder.checkpoint(run, o.steps()), o.checkpoint());
            assertTrue(Files.isRegularFile(RunFolder.state(o.checkpoint())));
        }
    }

    @Test
    void cfRegressionComputesWmfFactorsOfTheTrainGraphAndLearnsThem() throws IOException {
        Path run = dir.resolve("cf");
        Map<String, Object> c = small(corpus, "cf-regression", 40);
        c.put("width", 0.25);
        c.put("batch", 8L);
        Trainer.Outcome o = train(c, run, false);
        assertEquals(40, o.steps());
        assertTrue(Files.isRegularFile(run.resolve("wmf").resolve("factors.npy")), "WMF factors written into the run");
        List<Double> losses = new ArrayList<>();
        for (JsonNode n : MetricsLog.read(run.resolve(MetricsLog.NAME))) {
            if (n.get("event").asText().equals("step")) losses.add(n.get("loss").asDouble());
        }
        // Unit vectors: the per-element squared error starts near 2/128 (unrelated directions) and must fall.
        double first = 0, last = 0;
        for (int i = 0; i < 10; i++) {
            first += losses.get(i) / 10;
            last += losses.get(30 + i) / 10;
        }
        assertTrue(last < 0.95 * first, "cf-regression loss should fall (mean of the last 10 steps vs the first 10): " + losses);
    }

    @Test
    void stagesThatCannotRunSaySoAndWhy() throws IOException {
        Path noGraph = TinyCorpus.write(dir.resolve("no-graph"), 24, false, true, -1);
        StageUnavailableException e = assertThrows(StageUnavailableException.class, () -> train(small(noGraph, "hybrid", 2), dir.resolve("a"), false));
        assertTrue(e.getMessage().contains("triplet stage cannot run") && e.getMessage().contains("no co-listen data"), e.getMessage());
        // Labels alone run without a graph.
        assertEquals(2, train(small(noGraph, "labels", 2), dir.resolve("b"), false).steps());

        Path noLabels = TinyCorpus.write(dir.resolve("no-labels"), 24, true, false, -1);
        e = assertThrows(StageUnavailableException.class, () -> train(small(noLabels, "labels", 2), dir.resolve("c"), false));
        assertTrue(e.getMessage().contains("labels stage cannot run") && e.getMessage().contains("without --no-labels"), e.getMessage());

        Path noStore = dir.resolve("no-store");
        Files.createDirectories(noStore);
        Files.writeString(noStore.resolve("tracks.jsonl"), "");
        CorpusFormatException f = assertThrows(CorpusFormatException.class, () -> train(small(noStore, "triplet", 2), dir.resolve("d"), false));
        assertTrue(f.getMessage().contains("no feature store") && f.getMessage().contains("colisten ingest"), f.getMessage());

        e = assertThrows(StageUnavailableException.class, () -> train(small(noGraph, "cf-regression", 2), dir.resolve("e"), false));
        assertTrue(e.getMessage().contains("cf-regression stage cannot run") && e.getMessage().contains("no co-listen data"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("e").resolve(RunFolder.CHECKPOINTS)));
    }
}
