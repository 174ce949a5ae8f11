package io.colisten.nn.embed;

import java.io.IOException;
import java.nio.file.Path;

/** A {@code .npy} or {@code ids.txt} file that is not what it must be; the message names the file. */
public final class NpyFormatException extends IOException {
    public NpyFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
