package io.colisten.train.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colisten.train.corpus.CorpusFormatException;
import io.colisten.train.graph.ColistenGraph;
import io.colisten.train.graph.InducedSubgraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitsTest {
    @TempDir
    Path dir;

    private static String[] ids(int n, String prefix) {
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) ids[i] = prefix + i;
        return ids;
    }

    @Test
    void partsAreNinetyTenAndHalvedAndDependOnlyOnSeedAndId() {
        String[] ids = ids(20_000, "rec-");
        Splits s = Splits.assign(ids, SplitSpec.DEFAULT);
        double test = 1 - s.count(Split.TRAIN) / 20_000.0;
        assertEquals(0.1, test, 0.01, "held-out fraction");
        assertEquals(0.5, s.count(Split.VALIDATION) / (double) (s.count(Split.VALIDATION) + s.count(Split.EVALUATION)), 0.04);
        // Same seed, another run: the same parts; a grown corpus keeps every old recording's part.
        Splits again = Splits.assign(ids, SplitSpec.DEFAULT);
        String[] grown = new String[25_000];
        System.arraycopy(ids(5_000, "new-"), 0, grown, 0, 5_000);
        System.arraycopy(ids, 0, grown, 5_000, 20_000);
        Splits bigger = Splits.assign(grown, SplitSpec.DEFAULT);
        Splits other = Splits.assign(ids, SplitSpec.DEFAULT.withSeed(2));
        int moved = 0;
        for (String id : ids) {
            assertEquals(s.of(id), again.of(id));
            assertEquals(s.of(id), bigger.of(id), id);
            if (s.of(id) != other.of(id)) moved++;
        }
        assertTrue(moved > 2_000, "another seed gives other parts: " + moved + " moved");
        // A recording the splits do not hold gets the part its hash gives, the one assign would give.
        assertEquals(bigger.of("new-7"), s.of("new-7"));
    }

    @Test
    void splitsFileRoundTripsWithItsSpecAndIsWrittenAtomically() throws IOException {
        Splits s = Splits.assign(ids(500, "é-"), new SplitSpec(42, 0.2, 0.25));
        Path f = dir.resolve("run").resolve(SplitsFile.NAME);
        SplitsFile.write(f, s);
        try (var files = Files.list(f.getParent())) {
            assertEquals(1, files.count(), "no temporary file left beside splits.tsv");
        }
        String text = Files.readString(f);
        assertTrue(text.startsWith("# colisten splits: seed=42 test=0.2 validation=0.25"), text.substring(0, 80));
        assertTrue(text.contains("\u00e9-0\t"), "ids as UTF-8");
        Splits back = SplitsFile.read(f);
        assertEquals(new SplitSpec(42, 0.2, 0.25), back.spec());
        assertEquals(s.size(), back.size());
        for (int i = 0; i < s.size(); i++) {
            assertEquals(s.id(i), back.id(i));
            assertEquals(s.part(i), back.part(i));
        }
        SplitsFile.write(f, Splits.assign(ids(3, "x"), SplitSpec.DEFAULT));
        assertEquals(3, SplitsFile.read(f).size(), "rewritten in place");
    }

    @Test
    void aRunKeepsItsSplitsAndRefusesAnotherSpec() throws IOException {
        Path f = dir.resolve(SplitsFile.NAME);
        Splits first = SplitsFile.loadOrCreate(f, ids(200, "a"), SplitSpec.DEFAULT);
        assertTrue(Files.exists(f));
        Splits again = SplitsFile.loadOrCreate(f, ids(300, "a"), SplitSpec.DEFAULT);
        assertEquals(200, again.size(), "read back, not drawn anew");
        Splits drawn = Splits.assign(ids(300, "a"), SplitSpec.DEFAULT);
        for (int i = 0; i < 300; i++) assertEquals(drawn.of("a" + i), again.of("a" + i), "a grown corpus: old parts kept, new drawn");
        assertEquals(first.of("a5"), again.of("a5"));
        var e = assertThrows(CorpusFormatException.class, () -> SplitsFile.loadOrCreate(f, ids(200, "a"), SplitSpec.DEFAULT.withSeed(9)));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    @Test
    void badSplitsFilesAreErrorsNamingFileAndLine() throws IOException {
        Path f = dir.resolve(SplitsFile.NAME);
        Files.writeString(f, "a\ttrain\nb\ttest\n");
        var e = assertThrows(CorpusFormatException.class, () -> SplitsFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ":2:") && e.getMessage().contains("'test'"), e.getMessage());
        Files.writeString(f, "# mine\na\ttrain\n\nb\tevaluation\na\tvalidation\n");
        e = assertThrows(CorpusFormatException.class, () -> SplitsFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ":5:") && e.getMessage().contains("twice"), e.getMessage());
        Files.writeString(f, "a train\n");
        e = assertThrows(CorpusFormatException.class, () -> SplitsFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ":1:"), e.getMessage());
        Files.writeString(f, "# mine\na\ttrain\nb\tevaluation\n");
        Splits own = SplitsFile.read(f);
        assertEquals(null, own.spec(), "a user's file without our header has no spec");
        assertEquals(Split.EVALUATION, own.of("b"));
        assertThrows(IllegalArgumentException.class, () -> own.of("c"));
    }

    @Test
    void trainingSeesNoEdgeOfAHeldOutRecordingAndHeldOutPartsAreDisjoint() {
        Random r = new Random(3);
        int n = 3_000, m = 30_000;
        String[] ids = ids(n, "t");
        java.util.Arrays.sort(ids);
        int[] a = new int[m], b = new int[m], c = new int[m];
        for (int e = 0; e < m; e++) {
            a[e] = r.nextInt(n);
            do b[e] = r.nextInt(n); while (b[e] == a[e]);
            c[e] = 1 + r.nextInt(9);
        }
        ColistenGraph full = ColistenGraph.fromEdges(ids, a, b, c, m);
        Splits s = Splits.assign(ids, SplitSpec.DEFAULT);
        SplitGraphs cut = SplitGraphs.of(full, s);
        long within = 0;
        Map<Split, Set<String>> members = new HashMap<>();
        for (Split part : Split.values()) {
            InducedSubgraph g = part == Split.TRAIN ? cut.train() : cut.heldOut(part);
            Set<String> seen = new HashSet<>();
            for (int v = 0; v < g.graph().tracks(); v++) {
                String id = g.graph().ids()[v];
                assertEquals(part, s.of(id), "vertex " + id + " of the " + part + " graph");
                assertEquals(id, full.ids()[g.parent()[v]]);
                seen.add(id);
                for (int p = g.graph().offsets()[v]; p < g.graph().offsets()[v + 1]; p++) {
                    int w = g.graph().neighbours()[p];
                    assertEquals(part, s.of(g.graph().ids()[w]), "an edge of the " + part + " graph leaves it");
                    assertEquals(full.count(g.parent()[v], g.parent()[w]), g.graph().counts()[p]);
                }
            }
            assertEquals(s.count(part), seen.size(), "every recording of the part is a vertex");
            members.put(part, seen);
            within += g.graph().edges();
        }
        for (Split x : Split.values()) {
            for (Split y : Split.values()) {
                if (x != y) assertFalse(members.get(x).stream().anyMatch(members.get(y)::contains), x + " and " + y + " overlap");
            }
        }
        // Every full edge with both ends in one part is in that part's graph; the rest are the cross edges.
        long expectWithin = 0;
        for (int v = 0; v < n; v++) {
            for (int p = full.offsets()[v]; p < full.offsets()[v + 1]; p++) {
                int w = full.neighbours()[p];
                if (w > v && s.of(ids[v]) == s.of(ids[w])) expectWithin++;
            }
        }
        assertEquals(expectWithin, within);
        assertEquals(full.edges() - within, cut.crossEdges());
        assertTrue(cut.heldOut(Split.EVALUATION).graph().edges() > 0 && cut.crossEdges() > 0);
        assertNotEquals(0, cut.train().graph().edges());
        assertThrows(IllegalArgumentException.class, () -> cut.heldOut(Split.TRAIN));
    }
}
