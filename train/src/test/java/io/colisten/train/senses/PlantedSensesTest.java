package io.colisten.train.senses;

import io.colisten.train.labels.LabelMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rule that decides whether a planted polysemous term came out separated (notes/senses.md). */
class PlantedSensesTest {
    @TempDir
    Path dir;

    @Test
    void labelScenesVotesAndVerdicts() throws Exception {
        assertNull(PlantedSenses.read(dir), "no world.json: not a synthetic world");
        Files.writeString(dir.resolve("world.json"), "{\"polysemous_terms\": [{\"term\": \"bebop\", \"scenes\": [\"bebop\", \"anime\"]}]}");
        Files.writeString(dir.resolve("truth.tsv"), "a\tscene:bebop\nb\tscene:bebop\nc\tscene:anime\nd\tscene:anime\nd\tscene:bebop\ne\tfamily:jazz\n");
        PlantedSenses w = PlantedSenses.read(dir);
        assertEquals(List.of(new PlantedSenses.Planted("bebop", "bebop", "anime")), w.planted());
        assertTrue(w.isPlanted("bebop") && !w.isPlanted("jazz"));

        // Rows a {0, 2}, b {0}, c {1, 2}, d {1}, e {3}. Label 0 on a, b: bebop; 1 on c, d: anime 2 of 2 (bebop 1 of 2);
        // 2 on a, c: one each, no majority; 3 on e only, which has no scene tag.
        List<String> ids = List.of("a", "b", "c", "d", "e");
        LabelMatrix m = new LabelMatrix(ids, new int[] {0, 2, 3, 5, 6, 7}, new int[] {0, 2, 0, 1, 2, 1, 3}, 4);
        boolean[] train = {true, true, true, true, true};
        assertArrayEquals(new String[] {"bebop", "anime", null, null}, w.labelScenes(m, train));
        train[1] = false; // label 0 then rests on a alone: still bebop
        assertEquals("bebop", w.labelScenes(m, train)[0]);

        PlantedSenses.SenseVerdict jazz = PlantedSenses.senseScene("5_bebop", List.of("5_trio", "5_bop", "5_x"), Arrays.asList("bebop", "bebop", null));
        assertEquals("bebop", jazz.scene());
        assertEquals(2, jazz.votes());
        PlantedSenses.SenseVerdict anime = PlantedSenses.senseScene("12_bebop", List.of("12_ost", "12_anime", "12_mix"), List.of("anime", "anime", "punk"));
        assertEquals("anime", anime.scene());
        assertNull(PlantedSenses.senseScene("0_bebop", List.of("x", "y"), List.of("anime", "bebop")).scene(), "a tie names no scene");
        assertNull(PlantedSenses.senseScene("0_bebop", List.of("x"), List.of("anime")).scene(), "one vote is not enough");

        PlantedSenses.Planted p = w.planted().get(0);
        PlantedSenses.SenseVerdict small = PlantedSenses.senseScene("9_bebop", List.of("a", "b"), List.of("punk", "punk"));
        assertTrue(PlantedSenses.judge(p, List.of(anime, jazz, small)).separated(), "the two largest senses, one per scene");
        assertFalse(PlantedSenses.judge(p, List.of(anime, small, jazz)).separated(), "the second largest sense is in another scene");
        assertFalse(PlantedSenses.judge(p, List.of(anime, anime)).separated());
        assertFalse(PlantedSenses.judge(p, List.of(jazz)).separated(), "one sense is not a split");
    }
}
