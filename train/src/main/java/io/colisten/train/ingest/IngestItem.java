package io.colisten.train.ingest;

import java.nio.file.Path;

/** One recording to ingest: its id in the store and its audio file. */
public record IngestItem(String id, Path file) {}
