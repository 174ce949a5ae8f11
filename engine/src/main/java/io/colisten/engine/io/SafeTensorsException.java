package io.colisten.engine.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A safetensors (or training-state) file that is malformed, hostile or does not fit what the
 * caller asked for. The message always starts with the file and then names the problem. Plain
 * I/O failures stay {@link IOException}s; this subclass means "the bytes are wrong".
 */
public class SafeTensorsException extends IOException {
    private final transient Path file;

    public SafeTensorsException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public SafeTensorsException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() { return file; }
}
