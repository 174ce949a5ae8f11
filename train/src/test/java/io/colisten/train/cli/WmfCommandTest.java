package io.colisten.train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.colisten.train.wmf.FactorsFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WmfCommandTest {
    @TempDir
    Path tmp;

    /** 40 tracks in two groups of 20, each track co-listened with the next 5 of its group. */
    private Path corpus() throws IOException {
        Path dir = tmp.resolve("corpus");
        Files.createDirectories(dir);
        StringBuilder tracks = new StringBuilder(), pairs = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            tracks.append(String.format("{\"id\": \"t%02d\", \"audio\": \"audio/t%02d.wav\", \"title\": \"x\", \"description\": \"\"}%n", i, i));
        }
        for (int i = 0; i < 40; i++) {
            for (int k = 1; k <= 5; k++) {
                int j = (i / 20) * 20 + (i % 20 + k) % 20;
                if (i < j) pairs.append(String.format("t%02d\tt%02d\t%d%n", i, j, 2 + k));
            }
        }
        Files.writeString(dir.resolve("tracks.jsonl"), tracks);
        Files.writeString(dir.resolve("colisten.tsv"), pairs);
        return dir;
    }

    private int run(StringWriter err, String... args) {
        CommandLine cl = Colisten.commandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    @Test
    void writesFactorsIdsAndLosses() throws IOException {
        Path out = tmp.resolve("wmf");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "wmf", "--corpus", corpus().toString(), "--out", out.toString(), "--graph", "full",
                "--rank", "4", "--sweeps", "3", "--threads", "1"), err.toString());
        FactorsFile.Factors f = FactorsFile.read(out);
        assertEquals(4, f.rank());
        assertEquals(40, f.ids().size());
        assertEquals(List.of("t00", "t01"), f.ids().subList(0, 2));
        assertEquals(160, f.factors().length);
        JsonNode meta = new ObjectMapper().readTree(out.resolve(FactorsFile.META).toFile());
        assertEquals(3, meta.get("losses").size());
        assertEquals("cg", meta.get("solver").asText());
        assertTrue(meta.get("losses").get(2).asDouble() <= meta.get("losses").get(0).asDouble());
        assertTrue(err.toString().contains("sweep 3/3"), err.toString());
    }

    @Test
    void badArgumentsAreUsageErrorsAndAMissingGraphFails() throws IOException {
        Path c = corpus();
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "wmf", "--corpus", c.toString(), "--out", tmp.resolve("o").toString(), "--rank", "0"));
        assertTrue(err.toString().contains("rank must be at least 1"), err.toString());
        assertEquals(2, run(err, "wmf", "--corpus", c.toString(), "--out", tmp.resolve("o").toString(), "--graph", "half"));
        Files.delete(c.resolve("colisten.tsv"));
        StringWriter err2 = new StringWriter();
        assertEquals(1, run(err2, "wmf", "--corpus", c.toString(), "--out", tmp.resolve("o").toString()));
        assertTrue(err2.toString().contains("colisten.tsv"), err2.toString());
    }
}
