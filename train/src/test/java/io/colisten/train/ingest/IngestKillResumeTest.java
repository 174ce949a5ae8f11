package io.colisten.train.ingest;

import io.colisten.nn.audio.AudioDecoder;
import io.colisten.nn.audio.LogMelFrontEnd;
import io.colisten.nn.audio.RecordingFrames;
import io.colisten.nn.audio.ShortRecordingPolicy;
import io.colisten.nn.audio.WavWriter;
import io.colisten.train.cli.Colisten;
import io.colisten.train.corpus.Track;
import io.colisten.train.corpus.TracksFile;
import io.colisten.train.store.FeatureStore;
import io.colisten.train.store.StoreFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills a real `colisten ingest` process (SIGKILL) twice while it writes, reruns it, and checks
 * that the store ends with every recording exactly once and each one's frames equal to a clean
 * computation: nothing committed is lost, nothing half-written is visible.
 */
class IngestKillResumeTest {
    private static final int TRACKS = 48;

    @TempDir
    Path corpus;

    private void writeCorpus() throws IOException {
        Random r = new Random(11);
        List<Track> tracks = new ArrayList<>();
        for (int t = 0; t < TRACKS; t++) {
            int rate = t % 3 == 0 ? 16000 : 44100;
            int channels = 1 + t % 2;
            int n = (int) (rate * (8 + r.nextInt(8)));
            float[] x = new float[n * channels];
            double f = 110 * Math.pow(2, r.nextInt(36) / 12.0);
            for (int i = 0; i < n; i++) {
                float s = (float) (0.4 * Math.sin(2 * Math.PI * f * i / rate) + 0.05 * r.nextGaussian());
                for (int c = 0; c < channels; c++) {
                    x[i * channels + c] = s;
                }
            }
            String id = String.format("t%03d", t);
            WavWriter.writePcm16(corpus.resolve("audio/" + id + ".wav"), x, channels, rate);
            tracks.add(new Track(id, "audio/" + id + ".wav", "title " + t, ""));
        }
        try (BufferedWriter w = Files.newBufferedWriter(corpus.resolve(TracksFile.NAME))) {
            TracksFile.write(w, tracks);
        }
    }

    private Process startIngest() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-XX:-TieredCompilation",
                "-cp", System.getProperty("java.class.path"), Colisten.class.getName(),
                "ingest", corpus.toString(), "--threads", "1", "--quiet")
                .redirectErrorStream(true).redirectOutput(corpus.resolve("ingest.log").toFile()).start();
    }

    private long indexedEntries() throws IOException {
        Path idx = StoreFiles.index(corpus.resolve("features"));
        if (!Files.exists(idx)) {
            return 0;
        }
        long newlines = 0;
        for (byte b : Files.readAllBytes(idx)) {
            newlines += b == '\n' ? 1 : 0;
        }
        return Math.max(0, newlines - 1); // complete lines after the header; a torn tail has no newline
    }

    /** Starts an ingest and SIGKILLs it once the index holds at least {@code atLeast} entries. */
    private long killWhenIndexed(long atLeast) throws Exception {
        Process p = startIngest();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (indexedEntries() < atLeast && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
        p.waitFor();
        return indexedEntries();
    }

    @Test
    void aKilledIngestResumesWithEveryEntryIntact() throws Exception {
        writeCorpus();
        long afterFirst = killWhenIndexed(1);
        assertTrue(afterFirst < TRACKS, "the first ingest finished before it could be killed: " + afterFirst);
        long afterSecond = killWhenIndexed(afterFirst + 8);
        assertTrue(afterSecond >= afterFirst && afterSecond < TRACKS, "second kill at " + afterSecond);

        int code = Colisten.commandLine().execute("ingest", corpus.toString(), "--threads", "2", "--quiet");
        assertEquals(0, code);
        LogMelFrontEnd clean = new LogMelFrontEnd(new AudioDecoder(600), ShortRecordingPolicy.PAD);
        try (FeatureStore store = FeatureStore.open(corpus.resolve("features"))) {
            assertEquals(TRACKS, store.size());
            for (int t = 0; t < TRACKS; t++) {
                String id = String.format("t%03d", t);
                int o = store.ordinal(id);
                assertTrue(o >= 0, id);
                RecordingFrames want = clean.frames(corpus.resolve("audio/" + id + ".wav"));
                assertEquals(want.frameCount(), store.frames(o), id);
                float[] half = new float[want.frameCount() * 64];
                for (int i = 0; i < half.length; i++) {
                    half[i] = Float.float16ToFloat(Float.floatToFloat16(want.frames()[i]));
                }
                assertArrayEquals(half, store.readAll(o), id);
            }
            assertEquals(store.totalFrames() * 128, Files.size(StoreFiles.frames(corpus.resolve("features"))));
        }
        String report = Files.readString(StoreFiles.report(corpus.resolve("features")));
        assertTrue(report.contains("\"already_present\" : " + afterSecond), report);
    }
}
