package io.colisten.train.labels;

import io.colisten.nn.text.TextFormatException;
import io.colisten.nn.text.Tokenizer;
import io.colisten.nn.text.Vocabulary;
import io.colisten.train.corpus.Track;
import io.colisten.train.corpus.TracksFile;
import io.colisten.train.progress.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** labels.tsv: exact lines, round trip into CSR, l1-normalised targets, errors with file:line. */
class LabelsFileTest {
    @TempDir
    Path dir;

    private static final Vocabulary VOCAB = new Vocabulary(
            List.of("love", "song", "love song", "東", "東 京", "κόσμοσ"), new long[] {9, 8, 7, 6, 5, 4}, 10,
            "hand-made", Tokenizer.VERSION);

    private Path tracks(Track... ts) throws IOException {
        Path f = dir.resolve("tracks.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            TracksFile.write(w, List.of(ts));
        }
        return f;
    }

    private Path handMade() throws IOException {
        Path t = tracks(
                new Track("t1", "a.wav", "Love Song", "a SONG about love, love, love"),
                new Track("t2", "b.wav", "", "nothing here 🎵"),
                new Track("t3", "c.wav", "東京", "ΚΌΣΜΟΣ"),
                new Track("t4", "d.wav", "song", "love"));
        Path out = dir.resolve(LabelsFile.NAME);
        LabelsFile.Summary s = LabelsFile.write(t, VOCAB, out, 2, false);
        assertEquals(new LabelsFile.Summary(4, 1, 3 + 0 + 3 + 2), s);
        return out;
    }

    @Test
    void writesOneSortedLinePerRecording() throws IOException {
        Path out = handMade();
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(List.of(
                "# colisten-labels\tsize=6\tvocabulary=" + VOCAB.fingerprint() + "\ttokenizer=" + Tokenizer.VERSION,
                "t1\t0 1 2", // "love song" only within the title; "song about" etc. are not terms
                "t2\t",
                "t3\t3 4 5", // 東 京 across title chars; κόσμοσ from the description, not 東 京 κόσμοσ
                "t4\t0 1"), // "song love" would cross the title/description boundary
                lines);
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "tracks.jsonl and labels.tsv, no temp file");
        }
    }

    @Test
    void readsBackIntoCompressedRowsWithL1Targets() throws IOException {
        LabelMatrix m = LabelsFile.read(handMade(), VOCAB);
        assertEquals(4, m.rows());
        assertEquals(6, m.vocabularySize());
        assertEquals(8, m.nonZeros());
        assertEquals(2, m.row("t3"));
        assertEquals(-1, m.row("nope"));
        assertEquals("t4", m.trackId(3));
        assertArrayEquals(new int[] {0, 1, 2}, m.labels(0));
        assertArrayEquals(new int[0], m.labels(1));
        assertArrayEquals(new int[] {0, 2, 3}, m.labelledRows());
        assertEquals(1, m.rowsWithoutLabels());

        // lambda = L / |L|_1: 1/3 at each of t1's labels, 0 elsewhere; a row without labels is all zero.
        float[] dense = new float[2 + 6];
        Arrays.fill(dense, 7f);
        m.denseTarget(0, dense, 2);
        assertArrayEquals(new float[] {7f, 7f, 1f / 3, 1f / 3, 1f / 3, 0, 0, 0}, dense);
        m.denseTarget(1, dense, 2);
        assertArrayEquals(new float[] {7f, 7f, 0, 0, 0, 0, 0, 0}, dense);
        m.denseTarget(3, dense, 2);
        assertArrayEquals(new float[] {7f, 7f, 0.5f, 0.5f, 0, 0, 0, 0}, dense);
        assertEquals(0.5f, m.weight(3));
        assertEquals(0f, m.weight(1));

        int[] ids = new int[5];
        float[] w = new float[5];
        assertEquals(3, m.sparseTarget(2, ids, w, 1));
        assertArrayEquals(new int[] {0, 3, 4, 5, 0}, ids);
        assertArrayEquals(new float[] {0, 1f / 3, 1f / 3, 1f / 3, 0}, w);
        assertEquals(0, m.sparseTarget(1, ids, w, 0));
    }

    @Test
    void roundTripsASyntheticCorpus() throws IOException {
        Path t = dir.resolve("syn.jsonl");
        new SyntheticMetadata(new SyntheticMetadata.Spec(3000, 5000, 1.0, 20, 0.05, 11)).write(t, Progress.NONE);
        Vocabulary v = new VocabularyBuilder().k(500).memoryBudget(8L << 20).build(t, "syn").vocabulary();
        Path vf = dir.resolve("vocab.tsv");
        v.write(vf);
        Path out = dir.resolve(LabelsFile.NAME);
        LabelsFile.write(t, Vocabulary.read(vf), out, 2, false);
        LabelMatrix m = LabelsFile.read(out, Vocabulary.read(vf));
        List<Track> all = TracksFile.read(t);
        assertEquals(all.size(), m.rows());
        for (int r = 0; r < all.size(); r++) {
            Track tr = all.get(r);
            TreeSet<Integer> expected = new TreeSet<>();
            for (String term : Tokenizer.DEFAULT.terms(tr.title(), tr.description())) {
                if (v.id(term) >= 0) {
                    expected.add(v.id(term));
                }
            }
            assertEquals(tr.id(), m.trackId(r));
            assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), m.labels(r), tr.id());
        }
    }

    @Test
    void corruptLinesNameFileAndLine() throws IOException {
        Path out = handMade();
        List<String> good = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertCorrupt(out, good, 2, "t1\t0 2 1", ":2: label id 1 does not ascend");
        assertCorrupt(out, good, 2, "t1\t0 1 6", ":2: label id 6 is outside the vocabulary of 6");
        assertCorrupt(out, good, 2, "t1\t0 x", ":2: label ids must be non-negative integers");
        assertCorrupt(out, good, 2, "t1\t0  1", ":2: label ids must be non-negative integers");
        assertCorrupt(out, good, 2, "t1\t0 1 ", ":2: label ids must be non-negative integers");
        assertCorrupt(out, good, 2, "t1\t-1", ":2: label ids must be non-negative integers");
        assertCorrupt(out, good, 2, "t1\t99999999999", ":2: label ids must be non-negative integers");
        assertCorrupt(out, good, 2, "t1 0 1", ":2: expected track_id<TAB>label ids");
        assertCorrupt(out, good, 2, "t1\t0\t1", ":2: expected track_id<TAB>label ids");
        assertCorrupt(out, good, 3, "t1\t0", ":3: track id 't1' already on line 2");
        assertCorrupt(out, good, 1, good.get(0).replace("size=6", "size=5"), ":1: made with another vocabulary");
        assertCorrupt(out, good, 1, "t0\t1", ":1: expected a header");
    }

    @Test
    void trackIdsWithTabsCannotBeStored() throws IOException {
        Path t = tracks(new Track("bad\tid", "a.wav", "love", ""));
        TextFormatException e = assertThrows(TextFormatException.class,
                () -> LabelsFile.write(t, VOCAB, dir.resolve("labels.tsv"), 1, false));
        assertTrue(e.getMessage().contains("bad\\tid"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("labels.tsv")) && !Files.exists(dir.resolve(".labels.tsv.tmp")));
    }

    private static void assertCorrupt(Path f, List<String> good, int lineNo, String replacement, String expected)
            throws IOException {
        List<String> lines = new ArrayList<>(good);
        lines.set(lineNo - 1, replacement);
        Files.write(f, lines, StandardCharsets.UTF_8);
        TextFormatException e = assertThrows(TextFormatException.class, () -> LabelsFile.read(f, VOCAB));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
