package io.colisten.nn.checkpoint;

import io.colisten.engine.io.SafeTensorsException;

import java.nio.file.Path;

/**
 * A checkpoint file that is a valid safetensors file but not a checkpoint this program can use:
 * another format, an unknown network, a missing or misshapen tensor, a vocabulary that does not
 * match. The message starts with the file, then names the problem.
 */
public final class CheckpointException extends SafeTensorsException {
    public CheckpointException(Path file, String problem) {
        super(file, problem);
    }

    public CheckpointException(Path file, String problem, Throwable cause) {
        super(file, problem, cause);
    }
}
