package io.colisten.nn.checkpoint;

import io.colisten.nn.text.Vocabulary;

import java.nio.file.Path;

/**
 * What a checkpoint records about the vocabulary its classifier head was trained on: the vocab.tsv
 * path relative to the checkpoint's folder ('/' separated; empty when there is none), its number
 * of terms and its {@link Vocabulary#fingerprint() fingerprint}, so that a different or edited
 * vocabulary file is refused instead of naming the wrong tags.
 */
public record VocabularyRef(String path, int size, String fingerprint) {
    public static final VocabularyRef NONE = new VocabularyRef("", 0, "");

    public VocabularyRef {
        if (path == null || fingerprint == null) throw new IllegalArgumentException("vocabulary reference: null field");
        if (size < 0) throw new IllegalArgumentException("vocabulary reference: negative size " + size);
    }

    /** The reference to {@code vocabularyFile} (holding {@code v}) from a checkpoint written at {@code checkpoint}. */
    public static VocabularyRef of(Path checkpoint, Path vocabularyFile, Vocabulary v) {
        Path from = checkpoint.toAbsolutePath().normalize().getParent();
        Path to = vocabularyFile.toAbsolutePath().normalize();
        String rel = from.relativize(to).toString().replace(to.getFileSystem().getSeparator(), "/");
        return new VocabularyRef(rel, v.size(), v.fingerprint());
    }

    public boolean isPresent() {
        return !path.isEmpty();
    }

    /** The vocabulary file for a checkpoint at {@code checkpoint}. */
    public Path resolve(Path checkpoint) {
        Path dir = checkpoint.toAbsolutePath().normalize().getParent();
        return dir.resolve(path).normalize();
    }
}
