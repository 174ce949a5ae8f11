package io.colisten.train.eval.embed;

import io.colisten.engine.NoGrad;
import io.colisten.engine.StepScope;
import io.colisten.engine.Tensor;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.nn.models.ModelConfig;
import io.colisten.train.progress.Progress;
import io.colisten.train.store.FeatureStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs an embedding network over the non-overlapping windows of recordings read from a feature
 * store (no audio decoding), {@code batch} windows per forward pass whatever recording they come
 * from, in eval mode under NoGrad. A recording of F frames has floor(F / frames) windows (a partial
 * window at the end is left out, as {@code Embedder} does); one shorter than a window is padded with
 * the log-mel value of silence to exactly one.
 */
public final class WindowEmbedder {
    /** Windows per forward pass: 32 SmallCNN windows need about 150 MB of activations. */
    public static final int DEFAULT_BATCH = 32;
    /** log(0 + 0.01): the front end's value for silence. */
    static final float SILENCE = (float) Math.log(0.01);

    /** The log-mel value of silence, which pads a recording shorter than one window. */
    public static float silence() {
        return SILENCE;
    }
    private static final int MAX_NAMED = 20;

    private final EmbeddingNetwork network;
    private final int batch, frames, bands, dim;

    /** The network is put in eval mode and left there. */
    public WindowEmbedder(EmbeddingNetwork network, int batch) {
        if (batch < 1) throw new IllegalArgumentException("embed: batch must be >= 1, got " + batch);
        this.network = network;
        this.batch = batch;
        ModelConfig c = network.config();
        this.frames = c.frames();
        this.bands = c.bands();
        this.dim = c.embeddingSize();
        network.train(false);
    }

    public int dim() {
        return dim;
    }

    /** Windows of a recording of {@code frameCount} frames. */
    public static int windows(int frameCount, int frames) {
        return Math.max(1, frameCount / frames);
    }

    /**
     * Embeds {@code ids}, each of which the store must hold (all missing ones are named).
     *
     * @throws IllegalArgumentException when the store's bands differ from the network's input, or an id is missing
     */
    public RecordingEmbeddings embed(FeatureStore store, List<String> ids, Progress progress) {
        if (store.bands() != bands) {
            throw new IllegalArgumentException(store.dir() + ": the store holds " + store.bands() + " mel bands but the "
                    + network.config().name() + " network takes " + bands);
        }
        int n = ids.size();
        int[] ordinal = new int[n], start = new int[n + 1];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ordinal[i] = store.ordinal(ids.get(i));
            if (ordinal[i] < 0) missing.add(ids.get(i));
            else start[i + 1] = start[i] + windows(store.frames(ordinal[i]), frames);
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(store.dir() + ": the feature store lacks " + missing.size() + " of the " + n
                    + " recordings to embed: " + String.join(", ", missing.subList(0, Math.min(MAX_NAMED, missing.size())))
                    + (missing.size() > MAX_NAMED ? ", ..." : ""));
        }
        int total = start[n], perWindow = frames * bands;
        float[] out = new float[total * dim];
        float[] in = new float[batch * perWindow];
        progress.begin("embed " + network.config().name(), total, 0);
        int filled = 0, done = 0;
        try (NoGrad ng = NoGrad.enter()) {
            for (int i = 0; i < n; i++) {
                int ord = ordinal[i], count = store.frames(ord);
                for (int w = 0; w < start[i + 1] - start[i]; w++) {
                    int off = filled * perWindow;
                    if (count >= frames) {
                        store.read(ord, w * frames, frames, in, off);
                    } else {
                        store.read(ord, 0, count, in, off);
                        Arrays.fill(in, off + count * bands, off + perWindow, SILENCE);
                    }
                    if (++filled == batch) {
                        run(in, filled, out, done);
                        done += filled;
                        progress.advance(filled, "");
                        filled = 0;
                    }
                }
            }
            if (filled > 0) {
                run(in, filled, out, done);
                progress.advance(filled, "");
            }
        }
        return RecordingEmbeddings.ofWindows(ids, dim, start, out);
    }

    /** Embeds the first b windows of {@code in} into rows [row, row + b) of out. */
    private void run(float[] in, int b, float[] out, int row) {
        float[] x = b * frames * bands == in.length ? in : Arrays.copyOf(in, b * frames * bands);
        try (StepScope s = StepScope.open()) {
            float[] e = network.embed(Tensor.of(x, b, 1, frames, bands)).toArray();
            System.arraycopy(e, 0, out, row * dim, b * dim);
        }
    }
}
