package io.colisten.train.stream;

/**
 * A recording's text labels as vocabulary ids (ascending, distinct; empty or null when it has
 * none). The label stream asks once per train recording, when it opens.
 */
@FunctionalInterface
public interface RecordingLabels {
    int[] labels(String recordingId);
}
