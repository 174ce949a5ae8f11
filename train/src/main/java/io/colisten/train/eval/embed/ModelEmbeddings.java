package io.colisten.train.eval.embed;

import io.colisten.nn.checkpoint.RunFolder;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.nn.models.ModelConfig;
import io.colisten.nn.models.Models;
import io.colisten.train.progress.Progress;
import io.colisten.train.store.FeatureStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Embeddings of recordings of a store by a trained checkpoint or by a seeded random network (the
 * {@code random_net} baseline), through an {@link EmbeddingCache}:
 * RUN/eval/step-NNNNNNNN-STOREKEY/ for a checkpoint, RUN/eval/random_net-NAME-wWIDTH-seed-S-STOREKEY/ (beside the first run's own)
 * for a random network, STOREKEY a hash of the store's path.
 */
public final class ModelEmbeddings {
    private ModelEmbeddings() {}

    /** A checkpoint's embeddings of {@code ids}, cached in its run folder. */
    public static RecordingEmbeddings ofCheckpoint(Path run, Path checkpointFile, EmbeddingNetwork network, FeatureStore store,
                                                   List<String> ids, int batch, Progress progress) throws IOException {
        long step = RunFolder.step(checkpointFile);
        String folder = (step >= 0 ? String.format(Locale.ROOT, "step-%08d", step) : sanitise(checkpointFile.getFileName().toString()))
                + "-" + storeKey(store);
        Map<String, String> key = storeKeyMap(store);
        Path abs = checkpointFile.toAbsolutePath().normalize();
        key.put("checkpoint", abs.toString());
        key.put("checkpoint_bytes", Long.toString(Files.size(abs)));
        key.put("checkpoint_modified", Files.getLastModifiedTime(abs).toString());
        return cached(new EmbeddingCache(run.resolve("eval").resolve(folder), key), network, store, ids, batch, progress);
    }

    /** A randomly initialised network of {@code config} (seeded) and its embeddings of {@code ids}, cached under {@code cacheRoot}. */
    public static RecordingEmbeddings ofRandomNetwork(ModelConfig config, long seed, Path cacheRoot, FeatureStore store,
                                                      List<String> ids, int batch, Progress progress) throws IOException {
        String folder = sanitise("random_net-" + config.name() + "-w" + config.width() + "-seed-" + seed) + "-" + storeKey(store);
        Map<String, String> key = storeKeyMap(store);
        key.put("random_net", config.toString());
        key.put("seed", Long.toString(seed));
        EmbeddingCache cache = new EmbeddingCache(cacheRoot.resolve(folder), key);
        return cache.get(ids, missing -> embed(Models.create(config, seed), store, missing, batch, progress));
    }

    private static RecordingEmbeddings cached(EmbeddingCache cache, EmbeddingNetwork network, FeatureStore store, List<String> ids,
                                              int batch, Progress progress) throws IOException {
        return cache.get(ids, missing -> embed(network, store, missing, batch, progress));
    }

    private static RecordingEmbeddings embed(EmbeddingNetwork network, FeatureStore store, List<String> ids, int batch, Progress progress) {
        return new WindowEmbedder(network, batch).embed(store, ids, progress);
    }

    /** What identifies a store's contents: its path, recordings and frames. */
    static Map<String, String> storeKeyMap(FeatureStore store) {
        Map<String, String> key = new LinkedHashMap<>();
        key.put("store", store.dir().toAbsolutePath().normalize().toString());
        key.put("store_recordings", Integer.toString(store.size()));
        key.put("store_frames", Long.toString(store.totalFrames()));
        return key;
    }

    static String storeKey(FeatureStore store) {
        String p = store.dir().toAbsolutePath().normalize().toString();
        return String.format(Locale.ROOT, "store-%08x", p.hashCode());
    }

    private static String sanitise(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
