package io.colisten.train.ingest;

/** A recording that could not be ingested: its file, its id and why (one short line). */
public record IngestFailure(String file, String id, String reason) {}
