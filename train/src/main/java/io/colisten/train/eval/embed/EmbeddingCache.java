package io.colisten.train.eval.embed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.type.TypeReference;
import io.colisten.engine.io.AtomicFiles;
import io.colisten.nn.embed.EmbeddingFiles;
import io.colisten.nn.embed.Npy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Embeddings kept on disk between evaluations, one folder per (network, feature store):
 * <pre>
 * DIR/embeddings.npy, DIR/ids.txt   recording embeddings (the EmbeddingFiles layout, so `similar` can read them)
 * DIR/windows.npy                   every window's embedding, W x d, recordings in ids.txt order
 * DIR/window-counts.txt             windows per recording, one number per line, ids.txt order
 * DIR/cache.json                    what the embeddings were computed from (checkpoint file, size and time, store)
 * </pre>
 * A cache whose key differs from the caller's (a retrained checkpoint, another store) is ignored
 * and rewritten. Recordings asked for but not cached are computed and added. cache.json is deleted
 * before the other files are rewritten and written last, so a torn update reads as no cache.
 */
public final class EmbeddingCache {
    public static final String KEY = "cache.json", WINDOWS = "windows.npy", COUNTS = "window-counts.txt";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Map<String, String> key;

    public EmbeddingCache(Path dir, Map<String, String> key) {
        this.dir = dir;
        this.key = new LinkedHashMap<>(key);
    }

    public Path dir() {
        return dir;
    }

    /** What the cache holds (null when it is absent or was made from something else). */
    public RecordingEmbeddings load() throws IOException {
        Path k = dir.resolve(KEY);
        if (!Files.isRegularFile(k)) return null;
        Map<String, String> saved;
        try {
            saved = JSON.readValue(k.toFile(), new TypeReference<Map<String, String>>() { });
        } catch (IOException e) {
            return null;
        }
        if (!key.equals(saved)) return null;
        List<String> ids = EmbeddingFiles.readIds(dir.resolve(EmbeddingFiles.IDS));
        Npy.Matrix means = Npy.read(dir.resolve(EmbeddingFiles.EMBEDDINGS)), windows = Npy.read(dir.resolve(WINDOWS));
        List<String> counts = Files.readAllLines(dir.resolve(COUNTS), StandardCharsets.UTF_8);
        if (counts.size() != ids.size() || means.rows() != ids.size() || means.cols() != windows.cols()) {
            throw new IOException(dir + ": the embedding cache's files disagree (" + ids.size() + " ids, " + counts.size()
                    + " window counts, " + means.rows() + " embeddings); delete the folder to recompute");
        }
        int[] start = new int[ids.size() + 1];
        for (int i = 0; i < ids.size(); i++) {
            try {
                start[i + 1] = start[i] + Integer.parseInt(counts.get(i).trim());
            } catch (NumberFormatException e) {
                throw new IOException(dir.resolve(COUNTS) + ":" + (i + 1) + ": not a window count: '" + counts.get(i) + "'");
            }
        }
        if (start[ids.size()] != windows.rows()) {
            throw new IOException(dir + ": window counts add up to " + start[ids.size()] + " but " + WINDOWS + " has "
                    + windows.rows() + " rows; delete the folder to recompute");
        }
        return new RecordingEmbeddings(ids, means.cols(), start, windows.data(), means.data());
    }

    /**
     * The embeddings of {@code ids} (in that order): cached ones read, the others computed by
     * {@code compute} (given the missing ids, in order) and added to the cache.
     */
    public RecordingEmbeddings get(List<String> ids, Function<List<String>, RecordingEmbeddings> compute) throws IOException {
        RecordingEmbeddings cached = load();
        Set<String> have = cached == null ? Set.of() : new HashSet<>(cached.ids());
        List<String> missing = new ArrayList<>();
        Set<String> asked = new HashSet<>();
        for (String id : ids) if (asked.add(id) && !have.contains(id)) missing.add(id);
        RecordingEmbeddings all = cached;
        if (!missing.isEmpty()) {
            RecordingEmbeddings fresh = compute.apply(missing);
            all = cached == null ? fresh : cached.concat(fresh);
            write(all);
        }
        return all.select(ids);
    }

    private void write(RecordingEmbeddings e) throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(KEY));
        EmbeddingFiles.write(dir, e.ids(), e.means(), e.dim());
        Npy.write(dir.resolve(WINDOWS), e.windows(), e.windowStart()[e.size()], e.dim());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < e.size(); i++) sb.append(e.windowCount(i)).append('\n');
        AtomicFiles.writeString(dir.resolve(COUNTS), sb.toString());
        AtomicFiles.writeString(dir.resolve(KEY), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(key) + "\n");
    }
}
