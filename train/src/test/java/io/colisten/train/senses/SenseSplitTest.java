package io.colisten.train.senses;

import io.colisten.nn.text.Vocabulary;
import io.colisten.train.graph.ColistenGraph;
import io.colisten.train.labels.LabelMatrix;
import io.colisten.train.wmf.SyntheticGraph;
import io.colisten.train.wmf.WmfConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A co-listen graph of two planted communities whose split is known: WMF and k-means (k = 2) must
 * find the communities, and every term of every recording must get its community's prefix;
 * "bebop", used in both, must come out as two senses with the right counts and recordings.
 */
class SenseSplitTest {
    private static final int N = 240, HALF = N / 2;

    @TempDir
    Path dir;

    @Test
    void twoPlantedCommunitiesGiveTwoSensesOfASharedTerm() throws Exception {
        ColistenGraph g = SyntheticGraph.plantedCommunities(N, 2, 40, 4, 3);
        WmfConfig wmf = DisambiguationOptions.DEFAULT_WMF.withRank(8).withSweeps(8);
        SenseClusters points = SenseClusters.of(g, wmf, dir.resolve("wmf"), m -> { });
        assertEquals(N, points.size(), "every recording of the planted graph has an edge");
        KMeans.Result km = points.cluster(2, 3, 50, 1);
        int c0 = km.assignment()[0], c1 = 1 - c0;
        for (int i = 0; i < N; i++) {
            assertEquals(i < HALF ? c0 : c1, km.assignment()[i], "recording " + i + " of community " + (i / HALF));
        }
        // Cached factors are reused (same settings): the same clusters again.
        assertArrayEquals(km.assignment(), SenseClusters.of(g, wmf, dir.resolve("wmf"), m -> { throw new AssertionError("recomputed: " + m); })
                .cluster(2, 3, 50, 1).assignment());

        // Terms: bebop everywhere, jazz in community 0, anime in community 1, rare on two recordings.
        List<String> terms = List.of("bebop", "anime", "jazz", "rare");
        Vocabulary base = new Vocabulary(terms, new long[] {N, HALF, HALF, 2}, 4, "test", "colisten-text-1");
        List<String> ids = Arrays.asList(g.ids());
        int[] start = new int[N + 1];
        List<Integer> flat = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            List<Integer> row = new ArrayList<>(List.of(0, i < HALF ? 2 : 1));
            if (i == 0 || i == 2) row.add(3);
            row.sort(null);
            flat.addAll(row);
            start[i + 1] = flat.size();
        }
        int[] labelIds = flat.stream().mapToInt(Integer::intValue).toArray();
        LabelMatrix labels = new LabelMatrix(ids, start, labelIds, base.size());
        boolean[] train = new boolean[N];
        int trainPerCommunity = 0;
        for (int i = 0; i < N; i++) {
            train[i] = i % 10 != 9;
            if (train[i] && i < HALF) trainPerCommunity++;
        }
        SenseSplit split = SenseSplit.build(base, labels, ids, km.assignment(), train, 2, 3, "test");

        Vocabulary v = split.vocabulary();
        int b0 = v.id(c0 + "_bebop"), b1 = v.id(c1 + "_bebop"), jazz = v.id(c0 + "_jazz"), anime = v.id(c1 + "_anime");
        assertTrue(b0 >= 0 && b1 >= 0 && jazz >= 0 && anime >= 0, "senses: " + v.terms());
        assertEquals(4, v.size(), "jazz and anime have one sense each, rare is dropped: " + v.terms());
        assertEquals(-1, v.id(c1 + "_jazz"));
        assertEquals(trainPerCommunity, v.count(b0));
        assertEquals(trainPerCommunity, v.count(jazz));
        assertEquals(2, split.dropped(), "rare's two occurrences fall under the minimum count");
        assertEquals(4L * trainPerCommunity, split.kept());
        assertArrayEquals(new int[] {b0 < b1 ? b0 : b1, b0 < b1 ? b1 : b0}, split.sensesOf(0));
        assertEquals(1, split.termsWithSeveralSenses());
        for (int i = 0; i < N; i++) {
            int[] want = i < HALF ? new int[] {b0, jazz} : new int[] {b1, anime};
            Arrays.sort(want);
            assertArrayEquals(want, split.labels().labels(split.labels().row(ids.get(i))), "recording " + i + " (held out too)");
        }
        assertEquals("bebop", SenseSplit.termOf(c1 + "_bebop"));
        assertEquals(c1, SenseSplit.clusterOf(c1 + "_bebop"));
        assertEquals(-1, SenseSplit.clusterOf("bebop"));

        // k = 1: the unsplit baseline keeps plain terms under the same rule.
        SenseSplit unsplit = SenseSplit.build(base, labels, ids, new int[N], train, 1, 3, "test");
        assertEquals(List.of("bebop", "anime", "jazz"), unsplit.vocabulary().terms());
        assertThrows(IllegalArgumentException.class, () -> SenseSplit.build(base, labels, ids, km.assignment(), train, 2, 1000, "test"));
    }
}
