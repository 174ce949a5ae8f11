package io.colisten.train.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads and writes {@code tracks.jsonl}: one JSON object per line with {@code id}, {@code audio},
 * {@code title}, {@code description}. Unknown keys are ignored (users may keep their own fields).
 * A line that is not an object with a non-empty string {@code id} and {@code audio} is an error
 * naming the file and the line number; so is an id seen twice. Blank lines are skipped.
 */
public final class TracksFile {
    public static final String NAME = "tracks.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TracksFile() {}

    /** All tracks of a file, in file order. */
    public static List<Track> read(Path file) throws IOException {
        List<Track> out = new ArrayList<>();
        stream(file, out::add);
        return out;
    }

    /** Streams the tracks of a file in order without holding them all (for large corpora). */
    public static void stream(Path file, Consumer<Track> sink) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CorpusFormatException(file + ": no such file");
        }
        Set<String> seen = new HashSet<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                Track t = parse(file, lineNo, line);
                if (!seen.add(t.id())) {
                    throw new CorpusFormatException(file + ":" + lineNo + ": duplicate track id '" + t.id() + "'");
                }
                sink.accept(t);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static Track parse(Path file, int lineNo, String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new CorpusFormatException(file + ":" + lineNo + ": not valid JSON ("
                    + e.getOriginalMessage() + ")");
        }
        if (n == null || !n.isObject()) {
            throw new CorpusFormatException(file + ":" + lineNo + ": expected a JSON object");
        }
        String id = requiredString(file, lineNo, n, "id");
        String audio = requiredString(file, lineNo, n, "audio");
        return new Track(id, audio, optionalString(file, lineNo, n, "title"),
                optionalString(file, lineNo, n, "description"));
    }

    private static String requiredString(Path file, int lineNo, JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
            throw new CorpusFormatException(file + ":" + lineNo + ": '" + key + "' must be a non-empty string");
        }
        return v.textValue();
    }

    private static String optionalString(Path file, int lineNo, JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw new CorpusFormatException(file + ":" + lineNo + ": '" + key + "' must be a string");
        }
        return v.textValue();
    }

    /** One JSON line (no newline) for a track, keys in the documented order. */
    public static String toLine(Track t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", t.id());
        o.put("audio", t.audio());
        o.put("title", t.title());
        o.put("description", t.description());
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes tracks to a writer, one line each. */
    public static void write(BufferedWriter w, Iterable<Track> tracks) throws IOException {
        for (Track t : tracks) {
            w.write(toLine(t));
            w.write('\n');
        }
    }
}
