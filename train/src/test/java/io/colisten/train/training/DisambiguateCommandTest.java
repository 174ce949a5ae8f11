package io.colisten.train.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.colisten.nn.checkpoint.Checkpoint;
import io.colisten.nn.checkpoint.RunFolder;
import io.colisten.nn.embed.Embedder;
import io.colisten.nn.embed.EmbeddingIndex;
import io.colisten.nn.embed.SenseHits;
import io.colisten.nn.embed.Tag;
import io.colisten.nn.models.Models;
import io.colisten.train.cli.Colisten;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code colisten disambiguate} end to end on the tiny corpus (four co-listen communities, each
 * with its own title word; "song" and "music" in every community): a run folder, then the
 * sweep k = 1, 2, 4 into RUN/disambiguation/ with the report, a rerun that reuses every k, and tag
 * and search through the sense classifier, a term of several senses answered once per sense.
 */
class DisambiguateCommandTest {
    @TempDir
    Path dir;

    private static String run(String... args) {
        CommandLine cl = Colisten.commandLine();
        StringWriter o = new StringWriter(), e = new StringWriter();
        cl.setOut(new PrintWriter(o));
        cl.setErr(new PrintWriter(e));
        assertEquals(0, cl.execute(args), "exit code; stderr: " + e);
        return o.toString();
    }

    @Test
    void usageErrors() {
        for (String[] args : List.of(new String[] {"disambiguate", dir.toString(), "--k", "1"},
                new String[] {"disambiguate", dir.resolve("missing").toString()},
                new String[] {"disambiguate", dir.toString(), "--restarts", "0"})) {
            CommandLine cl = Colisten.commandLine();
            StringWriter e = new StringWriter();
            cl.setErr(new PrintWriter(e));
            assertEquals(2, cl.execute(args), String.join(" ", args) + ": " + e);
        }
        CommandLine cl = Colisten.commandLine();
        StringWriter e = new StringWriter();
        cl.setErr(new PrintWriter(e));
        assertEquals(1, cl.execute("disambiguate", dir.toString(), "--quiet"), "a folder without checkpoints");
        assertTrue(e.toString().contains(dir.toString()), e.toString());
    }

    @Test
    void sweepsReportsResumesAndServesSenses() throws Exception {
        Path corpus = TinyCorpus.write(dir.resolve("corpus"), 96, true, true, -1), runDir = dir.resolve("run");
        // A run folder as training leaves it (config.json, a checkpoint), without the training: the
        // disambiguation only needs a frozen network, and a random one still sees the corpus's bands.
        TrainConfig config = TrainConfig.fromMap(TrainerTest.small(corpus, "labels", 4));
        Files.createDirectories(runDir);
        config.write(runDir.resolve(RunFolder.CONFIG));
        Checkpoint.save(RunFolder.checkpoint(runDir, 4), Models.create(config.modelConfig(), 1), null, 4, "labels");

        Path report = dir.resolve("report");
        Files.createDirectories(report);
        Files.writeString(report.resolve("report.md"), "# Evaluation report\n\nTables.\n");
        Files.writeString(report.resolve("report.json"), "{\"corpus\": \"x\"}\n");
        String[] args = {"disambiguate", runDir.toString(), "--k", "2,4", "--restarts", "2", "--steps", "60", "--batch", "16",
                "--min-label-count", "2", "--max-windows", "1", "--wmf-rank", "8", "--wmf-sweeps", "6", "--report", report.toString(), "--quiet"};
        String out = run(args);
        assertTrue(out.contains("chosen k"), out);

        Path dis = runDir.resolve("disambiguation");
        JsonNode d = new ObjectMapper().readTree(dis.resolve("report.json").toFile()).get("disambiguation");
        List<Integer> ks = new ArrayList<>();
        for (JsonNode row : d.get("k_sweep")) ks.add(row.get("k").asInt());
        assertEquals(List.of(1, 2, 4), ks, "k = 1 (unsplit) is always run");
        int chosen = d.get("chosen_k").asInt();
        assertTrue(chosen == 2 || chosen == 4, "chosen " + chosen);
        assertTrue(d.has("auc_split") && d.has("auc_unsplit") && d.has("term_auc_split"));
        assertTrue(d.get("planted_terms").isNull(), "not a synthetic world");
        assertTrue(d.get("tables").size() > 0, "the terms split into most senses get tables");
        JsonNode merged = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertEquals("x", merged.get("corpus").asText(), "the evaluation report keeps its own keys");
        assertEquals(chosen, merged.get("disambiguation").get("chosen_k").asInt());
        String md = Files.readString(report.resolve("report.md"));
        assertTrue(md.startsWith("# Evaluation report") && md.contains("Label sense disambiguation"), md);

        // k = 4 finds the four co-listen communities: one cluster per TinyCorpus cluster.
        Map<Integer, Integer> clusterOfCommunity = new HashMap<>();
        for (String line : Files.readAllLines(dis.resolve("k-4").resolve("clusters.tsv"))) {
            if (line.startsWith("#")) continue;
            String[] f = line.split("\t");
            int community = TinyCorpus.cluster(Integer.parseInt(f[0].substring(1)));
            assertEquals(clusterOfCommunity.computeIfAbsent(community, x -> Integer.parseInt(f[1])), Integer.parseInt(f[1]), line);
        }
        assertEquals(4, new HashSet<>(clusterOfCommunity.values()).size());
        String senseTable = Files.readString(dis.resolve("k-4").resolve("senses.tsv"));
        assertTrue(senseTable.lines().anyMatch(l -> l.startsWith("music\t4\t")), "music has one sense per community:\n" + senseTable);

        // A rerun reuses every k (result.json untouched) and writes the same report.
        Path result = dis.resolve("k-2").resolve("result.json");
        FileTime before = Files.getLastModifiedTime(result);
        String reportBefore = new ObjectMapper().readTree(dis.resolve("report.json").toFile()).toString();
        run(args);
        assertEquals(before, Files.getLastModifiedTime(result));
        assertEquals(reportBefore, new ObjectMapper().readTree(dis.resolve("report.json").toFile()).toString());
        md = Files.readString(report.resolve("report.md"));
        assertEquals(md.indexOf("Label sense disambiguation"), md.lastIndexOf("Label sense disambiguation"), "the section is replaced, not added");

        // tag and search pick up the sense classifier of the run.
        Embedder e = Embedder.load(runDir);
        assertTrue(e.hasSenses());
        EmbeddingIndex index = EmbeddingIndex.read(dis.resolve("windows"));
        List<Tag> tags = e.senseTags(index.vector(0), 3);
        assertTrue(tags.get(0).term().matches("[0-9]+_.+"), "tags name senses: " + tags);
        List<SenseHits> groups = e.searchSenses("music", index, 3);
        assertEquals(chosen, groups.size(), "'music' is in every community: one sense per cluster");
        Set<String> senses = new HashSet<>(), firsts = new HashSet<>();
        for (SenseHits g : groups) {
            assertEquals("music", g.term());
            assertEquals(3, g.hits().size());
            senses.add(g.sense());
            firsts.add(g.hits().get(0).id());
        }
        assertEquals(chosen, senses.size());
        assertNotEquals(1, firsts.size(), "each sense has its own top recordings");
        String json = run("search", "--model", runDir.toString(), "--embeddings", dis.resolve("windows").toString(), "--json", "-k", "2", "music");
        assertTrue(json.contains("\"senses\"") && json.contains("_music"), json);
        String plain = run("search", "--model", runDir.toString(), "--embeddings", dis.resolve("windows").toString(), "alpha");
        assertFalse(plain.contains("sense "), "a term with one sense is an ordinary search: " + plain);

        // Trained further, the run's latest checkpoint is no longer the one the senses were fitted on: ignored.
        Checkpoint.save(RunFolder.checkpoint(runDir, 8), Models.create(config.modelConfig(), 2), null, 8, "labels");
        assertFalse(Embedder.load(runDir).hasSenses());
    }
}
