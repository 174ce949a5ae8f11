package io.colisten.train.labels;

import io.colisten.nn.text.Vocabulary;
import io.colisten.train.corpus.TracksFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A corpus's text labels, kept in {@code CORPUS/labels/}: {@code vocab.tsv} (the K most frequent
 * n-grams of titles and descriptions) and {@code labels.tsv} (each recording's label ids). Made by
 * {@code ingest} and rebuilt only when missing, made with another K, or older than tracks.jsonl.
 */
public final class CorpusLabels {
    public static final String DIR = "labels";
    public static final String VOCABULARY = "vocab.tsv";

    /** What {@link #ensure} did. */
    public record Outcome(boolean rebuilt, int vocabularySize, long recordings, long withoutLabels, long labels,
                          double seconds) {}

    private CorpusLabels() {}

    public static Path dir(Path corpus) {
        return corpus.resolve(DIR);
    }

    public static Path vocabulary(Path corpus) {
        return dir(corpus).resolve(VOCABULARY);
    }

    public static Path labels(Path corpus) {
        return dir(corpus).resolve(LabelsFile.NAME);
    }

    /** Builds vocab.tsv and labels.tsv when they are missing or stale; otherwise only reads their sizes. */
    public static Outcome ensure(Path corpus, int k, int threads, boolean progress) throws IOException {
        long t0 = System.nanoTime();
        Path tracks = corpus.resolve(TracksFile.NAME);
        Path vocab = vocabulary(corpus), labels = labels(corpus);
        if (upToDate(tracks, vocab, labels, k)) {
            LabelMatrix m = LabelsFile.read(labels);
            long without = m.rows() - m.labelledRows().length;
            return new Outcome(false, m.vocabularySize(), m.rows(), without, m.nonZeros(), 0);
        }
        Files.createDirectories(dir(corpus));
        Vocabulary v = new VocabularyBuilder().k(k).threads(threads).progress(progress)
                .build(tracks, corpus.toAbsolutePath().normalize().toString()).vocabulary();
        v.write(vocab);
        LabelsFile.Summary s = LabelsFile.write(tracks, v, labels, threads, progress);
        return new Outcome(true, v.size(), s.recordings(), s.withoutLabels(), s.labels(), (System.nanoTime() - t0) * 1e-9);
    }

    private static boolean upToDate(Path tracks, Path vocab, Path labels, int k) throws IOException {
        if (!Files.isRegularFile(vocab) || !Files.isRegularFile(labels)) {
            return false;
        }
        if (Files.getLastModifiedTime(labels).compareTo(Files.getLastModifiedTime(tracks)) < 0
                || Files.getLastModifiedTime(vocab).compareTo(Files.getLastModifiedTime(tracks)) < 0) {
            return false;
        }
        return Vocabulary.read(vocab).k() == k;
    }
}
