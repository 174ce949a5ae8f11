package io.colisten.train.eval.probe;

import io.colisten.train.ingest.IngestItem;
import io.colisten.train.ingest.IngestSources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where probe tasks come from: each recording's tags and probe part, its audio file when it must
 * be decoded (empty when a corpus's store already holds it), and how tags make tasks: one task per
 * tag category (a truth file), or one named task over a fixed list of classes (MagnaTagATune's top
 * 50, AudioSet's labels).
 *
 * @param source   what the truth came from, for the report
 * @param audio    the audio files to decode, under their ids (may be empty)
 * @param tags     each recording's tags
 * @param parts    each recording's probe part
 * @param taskName the single task's name, or null for one task per category
 * @param classes  the single task's classes, in report order (null for per-category tasks)
 */
public record ProbeDataset(String source, List<IngestItem> audio, Map<String, ? extends Set<String>> tags,
                           Map<String, ProbePart> parts, String taskName, List<String> classes) {
    private static final int MAX_NAMED = 20;

    /** The tasks over the recordings of {@code parts} that are {@code available} (have features). */
    public List<ProbeTask> tasks(Set<String> available, int minPositives, long seed) {
        Map<String, ProbePart> kept = new LinkedHashMap<>();
        for (Map.Entry<String, ProbePart> e : parts.entrySet()) if (available.contains(e.getKey())) kept.put(e.getKey(), e.getValue());
        @SuppressWarnings("unchecked")
        Map<String, Set<String>> t = (Map<String, Set<String>>) tags;
        if (taskName == null) return TruthFile.tasks(t, kept, minPositives, seed);
        return List.of(ProbeTask.of(taskName, kept, t, classes, minPositives, seed));
    }

    /** The recordings with a part, in id order. */
    public List<String> ids() {
        return List.copyOf(new TreeSet<>(parts.keySet()));
    }

    /**
     * A truth file over a folder of audio: the id of a file is its name without the extension
     * (files in subfolders too); every id of the truth file must have a file (those without are
     * named in the error); files without truth lines are not used. Parts: {@link ProbeParts#shuffled}.
     */
    public static ProbeDataset truthFolder(Path truthFile, Path audioDir, long seed) throws IOException {
        Map<String, Set<String>> truth = TruthFile.read(truthFile);
        Map<String, IngestItem> byId = audioByStem(audioDir);
        List<String> missing = new ArrayList<>();
        List<IngestItem> audio = new ArrayList<>();
        for (String id : truth.keySet()) {
            IngestItem it = byId.get(id);
            if (it == null) missing.add(id);
            else audio.add(it);
        }
        if (!missing.isEmpty()) {
            throw new IOException(truthFile + ": " + missing.size() + " of its " + truth.size() + " ids have no audio file in "
                    + audioDir + " (a file's id is its name without the extension): " + String.join(", ",
                    missing.subList(0, Math.min(MAX_NAMED, missing.size()))) + (missing.size() > MAX_NAMED ? ", ..." : ""));
        }
        return new ProbeDataset(truthFile.toString(), audio, truth, ProbeParts.shuffled(truth, seed), null, null);
    }

    /** The audio files under {@code dir}, by file name without extension; two files with one such name are an error. */
    public static Map<String, IngestItem> audioByStem(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new NoSuchFileException(dir.toString(), null, "no such audio folder");
        Map<String, IngestItem> byId = new HashMap<>();
        for (IngestItem it : IngestSources.audioFolder(dir, null).items()) {
            String name = it.file().getFileName().toString();
            int dot = name.lastIndexOf('.');
            String id = dot > 0 ? name.substring(0, dot) : name;
            IngestItem before = byId.put(id, new IngestItem(id, it.file()));
            if (before != null) {
                throw new IOException(dir + ": two audio files have the id '" + id + "': " + before.file() + " and " + it.file());
            }
        }
        return byId;
    }
}
