package io.colisten.train.eval.datasets;

import io.colisten.train.eval.probe.ProbeDataset;
import io.colisten.train.eval.probe.ProbePart;
import io.colisten.train.ingest.IngestItem;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * MagnaTagATune (paper Table 4) from its annotations_final.csv: tab-separated, each field
 * optionally in double quotes; a header {@code clip_id}, the tag columns (188 in the release),
 * {@code mp3_path}; then one line per clip with 0/1 per tag and the mp3's path relative to the
 * audio folder ("f/artist-album-01-title-30-59.mp3"). The task is the customary one: the 50 most
 * frequent tags (count over all clips; ties in column order), every clip a row, split by the
 * mp3's folder, its first hex digit: 0-b train, c validation, d-f test.
 */
public final class MagnaTagATune {
    public static final String TASK = "mtat-top50";
    public static final int TOP_TAGS = 50;

    private MagnaTagATune() {}

    /**
     * Reads the annotations and lists the clips whose mp3 is under {@code audioDir}; clips without
     * their file are counted through {@code notes} (all missing is an error).
     */
    public static ProbeDataset read(Path annotations, Path audioDir, int topTags, Consumer<String> notes) throws IOException {
        if (!Files.isRegularFile(annotations)) throw new NoSuchFileException(annotations.toString(), null, "no such annotations file");
        if (!Files.isDirectory(audioDir)) throw new NoSuchFileException(audioDir.toString(), null, "no such audio folder");
        List<String[]> rows = new ArrayList<>();
        String[] header;
        try (BufferedReader r = Files.newBufferedReader(annotations, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            if (line == null) throw new IOException(annotations + ": empty (expected a header: clip_id, tags..., mp3_path)");
            header = fields(line);
            if (header.length < 3 || !header[0].equals("clip_id") || !header[header.length - 1].equals("mp3_path")) {
                throw new IOException(annotations + ":1: expected a tab-separated header clip_id, tag columns, mp3_path; got '"
                        + String.join("|", Arrays.copyOf(header, Math.min(4, header.length))) + "...'");
            }
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) continue;
                String[] f = fields(line);
                if (f.length != header.length) {
                    throw new IOException(annotations + ":" + n + ": " + f.length + " fields, the header has " + header.length);
                }
                for (int c = 1; c < f.length - 1; c++) {
                    if (!f[c].equals("0") && !f[c].equals("1")) {
                        throw new IOException(annotations + ":" + n + ": tag '" + header[c] + "' is '" + f[c] + "', not 0 or 1");
                    }
                }
                if (f[0].isEmpty()) throw new IOException(annotations + ":" + n + ": empty clip_id");
                rows.add(f);
            }
        }
        int tags = header.length - 2;
        long[] count = new long[tags];
        for (String[] f : rows) for (int c = 0; c < tags; c++) if (f[c + 1].equals("1")) count[c]++;
        Integer[] order = new Integer[tags];
        for (int c = 0; c < tags; c++) order[c] = c;
        Arrays.sort(order, Comparator.comparingLong((Integer c) -> -count[c]).thenComparingInt(c -> c));
        int k = Math.min(topTags, tags);
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < k; i++) classes.add(header[order[i] + 1]);

        Map<String, Set<String>> tagsById = new LinkedHashMap<>();
        Map<String, ProbePart> parts = new LinkedHashMap<>();
        List<IngestItem> audio = new ArrayList<>();
        int missing = 0, noFolder = 0;
        String firstMissing = null;
        for (String[] f : rows) {
            String id = f[0], mp3 = f[f.length - 1];
            ProbePart part = part(mp3);
            if (part == null) {
                noFolder++;
                continue;
            }
            Path file = audioDir.resolve(mp3);
            if (!Files.isRegularFile(file)) {
                if (firstMissing == null) firstMissing = file.toString();
                missing++;
                continue;
            }
            Set<String> t = new LinkedHashSet<>();
            for (int i = 0; i < k; i++) if (f[order[i] + 1].equals("1")) t.add(header[order[i] + 1]);
            if (tagsById.put(id, t) != null) throw new IOException(annotations + ": clip_id '" + id + "' appears twice");
            parts.put(id, part);
            audio.add(new IngestItem(id, file));
        }
        if (noFolder > 0) notes.accept(annotations + ": " + noFolder + " clips whose mp3_path has no 0-f folder are left out");
        if (audio.isEmpty()) {
            throw new IOException(audioDir + ": none of the " + rows.size() + " clips of " + annotations + " has its mp3 there"
                    + (firstMissing == null ? "" : " (first looked for: " + firstMissing + ")"));
        }
        if (missing > 0) notes.accept(missing + " of the " + rows.size() + " clips of " + annotations + " have no audio file under "
                + audioDir + " and are left out (first: " + firstMissing + ")");
        return new ProbeDataset(annotations.toString(), audio, tagsById, parts, TASK, classes);
    }

    /** The customary split by the mp3's folder: 0-b train, c validation, d-f test; null for another folder. */
    static ProbePart part(String mp3Path) {
        int slash = mp3Path.indexOf('/');
        if (slash != 1) return null;
        char d = Character.toLowerCase(mp3Path.charAt(0));
        if (d >= '0' && d <= '9' || d == 'a' || d == 'b') return ProbePart.TRAIN;
        if (d == 'c') return ProbePart.VALIDATION;
        if (d >= 'd' && d <= 'f') return ProbePart.TEST;
        return null;
    }

    /** Tab-separated fields, each with surrounding double quotes removed. */
    static String[] fields(String line) {
        String[] f = line.split("\t", -1);
        for (int i = 0; i < f.length; i++) {
            String s = f[i].strip();
            if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) s = s.substring(1, s.length() - 1).replace("\"\"", "\"");
            f[i] = s;
        }
        return f;
    }
}
