package io.colisten.train.cli;

import io.colisten.nn.checkpoint.Checkpoint;
import io.colisten.nn.embed.EmbeddingFiles;
import io.colisten.nn.embed.EmbeddingIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's plumbing at the smallest size: the tiny world, ingest, two hybrid steps of a
 * narrow batch, embeddings of every recording, and the closing summary naming each folder; then a
 * second call resumes instead of starting over. (Its learning is measured by the demo itself.)
 */
class DemoCommandTest {
    @TempDir
    Path dir;

    private static String run(String... args) {
        CommandLine cl = Colisten.commandLine();
        StringWriter o = new StringWriter(), e = new StringWriter();
        cl.setOut(new PrintWriter(o));
        cl.setErr(new PrintWriter(e));
        int code = cl.execute(args);
        assertEquals(0, code, "exit code; stderr: " + e);
        return o.toString();
    }

    @Test
    void runsEveryStageAndSaysWhereThingsWent() throws Exception {
        Path out = dir.resolve("demo");
        String o = run("demo", "--size", "tiny", "--out", out.toString(), "--minutes", "5", "--steps", "2", "--batch", "4");
        assertTrue(o.contains("colisten demo: done"), o);
        for (String part : new String[] {"corpus", "run", "embeddings", "report"}) assertTrue(o.contains(out.resolve(part).toString()), o);
        assertTrue(Files.isRegularFile(out.resolve("report").resolve("report.json")), "the demo ends with the report");
        assertTrue(Files.readString(out.resolve("report").resolve("report.json")).contains("\"disambiguation\""), "and the label senses in it");
        assertTrue(Files.isRegularFile(out.resolve("run").resolve("disambiguation").resolve("senses.safetensors")));
        assertEquals(2, Checkpoint.load(out.resolve("run")).metadata().step());
        EmbeddingIndex index = EmbeddingFiles.read(out.resolve("embeddings"));
        assertEquals(100, index.size(), "every recording of the tiny world is embedded");
        assertTrue(Files.isRegularFile(out.resolve("run").resolve("metrics.jsonl")));
        assertTrue(o.contains("heldout label loss"), o);
        // The tiny world's evaluation part is too small for link and label prediction; the probes run.
        assertTrue(o.contains("probes, class-balanced AUC") && o.contains("random_net") && o.contains("logmel_stats"), o);
        assertTrue(o.contains("label senses: k = "), o);
        assertTrue(Files.isRegularFile(out.resolve("wmf").resolve("factors.npy")), "WMF of the whole graph for Table 2's upper bound");

        // Again: the world and the store are there, the run resumes (its step limit is reached).
        String again = run("demo", "--size", "tiny", "--out", out.toString(), "--minutes", "5", "--steps", "2", "--batch", "4");
        assertTrue(again.contains("already there") && again.contains("done"), again);
        assertEquals(2, Checkpoint.load(out.resolve("run")).metadata().step());
    }
}
