package io.colisten.train.labels;

import io.colisten.train.corpus.Track;
import io.colisten.train.corpus.TracksFile;
import io.colisten.train.progress.Progress;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A synthetic {@code tracks.jsonl} for testing the vocabulary at scale: titles and descriptions
 * drawn from a Zipfian vocabulary of invented words (mostly ASCII; some accented Latin, Cyrillic,
 * Greek and two-character Han words; some capitalised, some with punctuation or an emoji after),
 * plus random noise tokens that make most 2- and 3-grams unique, so that the number of distinct
 * n-grams grows into the tens or hundreds of millions. Deterministic for a seed.
 */
public final class SyntheticMetadata {
    /**
     * @param descriptionWords mean words per description (uniform in [mean/2, 3 mean/2])
     * @param noise            fraction of description tokens that are random noise strings
     */
    public record Spec(int recordings, int words, double zipfExponent, int descriptionWords, double noise, long seed) {}

    private static final String[] ALPHABETS = {
        "abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyzéèüöñçå", "абвгдежзиклмнопрстуфхцчшы",
        "αβγδεζηθικλμνξοπρστυφχψω",
    };
    private static final String[] PUNCTUATION = {
        " ", " ", " ", " ", " ", ", ", ". ", " - ", "! ", " 🎵 ", " (", ") ",
    };

    private final Spec spec;
    private final String[] words;
    private final double[] cdf;

    public SyntheticMetadata(Spec spec) {
        this.spec = spec;
        SplittableRandom rnd = new SplittableRandom(spec.seed());
        Set<String> seen = new HashSet<>();
        List<String> w = new ArrayList<>(spec.words());
        while (w.size() < spec.words()) {
            String word = inventWord(rnd);
            if (seen.add(word)) {
                w.add(word);
            }
        }
        words = w.toArray(new String[0]);
        cdf = new double[words.length];
        double sum = 0;
        for (int r = 0; r < words.length; r++) {
            sum += 1.0 / Math.pow(r + 1, spec.zipfExponent());
            cdf[r] = sum;
        }
        for (int r = 0; r < words.length; r++) {
            cdf[r] /= sum;
        }
    }

    private static String inventWord(SplittableRandom rnd) {
        int kind = rnd.nextInt(20);
        if (kind == 0) { // a two-character Han word
            return new String(Character.toChars(0x4E00 + rnd.nextInt(0x5000)))
                    + new String(Character.toChars(0x4E00 + rnd.nextInt(0x5000)));
        }
        String alphabet = ALPHABETS[kind < 16 ? 0 : kind - 16];
        int len = 2 + rnd.nextInt(8);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** Writes the file; progress in recordings. */
    public void write(Path file, Progress progress) throws IOException {
        SplittableRandom rnd = new SplittableRandom(spec.seed() ^ 0x5DEECE66DL);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder title = new StringBuilder();
            StringBuilder description = new StringBuilder();
            for (int i = 0; i < spec.recordings(); i++) {
                title.setLength(0);
                description.setLength(0);
                text(rnd, title, 2 + rnd.nextInt(5), 0);
                int mean = spec.descriptionWords();
                text(rnd, description, mean / 2 + rnd.nextInt(Math.max(1, mean + 1)), spec.noise());
                String id = String.format("syn-%07d", i);
                Track t = new Track(id, "audio/" + id + ".wav", title.toString(), description.toString());
                out.write(TracksFile.toLine(t));
                out.write('\n');
                if ((i + 1) % 1000 == 0 || i + 1 == spec.recordings()) {
                    progress.advance((i % 1000) + 1, "");
                }
            }
        }
    }

    private void text(SplittableRandom rnd, StringBuilder sb, int n, double noise) {
        for (int j = 0; j < n; j++) {
            if (j > 0) {
                sb.append(PUNCTUATION[rnd.nextInt(PUNCTUATION.length)]);
            }
            if (rnd.nextDouble() < noise) {
                for (int c = 0; c < 8; c++) {
                    int x = rnd.nextInt(36);
                    sb.append((char) (x < 10 ? '0' + x : 'a' + x - 10));
                }
                continue;
            }
            String w = words[rank(rnd.nextDouble())];
            if (rnd.nextInt(8) == 0) {
                int first = w.codePointAt(0);
                sb.appendCodePoint(Character.toUpperCase(first)).append(w, Character.charCount(first), w.length());
            } else {
                sb.append(w);
            }
        }
    }

    private int rank(double u) {
        int i = Arrays.binarySearch(cdf, u);
        return Math.min(words.length - 1, i >= 0 ? i : -i - 1);
    }
}
