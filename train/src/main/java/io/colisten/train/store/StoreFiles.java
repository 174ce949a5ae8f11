package io.colisten.train.store;

import java.nio.file.Path;

/**
 * The files of a feature store folder.
 * <pre>
 *   store.json          what the frames are (bands, dtype, front end); written once, atomically
 *   frames.f16          append-only: every recording's log-mel frames, float16 little-endian,
 *                       frame-major (frames x bands), recordings back to back
 *   index.tsv           append-only: one line per recording, written only after its frames are durable
 *   ingest-report.json  the last ingest's summary (the store's totals and that run's failures)
 * </pre>
 */
public final class StoreFiles {
    public static final String MANIFEST = "store.json";
    public static final String FRAMES = "frames.f16";
    public static final String INDEX = "index.tsv";
    public static final String REPORT = "ingest-report.json";
    /** The folder a corpus keeps its store in unless told otherwise. */
    public static final String DEFAULT_DIR = "features";

    private StoreFiles() {}

    public static Path manifest(Path dir) {
        return dir.resolve(MANIFEST);
    }

    public static Path frames(Path dir) {
        return dir.resolve(FRAMES);
    }

    public static Path index(Path dir) {
        return dir.resolve(INDEX);
    }

    public static Path report(Path dir) {
        return dir.resolve(REPORT);
    }
}
