package io.colisten.train.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and output of {@code world} and {@code inspect}. */
class WorldCommandTest {
    @TempDir
    Path tmp;

    @Test
    void worldSucceedsAndABadSizeOrAForeignFolderIsAUsageError() throws Exception {
        TinyWorld.get(); // exit 0 checked there
        assertEquals(2, TinyWorld.run("world", "--size", "huge", "--out", tmp.resolve("x").toString()));
        assertTrue(TinyWorld.lastErr.contains("--size") && TinyWorld.lastErr.contains("huge"), TinyWorld.lastErr);
        assertEquals(2, TinyWorld.run("world", "--max-neighbours", "0", "--out", tmp.resolve("y").toString()));
        Files.writeString(tmp.resolve("mine.txt"), "x");
        assertEquals(2, TinyWorld.run("world", "--size", "tiny", "--out", tmp.toString()));
        assertTrue(TinyWorld.lastErr.contains(tmp.toString()), TinyWorld.lastErr);
        assertEquals(2, TinyWorld.run("world", "--size", "tiny", "--seed", "8", "--out", TinyWorld.get().toString()));
        assertTrue(TinyWorld.lastErr.contains("seed 7"), TinyWorld.lastErr);
    }

    @Test
    void inspectPrintsTheStatisticsAsJson() throws Exception {
        assertEquals(0, TinyWorld.run("inspect", TinyWorld.get().toString()), TinyWorld.lastErr);
        JsonNode j = new ObjectMapper().readTree(TinyWorld.lastOut);
        assertEquals(WorldSpec.TINY.tracks(), j.get("tracks").asInt());
        assertEquals(WorldSpec.TINY.users(), j.get("users").asInt());
        double hours = j.get("audio_hours").asDouble();
        assertTrue(hours > 100 * 10 / 3600.0 && hours < 100 * 15 / 3600.0 + 0.001, "audio hours " + hours);
        assertEquals(0, j.get("audio_unreadable").asInt());
        assertTrue(j.get("plays").asLong() >= j.get("play_lines").asLong());
        assertTrue(j.get("colisten_edges").asLong() > 0);
        assertTrue(j.get("degree_min").asInt() <= j.get("degree_median").asDouble());
        assertTrue(j.get("degree_median").asDouble() <= j.get("degree_max").asInt());
        assertTrue(j.get("truth_tag_counts").has("scene:techno") || j.get("truth_tag_counts").size() > 20);
    }

    @Test
    void inspectToleratesMissingFiles() throws Exception {
        Files.writeString(tmp.resolve("tracks.jsonl"), "{\"id\":\"a\",\"audio\":\"a.wav\"}\n{\"id\":\"b\",\"audio\":\"b.wav\"}\n");
        Files.writeString(tmp.resolve("colisten.tsv"), "a\tb\t3\nb\tb\t2\n");
        assertEquals(0, TinyWorld.run("inspect", tmp.toString()), TinyWorld.lastErr);
        JsonNode j = new ObjectMapper().readTree(TinyWorld.lastOut);
        assertEquals(2, j.get("tracks").asInt());
        assertEquals(2, j.get("audio_unreadable").asInt());
        assertTrue(j.get("users").isNull() && j.get("plays").isNull() && j.get("truth_tags").isNull());
        assertEquals(1, j.get("colisten_edges").asInt());
        assertEquals(1, j.get("degree_max").asInt());
        assertTrue(TinyWorld.lastErr.contains("colisten.tsv:2"), TinyWorld.lastErr);
        assertEquals(2, TinyWorld.run("inspect", tmp.resolve("missing").toString()));
    }
}
