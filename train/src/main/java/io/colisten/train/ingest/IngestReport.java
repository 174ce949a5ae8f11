package io.colisten.train.ingest;

import io.colisten.engine.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.colisten.train.store.StoreFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * ingest-report.json, beside the store's files: the whole store after the run ({@code store}),
 * what this run did ({@code run}), and this run's failures, each with file, id and reason.
 */
public final class IngestReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LISTED_FAILURES = 20;

    private IngestReport() {}

    /** Where the run's listing came from and how it was configured, for the report. */
    public record RunSettings(String source, String path, String shortPolicy, double maxSeconds, int threads,
                              int ignoredFiles) {}

    public static ObjectNode toJson(Path storeDir, RunSettings settings, IngestSummary s) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode store = root.putObject("store");
        store.put("path", storeDir.toAbsolutePath().normalize().toString());
        store.put("recordings", s.storeRecordings());
        store.put("frames", s.storeFrames());
        store.put("audio_seconds", round3(s.storeSeconds()));
        store.put("audio_hours", round3(s.storeSeconds() / 3600));
        ObjectNode run = root.putObject("run");
        run.put("finished_at", Instant.now().toString());
        run.put("source", settings.source());
        run.put("path", settings.path());
        run.put("listed", s.listed());
        run.put("already_present", s.alreadyPresent());
        run.put("ingested", s.ingested());
        run.put("failed", s.failed());
        run.put("short_policy", settings.shortPolicy());
        run.put("padded_short", s.padded());
        run.put("skipped_short", s.skippedShort());
        run.put("clipped", s.clipped());
        run.put("max_seconds", settings.maxSeconds());
        run.put("ignored_non_audio_files", settings.ignoredFiles());
        run.put("audio_seconds", round3(s.audioSeconds()));
        run.put("wall_seconds", round3(s.wallSeconds()));
        run.put("threads", settings.threads());
        ArrayNode failures = root.putArray("failures");
        for (IngestFailure f : s.failures()) {
            ObjectNode o = failures.addObject();
            o.put("file", f.file());
            o.put("id", f.id());
            o.put("reason", f.reason());
        }
        return root;
    }

    public static Path write(Path storeDir, RunSettings settings, IngestSummary s) throws IOException {
        Path file = StoreFiles.report(storeDir);
        AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(storeDir, settings, s)) + "\n");
        return file;
    }

    /** The human summary printed at the end of a run. */
    public static String summaryText(IngestSummary s, Path report) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT,
                "ingest: %d listed, %d already in the store, %d ingested (%.2f h of audio in %.1f s), %d failed%n",
                s.listed(), s.alreadyPresent(), s.ingested(), s.audioSeconds() / 3600, s.wallSeconds(), s.failed()));
        if (s.padded() + s.skippedShort() + s.clipped() > 0) {
            b.append(String.format(Locale.ROOT,
                    "ingest: shorter than one window: %d padded, %d skipped; longer than the limit: %d clipped%n",
                    s.padded(), s.skippedShort(), s.clipped()));
        }
        int shown = 0;
        for (IngestFailure f : s.failures()) {
            if (shown++ == MAX_LISTED_FAILURES) {
                b.append("  ... and ").append(s.failures().size() - MAX_LISTED_FAILURES).append(" more in the report\n");
                break;
            }
            b.append("  failed: ").append(f.file()).append(": ").append(f.reason()).append('\n');
        }
        b.append(String.format(Locale.ROOT, "store: %d recordings, %d frames, %.2f h of audio; report: %s%n",
                s.storeRecordings(), s.storeFrames(), s.storeSeconds() / 3600, report));
        return b.toString();
    }

    private static double round3(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
