package io.colisten.train.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colisten.train.graph.Sanitisation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The invariants of the tiny world's colisten.tsv, and that listening follows the scenes. */
class WorldGraphTest {
    @Test
    void colistenFileIsUndirectedUniqueThresholdedCappedAndLoopFree() throws IOException {
        Path dir = TinyWorld.get();
        Set<String> ids = WorldCorpus.scenes(dir).keySet();
        Map<String, Integer> degree = new HashMap<>();
        Set<String> pairs = new HashSet<>();
        String previous = "";
        for (String line : Files.readAllLines(dir.resolve("colisten.tsv"))) {
            String[] f = line.split("\t");
            assertEquals(3, f.length, line);
            assertTrue(f[0].compareTo(f[1]) < 0, "a < b and no self loop: " + line);
            assertTrue(pairs.add(f[0] + "\t" + f[1]), "pair listed twice: " + line);
            assertTrue((f[0] + "\t" + f[1]).compareTo(previous) > 0, "sorted: " + line);
            previous = f[0] + "\t" + f[1];
            assertTrue(ids.contains(f[0]) && ids.contains(f[1]), "unknown track: " + line);
            assertTrue(Integer.parseInt(f[2]) >= Sanitisation.DEFAULT.minPairCount(), "below threshold: " + line);
            degree.merge(f[0], 1, Integer::sum);
            degree.merge(f[1], 1, Integer::sum);
        }
        assertFalse(pairs.isEmpty());
        for (int d : degree.values()) assertTrue(d <= Sanitisation.DEFAULT.maxNeighbours());
    }

    @Test
    void tracksOfOneSceneAreMoreCoListenedThanTracksOfDifferentScenes() throws IOException {
        Path dir = TinyWorld.get();
        Map<String, List<String>> scenes = WorldCorpus.scenes(dir);
        Map<String, List<String>> families = WorldCorpus.families(dir);
        Map<String, Integer> co = WorldCorpus.colisten(dir);
        List<String> ids = new ArrayList<>(scenes.keySet());
        // Sums and counts: [same scene, same family other scene, other family].
        double[] sum = new double[3], edges = new double[3], pairs = new double[3];
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                String a = ids.get(i), b = ids.get(j);
                int kind = scenes.get(a).get(0).equals(scenes.get(b).get(0)) ? 0
                        : families.get(a).get(0).equals(families.get(b).get(0)) ? 1 : 2;
                int c = co.getOrDefault(a + "\t" + b, 0);
                sum[kind] += c;
                edges[kind] += c > 0 ? 1 : 0;
                pairs[kind]++;
            }
        }
        double[] mean = new double[3], density = new double[3];
        for (int k = 0; k < 3; k++) {
            mean[k] = sum[k] / pairs[k];
            density[k] = edges[k] / pairs[k];
        }
        String report = String.format("mean count %.2f / %.2f / %.2f, edge density %.3f / %.3f / %.3f "
                + "(same scene / same family / other family)", mean[0], mean[1], mean[2], density[0], density[1], density[2]);
        System.out.println(report);
        assertTrue(mean[0] > 3 * mean[2], report);
        assertTrue(density[0] > 3 * density[2], report);
        assertTrue(mean[1] > mean[2], "families share listeners: " + report);
        assertNotEquals(0, density[2], "some listening crosses families: " + report);
    }
}
