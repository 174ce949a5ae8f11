package io.colisten.train.store;

/**
 * One recording in the store.
 *
 * @param id      the corpus's track id (no tab, newline or carriage return)
 * @param offset  index of its first frame in frames.f16 (frames, not bytes)
 * @param frames  number of frames (each {@code bands} float16 values)
 * @param seconds audio seconds the frames were computed from (after clipping, before padding)
 * @param clipped the recording was longer than the limit and only its start was used
 * @param padded  the recording was shorter than one window and was padded with silence
 */
public record StoreEntry(String id, long offset, int frames, double seconds, boolean clipped, boolean padded) {
    public StoreEntry {
        if (!validId(id)) {
            throw new IllegalArgumentException("invalid recording id for the store: '" + id + "'");
        }
        if (offset < 0 || frames < 0) {
            throw new IllegalArgumentException("negative offset or frame count for " + id);
        }
    }

    /** Ids go into a tab-separated index: no tabs, line breaks or empty ids. */
    public static boolean validId(String id) {
        if (id == null || id.isEmpty()) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                return false;
            }
        }
        return !id.startsWith("#");
    }

    public long end() {
        return offset + frames;
    }
}
