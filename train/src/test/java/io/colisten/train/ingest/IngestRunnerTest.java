package io.colisten.train.ingest;

import io.colisten.nn.audio.FrameSource;
import io.colisten.nn.audio.RecordingFrames;
import io.colisten.train.progress.Progress;
import io.colisten.train.store.FeatureStore;
import io.colisten.train.store.FeatureStoreWriter;
import io.colisten.train.store.StoreManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner's bookkeeping with a fake front end: a file's text says how many frames it has. */
class IngestRunnerTest {
    @TempDir
    Path dir;

    /** "frames N" gives N frames whose values encode the file name; "bad REASON" fails; "short" is too short. */
    static final FrameSource FAKE = file -> {
        String text = Files.readString(file).trim();
        if (text.startsWith("bad")) {
            throw new IOException(file + ": " + text.substring(4));
        }
        if (text.equals("short")) {
            return RecordingFrames.skipped(64, 1.5);
        }
        int n = Integer.parseInt(text.substring(7));
        float[] x = new float[n * 64];
        for (int i = 0; i < x.length; i++) {
            x[i] = (file.getFileName().toString().hashCode() % 97) + i % 64;
        }
        return new RecordingFrames(x, n, 64, n / 100.0, false, n == 300, false);
    };

    private List<IngestItem> items(String... specs) throws IOException {
        List<IngestItem> out = new ArrayList<>();
        for (int i = 0; i < specs.length; i++) {
            Path f = dir.resolve("f" + i + ".fake");
            Files.writeString(f, specs[i]);
            out.add(new IngestItem("id" + i, f));
        }
        return out;
    }

    @Test
    void ingestsReportsFailuresAndResumes() throws IOException {
        List<IngestItem> items = items("frames 400", "bad truncated: data says 10 bytes", "frames 300", "short",
                "frames 1", "bad not audio");
        Path store = dir.resolve("store");
        IngestSummary s;
        try (FeatureStoreWriter w = FeatureStoreWriter.openOrCreate(store, StoreManifest.vggish())) {
            s = new IngestRunner(StoreManifest.vggish(), () -> FAKE, 2).run(items, w, Progress.NONE);
        }
        assertEquals(6, s.listed());
        assertEquals(3, s.ingested());
        assertEquals(2, s.failed());
        assertEquals(1, s.skippedShort());
        assertEquals(1, s.padded());
        assertEquals(701, s.storeFrames());
        assertEquals("truncated: data says 10 bytes", s.failures().get(0).reason());
        assertEquals("id1", s.failures().get(0).id());
        assertTrue(s.failures().get(0).file().endsWith("f1.fake"));
        assertEquals("not audio", s.failures().get(1).reason());

        // Fix a broken file and run again: only what is missing is done.
        Files.writeString(items.get(1).file(), "frames 20");
        try (FeatureStoreWriter w = FeatureStoreWriter.openOrCreate(store, StoreManifest.vggish())) {
            s = new IngestRunner(StoreManifest.vggish(), () -> FAKE, 1).run(items, w, Progress.NONE);
        }
        assertEquals(3, s.alreadyPresent());
        assertEquals(1, s.ingested());
        assertEquals(1, s.failed());
        try (FeatureStore fs = FeatureStore.open(store)) {
            assertEquals(4, fs.size());
            assertEquals(721, fs.totalFrames());
            RecordingFrames want = FAKE.frames(items.get(2).file());
            float[] got = fs.readAll(fs.ordinal("id2"));
            for (int i = 0; i < got.length; i++) {
                assertEquals(Float.float16ToFloat(Float.floatToFloat16(want.frames()[i])), got[i]);
            }
            assertTrue(fs.padded(fs.ordinal("id2")));
        }
    }

    @Test
    void badIdsAndDuplicatesAreFailuresNotCrashes() throws IOException {
        List<IngestItem> items = new ArrayList<>(items("frames 5", "frames 6"));
        items.add(new IngestItem("id0", items.get(1).file()));
        items.add(new IngestItem("has\ttab", items.get(1).file()));
        try (FeatureStoreWriter w = FeatureStoreWriter.openOrCreate(dir.resolve("s"), StoreManifest.vggish())) {
            IngestSummary s = new IngestRunner(StoreManifest.vggish(), () -> FAKE, 2).run(items, w, Progress.NONE);
            assertEquals(2, s.ingested());
            assertEquals(2, s.failed());
        }
    }

    @Test
    void aFolderWalkTakesAudioExtensionsAndLeavesTheStoreOut() throws IOException {
        Files.createDirectories(dir.resolve("a/b"));
        Files.createDirectories(dir.resolve("features"));
        Files.createDirectories(dir.resolve(".hidden"));
        for (String f : List.of("a/b/x.WAV", "a/y.mp3", "z.flac", "cover.jpg", "features/frames.wav", ".hidden/q.wav",
                "notes.txt")) {
            Files.writeString(dir.resolve(f), "x");
        }
        IngestSources.Listing l = IngestSources.audioFolder(dir, dir.resolve("features"));
        assertEquals(List.of("a/b/x.WAV", "a/y.mp3", "z.flac"), l.items().stream().map(IngestItem::id).toList());
        assertEquals(2, l.ignoredFiles());
    }
}
