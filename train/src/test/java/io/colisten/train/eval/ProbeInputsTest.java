package io.colisten.train.eval;

import io.colisten.train.eval.probe.ProbePart;
import io.colisten.train.eval.probe.ProbeParts;
import io.colisten.train.eval.probe.ProbeTask;
import io.colisten.train.eval.probe.TruthFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Truth files, probe parts and probe tasks: parsing, grouping by category, stratification, class filtering. */
class ProbeInputsTest {
    @TempDir
    Path dir;

    @Test
    void truthFilesGroupTagsIntoTasksByCategory() throws IOException {
        Path f = dir.resolve("truth.tsv");
        Files.writeString(f, "# comment\na\tfamily:jazz\na\tinstrument:piano\tignored column\n\nb\tfamily:rock\nb\tloud\nc\tfamily:jazz\n");
        Map<String, Set<String>> truth = TruthFile.read(f);
        assertEquals(List.of("a", "b", "c"), List.copyOf(truth.keySet()));
        assertEquals(Set.of("family:jazz", "instrument:piano"), truth.get("a"));
        Map<String, ProbePart> parts = new LinkedHashMap<>();
        parts.put("a", ProbePart.TRAIN);
        parts.put("b", ProbePart.TRAIN);
        parts.put("c", ProbePart.TEST);
        List<ProbeTask> tasks = TruthFile.tasks(truth, parts, 1, 1);
        assertEquals(List.of("family", "instrument", "tags"), tasks.stream().map(ProbeTask::name).toList());
        ProbeTask family = tasks.get(0);
        assertEquals(List.of("family:jazz", "family:rock"), family.classes());
        assertArrayEquals(new boolean[] {false, true}, family.labels()[family.ids().indexOf("b")]);
        assertEquals(List.of("instrument:piano"), tasks.get(1).classes());
        // With two positives required, piano (on a only) is dropped and its task has nothing left.
        ProbeTask strict = TruthFile.tasks(truth, parts, 2, 1).get(1);
        assertEquals(List.of("instrument:piano"), strict.droppedClasses());
        assertEquals("no class has enough training positives", strict.unusableReason());
        // A class on every training row (jazz: a is the only one) has no negative; rock has no positive left.
        parts.put("b", ProbePart.TEST);
        assertEquals(List.of("family:jazz", "family:rock"), TruthFile.tasks(truth, parts, 1, 1).get(0).droppedClasses());
    }

    @Test
    void truthFileErrorsNameFileAndLine() throws IOException {
        Path f = dir.resolve("t.tsv");
        Files.writeString(f, "a\tx\nb only\n");
        IOException e = assertThrows(IOException.class, () -> TruthFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ":2: expected id<TAB>tag"), e.getMessage());
        Files.writeString(f, "a\t\n");
        e = assertThrows(IOException.class, () -> TruthFile.read(f));
        assertTrue(e.getMessage().contains(f + ":1: empty tag"), e.getMessage());
        Files.writeString(f, "# nothing\n");
        e = assertThrows(IOException.class, () -> TruthFile.read(f));
        assertTrue(e.getMessage().contains("holds no id<TAB>tag line"), e.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> TruthFile.read(dir.resolve("none.tsv")));
    }

    @Test
    void folderPartsAreSeededStratifiedAndIndependentOfOrder() {
        Map<String, List<String>> tags = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) tags.put("id" + i, List.of(i % 2 == 0 ? "kind:a" : "kind:b"));
        Map<String, ProbePart> p = ProbeParts.shuffled(tags, 9);
        Map<String, List<String>> reversed = new LinkedHashMap<>();
        List<String> keys = new java.util.ArrayList<>(tags.keySet());
        java.util.Collections.reverse(keys);
        for (String k : keys) reversed.put(k, tags.get(k));
        assertEquals(new HashMap<>(p), new HashMap<>(ProbeParts.shuffled(reversed, 9)), "the order of the ids does not matter");
        for (String kind : List.of("kind:a", "kind:b")) {
            Map<ProbePart, Integer> count = new EnumMap<>(ProbePart.class);
            for (var e : p.entrySet()) if (tags.get(e.getKey()).contains(kind)) count.merge(e.getValue(), 1, Integer::sum);
            assertEquals(14, count.get(ProbePart.TRAIN), kind + " " + count);
            assertEquals(2, count.get(ProbePart.VALIDATION), kind + " " + count);
            assertEquals(4, count.get(ProbePart.TEST), kind + " " + count);
        }
        assertTrue(!p.equals(ProbeParts.shuffled(tags, 10)), "another seed, other parts");
    }

    @Test
    void tenPercentOfTrainingRowsIsARandomTenth() {
        Map<String, ProbePart> parts = new LinkedHashMap<>();
        Map<String, List<String>> tags = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            parts.put(String.format("r%03d", i), i < 80 ? ProbePart.TRAIN : i < 90 ? ProbePart.VALIDATION : ProbePart.TEST);
            tags.put(String.format("r%03d", i), List.of(i % 3 == 0 ? "x" : "y"));
        }
        ProbeTask t = ProbeTask.of("t", parts, tags, List.of("x", "y"), 1, 4);
        int[] small = t.split().withTrainingFraction(0.1).train();
        assertEquals(8, small.length);
        int max = 0;
        for (int r : small) max = Math.max(max, r);
        assertTrue(max > 10, "not simply the first rows: " + java.util.Arrays.toString(small));
        assertEquals(80, t.split().train().length);
    }
}
