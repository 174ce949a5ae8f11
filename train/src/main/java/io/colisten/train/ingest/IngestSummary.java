package io.colisten.train.ingest;

import java.util.List;

/**
 * What one ingest run did, and the store's totals after it.
 *
 * @param listed          recordings the source named
 * @param alreadyPresent  of those, already in the store (skipped: a resumed run)
 * @param ingested        added by this run
 * @param failed          could not be read (each in {@code failures})
 * @param padded          shorter than one window and padded
 * @param skippedShort    shorter than one window and left out (policy skip)
 * @param clipped         longer than the limit and clipped
 * @param audioSeconds    audio seconds added by this run
 * @param wallSeconds     the run's wall time
 * @param storeRecordings recordings in the store after the run
 * @param storeFrames     frames in the store after the run
 * @param storeSeconds    audio seconds in the store after the run
 */
public record IngestSummary(int listed, int alreadyPresent, int ingested, int failed, int padded, int skippedShort,
                            int clipped, double audioSeconds, double wallSeconds, long storeRecordings,
                            long storeFrames, double storeSeconds, List<IngestFailure> failures) {}
