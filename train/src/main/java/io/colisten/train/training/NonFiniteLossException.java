package io.colisten.train.training;

import java.nio.file.Path;
import java.util.List;

/**
 * A step whose loss was NaN or infinite. The step was not applied (the check runs between the
 * forward pass and the backward pass), so the weights in memory are those of the step before; the
 * message names the step, the stage, the batch and its first recordings, and the last checkpoint
 * on disk to resume from (after lowering the learning rate, say).
 */
public final class NonFiniteLossException extends RuntimeException {
    private final long step;
    private final Path lastCheckpoint;

    public NonFiniteLossException(long step, Stage stage, long batch, float loss, List<String> recordings, Path lastCheckpoint) {
        super("the " + stage.word() + " loss is " + loss + " at step " + step + " (batch " + batch + " of the "
                + stage.word() + " stream; recordings " + String.join(", ", recordings) + (recordings.size() >= 5 ? ", ..." : "")
                + "); the step was not applied. Last good checkpoint: "
                + (lastCheckpoint == null ? "none yet" : lastCheckpoint.toString()));
        this.step = step;
        this.lastCheckpoint = lastCheckpoint;
    }

    public long step() {
        return step;
    }

    /** The newest checkpoint written before the failure, or null. */
    public Path lastCheckpoint() {
        return lastCheckpoint;
    }
}
