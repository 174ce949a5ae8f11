package io.colisten.train.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureStoreTest {
    private static final StoreManifest M = StoreManifest.vggish();

    @TempDir
    Path dir;

    private static float[] frames(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * 64];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * 3 - 2);
        }
        return x;
    }

    private static FeatureStoreWriter.Pending pending(String id, float[] x) {
        return new FeatureStoreWriter.Pending(id, HalfFrames.encode(x, 0, x.length), x.length / 64, x.length / 64 / 100.0,
                false, false);
    }

    private static float[] halfRounded(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Float.float16ToFloat(Float.floatToFloat16(x[i]));
        }
        return y;
    }

    @Test
    void roundTripsFramesAndWindows() throws IOException {
        float[] a = frames(301, 1);
        float[] b = frames(17, 2);
        float[] c = frames(1000, 3);
        try (FeatureStoreWriter w = FeatureStoreWriter.openOrCreate(dir, M)) {
            w.append(List.of(pending("a", a), pending("b b", b)));
            w.append(List.of(new FeatureStoreWriter.Pending("ç/é.wav", HalfFrames.encode(c, 0, c.length), 1000, 600.0,
                    true, true)));
            assertEquals(3, w.recordings());
            assertEquals(1318, w.frames());
        }
        try (FeatureStore s = FeatureStore.open(dir)) {
            assertEquals(3, s.size());
            assertEquals(0, s.ordinal("a"));
            assertEquals(1, s.ordinal("b b"));
            assertEquals(-1, s.ordinal("zzz"));
            assertArrayEquals(halfRounded(a), s.readAll(0));
            assertArrayEquals(halfRounded(b), s.readAll(1));
            int ci = s.ordinal("ç/é.wav");
            assertTrue(s.clipped(ci) && s.padded(ci));
            assertEquals(600.0, s.seconds(ci));
            assertEquals(318, s.offset(ci));
            float[] window = new float[5 + 300 * 64];
            s.read(ci, 123, 300, window, 5);
            float[] want = halfRounded(c);
            for (int i = 0; i < 300 * 64; i++) {
                assertEquals(want[123 * 64 + i], window[5 + i]);
            }
            assertThrows(IndexOutOfBoundsException.class, () -> s.read(1, 0, 18, new float[18 * 64], 0));
            assertEquals(1318, s.totalFrames());
        }
    }

    @Test
    void repairsATornTailAndUnindexedFrames() throws IOException {
        float[] a = frames(50, 4);
        try (FeatureStoreWriter w = FeatureStoreWriter.openOrCreate(dir, M)) {
            w.append(List.of(pending("a", a)));
        }
        // What a kill in the middle of the next commit can leave: frames of an entry never indexed
        // and half an index line.
        Files.write(StoreFiles.frames(dir), new byte[777], StandardOpenOption.APPEND);
        Files.write(StoreFiles.index(dir), "b\t50\t12\t0.1".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        try (FeatureStore s = FeatureStore.open(dir)) {
            assertEquals(1, s.size()); // readers ignore the torn tail
        }
        float[] b = frames(20, 5);
        try (FeatureStoreWriter w = FeatureStoreWriter.openOrCreate(dir, M)) {
            assertEquals(1, w.recordings());
            assertTrue(w.contains("a"));
            assertFalse(w.contains("b"));
            assertEquals(50L * 128, Files.size(StoreFiles.frames(dir)));
            w.append(List.of(pending("b", b)));
        }
        try (FeatureStore s = FeatureStore.open(dir)) {
            assertEquals(2, s.size());
            assertArrayEquals(halfRounded(a), s.readAll(0));
            assertArrayEquals(halfRounded(b), s.readAll(1));
        }
    }

    @Test
    void aDamagedLastLineWithItsNewlineIsTornToo() throws IOException {
        try (FeatureStoreWriter w = FeatureStoreWriter.openOrCreate(dir, M)) {
            w.append(List.of(pending("a", frames(3, 6))));
        }
        Files.write(StoreFiles.index(dir), "b\t3\t12\t0.120\t-\tdeadbeef\n".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        try (FeatureStoreWriter w = FeatureStoreWriter.openOrCreate(dir, M)) {
            assertEquals(1, w.recordings());
        }
    }

    @Test
    void corruptionInTheMiddleIsAnErrorNamingTheLine() throws IOException {
        try (FeatureStoreWriter w = FeatureStoreWriter.openOrCreate(dir, M)) {
            w.append(List.of(pending("a", frames(3, 7))));
            w.append(List.of(pending("b", frames(3, 8))));
        }
        String text = Files.readString(StoreFiles.index(dir));
        Files.writeString(StoreFiles.index(dir), text.replace("a\t0\t3", "a\t0\t4"));
        StoreException e = assertThrows(StoreException.class, () -> FeatureStore.open(dir));
        assertTrue(e.getMessage().contains("index.tsv:2"), e.getMessage());
    }

    @Test
    void indexPointingPastTheDataIsCorrupt() throws IOException {
        try (FeatureStoreWriter w = FeatureStoreWriter.openOrCreate(dir, M)) {
            w.append(List.of(pending("a", frames(10, 9))));
        }
        try (var ch = java.nio.channels.FileChannel.open(StoreFiles.frames(dir), StandardOpenOption.WRITE)) {
            ch.truncate(100);
        }
        StoreException e = assertThrows(StoreException.class, () -> FeatureStore.open(dir));
        assertTrue(e.getMessage().contains("frames.f16"), e.getMessage());
        assertThrows(StoreException.class, () -> FeatureStoreWriter.openOrCreate(dir, M));
    }

    @Test
    void refusesOtherSettingsASecondWriterAndDuplicates() throws IOException {
        try (FeatureStoreWriter w = FeatureStoreWriter.openOrCreate(dir, M)) {
            assertThrows(StoreException.class, () -> FeatureStoreWriter.openOrCreate(dir, M));
            w.append(List.of(pending("a", frames(2, 1))));
            assertThrows(IllegalArgumentException.class, () -> w.append(List.of(pending("a", frames(2, 1)))));
        }
        StoreManifest other = new StoreManifest(128, 16000, 400, 160, 512, 125, 7500, 0.01);
        StoreException e = assertThrows(StoreException.class, () -> FeatureStoreWriter.openOrCreate(dir, other));
        assertTrue(e.getMessage().contains("store.json"), e.getMessage());
        assertThrows(StoreException.class, () -> FeatureStore.open(dir.resolve("nowhere")));
    }

    @Test
    void idsThatCannotGoIntoTheIndexAreRejected() {
        assertFalse(StoreEntry.validId("a\tb"));
        assertFalse(StoreEntry.validId("a\nb"));
        assertFalse(StoreEntry.validId(""));
        assertFalse(StoreEntry.validId("#x"));
        assertTrue(StoreEntry.validId("ok id/é"));
    }
}
