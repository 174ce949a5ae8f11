package io.colisten.train.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.colisten.engine.random.Rng;
import io.colisten.nn.audio.WavWriter;
import io.colisten.nn.checkpoint.Checkpoint;
import io.colisten.nn.checkpoint.RunFolder;
import io.colisten.nn.models.ModelConfig;
import io.colisten.nn.models.Models;
import io.colisten.train.cli.Colisten;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code colisten eval} through the launcher's command line: probes on a folder of generated WAVs
 * with a truth file (beside both baselines), a corpus evaluation, and the errors for bad input,
 * with a randomly initialised width-1/8 SmallCNN saved as a run's checkpoint (no training needed).
 */
class EvalCommandTest {
    static final int FILES = 20, RATE = 16_000;

    @TempDir
    static Path shared;
    static Path run, audio, truth;

    @BeforeAll
    static void makeRunAndAudio() throws IOException {
        run = shared.resolve("run");
        Files.createDirectories(RunFolder.checkpoints(run));
        Checkpoint.save(RunFolder.checkpoint(run, 0), Models.create(ModelConfig.of("smallcnn").withWidth(0.125), 7), null, 0, "init");
        audio = Files.createDirectories(shared.resolve("audio"));
        StringBuilder t = new StringBuilder("# id\ttag\n");
        Rng rng = new Rng(3);
        for (int i = 0; i < FILES; i++) {
            boolean high = i % 2 == 0;
            float[] x = new float[(int) (3.1 * RATE)];
            double f = high ? 2500 + 100 * (i % 5) : 200 + 20 * (i % 5);
            for (int s = 0; s < x.length; s++) x[s] = (float) (0.3 * Math.sin(2 * Math.PI * f * s / RATE) + 0.02 * rng.nextGaussian());
            String id = String.format("clip%02d", i);
            WavWriter.writePcm16(audio.resolve(id + ".wav"), x, 1, RATE);
            t.append(id).append('\t').append(high ? "pitch:high" : "pitch:low").append('\n');
            if (i % 3 == 0) t.append(id).append("\tloud\n");
        }
        truth = shared.resolve("truth.tsv");
        Files.writeString(truth, t.toString());
    }

    record Result(int code, String out, String err) {}

    static Result eval(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Colisten.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "eval";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cl.execute(all);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void probesOnAFolderOfAudioBesideBothBaselines() throws IOException {
        Path out = shared.resolve("probe-report");
        Result r = eval("--probe", truth.toString(), "--audio", audio.toString(), "--model", run.toString(), "--out", out.toString(),
                "--probe-min-positives", "1", "--probe-hidden", "16", "--probe-epochs", "100", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("report: " + out.resolve("report.md")), r.out());
        JsonNode j = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals(0, j.get("link_prediction").size());
        assertEquals(0, j.get("label_prediction").size());
        Set<String> embeddings = new HashSet<>(), tasks = new HashSet<>();
        for (JsonNode p : j.get("probes")) {
            embeddings.add(p.get("embedding").asText());
            tasks.add(p.get("task").asText());
            JsonNode auc = p.get("auc");
            assertTrue(auc.isNull() || auc.asDouble() >= 0 && auc.asDouble() <= 1, p.toString());
        }
        assertEquals(Set.of("SmallCNN x0.125 init", "logmel_stats", "random_net"), embeddings);
        assertEquals(Set.of("pitch", "tags"), tasks);
        assertEquals(FILES, j.get("probe_recordings").asInt());
        // The folder's audio went into a store of the report's own, reused by a second run.
        assertTrue(Files.isRegularFile(out.resolve("features/store.json")));
        for (JsonNode p : j.get("probes")) {
            if (p.get("task").asText().equals("pitch") && p.get("embedding").asText().equals("logmel_stats")
                    && p.get("classifier").asText().equals("linear") && p.get("train_set").asText().equals("full")) {
                assertTrue(p.get("auc").asDouble() > 0.9, "a tone's pitch is in its spectrum: " + p);
            }
        }
    }

    @Test
    void aCorpusEvaluationFromTheCommandLine() throws IOException {
        Path corpus = EvalCorpusFixture.write(shared.resolve("corpus"), 64);
        Path out = shared.resolve("corpus-report");
        Result r = eval(run.toString(), "--corpus", corpus.toString(), "--out", out.toString(), "--min-label-count", "2",
                "--probe-tasks", "group", "--probe-hidden", "16", "--probe-epochs", "5", "--probe-min-positives", "2", "--seed", "5");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("link prediction") && r.out().contains("Random"), r.out());
        assertTrue(r.err().contains("WMF left out"), r.err());
        JsonNode j = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals(2, j.get("link_prediction").size());
        assertEquals(5, j.get("seed").asLong());
        assertTrue(j.get("label_prediction").get(0).get("skipped").asText().contains("no classifier head"));
        assertEquals(3 * 2 * 2, j.get("probes").size(), "one task x 3 embeddings x 2 classifiers x 2 training sets");
        assertTrue(Files.size(out.resolve("link-roc.png")) > 1000 && Files.size(out.resolve("link-pr.png")) > 1000);
    }

    @Test
    void badInputIsAClearError() throws IOException {
        Path badTruth = shared.resolve("bad-truth.tsv");
        Files.writeString(badTruth, "clip00\tpitch:high\nmissing-one\tpitch:low\n");
        Result r = eval("--probe", badTruth.toString(), "--audio", audio.toString(), "--model", run.toString(), "--out",
                shared.resolve("bad").toString(), "--quiet");
        assertEquals(1, r.code());
        assertTrue(r.err().contains(badTruth.toString()) && r.err().contains("missing-one") && r.err().contains("no audio file"), r.err());

        Path malformed = shared.resolve("malformed.tsv");
        Files.writeString(malformed, "clip00 pitch:high\n");
        r = eval("--probe", malformed.toString(), "--audio", audio.toString(), "--model", run.toString(), "--out", shared.resolve("bad").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(malformed + ":1: expected id<TAB>tag"), r.err());

        Path untrained = Files.createDirectories(shared.resolve("untrained/checkpoints")).getParent();
        r = eval(untrained.toString(), "--corpus", shared.toString(), "--out", shared.resolve("bad").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no checkpoint") && r.err().contains("untrained"), r.err());

        assertEquals(2, eval("--probe", truth.toString(), "--model", run.toString(), "--out", "x").code(), "--probe without --audio");
        assertEquals(2, eval("--probe", truth.toString(), "--audio", audio.toString(), "--model", run.toString()).code(), "--probe without --out");
        assertEquals(2, eval().code(), "no run");
        assertEquals(2, eval(run.toString(), "--min-label-count", "0").code());
    }
}
