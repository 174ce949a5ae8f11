package io.colisten.train.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.colisten.train.corpus.Track;
import io.colisten.train.corpus.TracksFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tiny world's text and manifest: hierarchy, planted polysemy, other scripts, truth tags. */
class WorldMetadataTest {
    @Test
    void manifestHasAtLeast24ScenesInFamiliesAndPolysemousTermsAcrossFamilies() throws IOException {
        JsonNode m = new ObjectMapper().readTree(TinyWorld.get().resolve("world.json").toFile());
        assertEquals(TinyWorld.SEED, m.get("seed").asLong());
        assertEquals("tiny", m.get("size").asText());
        assertTrue(m.get("scenes").size() >= 24);
        Map<String, String> familyOf = new HashMap<>();
        for (JsonNode f : m.get("families")) {
            assertTrue(f.get("scenes").size() >= 2, f.toString());
            for (JsonNode s : f.get("scenes")) familyOf.put(s.asText(), f.get("name").asText());
        }
        assertEquals(m.get("scenes").size(), familyOf.size());
        assertTrue(m.get("polysemous_terms").size() >= 5);
        for (JsonNode p : m.get("polysemous_terms")) {
            String a = p.get("scenes").get(0).asText(), b = p.get("scenes").get(1).asText();
            assertFalse(familyOf.get(a).equals(familyOf.get(b)), "unrelated scenes: " + p);
        }
    }

    @Test
    void polysemousTermsAppearInTracksOfBothTheirScenes() throws IOException {
        Path dir = TinyWorld.get();
        JsonNode m = new ObjectMapper().readTree(dir.resolve("world.json").toFile());
        Map<String, List<String>> scenes = WorldCorpus.scenes(dir);
        List<Track> tracks = TracksFile.read(dir.resolve("tracks.jsonl"));
        for (JsonNode p : m.get("polysemous_terms")) {
            String term = p.get("term").asText();
            for (JsonNode scene : p.get("scenes")) {
                boolean found = false;
                for (Track t : tracks) {
                    String text = (t.title() + " " + t.description()).toLowerCase(Locale.ROOT);
                    if (scenes.get(t.id()).get(0).equals(scene.asText()) && text.contains(term)) found = true;
                }
                assertTrue(found, "'" + term + "' in a track of " + scene.asText());
            }
        }
    }

    @Test
    void textCarriesOtherScriptsAndEveryTrackHasATitleAndItsTruth() throws IOException {
        Path dir = TinyWorld.get();
        List<Track> tracks = TracksFile.read(dir.resolve("tracks.jsonl"));
        assertEquals(WorldSpec.TINY.tracks(), tracks.size());
        int nonAscii = 0;
        Set<Character.UnicodeScript> scripts = new HashSet<>();
        for (Track t : tracks) {
            assertFalse(t.title().isBlank(), t.id());
            assertEquals("audio/" + t.id() + ".wav", t.audio());
            String s = t.title() + t.description();
            if (s.chars().anyMatch(c -> c > 127)) nonAscii++;
            s.codePoints().forEach(c -> scripts.add(Character.UnicodeScript.of(c)));
        }
        assertTrue(nonAscii > tracks.size() / 4, "tracks with non-ASCII text: " + nonAscii);
        assertTrue(scripts.contains(Character.UnicodeScript.KATAKANA) && scripts.contains(Character.UnicodeScript.CYRILLIC),
                scripts.toString());
        Map<String, Set<String>> categories = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("truth.tsv"))) {
            String[] f = line.split("\t");
            categories.computeIfAbsent(f[0], k -> new HashSet<>()).add(f[1].substring(0, f[1].indexOf(':')));
        }
        for (Track t : tracks) {
            assertEquals(Set.of("scene", "family", "instrument", "tempo", "mode", "meter"), categories.get(t.id()), t.id());
        }
    }
}
