package io.colisten.train.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColistenCounterTest {
    @TempDir
    Path tmp;

    private Path plays(String text) throws IOException {
        Path f = tmp.resolve("plays.tsv");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void countsListenersWhoPlayedBothAndAppliesTheThreshold() throws IOException {
        Path f = plays("""
                u1\ta\t3
                u1\tb\t1
                u1\tc\t1
                u2\tb\t2
                u2\ta\t5
                u3\tc\t1
                u3\tb\t9
                u2\ta\t1
                """);
        PlayLog log = PlaysReader.read(f, null, Problems.quiet());
        assertArrayEquals(new String[] {"a", "b", "c"}, log.trackIds());
        assertEquals(3, log.users());
        assertEquals(23, log.totalPlays());
        var r = ColistenCounter.count(log, Sanitisation.DEFAULT.withMinUserPlays(0).withMinPairCount(1), null);
        ColistenGraph g = r.graph();
        assertEquals(2, g.count(0, 1)); // a-b: u1, u2 (u2's repeated line adds plays, not listeners)
        assertEquals(2, g.count(1, 2)); // b-c: u1, u3
        assertEquals(1, g.count(0, 2)); // a-c: u1
        assertEquals(g.count(1, 0), g.count(0, 1));
        ColistenGraph tau2 = ColistenCounter.count(log, Sanitisation.DEFAULT.withMinUserPlays(0), null).graph();
        assertEquals(2, tau2.edges());
        assertEquals(0, tau2.count(0, 2));
    }

    @Test
    void listenersWithTooFewPlaysAreDroppedBeforeCounting() throws IOException {
        Path f = plays("u1\ta\t1\nu1\tb\t1\nu2\ta\t4\nu2\tb\t4\nu3\ta\t3\nu3\tb\t3\n");
        PlayLog log = PlaysReader.read(f, null, Problems.quiet());
        var r = ColistenCounter.count(log, Sanitisation.DEFAULT.withMinUserPlays(5).withMinPairCount(1), null);
        assertEquals(2, r.stats().usersKept());
        assertEquals(1, r.stats().usersDropped());
        assertEquals(2, r.graph().count(0, 1));
    }

    @Test
    void malformedAndNegativeLinesAreReportedWithFileAndLineAndSkipped() throws IOException {
        Path f = plays("""
                # a comment
                u1\ta\t2
                u1\tb
                u1\tb\t-3
                u1\tc\tmany
                \tc\t1

                u2\ta\t1
                u2\tz\t1
                u2\tb\t0
                u2\tb\t4
                """);
        List<String> seen = new ArrayList<>();
        Problems p = new Problems(20, seen::add);
        PlayLog log = PlaysReader.read(f, new String[] {"a", "b", "c"}, p);
        assertEquals(5, p.count(), seen.toString());
        assertTrue(seen.get(0).startsWith(f + ":3:"), seen.get(0));
        assertTrue(seen.get(1).startsWith(f + ":4:") && seen.get(1).contains("negative"), seen.get(1));
        assertTrue(seen.get(2).startsWith(f + ":5:"), seen.get(2));
        assertTrue(seen.get(3).startsWith(f + ":6:"), seen.get(3));
        assertTrue(seen.get(4).startsWith(f + ":9:") && seen.get(4).contains("'z'"), seen.get(4));
        assertEquals(3, log.tracks().length); // u1: a; u2: a, b
        assertEquals(7, log.totalPlays());
    }

    @Test
    void aHubKeepsOnlyItsStrongestNeighboursAndNoTrackExceedsTheCap() throws IOException {
        // Track "hub" is played with each of 300 others by 2..6 listeners: 300 candidate neighbours.
        StringBuilder b = new StringBuilder();
        int user = 0;
        for (int i = 0; i < 300; i++) {
            int listeners = 2 + i % 5;
            for (int k = 0; k < listeners; k++, user++) {
                b.append("u").append(user).append("\thub\t1\n");
                b.append("u").append(user).append("\tt").append(String.format("%03d", i)).append("\t1\n");
            }
        }
        PlayLog log = PlaysReader.read(plays(b.toString()), null, Problems.quiet());
        var r = ColistenCounter.count(log, Sanitisation.DEFAULT.withMinUserPlays(0), null);
        ColistenGraph g = r.graph();
        int hub = java.util.Arrays.asList(g.ids()).indexOf("hub");
        assertEquals(300, r.stats().edgesAboveThreshold());
        assertEquals(250, g.degree(hub));
        for (int i = 0; i < g.tracks(); i++) assertTrue(g.degree(i) <= 250);
        // Kept: all 240 with counts 3..6, then the 10 smallest ids among the count-2 ones (t000, t005, ...).
        int minKept = Integer.MAX_VALUE;
        for (int p = g.offsets()[hub]; p < g.offsets()[hub + 1]; p++) minKept = Math.min(minKept, g.counts()[p]);
        assertEquals(2, minKept);
        int twos = 0;
        for (int p = g.offsets()[hub]; p < g.offsets()[hub + 1]; p++) {
            if (g.counts()[p] == 2) {
                twos++;
                int idx = Integer.parseInt(g.ids()[g.neighbours()[p]].substring(1));
                assertTrue(idx < 50, "tie broken towards smaller ids, got " + g.ids()[g.neighbours()[p]]);
            }
        }
        assertEquals(10, twos);
    }

    @Test
    void shardedCountingAndHistoryCapGiveTheSameGraphAsOnePass() throws IOException {
        StringBuilder b = new StringBuilder();
        java.util.Random rnd = new java.util.Random(5);
        for (int u = 0; u < 400; u++) {
            int n = 5 + rnd.nextInt(40);
            for (int k = 0; k < n; k++) b.append("u").append(u).append("\tt").append(rnd.nextInt(150)).append('\t').append(1 + rnd.nextInt(3)).append('\n');
        }
        PlayLog log = PlaysReader.read(plays(b.toString()), null, Problems.quiet());
        var one = ColistenCounter.count(log, Sanitisation.DEFAULT.withMaxNeighbours(20), null);
        var many = ColistenCounter.count(log, Sanitisation.DEFAULT.withMaxNeighbours(20).withPairsPerShard(1024), null);
        assertEquals(1, one.stats().shards());
        assertTrue(many.stats().shards() > 4, "shards: " + many.stats().shards());
        assertArrayEquals(one.graph().offsets(), many.graph().offsets());
        assertArrayEquals(one.graph().neighbours(), many.graph().neighbours());
        assertArrayEquals(one.graph().counts(), many.graph().counts());
        var capped = ColistenCounter.count(log, new Sanitisation(5, 10, 2, 20, 4_000_000), null);
        assertTrue(capped.stats().usersTruncated() > 0);
        assertTrue(capped.stats().pairIncrements() < one.stats().pairIncrements());
    }

    @Test
    void colistenFileRoundTripsAndWritesEachPairOnceInOrder() throws IOException {
        PlayLog log = PlaysReader.read(plays("u1\tb\t1\nu1\ta\t1\nu1\tc\t1\nu2\ta\t1\nu2\tb\t1\nu2\tc\t1\n"), null, Problems.quiet());
        ColistenGraph g = ColistenCounter.count(log, Sanitisation.DEFAULT.withMinUserPlays(0), null).graph();
        Path f = tmp.resolve("colisten.tsv");
        ColistenFile.write(f, g);
        assertEquals("a\tb\t2\na\tc\t2\nb\tc\t2\n", Files.readString(f));
        ColistenGraph back = ColistenFile.read(f, null, Problems.quiet());
        assertArrayEquals(g.neighbours(), back.neighbours());
        assertArrayEquals(g.counts(), back.counts());
    }

    @Test
    void longIntMapCountsThroughGrowth() {
        LongIntMap m = new LongIntMap(4);
        for (int i = 0; i < 10_000; i++) m.add((long) (i % 3000) << 32 | (i * 7 % 3000), 1);
        assertEquals(3000, m.size());
        long[] total = {0};
        m.forEach((k, v) -> total[0] += v);
        assertEquals(10_000, total[0]);
        assertEquals(0, m.get(12345L << 32));
    }
}
