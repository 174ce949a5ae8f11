package io.colisten.train.training;

import java.util.Locale;

/** What one training step optimises (paper 3.2): the triplet loss, the label softmax, or CF regression. */
public enum Stage {
    TRIPLET("triplet"),
    LABELS("labels"),
    CF_REGRESSION("cf-regression");

    private final String word;

    Stage(String word) {
        this.word = word;
    }

    /** The name in metrics, checkpoints and messages. */
    public String word() {
        return word;
    }

    public static Stage ofWord(String w) {
        for (Stage s : values()) if (s.word.equals(w == null ? null : w.toLowerCase(Locale.ROOT))) return s;
        throw new IllegalArgumentException("unknown stage '" + w + "' (known: triplet, labels, cf-regression)");
    }
}
