package io.colisten.train.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.colisten.nn.audio.WavWriter;
import io.colisten.train.store.FeatureStore;
import io.colisten.train.store.StoreFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = Colisten.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static float[] tone(int n, int rate, double f) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * f * i / rate));
        }
        return x;
    }

    /** A 44-byte PCM16 header with the given fields, then {@code dataBytes} bytes of data. */
    private static byte[] header(int channels, int rate, int declaredData, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + declaredData).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels).putInt(rate)
                .putInt(rate * Math.max(channels, 1) * 2).putShort((short) (Math.max(channels, 1) * 2)).putShort((short) 16);
        b.put("data".getBytes()).putInt(declaredData);
        return b.array();
    }

    @Test
    void reportsEachBadFileAndIngestsTheRest() throws IOException {
        Path audio = Files.createDirectories(dir.resolve("corpus/audio"));
        WavWriter.writePcm16(audio.resolve("good.wav"), tone(16000 * 5, 16000, 440), 1, 16000);
        WavWriter.writePcm16(audio.resolve("short.wav"), tone(8000, 16000, 440), 1, 16000);
        WavWriter.writeFloat32(audio.resolve("stereo48k.wav"), tone(48000 * 8, 48000, 1000), 2, 48000);
        Files.write(audio.resolve("empty.wav"), new byte[0]);
        Files.writeString(audio.resolve("notes.wav"), "this is not audio at all, just text\n");
        Files.write(audio.resolve("zero-channels.wav"), header(0, 16000, 1000, 1000));
        Files.write(audio.resolve("absurd.wav"), header(1, 16000, 2_000_000_000, 100));
        byte[] good = Files.readAllBytes(audio.resolve("good.wav"));
        Files.write(audio.resolve("truncated.wav"), java.util.Arrays.copyOf(good, 40));
        String[] ids = {"good", "short", "stereo48k", "empty", "notes", "zero-channels", "absurd", "truncated", "missing"};
        StringBuilder tracks = new StringBuilder();
        for (String id : ids) {
            tracks.append("{\"id\":\"").append(id).append("\",\"audio\":\"audio/").append(id)
                    .append(".wav\",\"title\":\"Track ").append(id).append("\",\"description\":\"a test tone\"}\n");
        }
        Files.writeString(dir.resolve("corpus/tracks.jsonl"), tracks);

        Run r = run("ingest", dir.resolve("corpus").toString(), "--quiet");
        assertEquals(0, r.code(), r.out() + r.err());
        Path store = dir.resolve("corpus/features");
        JsonNode report = JSON.readTree(StoreFiles.report(store).toFile());
        assertEquals(3, report.path("store").path("recordings").asInt());
        assertEquals(3, report.path("run").path("ingested").asInt());
        assertEquals(1, report.path("run").path("padded_short").asInt());
        assertEquals(6, report.path("run").path("failed").asInt());
        Map<String, String> reasons = new HashMap<>();
        for (JsonNode f : report.path("failures")) {
            reasons.put(f.path("id").asText(), f.path("reason").asText());
            assertTrue(f.path("file").asText().endsWith(f.path("id").asText() + ".wav"), f.toString());
            assertTrue(r.out().contains(f.path("file").asText()), r.out());
        }
        assertEquals(java.util.Set.of("empty", "notes", "zero-channels", "absurd", "truncated", "missing"), reasons.keySet());
        for (String reason : reasons.values()) {
            assertTrue(!reason.isBlank() && !reason.contains("internal error"), reason);
        }
        try (FeatureStore s = FeatureStore.open(store)) {
            assertEquals(300, s.frames(s.ordinal("short")));
            assertTrue(s.padded(s.ordinal("short")));
            assertEquals(1 + (16000 * 5 - 400) / 160, s.frames(s.ordinal("good")));
            assertEquals(4.0, s.seconds(s.ordinal("stereo48k")), 1e-3); // 48000 * 8 interleaved samples, 2 channels
        }
        // The corpus's text labels were built beside the store (ids are the only text here).
        assertTrue(Files.isRegularFile(dir.resolve("corpus/labels/vocab.tsv")), r.out());
        assertTrue(Files.isRegularFile(dir.resolve("corpus/labels/labels.tsv")), r.out());
        assertTrue(r.out().contains("labels: built a"), r.out());
        // Skipping short recordings instead, into another store: counted, not failed.
        r = run("ingest", dir.resolve("corpus").toString(), "--quiet", "--short", "skip", "--store", dir.resolve("s2").toString());
        assertEquals(0, r.code());
        report = JSON.readTree(StoreFiles.report(dir.resolve("s2")).toFile());
        assertEquals(1, report.path("run").path("skipped_short").asInt());
        assertEquals(2, report.path("store").path("recordings").asInt());
    }

    @Test
    void clearErrorsForAMissingFolderAndABadTracksLine() throws IOException {
        Run r = run("ingest", dir.resolve("nope").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nope"), r.err());
        Files.createDirectories(dir.resolve("c"));
        Files.writeString(dir.resolve("c/tracks.jsonl"), "{\"id\":\"a\",\"audio\":\"a.wav\"}\n{\"id\": 3}\n");
        r = run("ingest", dir.resolve("c").toString(), "--quiet");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("tracks.jsonl:2"), r.err());
        r = run("ingest", dir.resolve("c").toString(), "--audio", dir.toString());
        assertEquals(2, r.code());
        r = run("ingest", dir.resolve("c").toString(), "--short", "maybe");
        assertEquals(2, r.code());
    }

    @Test
    void aFolderOfOnlyBrokenFilesFails() throws IOException {
        Files.writeString(dir.resolve("a.wav"), "text");
        Run r = run("ingest", "--audio", dir.toString(), "--quiet");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("a.wav"), r.out());
    }
}
