package io.colisten.train.training;

import java.util.List;
import java.util.Locale;

/**
 * What a run trains: one stage throughout, or the paper's curriculum ({@link #HYBRID}: the triplet
 * loss until its smoothed value levels off, then the label softmax from those weights).
 */
public enum TrainMode {
    TRIPLET("triplet"),
    LABELS("labels"),
    HYBRID("hybrid"),
    CF_REGRESSION("cf-regression");

    public static final List<String> WORDS = List.of("triplet", "labels", "hybrid", "cf-regression");

    private final String word;

    TrainMode(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** The stage a run of this mode starts in. */
    public Stage firstStage() {
        return switch (this) {
            case TRIPLET, HYBRID -> Stage.TRIPLET;
            case LABELS -> Stage.LABELS;
            case CF_REGRESSION -> Stage.CF_REGRESSION;
        };
    }

    /** True when the run needs text labels (and so a classifier head). */
    public boolean usesLabels() {
        return this == LABELS || this == HYBRID;
    }

    public static TrainMode ofWord(String w) {
        String k = w == null ? null : w.toLowerCase(Locale.ROOT);
        for (TrainMode m : values()) if (m.word.equals(k)) return m;
        throw new IllegalArgumentException("unknown mode '" + w + "' (known: " + String.join(", ", WORDS) + ")");
    }
}
