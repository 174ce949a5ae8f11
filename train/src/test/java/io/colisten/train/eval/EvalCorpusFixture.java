package io.colisten.train.eval;

import io.colisten.train.corpus.Track;
import io.colisten.train.corpus.TracksFile;
import io.colisten.train.labels.CorpusLabels;
import io.colisten.train.progress.Progress;
import io.colisten.train.split.Split;
import io.colisten.train.split.Splits;
import io.colisten.train.split.SplitsFile;
import io.colisten.train.store.FeatureStoreWriter;
import io.colisten.train.store.HalfFrames;
import io.colisten.train.store.StoreManifest;
import io.colisten.train.training.TrainConfig;
import io.colisten.train.training.Trainer;
import io.colisten.train.training.TrainingCorpus;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A corpus small enough to train and evaluate on in a unit test, written straight into its files
 * (no audio): {@code n} recordings in four clusters (cluster c's log-mel frames have bands
 * [16c, 16c + 16) raised, 1 to 2 windows long), co-listen pairs within clusters, titles naming the
 * cluster (the text labels), a truth.tsv with two tasks ("group": the cluster; "pace": a random
 * coin, which no embedding can predict), and a splits.tsv with a large evaluation part (a quarter)
 * so that link and label prediction have something to rank.
 */
final class EvalCorpusFixture {
    static final int CLUSTERS = 4;
    static final String[] WORDS = {"alpha", "beta", "gamma", "delta"};

    private EvalCorpusFixture() {}

    static String id(int i) {
        return String.format("r%03d", i);
    }

    static Path write(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(11);
        List<Track> tracks = new ArrayList<>();
        List<FeatureStoreWriter.Pending> group = new ArrayList<>();
        StringBuilder truth = new StringBuilder();
        Map<String, Split> parts = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            int c = i % CLUSTERS;
            tracks.add(new Track(id(i), "audio/" + id(i) + ".wav", "song " + WORDS[c] + (i % 3 == 0 ? " live" : ""), "music"));
            int frames = 300 + r.nextInt(301);
            float[] x = new float[frames * 64];
            for (int f = 0; f < frames; f++) {
                for (int b = 0; b < 64; b++) x[f * 64 + b] = (float) (r.nextGaussian() * 0.5 - 2 + (b / 16 == c ? 2 : 0));
            }
            group.add(new FeatureStoreWriter.Pending(id(i), HalfFrames.encode(x, 0, x.length), frames, frames / 100.0, false, false));
            truth.append(id(i)).append("\tgroup:").append(WORDS[c]).append('\n');
            truth.append(id(i)).append("\tpace:").append(r.nextBoolean() ? "fast" : "slow").append('\n');
            // Split by position within the cluster: 5/8 train, 1/8 validation, 2/8 evaluation.
            int k = (i / CLUSTERS) % 8;
            parts.put(id(i), k < 5 ? Split.TRAIN : k < 6 ? Split.VALIDATION : Split.EVALUATION);
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(TracksFile.NAME))) {
            TracksFile.write(w, tracks);
        }
        try (FeatureStoreWriter w = FeatureStoreWriter.openOrCreate(dir.resolve("features"), StoreManifest.vggish())) {
            w.append(group);
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            for (int j = i + CLUSTERS; j < n; j += CLUSTERS) if (r.nextInt(2) == 0) s.append(id(i)).append('\t').append(id(j)).append("\t3\n");
        }
        Files.writeString(dir.resolve("colisten.tsv"), s.toString());
        Files.writeString(dir.resolve("truth.tsv"), truth.toString());
        SplitsFile.write(dir.resolve(SplitsFile.NAME), Splits.of(parts, null));
        CorpusLabels.ensure(dir, 1000, 1, false);
        return dir;
    }

    /** Trains a width-1/8 SmallCNN (batches of 4) for {@code steps} steps into {@code run}. */
    static Path train(Path corpus, String mode, long steps, Path run) throws IOException {
        Map<String, Object> m = TrainConfig.defaults();
        m.put("corpus", corpus.toString());
        m.put("mode", mode);
        m.put("width", 0.125);
        m.put("steps", steps);
        m.put("batch", 4L);
        m.put("lr", 1e-3);
        m.put("stream_threads", 1L);
        m.put("eval_batches", 1L);
        m.put("eval_every", 0L);
        m.put("log_every", 1L);
        m.put("checkpoint_every", 100L);
        m.put("plateau_window", 3L);
        m.put("max_triplet_steps", steps / 2);
        TrainConfig c = TrainConfig.fromMap(m);
        try (TrainingCorpus data = TrainingCorpus.open(corpus, null, x -> { })) {
            new Trainer(c, run, data, Progress.NONE, x -> { }).run(false);
        }
        return run;
    }
}
