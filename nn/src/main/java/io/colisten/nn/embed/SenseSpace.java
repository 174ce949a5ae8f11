package io.colisten.nn.embed;

import io.colisten.nn.checkpoint.Checkpoint;
import io.colisten.nn.text.Vocabulary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sense-split vocabulary of label disambiguation (paper 3.3): a classifier retrained, with the
 * same network frozen, over cluster-prefixed labels ("17_bebop", "5_bebop"), and for each plain
 * term the ids of its senses. Tags come from this head (so they name senses); a text query whose
 * term has several senses is answered once per sense. Read-only: thread-safe.
 */
final class SenseSpace {
    private final TagSpace tags;
    private final Vocabulary vocabulary;
    private final Map<String, int[]> sensesOf;

    SenseSpace(Checkpoint senses) {
        this.vocabulary = senses.vocabulary();
        this.tags = new TagSpace(senses.file(), senses.head(), vocabulary);
        Map<String, List<Integer>> m = new HashMap<>();
        for (int s = 0; s < vocabulary.size(); s++) m.computeIfAbsent(termOf(vocabulary.term(s)), t -> new ArrayList<>()).add(s);
        Map<String, int[]> out = HashMap.newHashMap(m.size());
        m.forEach((t, l) -> out.put(t, l.stream().mapToInt(Integer::intValue).toArray()));
        this.sensesOf = out;
    }

    /** The term of a sense label: "17_bebop" -> "bebop"; a label without a numeric prefix is a plain term. */
    static String termOf(String label) {
        int at = label.indexOf('_');
        if (at <= 0 || at > 9) return label;
        for (int i = 0; i < at; i++) if (label.charAt(i) < '0' || label.charAt(i) > '9') return label;
        return label.substring(at + 1);
    }

    TagSpace tags() { return tags; }

    Vocabulary vocabulary() { return vocabulary; }

    /** The sense ids of a plain term, most frequent first (empty when it has none). */
    int[] senses(String term) {
        int[] s = sensesOf.get(term);
        return s == null ? new int[0] : s.clone();
    }
}
