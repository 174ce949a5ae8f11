package io.colisten.train.split;

import java.util.Locale;

/**
 * The part of the corpus a recording belongs to (paper section 4): training, or the held-out test
 * set's two disjoint parts, validation (model selection while training) and evaluation (the
 * final figures: link prediction, label prediction).
 */
public enum Split {
    TRAIN, VALIDATION, EVALUATION;

    /** The word used in splits.tsv. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The part named by {@code word} (train, validation, evaluation), or null. */
    public static Split ofWord(String word) {
        return switch (word) {
            case "train" -> TRAIN;
            case "validation" -> VALIDATION;
            case "evaluation" -> EVALUATION;
            default -> null;
        };
    }
}
