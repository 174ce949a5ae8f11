package io.colisten.train.training;

/** A training stage that cannot run on this corpus, with the reason (no graph, no edge, no labels...). */
public final class StageUnavailableException extends RuntimeException {
    private final String stage;

    public StageUnavailableException(String stage, String reason) {
        super("the " + stage + " stage cannot run: " + reason);
        this.stage = stage;
    }

    public String stage() {
        return stage;
    }
}
