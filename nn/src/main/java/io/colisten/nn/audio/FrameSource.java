package io.colisten.nn.audio;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns an audio file into its log-mel frames. Implementations may keep scratch and need not be
 * thread-safe: callers that work on several threads make one per thread.
 */
@FunctionalInterface
public interface FrameSource {
    /** The frames of {@code file}; an unreadable file is an IOException naming it and the reason. */
    RecordingFrames frames(Path file) throws IOException;
}
