package io.colisten.train.eval.probe;

import io.colisten.engine.random.Rng;
import io.colisten.train.split.Split;
import io.colisten.train.split.Splits;

import java.util.ArrayList;
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
    /** A plain folder of audio: 70% train, 10% validation, 20% test. */
    public static final double FOLDER_VALIDATION = 0.1, FOLDER_TEST = 0.2;

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

    /** A seeded shuffle cut 70/10/20, each part at least one recording when there are three or more. */
    public static Map<String, ProbePart> shuffled(List<String> ids, long seed) {
        List<String> order = sorted(ids);
        shuffle(order, seed);
        int n = order.size();
        int test = n < 3 ? 0 : Math.max(1, (int) Math.round(n * FOLDER_TEST));
        int validation = n < 3 ? 0 : Math.max(1, (int) Math.round(n * FOLDER_VALIDATION));
        Map<String, ProbePart> parts = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            parts.put(order.get(i), i < test ? ProbePart.TEST : i < test + validation ? ProbePart.VALIDATION : ProbePart.TRAIN);
        }
        return parts;
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
