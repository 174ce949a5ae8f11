package io.colisten.nn.audio;

import java.io.IOException;

/**
 * A recording that could not be decoded. The message is always {@code "<file>: <reason>"}, so a
 * batch report can show it as it is; {@link #file()} and {@link #reason()} give the two parts
 * (the reason alone is short and specific, e.g. {@code "zero channels"}).
 */
public class AudioDecodeException extends IOException {
    private final String file;
    private final String reason;

    public AudioDecodeException(String file, String reason) {
        this(file, reason, null);
    }

    public AudioDecodeException(String file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    /** The file (or stream name) as the caller named it. */
    public String file() {
        return file;
    }

    /** What is wrong, without the file name. */
    public String reason() {
        return reason;
    }
}
