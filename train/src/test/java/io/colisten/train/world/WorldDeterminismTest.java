package io.colisten.train.world;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colisten.train.graph.Sanitisation;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldDeterminismTest {
    /** A world small enough to build several times in a test: 12 tracks of 3-4 s. */
    static final WorldSpec SMALL = new WorldSpec("test-small", 12, 60, 8, 3, 4);

    @TempDir
    Path tmp;

    @Test
    void tinyTwiceWithOneSeedGivesIdenticalFilesWhateverTheThreadCount() throws IOException {
        Path a = TinyWorld.get();
        Path b = tmp.resolve("again");
        assertEquals(0, TinyWorld.run("world", "--size", "tiny", "--seed", Long.toString(TinyWorld.SEED),
                "--threads", "1", "--out", b.toString()), TinyWorld.lastErr);
        assertSameFiles(a, b);
        List<Path> files = TinyWorld.files(a);
        for (String f : new String[] {"world.json", "tracks.jsonl", "truth.tsv", "plays.tsv", "colisten.tsv"}) {
            assertTrue(files.contains(Path.of(f)), f);
        }
        assertEquals(WorldSpec.TINY.tracks(), files.stream().filter(p -> p.toString().endsWith(".wav")).count());
    }

    @Test
    void aDifferentSeedGivesDifferentFiles() throws Exception {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        new WorldGenerator(1, SMALL, Sanitisation.DEFAULT, 2).generate(a, Progress.NONE);
        new WorldGenerator(2, SMALL, Sanitisation.DEFAULT, 2).generate(b, Progress.NONE);
        assertEquals(TinyWorld.files(a), TinyWorld.files(b));
        for (Path f : TinyWorld.files(a)) {
            assertFalse(Arrays.equals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f))), f + " is the same");
        }
    }

    @Test
    void aResumedRunFinishesTheSameWorld() throws Exception {
        Path whole = tmp.resolve("whole"), resumed = tmp.resolve("resumed");
        new WorldGenerator(3, SMALL, Sanitisation.DEFAULT, 2).generate(whole, Progress.NONE);
        new WorldGenerator(3, SMALL, Sanitisation.DEFAULT, 1).generate(resumed, Progress.NONE);
        // What a kill leaves: a missing track, a truncated one, a stale temporary, no text files.
        Files.delete(resumed.resolve("audio/t000003.wav"));
        try (FileChannel ch = FileChannel.open(resumed.resolve("audio/t000005.wav"), StandardOpenOption.WRITE)) {
            ch.truncate(1000);
        }
        Files.writeString(resumed.resolve("audio/.t000007.wav.tmp"), "half");
        Files.delete(resumed.resolve("colisten.tsv"));
        Files.writeString(resumed.resolve("tracks.jsonl"), "{\"id\":\"t0\"");
        var s = new WorldGenerator(3, SMALL, Sanitisation.DEFAULT, 2).generate(resumed, Progress.NONE);
        assertEquals(2, s.rendered());
        assertEquals(SMALL.tracks() - 2, s.skipped());
        assertSameFiles(whole, resumed);
    }

    @Test
    void anotherWorldOrForeignFilesInTheFolderAreRefused() throws Exception {
        Path a = tmp.resolve("a");
        new WorldGenerator(4, SMALL, Sanitisation.DEFAULT, 2).generate(a, Progress.NONE);
        var e = assertThrows(WorldGenerator.RefusedException.class,
                () -> new WorldGenerator(5, SMALL, Sanitisation.DEFAULT, 2).generate(a, Progress.NONE));
        assertTrue(e.getMessage().contains("seed 4") && e.getMessage().contains("seed 5"), e.getMessage());
        Path foreign = tmp.resolve("foreign");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        var f = assertThrows(WorldGenerator.RefusedException.class,
                () -> new WorldGenerator(4, SMALL, Sanitisation.DEFAULT, 2).generate(foreign, Progress.NONE));
        assertTrue(f.getMessage().contains(foreign.toString()), f.getMessage());
    }

    static void assertSameFiles(Path a, Path b) throws IOException {
        List<Path> fa = TinyWorld.files(a), fb = TinyWorld.files(b);
        assertEquals(fa, fb, "file lists differ");
        for (Path f : fa) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f + " differs");
        }
    }
}
