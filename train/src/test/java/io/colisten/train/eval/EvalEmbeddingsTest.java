package io.colisten.train.eval;

import io.colisten.nn.audio.AudioDecoder;
import io.colisten.nn.checkpoint.Checkpoint;
import io.colisten.nn.embed.Embedder;
import io.colisten.nn.models.ClassifierHead;
import io.colisten.nn.models.ModelConfig;
import io.colisten.nn.models.Models;
import io.colisten.train.eval.embed.EmbeddingCache;
import io.colisten.train.eval.embed.LogMelStats;
import io.colisten.train.eval.embed.RecordingEmbeddings;
import io.colisten.train.eval.embed.WindowEmbedder;
import io.colisten.train.progress.Progress;
import io.colisten.train.store.FeatureStore;
import io.colisten.train.store.FeatureStoreWriter;
import io.colisten.train.store.HalfFrames;
import io.colisten.train.store.StoreManifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Embeddings for evaluation: store-backed batched windows agree with the library's Embedder,
 * the cache computes each recording once and is dropped when its key changes, label scores match
 * a double-precision softmax average, and the log-mel statistics are means and deviations.
 */
class EvalEmbeddingsTest {
    @TempDir
    static Path dir;
    static FeatureStore store;
    static final int[] FRAMES = {250, 600, 700, 300};
    static final List<String> IDS = List.of("short", "two", "two-and-a-bit", "one");
    static float[][] frames = new float[FRAMES.length][];

    @BeforeAll
    static void makeStore() throws IOException {
        Random r = new Random(2);
        List<FeatureStoreWriter.Pending> p = new ArrayList<>();
        for (int i = 0; i < FRAMES.length; i++) {
            float[] x = new float[FRAMES[i] * 64];
            for (int k = 0; k < x.length; k++) x[k] = Float.float16ToFloat(Float.floatToFloat16((float) (r.nextGaussian() - 2)));
            frames[i] = x;
            p.add(new FeatureStoreWriter.Pending(IDS.get(i), HalfFrames.encode(x, 0, x.length), FRAMES[i], FRAMES[i] / 100.0, false, false));
        }
        try (FeatureStoreWriter w = FeatureStoreWriter.openOrCreate(dir.resolve("features"), StoreManifest.vggish())) {
            w.append(p);
        }
        store = FeatureStore.open(dir.resolve("features"));
    }

    @Test
    void batchedStoreWindowsAgreeWithTheEmbedder() throws IOException {
        var net = Models.create(ModelConfig.of("smallcnn").withWidth(0.125), 4);
        Path file = dir.resolve("init.safetensors");
        Checkpoint.save(file, net, null, 0, "init");
        Embedder embedder = new Embedder(Checkpoint.load(file), new AudioDecoder());
        RecordingEmbeddings e = new WindowEmbedder(Checkpoint.load(file).network(), 3).embed(store, IDS, Progress.NONE);
        assertArrayEquals(new int[] {0, 1, 3, 5, 6}, e.windowStart(), "padded short one, two, two (partial left out), one");
        for (int i = 0; i < IDS.size(); i++) {
            float[] want = embedder.embedLogMel(frames[i], FRAMES[i]).vector(), got = e.mean(i);
            for (int j = 0; j < want.length; j++) assertEquals(want[j], got[j], 1e-5, IDS.get(i) + "[" + j + "]");
        }
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new WindowEmbedder(net, 3).embed(store, List.of("two", "nope"), Progress.NONE));
        assertTrue(missing.getMessage().contains("lacks 1 of the 2") && missing.getMessage().contains("nope"), missing.getMessage());
    }

    @Test
    void theCacheComputesEachRecordingOnceAndForgetsAnotherKey() throws IOException {
        Path cacheDir = dir.resolve("cache");
        AtomicInteger computed = new AtomicInteger();
        var embedder = new WindowEmbedder(Models.create(ModelConfig.of("smallcnn").withWidth(0.125), 5), 8);
        java.util.function.Function<List<String>, RecordingEmbeddings> compute = ids -> {
            computed.addAndGet(ids.size());
            return embedder.embed(store, ids, Progress.NONE);
        };
        RecordingEmbeddings a = new EmbeddingCache(cacheDir, Map.of("k", "1")).get(List.of("two", "one"), compute);
        assertEquals(2, computed.get());
        RecordingEmbeddings b = new EmbeddingCache(cacheDir, Map.of("k", "1")).get(List.of("one", "short", "two"), compute);
        assertEquals(3, computed.get(), "only 'short' was new");
        assertEquals(List.of("one", "short", "two"), b.ids());
        assertArrayEquals(a.mean(0), b.mean(2));
        assertArrayEquals(a.mean(1), b.mean(0));
        new EmbeddingCache(cacheDir, Map.of("k", "2")).get(List.of("one"), compute);
        assertEquals(4, computed.get(), "another key: recomputed");
        assertEquals(List.of("one"), new EmbeddingCache(cacheDir, Map.of("k", "2")).load().ids(), "and rewritten");
    }

    @Test
    void labelScoresAreTheMeanWindowSoftmaxOverTheWholeVocabulary() {
        int v = LabelScores.LABEL_CHUNK + 808, d = 8;
        ClassifierHead head = ClassifierHead.create(v, d, 3);
        Random r = new Random(7);
        int[] start = {0, 2, 3, 7};
        float[] w = new float[7 * d];
        for (int k = 0; k < w.length; k++) w[k] = (float) r.nextGaussian() * 3;
        RecordingEmbeddings e = RecordingEmbeddings.ofWindows(List.of("a", "b", "c"), d, start, w);
        int[] labels = {0, 17, LabelScores.LABEL_CHUNK - 1, LabelScores.LABEL_CHUNK, v - 1};
        float[][] got = LabelScores.of(e, head, labels);
        float[] wt = head.weight().toArray(), bias = head.bias().toArray();
        for (int rec = 0; rec < 3; rec++) {
            double[] want = new double[labels.length];
            for (int win = start[rec]; win < start[rec + 1]; win++) {
                double[] z = new double[v];
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int l = 0; l < v; l++) {
                    double s = bias[l];
                    for (int j = 0; j < d; j++) s += (double) wt[l * d + j] * w[win * d + j];
                    z[l] = s;
                    max = Math.max(max, s);
                }
                for (int l = 0; l < v; l++) sum += Math.exp(z[l] - max);
                for (int k = 0; k < labels.length; k++) want[k] += Math.exp(z[labels[k]] - max) / sum / (start[rec + 1] - start[rec]);
            }
            for (int k = 0; k < labels.length; k++) {
                assertEquals(want[k], got[rec][k], 1e-9 + 1e-4 * want[k], "recording " + rec + ", label " + labels[k]);
            }
        }
    }

    @Test
    void logMelStatsAreBandMeansAndDeviations() {
        float[][] s = LogMelStats.of(store, List.of("one"));
        assertEquals(128, s[0].length);
        for (int b : new int[] {0, 31, 63}) {
            double mean = 0, sq = 0;
            for (int f = 0; f < 300; f++) mean += frames[3][f * 64 + b];
            mean /= 300;
            for (int f = 0; f < 300; f++) sq += Math.pow(frames[3][f * 64 + b] - mean, 2);
            assertEquals(mean, s[0][b], 1e-5);
            assertEquals(Math.sqrt(sq / 300), s[0][64 + b], 1e-5);
        }
    }
}
