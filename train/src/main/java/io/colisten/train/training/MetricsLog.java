package io.colisten.train.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.colisten.engine.io.AtomicFiles;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * RUN/metrics.jsonl: one JSON object per line, each with a {@code step} and an {@code event}
 * ("step": the training loss and its companions; "eval": held-out losses; "stage": a change of
 * stage; "checkpoint"; "stop"). Lines are flushed as written, so a killed run loses at most the
 * line being written. A resumed run first drops the lines of steps after its checkpoint (they
 * will be logged again) and a torn last line, so the log reads as one uninterrupted run.
 */
public final class MetricsLog implements AutoCloseable {
    public static final String NAME = "metrics.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final BufferedWriter out;

    private MetricsLog(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /** A new log (an existing one is replaced). */
    public static MetricsLog create(Path file) throws IOException {
        return new MetricsLog(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
    }

    /** The existing log, cut back to the lines of steps up to {@code step}, appended to from there. */
    public static MetricsLog resume(Path file, long step) throws IOException {
        if (Files.isRegularFile(file)) {
            List<String> keep = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonNode n;
                try {
                    n = JSON.readTree(line);
                } catch (IOException e) {
                    continue; // a line torn by the kill
                }
                if (n != null && n.has("step") && n.get("step").asLong() <= step) keep.add(line);
            }
            AtomicFiles.writeString(file, keep.isEmpty() ? "" : String.join("\n", keep) + "\n");
        }
        return new MetricsLog(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE));
    }

    /** A fresh object to fill and {@link #write}. */
    public ObjectNode line(long step, String event) {
        ObjectNode o = JSON.createObjectNode();
        o.put("step", step);
        o.put("event", event);
        return o;
    }

    public void write(ObjectNode line) {
        try {
            out.write(JSON.writeValueAsString(line));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot append to the metrics log: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** All lines of a log, parsed (for reports and tests). */
    public static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank()) continue;
            try {
                lines.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new IOException(file + ":" + n + ": not a JSON line: " + e.getMessage(), e);
            }
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
