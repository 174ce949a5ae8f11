package io.colisten.train.labels;

import io.colisten.engine.io.AtomicTextWriter;
import io.colisten.nn.text.TextFormatException;
import io.colisten.nn.text.TokenBuffer;
import io.colisten.nn.text.Tokenizer;
import io.colisten.nn.text.Vocabulary;
import io.colisten.train.corpus.Track;
import io.colisten.train.progress.Progress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code labels.tsv}: every recording's text labels, sparse. UTF-8; a header line, then one line per
 * recording of the corpus in {@code tracks.jsonl} order: the track id, a tab, and the ids of the
 * vocabulary terms found in its title or description, ascending, separated by single spaces (the
 * list is empty for a recording with no vocabulary term: the line ends after the tab).
 * <pre>
 * # colisten-labels	size=100000	vocabulary=3f9a0c51d2e47b18	tokenizer=colisten-text-1
 * trk-000001	0 2 17 4051
 * trk-000002
 * </pre>
 * Header: the vocabulary's size and {@link Vocabulary#fingerprint() fingerprint} (so labels are never
 * paired with another vocabulary) and the tokeniser version. Written atomically; read back into a
 * {@link LabelMatrix}, every line checked (errors name the file and line).
 */
public final class LabelsFile {
    public static final String NAME = "labels.tsv";
    static final String TAG = "# colisten-labels";

    /** What writing found: recordings, those with no label, and labels in all. */
    public record Summary(long recordings, long withoutLabels, long labels) {}

    private LabelsFile() {}

    /** Labels every recording of {@code tracks} with {@code vocabulary} and writes {@code out}. */
    public static Summary write(Path tracks, Vocabulary vocabulary, Path out, int threads, boolean progress)
            throws IOException {
        long[] totals = new long[3];
        try (AtomicTextWriter a = new AtomicTextWriter(out);
             Progress p = progress ? Progress.start("labels", LineCount.of(tracks))
                     : Progress.NONE) {
            Writer w = a.writer();
            w.write(header(vocabulary));
            TrackPipeline.run(tracks, threads, 256, () -> new LabelWorker(tracks, vocabulary), chunk -> {
                try {
                    w.write(chunk.text);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                totals[0] += chunk.recordings;
                totals[1] += chunk.withoutLabels;
                totals[2] += chunk.labels;
                p.advance(chunk.recordings, String.format(" %,d without labels", totals[1]));
            });
            a.commit();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        return new Summary(totals[0], totals[1], totals[2]);
    }

    static String header(Vocabulary v) {
        return TAG + "\tsize=" + v.size() + "\tvocabulary=" + v.fingerprint() + "\ttokenizer=" + v.tokenizer() + "\n";
    }

    /** Reads a labels file made with {@code vocabulary}; a file made with another one is an error. */
    public static LabelMatrix read(Path file, Vocabulary vocabulary) throws IOException {
        return read(file, vocabulary.size(), vocabulary.fingerprint());
    }

    /** Reads a labels file, trusting its header for the vocabulary size. */
    public static LabelMatrix read(Path file) throws IOException {
        return read(file, -1, null);
    }

    private static LabelMatrix read(Path file, int expectSize, String expectFingerprint) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new TextFormatException(file + ": no such file");
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            if (line == null || !line.startsWith(TAG + "\t")) {
                throw error(file, 1, "expected a header starting with '" + TAG + "'");
            }
            Map<String, String> h = new HashMap<>();
            for (String part : line.substring(TAG.length() + 1).split("\t")) {
                int eq = part.indexOf('=');
                h.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? "" : part.substring(eq + 1));
            }
            int size;
            try {
                size = Integer.parseInt(h.getOrDefault("size", ""));
            } catch (NumberFormatException e) {
                throw error(file, 1, "header lacks a numeric size=");
            }
            if (expectFingerprint != null && (size != expectSize || !expectFingerprint.equals(h.get("vocabulary")))) {
                throw error(file, 1, "made with another vocabulary (size " + size + ", fingerprint "
                        + h.get("vocabulary") + "; expected " + expectSize + ", " + expectFingerprint + ")");
            }
            List<String> ids = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            IntList rowStart = new IntList();
            IntList labels = new IntList();
            rowStart.add(0);
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                int tab = line.indexOf('\t');
                if (tab <= 0 || line.indexOf('\t', tab + 1) >= 0) {
                    throw error(file, lineNo, "expected track_id<TAB>label ids");
                }
                String id = line.substring(0, tab);
                Integer before = seen.put(id, lineNo);
                if (before != null) {
                    throw error(file, lineNo, "track id '" + id + "' already on line " + before);
                }
                parseIds(file, lineNo, line, tab + 1, size, labels);
                ids.add(id);
                rowStart.add(labels.size());
            }
            return new LabelMatrix(ids, rowStart.toArray(), labels.array(), size);
        }
    }

    /** Space-separated ascending ids in {@code [0, size)} from {@code line[from..]}. */
    private static void parseIds(Path file, int lineNo, String line, int from, int size, IntList out) {
        int n = line.length();
        int previous = -1;
        int i = from;
        while (i < n) {
            long v = 0;
            int digits = 0;
            while (i < n && line.charAt(i) >= '0' && line.charAt(i) <= '9' && v <= Integer.MAX_VALUE) {
                v = v * 10 + (line.charAt(i++) - '0');
                digits++;
            }
            boolean endOk = i == n || (line.charAt(i) == ' ' && i + 1 < n);
            if (digits == 0 || !endOk || v > Integer.MAX_VALUE) {
                throw error(file, lineNo, "label ids must be non-negative integers separated by single spaces");
            }
            if (v >= size || v <= previous) {
                throw error(file, lineNo, "label id " + v + (v >= size ? " is outside the vocabulary of " + size
                        : " does not ascend"));
            }
            previous = (int) v;
            out.add(previous);
            i++; // the space
        }
    }

    private static TextFormatException error(Path file, int line, String problem) {
        return new TextFormatException(file + ":" + line + ": " + problem);
    }

    /** One batch's lines and counts. */
    private record Chunk(String text, long recordings, long withoutLabels, long labels) {}

    private static final class LabelWorker implements TrackPipeline.Worker<Chunk> {
        private final Path tracks;
        private final Vocabulary vocabulary;
        private final TokenBuffer buffer = new TokenBuffer();
        private final DistinctNGrams ngrams = new DistinctNGrams();
        private int[] ids = new int[256];

        LabelWorker(Path tracks, Vocabulary vocabulary) {
            this.tracks = tracks;
            this.vocabulary = vocabulary;
        }

        @Override
        public Chunk process(List<Track> batch) {
            StringBuilder sb = new StringBuilder(batch.size() * 64);
            long empty = 0;
            long total = 0;
            for (Track t : batch) {
                checkId(t.id());
                Tokenizer.DEFAULT.tokenize(t.title(), t.description(), buffer);
                ngrams.collect(buffer);
                char[] chars = ngrams.chars();
                int n = 0;
                for (int i = 0; i < ngrams.count(); i++) {
                    int id = vocabulary.id(chars, ngrams.start(i), ngrams.end(i), ngrams.hash(i));
                    if (id >= 0) {
                        if (n == ids.length) {
                            ids = Arrays.copyOf(ids, n * 2);
                        }
                        ids[n++] = id;
                    }
                }
                Arrays.sort(ids, 0, n); // distinct n-grams give distinct ids
                sb.append(t.id()).append('\t');
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        sb.append(' ');
                    }
                    sb.append(ids[i]);
                }
                sb.append('\n');
                empty += n == 0 ? 1 : 0;
                total += n;
            }
            return new Chunk(sb.toString(), batch.size(), empty, total);
        }

        private void checkId(String id) {
            for (int i = 0; i < id.length(); i++) {
                char c = id.charAt(i);
                if (c == '\t' || c == '\n' || c == '\r') {
                    throw new TextFormatException(tracks + ": track id '" + id.replace("\t", "\\t").replace("\n", "\\n")
                            .replace("\r", "\\r") + "' holds a tab or line break, which labels.tsv cannot store");
                }
            }
        }
    }

    /** A growable int array. */
    private static final class IntList {
        private int[] a = new int[1024];
        private int n;

        void add(int v) {
            if (n == a.length) {
                if (a.length == Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("more than 2^31 labels");
                }
                a = Arrays.copyOf(a, (int) Math.min(Integer.MAX_VALUE - 8, 2L * a.length));
            }
            a[n++] = v;
        }

        int size() {
            return n;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }

        /** The backing array (longer than size()), without a copy. */
        int[] array() {
            return a;
        }
    }
}
