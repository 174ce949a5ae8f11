package io.colisten.train.eval.datasets;

import io.colisten.train.eval.probe.ProbeDataset;
import io.colisten.train.eval.probe.ProbePart;
import io.colisten.train.eval.probe.ProbeParts;
import io.colisten.train.ingest.IngestItem;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * AudioSet (paper Table 5) from its segment CSVs and local audio. A segments file has '#' comment
 * lines, then one segment per line: {@code YTID, start_seconds, end_seconds, "mid,mid,..."} (the
 * positive labels, quoted, comma-separated). A segment's audio is a file named by its YTID (any
 * audio extension) in the audio folder; segments without one are counted and left out (AudioSet
 * is never complete locally). A file whose name contains "eval" is the test part; the others
 * (balanced_train, unbalanced_train) train, of which a seeded 10% stops the probes early.
 * Optionally the classes are limited to those of a labels file in the layout of AudioSet's
 * class_labels_indices.csv ({@code index,mid,display_name}, a header first), e.g. its genre rows,
 * whose display names then name the classes.
 */
public final class AudioSet {
    public static final String TASK = "audioset";
    public static final double VALIDATION = 0.1;

    private AudioSet() {}

    /** One segment of a CSV. */
    record Segment(String ytid, double start, double end, List<String> labels) {}

    /**
     * @param segmentFiles the segment CSVs (those named "*eval*" are the test part)
     * @param labelsFile   class_labels_indices-style rows to limit and name the classes, or null for every label seen
     */
    public static ProbeDataset read(List<Path> segmentFiles, Path labelsFile, Path audioDir, long seed, Consumer<String> notes)
            throws IOException {
        if (segmentFiles.isEmpty()) throw new IllegalArgumentException("audioset: no segments file given");
        Map<String, IngestItem> audioById = audioByYtid(audioDir);
        Map<String, String> names = labelsFile == null ? null : labelNames(labelsFile);
        Map<String, Set<String>> tags = new LinkedHashMap<>();
        Map<String, ProbePart> parts = new LinkedHashMap<>();
        Map<String, String> seenClasses = new TreeMap<>();
        List<IngestItem> audio = new ArrayList<>();
        int segments = 0, missing = 0;
        for (Path csv : segmentFiles) {
            ProbePart part = csv.getFileName().toString().toLowerCase(Locale.ROOT).contains("eval") ? ProbePart.TEST : ProbePart.TRAIN;
            for (Segment s : segments(csv)) {
                segments++;
                IngestItem it = audioById.get(s.ytid());
                if (it == null) {
                    missing++;
                    continue;
                }
                Set<String> t = new LinkedHashSet<>();
                for (String mid : s.labels()) {
                    String name = names == null ? mid : names.get(mid);
                    if (name == null) continue;
                    t.add(name);
                    seenClasses.put(name, name);
                }
                if (parts.containsKey(s.ytid())) {
                    if (parts.get(s.ytid()) != part) {
                        throw new IOException(csv + ": segment '" + s.ytid() + "' is in a test file and in a training file");
                    }
                    tags.get(s.ytid()).addAll(t);
                    continue;
                }
                tags.put(s.ytid(), t);
                parts.put(s.ytid(), part);
                audio.add(it);
            }
        }
        if (audio.isEmpty()) {
            throw new IOException(audioDir + ": none of the " + segments + " segments of " + segmentFiles
                    + " has an audio file there (named by its YTID: YTID.wav, YTID.flac, ...)");
        }
        if (missing > 0) notes.accept(missing + " of the " + segments + " AudioSet segments have no audio file in " + audioDir + " and are left out");
        List<String> classes = names == null ? new ArrayList<>(seenClasses.keySet()) : new ArrayList<>(new LinkedHashSet<>(names.values()));
        String task = labelsFile == null ? TASK : stem(labelsFile);
        return new ProbeDataset(String.join(", ", segmentFiles.stream().map(Path::toString).toList()), audio, tags,
                ProbeParts.withValidation(parts, VALIDATION, seed), task, classes);
    }

    /** Every segment of a CSV, comments skipped; errors name the file and line. */
    static List<Segment> segments(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) throw new NoSuchFileException(csv.toString(), null, "no such AudioSet segments file");
        List<Segment> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) continue;
                int q = line.indexOf('"');
                String head = q < 0 ? line : line.substring(0, q);
                String[] f = head.split(",", -1);
                if (q < 0 || f.length < 4 || !line.endsWith("\"") || line.length() - 1 <= q) {
                    throw new IOException(csv + ":" + n + ": expected YTID, start_seconds, end_seconds, \"labels\"; got '" + line + "'");
                }
                String ytid = f[0].strip();
                double start, end;
                try {
                    start = Double.parseDouble(f[1].strip());
                    end = Double.parseDouble(f[2].strip());
                } catch (NumberFormatException e) {
                    throw new IOException(csv + ":" + n + ": start and end seconds must be numbers, got '" + f[1].strip() + "', '" + f[2].strip() + "'");
                }
                List<String> labels = new ArrayList<>();
                for (String mid : line.substring(q + 1, line.length() - 1).split(",")) if (!mid.isBlank()) labels.add(mid.strip());
                if (ytid.isEmpty()) throw new IOException(csv + ":" + n + ": empty YTID");
                out.add(new Segment(ytid, start, end, labels));
            }
        }
        return out;
    }

    /** class_labels_indices.csv rows: mid -> display name, in file order (the header skipped). */
    static Map<String, String> labelNames(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "no such labels file (index,mid,display_name)");
        Map<String, String> names = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || (i == 0 && line.startsWith("index"))) continue;
            String[] f = line.split(",", 3);
            if (f.length < 3 || !f[1].strip().startsWith("/")) {
                throw new IOException(file + ":" + (i + 1) + ": expected index,mid,display_name; got '" + line + "'");
            }
            String name = f[2].strip();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) name = name.substring(1, name.length() - 1);
            names.put(f[1].strip(), name);
        }
        if (names.isEmpty()) throw new IOException(file + ": holds no label row");
        return names;
    }

    private static Map<String, IngestItem> audioByYtid(Path dir) throws IOException {
        return ProbeDataset.audioByStem(dir);
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
