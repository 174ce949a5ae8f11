package io.colisten.train.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colisten.train.corpus.CorpusFormatException;
import io.colisten.train.corpus.Track;
import io.colisten.train.corpus.TracksFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphSourceTest {
    @TempDir
    Path dir;

    /** The invariants every loaded graph keeps. */
    static void assertInvariants(ColistenGraph g, int tau, int cap) {
        for (int i = 1; i < g.ids().length; i++) assertTrue(g.ids()[i - 1].compareTo(g.ids()[i]) < 0, "ids sorted and distinct");
        for (int i = 0; i < g.tracks(); i++) {
            assertTrue(g.degree(i) <= cap, "degree " + g.degree(i) + " over the cap " + cap);
            for (int p = g.offsets()[i]; p < g.offsets()[i + 1]; p++) {
                int j = g.neighbours()[p];
                assertTrue(j != i, "self loop at " + g.ids()[i]);
                if (p > g.offsets()[i]) assertTrue(g.neighbours()[p - 1] < j, "neighbours ascending");
                assertTrue(g.counts()[p] >= tau, "count " + g.counts()[p] + " below tau " + tau);
                assertEquals(g.counts()[p], g.count(j, i), "symmetric: " + g.ids()[i] + " - " + g.ids()[j]);
            }
        }
    }

    private void tracks(String... ids) throws IOException {
        List<Track> ts = new ArrayList<>();
        for (String id : ids) ts.add(new Track(id, id + ".wav", "", ""));
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(TracksFile.NAME))) {
            TracksFile.write(w, ts);
        }
    }

    @Test
    void badColistenLinesAreReportedWithFileAndLineAndSkipped() throws IOException {
        tracks("a", "b", "c", "d");
        Path f = dir.resolve(ColistenFile.NAME);
        Files.writeString(f, """
                a\tb\t5
                a\tc
                b\tc\t-2
                b\td\tlots
                a\tzz\t4
                c\tc\t9
                # a comment
                c\td\t0
                d\ta\t3
                b\ta\t7
                """);
        List<String> seen = new ArrayList<>();
        Problems p = new Problems(20, seen::add);
        GraphSource.Loaded l = GraphSource.load(dir, GraphSource.From.AUTO, Sanitisation.DEFAULT, p, null);
        assertEquals(GraphSource.From.COLISTEN, l.from());
        assertEquals(6, l.problems(), seen.toString());
        String[] expect = {":2:", ":3:", ":4:", ":5:", ":6:", ":8:"};
        for (int i = 0; i < expect.length; i++) assertTrue(seen.get(i).startsWith(f + expect[i]), seen.get(i));
        assertTrue(seen.get(1).contains("negative count -2"), seen.get(1));
        assertTrue(seen.get(3).contains("'zz'") && seen.get(3).contains("not in the corpus"), seen.get(3));
        ColistenGraph g = l.graph();
        assertArrayEquals(new String[] {"a", "b", "c", "d"}, g.ids(), "every corpus track is a vertex");
        assertEquals(2, g.edges());
        assertEquals(7, g.count(0, 1), "a pair given twice keeps its larger count");
        assertEquals(3, g.count(3, 0));
        assertInvariants(g, 2, 250);
        DegreeStats d = l.degrees();
        assertEquals(new DegreeStats(4, 2, 0, 1.0, 2, 1.0, 1), d);
    }

    @Test
    void tauDropsWeakPairsAndTheCapKeepsTheStrongest() throws IOException {
        // "hub" has 300 candidate neighbours with distinct counts 1..300; the others pair among themselves weakly.
        String[] ids = new String[301];
        ids[0] = "hub";
        for (int i = 1; i <= 300; i++) ids[i] = String.format("t%03d", i);
        tracks(ids);
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 300; i++) b.append("hub\t").append(ids[i]).append('\t').append(i).append('\n');
        for (int i = 1; i < 300; i++) b.append(ids[i]).append('\t').append(ids[i + 1]).append("\t2\n");
        Files.writeString(dir.resolve(ColistenFile.NAME), b);
        for (int tau : new int[] {1, 2, 3, 60}) {
            ColistenGraph g = GraphSource.load(dir, GraphSource.From.COLISTEN, Sanitisation.DEFAULT.withMinPairCount(tau),
                    Problems.quiet(), null).graph();
            assertInvariants(g, tau, 250);
            int hub = Arrays.asList(g.ids()).indexOf("hub");
            assertEquals(Math.min(250, 300 - tau + 1), g.degree(hub), "tau " + tau);
            int weakest = Integer.MAX_VALUE;
            for (int p = g.offsets()[hub]; p < g.offsets()[hub + 1]; p++) weakest = Math.min(weakest, g.counts()[p]);
            assertEquals(Math.max(tau, 51), weakest, "the 250 strongest of 300 are counts 51..300");
            assertEquals(tau <= 2 ? 299 : 0, g.edges() - g.degree(hub), "the chain of count 2 survives tau <= 2 only");
        }
        ColistenGraph small = GraphSource.fromColisten(dir.resolve(ColistenFile.NAME), ids, 1, 10, Problems.quiet());
        assertInvariants(small, 1, 10);
    }

    @Test
    void playsAndTheColistenFileWrittenFromThemGiveTheSameGraph() throws IOException {
        Random r = new Random(11);
        String[] ids = new String[80];
        for (int i = 0; i < ids.length; i++) ids[i] = "r" + i;
        tracks(ids);
        StringBuilder b = new StringBuilder();
        for (int u = 0; u < 300; u++) {
            int n = 3 + r.nextInt(12), base = r.nextInt(60);
            for (int k = 0; k < n; k++) b.append("u").append(u).append('\t').append(ids[base + r.nextInt(20)]).append("\t2\n");
        }
        Files.writeString(dir.resolve(GraphSource.PLAYS), b);
        Sanitisation s = Sanitisation.DEFAULT.withMaxNeighbours(12).withMinPairCount(3);
        GraphSource.Loaded fromPlays = GraphSource.load(dir, GraphSource.From.AUTO, s, Problems.quiet(), null);
        assertEquals(GraphSource.From.PLAYS, fromPlays.from(), "no colisten.tsv: plays");
        assertTrue(fromPlays.counting() != null && fromPlays.graph().edges() > 50, "edges: " + fromPlays.graph().edges());
        assertInvariants(fromPlays.graph(), 3, 12);
        ColistenFile.write(dir.resolve(ColistenFile.NAME), fromPlays.graph());
        ColistenGraph back = GraphSource.load(dir, GraphSource.From.AUTO, s, Problems.quiet(), null).graph();
        assertArrayEquals(fromPlays.graph().ids(), back.ids());
        assertArrayEquals(fromPlays.graph().offsets(), back.offsets());
        assertArrayEquals(fromPlays.graph().neighbours(), back.neighbours());
        assertArrayEquals(fromPlays.graph().counts(), back.counts());
    }

    @Test
    void aCorpusWithoutCountsOrPlaysIsAnErrorNamingTheFolder() throws IOException {
        tracks("a");
        var e = assertThrows(CorpusFormatException.class,
                () -> GraphSource.load(dir, GraphSource.From.AUTO, Sanitisation.DEFAULT, Problems.quiet(), null));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        assertThrows(CorpusFormatException.class,
                () -> GraphSource.load(dir, GraphSource.From.PLAYS, Sanitisation.DEFAULT, Problems.quiet(), null));
    }

    @Test
    void degreeStatsOfAnOddTrackCount() {
        ColistenGraph g = ColistenGraph.fromEdges(new String[] {"a", "b", "c", "d", "e"},
                new int[] {0, 0, 0, 1}, new int[] {1, 2, 3, 2}, new int[] {2, 2, 2, 2}, 4);
        // degrees a 3, b 2, c 2, d 1, e 0
        assertEquals(new DegreeStats(5, 4, 0, 2.0, 3, 1.6, 1), DegreeStats.of(g));
    }
}
