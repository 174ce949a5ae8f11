package io.colisten.train.senses;

import com.fasterxml.jackson.databind.JsonNode;
import io.colisten.train.world.WorldManifest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The synthetic world's planted polysemous terms (world.json: {@code polysemous_terms}, each used by
 * two scenes of different families) and the judge of whether a split separated them.
 *
 * <p>How "separated" is decided: each sense of a planted term is assigned to a scene by its
 * nearest labels (the tag-embedding neighbours of Table 3, in the sense classifier): each
 * neighbour's term votes for the scene whose word list in world.json holds it, when exactly one
 * scene's does (words shared by scenes, family words and the planted terms themselves vote for
 * nothing). A sense belongs to the scene with the most votes if that scene has at least
 * {@link #MIN_VOTES} and strictly more than any other. A planted term is separated when one of
 * its senses belongs to its first scene and another to its second.
 */
public final class PlantedSenses {
    public static final int MIN_VOTES = 2;

    /** A planted term and its two scenes. */
    public record Planted(String term, String sceneA, String sceneB) {}

    /** One sense's verdict: its label, the scene its neighbours point to (null: none) and their votes. */
    public record SenseVerdict(String label, String scene, int votes) {}

    /** A planted term's verdict. */
    public record TermVerdict(Planted planted, List<SenseVerdict> senses, boolean separated) {}

    private final List<Planted> planted;
    private final Map<String, String> sceneOfWord;

    private PlantedSenses(List<Planted> planted, Map<String, String> sceneOfWord) {
        this.planted = planted;
        this.sceneOfWord = sceneOfWord;
    }

    /** The corpus's world.json, or null when the corpus is not a synthetic world. */
    public static PlantedSenses read(Path corpus) throws IOException {
        JsonNode w = WorldManifest.read(corpus);
        if (w == null || !w.has("polysemous_terms")) return null;
        List<Planted> planted = new ArrayList<>();
        for (JsonNode p : w.get("polysemous_terms")) {
            planted.add(new Planted(p.get("term").asText(), p.get("scenes").get(0).asText(), p.get("scenes").get(1).asText()));
        }
        Map<String, List<String>> scenesOf = new HashMap<>();
        for (JsonNode s : w.path("scenes")) {
            String scene = s.get("name").asText();
            for (JsonNode t : s.path("terms")) {
                List<String> l = scenesOf.computeIfAbsent(t.asText().toLowerCase(Locale.ROOT), x -> new ArrayList<>());
                if (!l.contains(scene)) l.add(scene);
            }
        }
        Map<String, String> unique = new HashMap<>();
        for (Map.Entry<String, List<String>> e : scenesOf.entrySet()) if (e.getValue().size() == 1) unique.put(e.getKey(), e.getValue().get(0));
        for (Planted p : planted) unique.remove(p.term());
        return new PlantedSenses(List.copyOf(planted), unique);
    }

    public List<Planted> planted() {
        return planted;
    }

    public boolean isPlanted(String term) {
        for (Planted p : planted) if (p.term().equals(term)) return true;
        return false;
    }

    /** The one scene whose words include {@code term}, or null. */
    public String sceneOf(String term) {
        return sceneOfWord.get(term);
    }

    /** The scene a sense's neighbours (their terms, best first) point to, with its votes. */
    public SenseVerdict senseScene(String label, List<String> neighbourTerms) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (String t : neighbourTerms) {
            String s = sceneOf(t);
            if (s != null) votes.merge(s, 1, Integer::sum);
        }
        String best = null;
        int top = 0, second = 0;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (e.getValue() > top) {
                second = top;
                top = e.getValue();
                best = e.getKey();
            } else if (e.getValue() > second) {
                second = e.getValue();
            }
        }
        return top >= MIN_VOTES && top > second ? new SenseVerdict(label, best, top) : new SenseVerdict(label, null, top);
    }

    /** Whether the senses' scenes include both of the planted term's scenes. */
    public static TermVerdict judge(Planted p, List<SenseVerdict> senses) {
        boolean a = false, b = false;
        for (SenseVerdict s : senses) {
            a |= p.sceneA().equals(s.scene());
            b |= p.sceneB().equals(s.scene());
        }
        return new TermVerdict(p, List.copyOf(senses), a && b);
    }
}
