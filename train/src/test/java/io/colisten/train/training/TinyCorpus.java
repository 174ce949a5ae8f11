package io.colisten.train.training;

import io.colisten.train.corpus.Track;
import io.colisten.train.corpus.TracksFile;
import io.colisten.train.labels.CorpusLabels;
import io.colisten.train.store.FeatureStoreWriter;
import io.colisten.train.store.HalfFrames;
import io.colisten.train.store.StoreManifest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A corpus small enough to train on in a unit test, written straight into its files (no audio):
 * {@code n} recordings in four clusters; a recording of cluster c has log-mel frames of noise with
 * bands [16c, 16c + 16) raised by 2 (what a network can learn), 1 to 2 windows long; co-listen
 * pairs within clusters (count 3, so they pass the default minimum of 2); titles naming the
 * cluster's word and a shared word (the labels). Ingest's label builder makes labels/.
 */
final class TinyCorpus {
    static final int CLUSTERS = 4;

    private TinyCorpus() {}

    static String id(int i) {
        return String.format("r%03d", i);
    }

    static int cluster(int i) {
        return i % CLUSTERS;
    }

    /** Writes the corpus into {@code dir}; {@code nanRecording} >= 0 gets NaN frames (a corrupt store entry). */
    static Path write(Path dir, int n, boolean graph, boolean labels, int nanRecording) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(5);
        List<Track> tracks = new ArrayList<>();
        List<FeatureStoreWriter.Pending> group = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int c = cluster(i);
            tracks.add(new Track(id(i), "audio/" + id(i) + ".wav", "song " + new String[] {"alpha", "beta", "gamma", "delta"}[c]
                    + (i % 3 == 0 ? " live" : ""), "music"));
            int frames = 300 + r.nextInt(301);
            float[] x = new float[frames * 64];
            for (int f = 0; f < frames; f++) {
                for (int b = 0; b < 64; b++) {
                    x[f * 64 + b] = (float) (r.nextGaussian() * 0.5 - 2 + (b / 16 == c ? 2 : 0));
                }
            }
            if (i == nanRecording) java.util.Arrays.fill(x, Float.NaN);
            group.add(new FeatureStoreWriter.Pending(id(i), HalfFrames.encode(x, 0, x.length), frames, frames / 100.0, false, false));
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(TracksFile.NAME))) {
            TracksFile.write(w, tracks);
        }
        try (FeatureStoreWriter w = FeatureStoreWriter.openOrCreate(dir.resolve("features"), StoreManifest.vggish())) {
            w.append(group);
        }
        if (graph) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < n; i++) {
                for (int j = i + CLUSTERS; j < n; j += CLUSTERS) {
                    if (r.nextInt(3) == 0) s.append(id(i)).append('\t').append(id(j)).append("\t3\n");
                }
            }
            Files.writeString(dir.resolve("colisten.tsv"), s.toString());
        }
        if (labels) CorpusLabels.ensure(dir, 1000, 1, false);
        return dir;
    }
}
