package io.colisten.train.eval.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Ground truth for probe tasks: UTF-8 lines {@code id<TAB>tag} (further tab-separated columns are
 * ignored), several lines per id allowed; blank lines and lines starting with '#' are skipped. The
 * synthetic world's truth.tsv is such a file, its tags namespaced {@code category:value}
 * ("family:jazz", "instrument:piano"): each category becomes a task of its own ({@link #tasks}),
 * and tags without a category form the task "tags".
 */
public final class TruthFile {
    /** The task of tags that name no category. */
    public static final String PLAIN_TASK = "tags";

    private TruthFile() {}

    /** Each id's tags, ids and tags in file order; errors name the file and line. */
    public static Map<String, Set<String>> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "no such truth file (id<TAB>tag lines)");
        Map<String, Set<String>> tags = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t", -1);
                if (f.length < 2) throw new IOException(file + ":" + n + ": expected id<TAB>tag, got '" + abbreviate(line) + "'");
                String id = f[0].strip(), tag = f[1].strip();
                if (id.isEmpty() || tag.isEmpty()) throw new IOException(file + ":" + n + ": empty " + (id.isEmpty() ? "id" : "tag"));
                tags.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(tag);
            }
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text", e);
        }
        if (tags.isEmpty()) throw new IOException(file + ": holds no id<TAB>tag line");
        return tags;
    }

    /** The category of a tag: the part before its first ':', or {@link #PLAIN_TASK}. */
    public static String category(String tag) {
        int colon = tag.indexOf(':');
        return colon > 0 ? tag.substring(0, colon) : PLAIN_TASK;
    }

    /**
     * The tasks of a truth map over the recordings in {@code parts}: one per category (sorted by
     * name), its classes the category's tags (sorted), every recording of {@code parts} a row.
     */
    public static List<ProbeTask> tasks(Map<String, Set<String>> truth, Map<String, ProbePart> parts, int minPositives, long seed) {
        Map<String, TreeSet<String>> classes = new TreeMap<>();
        for (Set<String> ts : truth.values()) for (String t : ts) classes.computeIfAbsent(category(t), k -> new TreeSet<>()).add(t);
        List<ProbeTask> tasks = new ArrayList<>();
        for (Map.Entry<String, TreeSet<String>> e : classes.entrySet()) {
            tasks.add(ProbeTask.of(e.getKey(), parts, truth, new ArrayList<>(e.getValue()), minPositives, seed));
        }
        return tasks;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
