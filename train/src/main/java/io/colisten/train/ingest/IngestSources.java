package io.colisten.train.ingest;

import io.colisten.train.corpus.CorpusFormatException;
import io.colisten.train.corpus.TracksFile;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** What to ingest: the recordings a corpus's tracks.jsonl names, or the audio files under a folder. */
public final class IngestSources {
    /** Extensions taken as audio when walking a bare folder; other files are counted, not read. */
    public static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "wave", "flac", "mp3", "ogg", "oga", "opus",
            "m4a", "aac", "mp4", "wma", "aif", "aiff", "aifc", "webm", "mka", "ape", "wv", "caf", "au", "amr");

    /** The items and how many files a folder walk passed over for not looking like audio. */
    public record Listing(List<IngestItem> items, int ignoredFiles) {}

    private IngestSources() {}

    /** Every track of {@code corpus/tracks.jsonl}, its audio path resolved against the corpus folder. */
    public static Listing corpus(Path corpus) throws IOException {
        if (!Files.isDirectory(corpus)) {
            throw new NoSuchFileException(corpus.toString(), null, "no such corpus folder");
        }
        Path tracks = corpus.resolve(TracksFile.NAME);
        if (!Files.isRegularFile(tracks)) {
            throw new CorpusFormatException(tracks + ": missing (a corpus folder needs a " + TracksFile.NAME
                    + "; for a bare folder of audio use --audio)");
        }
        List<IngestItem> items = new ArrayList<>();
        TracksFile.stream(tracks, t -> items.add(new IngestItem(t.id(), corpus.resolve(t.audio()).normalize())));
        return new Listing(items, 0);
    }

    /**
     * The audio files under {@code dir} (recursively, sorted, hidden files and {@code exclude}
     * left out), each with its path relative to {@code dir} (with '/') as its id.
     */
    public static Listing audioFolder(Path dir, Path exclude) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such audio folder");
        }
        Path ex = exclude == null ? null : exclude.toAbsolutePath().normalize();
        List<IngestItem> items = new ArrayList<>();
        int ignored = 0;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            files = walk.filter(p -> ex == null || !p.toAbsolutePath().normalize().startsWith(ex))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        }
        for (Path p : files) {
            Path rel = dir.relativize(p);
            if (isHidden(rel)) {
                continue;
            }
            if (!AUDIO_EXTENSIONS.contains(extension(p))) {
                ignored++;
                continue;
            }
            items.add(new IngestItem(rel.toString().replace(p.getFileSystem().getSeparator(), "/"), p));
        }
        return new Listing(items, ignored);
    }

    private static boolean isHidden(Path rel) {
        for (Path part : rel) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
