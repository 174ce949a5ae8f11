package io.colisten.train.senses;

import com.fasterxml.jackson.databind.JsonNode;
import io.colisten.train.eval.probe.TruthFile;
import io.colisten.train.labels.LabelMatrix;
import io.colisten.train.world.WorldManifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The synthetic world's planted polysemous terms (world.json: {@code polysemous_terms}, each used by
 * two scenes of different families) and the judge of whether a split separated them.
 *
 * <p>How "separated" is decided, from the ground truth (truth.tsv's {@code scene:} tags, which
 * nothing in training reads):
 * <ol>
 * <li>A label's scene: the scene of more than half of the training recordings that carry it
 *     (a mixed recording counts for both its scenes); none when no scene has that majority.</li>
 * <li>A sense's scene: its {@code neighbours} nearest labels in the sense classifier (other
 *     senses of the same term and every sense of a planted term left out, as ambiguous by
 *     construction) vote with their scenes; the sense belongs to the scene with the most votes if
 *     it has at least {@link #MIN_VOTES} and strictly more than any other.</li>
 * <li>A planted term is separated when its two most frequent senses (training recordings) belong
 *     one to each of its two scenes. (Small senses, a few recordings whose cluster is not the
 *     scene's, are common and do not count either way.)</li>
 * </ol>
 * So a sense counts only if its tag embedding sits among labels of the right scene: the audio
 * classifier, not the clustering alone, must have pulled the senses apart.
 */
public final class PlantedSenses {
    public static final int MIN_VOTES = 2;
    /** The share of a label's recordings its scene must exceed. */
    public static final double MAJORITY = 0.5;
    public static final String RULE = "a label's scene is that of more than half of its training recordings (truth.tsv); a sense"
            + " belongs to the scene that most of its nearest labels have (at least " + MIN_VOTES + " votes, strictly the most); a"
            + " planted term is separated when its two most frequent senses belong one to each of its two scenes";

    /** A planted term and its two scenes. */
    public record Planted(String term, String sceneA, String sceneB) {}

    /** One sense's verdict: its label, the scene its neighbours point to (null: none), their votes for it, and the neighbours. */
    public record SenseVerdict(String label, String scene, int votes, List<String> neighbours) {}

    /** A planted term's verdict. */
    public record TermVerdict(Planted planted, List<SenseVerdict> senses, boolean separated) {}

    private final List<Planted> planted;
    private final Map<String, Set<String>> truth;

    private PlantedSenses(List<Planted> planted, Map<String, Set<String>> truth) {
        this.planted = planted;
        this.truth = truth;
    }

    /** The corpus's world.json and truth.tsv, or null when the corpus is not a synthetic world with its truth. */
    public static PlantedSenses read(Path corpus) throws IOException {
        JsonNode w = WorldManifest.read(corpus);
        Path truthFile = corpus.resolve("truth.tsv");
        if (w == null || !w.has("polysemous_terms") || !Files.isRegularFile(truthFile)) return null;
        List<Planted> planted = new ArrayList<>();
        for (JsonNode p : w.get("polysemous_terms")) {
            planted.add(new Planted(p.get("term").asText(), p.get("scenes").get(0).asText(), p.get("scenes").get(1).asText()));
        }
        return new PlantedSenses(List.copyOf(planted), TruthFile.read(truthFile));
    }

    public List<Planted> planted() {
        return planted;
    }

    public boolean isPlanted(String term) {
        for (Planted p : planted) if (p.term().equals(term)) return true;
        return false;
    }

    /**
     * Each label's scene (null: no majority) over the recordings of {@code labels} for which
     * {@code train} is true.
     */
    public String[] labelScenes(LabelMatrix labels, boolean[] train) {
        int v = labels.vocabularySize();
        List<Map<String, Integer>> counts = new ArrayList<>(v);
        int[] total = new int[v];
        for (int i = 0; i < v; i++) counts.add(null);
        for (int r = 0; r < labels.rows(); r++) {
            if (!train[r]) continue;
            Set<String> tags = truth.get(labels.trackId(r));
            for (int l : labels.labels(r)) {
                total[l]++;
                if (tags == null) continue;
                for (String t : tags) {
                    if (!t.startsWith("scene:")) continue;
                    if (counts.get(l) == null) counts.set(l, new LinkedHashMap<>());
                    counts.get(l).merge(t.substring(6), 1, Integer::sum);
                }
            }
        }
        String[] scene = new String[v];
        for (int l = 0; l < v; l++) {
            if (counts.get(l) == null) continue;
            for (Map.Entry<String, Integer> e : counts.get(l).entrySet()) {
                if (e.getValue() > MAJORITY * total[l]) scene[l] = e.getKey();
            }
        }
        return scene;
    }

    /** The scene a sense's neighbours point to: {@code neighbourScenes} are their label scenes, best first. */
    public static SenseVerdict senseScene(String label, List<String> neighbours, List<String> neighbourScenes) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (String s : neighbourScenes) if (s != null) votes.merge(s, 1, Integer::sum);
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
        boolean won = top >= MIN_VOTES && top > second;
        return new SenseVerdict(label, won ? best : null, top, List.copyOf(neighbours));
    }

    /** Whether the two most frequent senses ({@code senses} most frequent first) belong one to each scene of the planted term. */
    public static TermVerdict judge(Planted p, List<SenseVerdict> senses) {
        boolean separated = senses.size() >= 2 && p.sceneA() != null && p.sceneB() != null
                && ((p.sceneA().equals(senses.get(0).scene()) && p.sceneB().equals(senses.get(1).scene()))
                || (p.sceneB().equals(senses.get(0).scene()) && p.sceneA().equals(senses.get(1).scene())));
        return new TermVerdict(p, List.copyOf(senses), separated);
    }
}
