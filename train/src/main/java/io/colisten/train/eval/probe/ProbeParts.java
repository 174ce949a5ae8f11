package io.colisten.train.eval.probe;

import io.colisten.engine.random.Rng;
import io.colisten.train.split.Split;
import io.colisten.train.split.Splits;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ways to assign recordings to probe parts. Every assignment is a function of the ids and a seed
 * only (never of the order the ids come in), so repeated evaluations use the same parts.
 */
public final class ProbeParts {
    /** Share of the corpus's train part held back to stop the probes early. */
    public static final double CORPUS_VALIDATION = 0.1;

    private ProbeParts() {}

    /**
     * A corpus's recordings: the probe tests on the recordings the embedding network never trained
     * on (the split's validation and evaluation parts) and trains on the train part, of which a
     * seeded {@value #CORPUS_VALIDATION} stops it early. (Like linear evaluation in representation
     * learning: the probe's labels, truth.tsv, were never seen by training.)
     */
    public static Map<String, ProbePart> fromCorpus(List<String> ids, Splits splits, long seed) {
        List<String> train = new ArrayList<>();
        Map<String, ProbePart> parts = new LinkedHashMap<>();
        for (String id : sorted(ids)) {
            if (splits.of(id) == Split.TRAIN) train.add(id);
            else parts.put(id, ProbePart.TEST);
        }
        shuffle(train, seed);
        int validation = train.size() < 2 ? 0 : Math.max(1, (int) Math.round(train.size() * CORPUS_VALIDATION));
        for (int i = 0; i < train.size(); i++) parts.put(train.get(i), i < validation ? ProbePart.VALIDATION : ProbePart.TRAIN);
        return parts;
    }

    /**
     * A folder of audio: 70% train, 10% validation, 20% test, stratified by each recording's set of
     * tags. Recordings are ordered by their tag set, then by a seeded shuffle within it, and the
     * parts are dealt in a fixed pattern of ten (test, train, train, validation, train, test,
     * train, train, train, train), so every tag combination is spread over the parts in proportion
     * and six recordings already give every part one.
     */
    public static Map<String, ProbePart> shuffled(Map<String, ? extends Collection<String>> tags, long seed) {
        List<String> order = sorted(new ArrayList<>(tags.keySet()));
        shuffle(order, seed);
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < order.size(); i++) rank.put(order.get(i), i);
        order.sort(Comparator.comparing((String id) -> signature(tags.get(id))).thenComparing(rank::get));
        Map<String, ProbePart> parts = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) parts.put(order.get(i), order.size() < 3 ? ProbePart.TRAIN : PATTERN[i % PATTERN.length]);
        return parts;
    }

    private static final ProbePart[] PATTERN = {ProbePart.TEST, ProbePart.TRAIN, ProbePart.TRAIN, ProbePart.VALIDATION,
            ProbePart.TRAIN, ProbePart.TEST, ProbePart.TRAIN, ProbePart.TRAIN, ProbePart.TRAIN, ProbePart.TRAIN};

    private static String signature(Collection<String> tags) {
        List<String> t = new ArrayList<>(tags == null ? List.of() : tags);
        Collections.sort(t);
        return String.join("\u0000", t);
    }

    /**
     * Carves a seeded {@code share} of the train recordings out as validation, for datasets whose
     * standard split has train and test only (AudioSet); explicit parts are kept otherwise.
     */
    public static Map<String, ProbePart> withValidation(Map<String, ProbePart> parts, double share, long seed) {
        List<String> train = new ArrayList<>();
        for (Map.Entry<String, ProbePart> e : parts.entrySet()) if (e.getValue() == ProbePart.TRAIN) train.add(e.getKey());
        Collections.sort(train);
        shuffle(train, seed);
        int validation = train.size() < 2 ? 0 : Math.max(1, (int) Math.round(train.size() * share));
        Map<String, ProbePart> out = new LinkedHashMap<>(parts);
        for (int i = 0; i < validation; i++) out.put(train.get(i), ProbePart.VALIDATION);
        return out;
    }

    private static List<String> sorted(List<String> ids) {
        List<String> s = new ArrayList<>(ids);
        Collections.sort(s);
        return s;
    }

    /** Fisher-Yates with our generator. */
    static void shuffle(List<String> list, long seed) {
        Rng rng = new Rng(seed);
        for (int i = list.size() - 1; i > 0; i--) Collections.swap(list, i, rng.nextInt(i + 1));
    }
}
