package io.colisten.train.corpus;

import java.util.Objects;

/**
 * One line of a corpus's {@code tracks.jsonl}: a recording's id, its audio file (relative to the
 * corpus folder) and its free-text metadata. Title and description may be empty, never null.
 */
public record Track(String id, String audio, String title, String description) {
    public Track {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(audio, "audio");
        title = title == null ? "" : title;
        description = description == null ? "" : description;
    }
}
