package io.colisten.train.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.colisten.engine.random.Rng;
import io.colisten.nn.audio.WavWriter;
import io.colisten.nn.checkpoint.Checkpoint;
import io.colisten.nn.checkpoint.RunFolder;
import io.colisten.nn.embed.Embedder;
import io.colisten.nn.embed.EmbeddingIndex;
import io.colisten.nn.embed.Npy;
import io.colisten.nn.models.ClassifierHead;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.nn.models.ModelConfig;
import io.colisten.nn.models.Models;
import io.colisten.nn.text.Tokenizer;
import io.colisten.nn.text.Vocabulary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * embed, similar, tag and search through Colisten.commandLine(), on a folder of three generated
 * WAVs and a random-init checkpoint (MobileNet at a quarter width, with a classifier head and a
 * vocabulary): outputs, JSON forms, exit codes and the errors' wording.
 */
class EmbedCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> TERMS = List.of("synth", "pop", "synth pop", "rock");

    @TempDir
    static Path dir;

    static Path run, bare, music, out;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = Colisten.commandLine();
        StringWriter o = new StringWriter(), e = new StringWriter();
        cl.setOut(new PrintWriter(o));
        cl.setErr(new PrintWriter(e));
        int code = cl.execute(args);
        return new Run(code, o.toString(), e.toString());
    }

    static float[] signal(double seconds, long seed) {
        Rng rng = new Rng(seed);
        double f = 100 + 900 * rng.nextDouble();
        float[] x = new float[(int) (seconds * 16_000)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.4 * Math.sin(2 * Math.PI * f * i / 16_000.0) + 0.05 * rng.nextGaussian());
        }
        return x;
    }

    @BeforeAll
    static void setUp() throws IOException {
        ModelConfig config = ModelConfig.of(ModelConfig.MOBILENET).withWidth(0.25);
        EmbeddingNetwork net = Models.create(config, 3);
        long[] counts = {4, 3, 2, 1};
        Vocabulary vocab = new Vocabulary(TERMS, counts, 4, "test", Tokenizer.VERSION);
        run = dir.resolve("run");
        vocab.write(run.resolve(RunFolder.VOCABULARY));
        Checkpoint.save(RunFolder.checkpoint(run, 500), net, ClassifierHead.create(4, 128, 4), 500, "labels",
                run.resolve(RunFolder.VOCABULARY), vocab);
        bare = dir.resolve("bare.safetensors");
        Checkpoint.save(bare, net, null, 100, "triplet");
        music = dir.resolve("music");
        WavWriter.writeFloat32(music.resolve("a.wav"), signal(3.2, 1), 1, 16_000);
        WavWriter.writeFloat32(music.resolve("b.wav"), signal(3.5, 2), 1, 16_000);
        WavWriter.writeFloat32(music.resolve("sub/c.wav"), signal(4.0, 3), 1, 16_000);
        Files.writeString(music.resolve("notes.txt"), "not audio, not listed");
        out = dir.resolve("out");
        Run r = run("embed", "--model", run.toString(), music.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.code, r.err + r.out);
    }

    @Test
    void embedWritesTheFolderUnderRelativeIds() throws IOException {
        assertEquals(List.of("a.wav", "b.wav", "sub/c.wav"), Files.readAllLines(out.resolve("ids.txt")));
        Npy.Matrix m = Npy.read(out.resolve("embeddings.npy"));
        assertEquals(3, m.rows());
        assertEquals(128, m.cols());
        Embedder embedder = Embedder.load(run);
        assertArrayEquals(embedder.embed(music.resolve("sub/c.wav")).vector(), java.util.Arrays.copyOfRange(m.data(), 256, 384), 0f);
        JsonNode report = JSON.readTree(out.resolve("embed-report.json").toFile());
        assertEquals(3, report.get("embedded").asInt());
        assertEquals(1, report.get("ignored_files").asInt());
        assertEquals(500, report.get("step").asInt());
    }

    @Test
    void similarByIdAndByFile() throws IOException {
        Run r = run("similar", "--embeddings", out.toString(), "a.wav", "-k", "2");
        assertEquals(0, r.code, r.err);
        List<String> lines = r.out.lines().toList();
        assertEquals(2, lines.size(), r.out);
        assertTrue(lines.stream().noneMatch(l -> l.endsWith(" a.wav")), r.out);
        assertTrue(lines.get(0).matches(" {2}1 {2}-?[0-9.]+ {2}(b\\.wav|sub/c\\.wav)"), lines.get(0));

        r = run("similar", "--embeddings", out.toString(), "--file", music.resolve("b.wav").toString(), "--model",
                run.toString(), "-k", "1", "--json");
        assertEquals(0, r.code, r.err);
        JsonNode j = JSON.readTree(r.out);
        assertEquals("b.wav", j.get("results").get(0).get("id").asText());
        assertEquals(1.0, j.get("results").get(0).get("score").asDouble(), 1e-5);
    }

    @Test
    void searchAndTag() throws IOException {
        Run r = run("search", "--model", run.toString(), "--embeddings", out.toString(), "-k", "3", "--json", "Synth", "Pop");
        assertEquals(0, r.code, r.err);
        JsonNode j = JSON.readTree(r.out);
        assertEquals("[\"synth\",\"synth pop\",\"pop\"]", j.get("terms").toString());
        assertEquals(3, j.get("results").size());
        r = run("search", "--model", run.toString(), "--embeddings", out.toString(), "synth");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.startsWith("terms: synth\n"), r.out);

        r = run("tag", "--model", run.toString(), music.resolve("a.wav").toString(), "-k", "2", "--json");
        assertEquals(0, r.code, r.err);
        JsonNode tags = JSON.readTree(r.out).get(0).get("tags");
        assertEquals(2, tags.size());
        assertTrue(TERMS.contains(tags.get(0).get("term").asText()), r.out);
        assertTrue(tags.get(0).get("probability").asDouble() >= tags.get(1).get("probability").asDouble());
    }

    @Test
    void embedFromACorpusFeatureStore() throws IOException {
        Path store = dir.resolve("store");
        Run r = run("ingest", "--audio", music.toString(), "--store", store.toString(), "--quiet");
        assertEquals(0, r.code, r.err + r.out);
        Path out2 = dir.resolve("out-corpus");
        r = run("embed", "--model", run.toString(), "--corpus", dir.toString(), "--store", store.toString(), "--out",
                out2.toString(), "--quiet", "--json");
        assertEquals(0, r.code, r.err + r.out);
        assertEquals("corpus", JSON.readTree(r.out).get("source").asText());
        EmbeddingIndex fromStore = EmbeddingIndex.read(out2), fromFiles = EmbeddingIndex.read(out);
        assertEquals(new java.util.TreeSet<>(fromFiles.ids()), new java.util.TreeSet<>(fromStore.ids())); // store order: ingest's
        for (int i = 0; i < 3; i++) { // the store keeps half-precision frames: close, not equal
            float[] a = fromStore.vector(i), b = fromFiles.vector(fromFiles.indexOf(fromStore.id(i)));
            double dot = 0;
            for (int j = 0; j < 128; j++) dot += a[j] * b[j];
            assertTrue(dot > 0.999, "cosine " + dot);
        }
    }

    @Test
    void aBadFileIsReportedAndTheRestEmbedded() throws IOException {
        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        Files.copy(music.resolve("a.wav"), mixed.resolve("good.wav"));
        Files.writeString(mixed.resolve("broken.wav"), "RIFF but not really");
        Path out3 = dir.resolve("out-mixed");
        Run r = run("embed", "--model", run.toString(), mixed.toString(), "--out", out3.toString(), "--quiet");
        assertEquals(1, r.code, r.err + r.out);
        assertTrue(r.out.contains("embedded 1 of 2 recordings"), r.out);
        assertTrue(r.out.contains("failed: " + mixed.resolve("broken.wav") + ": "), r.out);
        assertEquals(List.of("good.wav"), Files.readAllLines(out3.resolve("ids.txt")));
    }

    @Test
    void errorsNameTheArgumentAtFault() {
        Run r = run("embed", "--model", dir.resolve("nope").toString(), music.toString(), "--out", dir.resolve("x").toString());
        assertEquals(1, r.code);
        assertTrue(r.err.contains(dir.resolve("nope") + ": no such checkpoint file or run folder"), r.err);
        r = run("embed", "--model", run.toString(), music.toString());
        assertEquals(2, r.code);
        assertTrue(r.err.contains("--out"), r.err);
        r = run("embed", "--model", run.toString(), dir.resolve("ghost.wav").toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, r.code);
        assertTrue(r.err.contains(dir.resolve("ghost.wav") + ": no such file or folder"), r.err);
        r = run("similar", "--embeddings", out.toString(), "nope.wav");
        assertEquals(1, r.code);
        assertTrue(r.err.contains("no recording 'nope.wav' in " + out.resolve("ids.txt")), r.err);
        r = run("similar", "--embeddings", out.toString(), "a.wav", "--file", "x.wav");
        assertEquals(2, r.code);
        r = run("similar", "--embeddings", dir.resolve("none").toString(), "a.wav");
        assertEquals(1, r.code);
        assertTrue(r.err.contains(dir.resolve("none") + ": no such embeddings folder"), r.err);
        r = run("tag", "--model", bare.toString(), music.resolve("a.wav").toString());
        assertEquals(1, r.code);
        assertTrue(r.err.contains(bare + " has no classifier head"), r.err);
        r = run("search", "--model", run.toString(), "--embeddings", out.toString(), "baroque", "cello");
        assertEquals(1, r.code);
        assertTrue(r.err.contains("no term of \"baroque cello\" is in the vocabulary (4 terms)"), r.err);
        r = run("search", "--model", run.toString(), "--embeddings", out.toString(), "-k", "0", "rock");
        assertEquals(2, r.code);
        assertFalse(r.err.isEmpty());
    }
}
