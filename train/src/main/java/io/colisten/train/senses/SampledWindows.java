package io.colisten.train.senses;

import io.colisten.engine.NoGrad;
import io.colisten.engine.StepScope;
import io.colisten.engine.Tensor;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.nn.models.ModelConfig;
import io.colisten.train.eval.embed.EmbeddingCache;
import io.colisten.train.eval.embed.RecordingEmbeddings;
import io.colisten.train.eval.embed.WindowEmbedder;
import io.colisten.train.progress.Progress;
import io.colisten.train.store.FeatureStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Window embeddings of at most {@code cap} windows per recording, evenly spread over its
 * non-overlapping windows (window j of m taken at floor((j + 1/2) n / m) of n), by the frozen
 * network in eval mode under NoGrad, cached in an {@link EmbeddingCache} keyed by the checkpoint,
 * the store and the cap. The classifier retraining needs many recordings more than many windows
 * of each, and embedding is what the disambiguation's time goes to; a cap of 3 on the demo world
 * cuts it by about four.
 */
final class SampledWindows {
    private SampledWindows() {}

    static RecordingEmbeddings of(Path cacheDir, Path checkpoint, EmbeddingNetwork network, FeatureStore store, List<String> ids, int cap,
                                  Progress progress) throws IOException {
        Map<String, String> key = new LinkedHashMap<>();
        Path abs = checkpoint.toAbsolutePath().normalize();
        key.put("checkpoint", abs.toString());
        key.put("checkpoint_bytes", Long.toString(Files.size(abs)));
        key.put("checkpoint_modified", Files.getLastModifiedTime(abs).toString());
        key.put("store", store.dir().toAbsolutePath().normalize().toString());
        key.put("store_recordings", Integer.toString(store.size()));
        key.put("store_frames", Long.toString(store.totalFrames()));
        key.put("max_windows", Integer.toString(cap));
        return new EmbeddingCache(cacheDir, key).get(ids, missing -> embed(network, store, missing, cap, progress));
    }

    static RecordingEmbeddings embed(EmbeddingNetwork network, FeatureStore store, List<String> ids, int cap, Progress progress) {
        ModelConfig c = network.config();
        int frames = c.frames(), bands = c.bands(), d = c.embeddingSize(), batch = WindowEmbedder.DEFAULT_BATCH;
        if (store.bands() != bands) {
            throw new IllegalArgumentException(store.dir() + ": the store holds " + store.bands() + " mel bands but the network takes " + bands);
        }
        network.train(false);
        int n = ids.size();
        int[] ordinal = new int[n], start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            ordinal[i] = store.ordinal(ids.get(i));
            if (ordinal[i] < 0) throw new IllegalArgumentException(store.dir() + ": the feature store lacks recording '" + ids.get(i) + "'");
            start[i + 1] = start[i] + Math.min(cap, WindowEmbedder.windows(store.frames(ordinal[i]), frames));
        }
        int total = start[n], per = frames * bands;
        float[] out = new float[total * d], in = new float[batch * per];
        progress.begin("embed windows", total, 0);
        int filled = 0, done = 0;
        try (NoGrad ng = NoGrad.enter()) {
            for (int i = 0; i < n; i++) {
                int count = store.frames(ordinal[i]), all = WindowEmbedder.windows(count, frames), m = start[i + 1] - start[i];
                for (int j = 0; j < m; j++) {
                    int w = (int) ((j + 0.5) * all / m), off = filled * per;
                    if (count >= frames) {
                        store.read(ordinal[i], w * frames, frames, in, off);
                    } else {
                        store.read(ordinal[i], 0, count, in, off);
                        Arrays.fill(in, off + count * bands, off + per, (float) Math.log(0.01)); // silence
                    }
                    if (++filled == batch) {
                        run(network, in, filled, out, done, frames, bands, d);
                        done += filled;
                        progress.advance(filled, "");
                        filled = 0;
                    }
                }
            }
            if (filled > 0) {
                run(network, in, filled, out, done, frames, bands, d);
                progress.advance(filled, "");
            }
        }
        return RecordingEmbeddings.ofWindows(ids, d, start, out);
    }

    private static void run(EmbeddingNetwork network, float[] in, int b, float[] out, int row, int frames, int bands, int d) {
        float[] x = b * frames * bands == in.length ? in : Arrays.copyOf(in, b * frames * bands);
        try (StepScope s = StepScope.open()) {
            float[] e = network.embed(Tensor.of(x, b, 1, frames, bands)).toArray();
            System.arraycopy(e, 0, out, row * d, b * d);
        }
    }
}
