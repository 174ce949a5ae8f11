package io.colisten.train.senses;

import io.colisten.train.eval.embed.RecordingEmbeddings;
import io.colisten.train.labels.LabelMatrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The sense classifier at the paper's size, on synthetic inputs: |V| labels (default 1,000,000),
 * d = 128, random unit window embeddings and random label sets, a few retraining steps of batch
 * 132 with the fused Adam, the held-out loss, the AUC pass and one nearest-label query; prints the
 * time of each and the live heap. No corpus: it checks that nothing |V|-sized beyond the head and
 * its Adam moments is held. {@code java ... SenseScaleCheck [--labels N] [--steps N]}.
 */
public final class SenseScaleCheck {
    private SenseScaleCheck() {}

    public static void main(String[] args) {
        int labels = 1_000_000, steps = 5, recordings = 2000, windows = 4, d = 128, perRecording = 12;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--labels" -> labels = Integer.parseInt(args[i + 1]);
                case "--steps" -> steps = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        SplittableRandom r = new SplittableRandom(1);
        List<String> ids = new ArrayList<>();
        int[] start = new int[recordings + 1], flat = new int[recordings * perRecording];
        for (int i = 0; i < recordings; i++) {
            ids.add("r" + i);
            int[] row = new int[perRecording];
            for (int j = 0; j < perRecording; j++) row[j] = j < 4 ? r.nextInt(200) : r.nextInt(labels); // a few frequent labels
            row = Arrays.stream(row).distinct().sorted().toArray();
            System.arraycopy(row, 0, flat, start[i], row.length);
            start[i + 1] = start[i] + row.length;
        }
        LabelMatrix m = new LabelMatrix(ids, start, flat, labels);
        float[] w = new float[recordings * windows * d];
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        int[] ws = new int[recordings + 1];
        for (int i = 0; i <= recordings; i++) ws[i] = i * windows;
        RecordingEmbeddings all = RecordingEmbeddings.ofWindows(ids, d, ws, w);
        RecordingEmbeddings train = all.select(ids.subList(0, recordings - 200)), held = all.select(ids.subList(recordings - 200, recordings));
        System.out.printf(Locale.ROOT, "%,d labels x %d, %,d training windows, batch 132, %d steps%n", labels, d,
                (recordings - 200) * windows, steps);
        long t0 = System.nanoTime();
        FrozenClassifier.Outcome o = FrozenClassifier.train(train, m, null, new FrozenClassifier.Settings(steps, 132, 1e-2, 1), null);
        double trainS = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "train: %.2f s (%.3f s per step incl. the head's initialisation), last loss %.4f%n", trainS,
                trainS / steps, o.trainLoss());
        t0 = System.nanoTime();
        double loss = FrozenClassifier.loss(o.head(), held, m);
        System.out.printf(Locale.ROOT, "held-out loss %.4f over %,d windows: %.2f s%n", loss, 200 * windows, (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        SenseAuc.Outcome auc = SenseAuc.of(o.head(), held, m, 3);
        System.out.printf(Locale.ROOT, "AUC %.4f over %d labels: %.2f s%n", auc.auc(), auc.labels(), (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        List<NearestLabels.Neighbour> nb = NearestLabels.of(o.head(), 0, 8, j -> false);
        System.out.printf(Locale.ROOT, "nearest labels of label 0: %.2f s (best cosine %.4f)%n", (System.nanoTime() - t0) / 1e9, nb.get(0).cosine());
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.out.printf(Locale.ROOT, "live heap after a collection: %d MiB (the head alone: %d MiB; its Adam moments, twice that, are gone with the fit)%n",
                (rt.totalMemory() - rt.freeMemory()) >> 20, ((long) labels * (d + 1) * 4) >> 20);
    }
}
