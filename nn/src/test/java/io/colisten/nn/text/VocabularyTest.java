package io.colisten.nn.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** vocab.tsv round trip, order of ties, lookups, and errors with file:line. */
class VocabularyTest {
    @TempDir
    Path dir;

    /** Ties: U+FA0E (a unified ideograph NFKC keeps) sorts before U+20000 in UTF-8, after it in UTF-16. */
    private static Vocabulary sample() {
        List<String> terms = List.of("love", "the", "café", "東 京", "﨎", "𠀀", "κόσμοσ", "love me tender", "नमस्ते");
        long[] counts = {50, 40, 7, 7, 7, 7, 3, 2, 1};
        return new Vocabulary(terms, counts, 12, "/data/my corpus", Tokenizer.VERSION);
    }

    @Test
    void roundTripsExactly() throws IOException {
        Vocabulary v = sample();
        Path f = dir.resolve("vocab.tsv");
        v.write(f);
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        assertEquals("# colisten-vocabulary\tk=12\tsize=9\ttokenizer=" + Tokenizer.VERSION
                + "\tcount=recordings\tcorpus=/data/my corpus", lines.get(0));
        assertEquals("2\tcafé\t7", lines.get(3));
        assertEquals("8\tनमस्ते\t1", lines.get(9));
        assertEquals(10, lines.size());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temp file left behind");
        }

        Vocabulary back = Vocabulary.read(f);
        assertEquals(v.terms(), back.terms());
        for (int i = 0; i < v.size(); i++) {
            assertEquals(v.count(i), back.count(i));
        }
        assertEquals(12, back.k());
        assertEquals("/data/my corpus", back.corpus());
        assertEquals(v.fingerprint(), back.fingerprint());
        back.write(dir.resolve("again.tsv"));
        assertEquals(Files.readString(f), Files.readString(dir.resolve("again.tsv")));
    }

    @Test
    void tiesGoByUtf8Bytes() {
        Vocabulary v = sample();
        assertEquals(List.of("café", "東 京", "﨎", "𠀀"), v.terms().subList(2, 6));
        assertTrue("𠀀".compareTo("﨎") < 0, "UTF-16 order would differ");
        assertThrows(IllegalArgumentException.class, () -> new Vocabulary(List.of("b", "a"), new long[] {1, 1}, 5, "", Tokenizer.VERSION));
        assertThrows(IllegalArgumentException.class, () -> new Vocabulary(List.of("a", "b"), new long[] {1, 2}, 5, "", Tokenizer.VERSION));
        assertThrows(IllegalArgumentException.class, () -> new Vocabulary(List.of("a b c d"), new long[] {1}, 5, "", Tokenizer.VERSION));
    }

    @Test
    void looksUpTermsAndSpans() {
        Vocabulary v = sample();
        assertEquals(0, v.id("love"));
        assertEquals(7, v.id("love me tender"));
        assertEquals(-1, v.id("Love"));
        assertEquals(-1, v.id("love me"));
        TokenBuffer b = new TokenBuffer();
        Tokenizer.DEFAULT.tokenize("LOVE me Tender", "東京 ΚΌΣΜΟΣ", b);
        List<Integer> ids = new ArrayList<>();
        Tokenizer.forEachNGram(b, (s, e, h) -> ids.add(v.id(b.chars(), s, e, h)));
        // love, love me, love me tender, me, me tender, tender | 東, 東 京, 東 京 κόσμοσ, 京, 京 κόσμοσ, κόσμοσ
        assertEquals(List.of(0, -1, 7, -1, -1, -1, -1, 3, -1, -1, -1, 6), ids);
    }

    @Test
    void emptyVocabularyRoundTrips() throws IOException {
        Vocabulary v = new Vocabulary(List.of(), new long[0], 100, "empty", Tokenizer.VERSION);
        Path f = dir.resolve("vocab.tsv");
        v.write(f);
        assertEquals(0, Vocabulary.read(f).size());
    }

    @Test
    void corruptLinesNameFileAndLine() throws IOException {
        Path f = dir.resolve("vocab.tsv");
        sample().write(f);
        List<String> good = Files.readAllLines(f, StandardCharsets.UTF_8);
        assertCorrupt(f, good, 3, "1\tthe", ":3: expected id<TAB>term<TAB>count");
        assertCorrupt(f, good, 3, "7\tthe\t40", ":3: expected id 1");
        assertCorrupt(f, good, 3, "1\tthe\t-4", ":3: count must be a positive integer");
        assertCorrupt(f, good, 3, "1\tthe\t4x", ":3: count must be a positive integer");
        assertCorrupt(f, good, 3, "1\tthe\t60", ":3: out of order");
        assertCorrupt(f, good, 3, "1\t the\t40", ":3: term ' the' has a space");
        assertCorrupt(f, good, 3, "1\ta b c d\t40", ":3: term 'a b c d' has more than 3 tokens");
        assertCorrupt(f, good, 4, "2\tthe\t40", ":4: out of order");
        assertCorrupt(f, good, 1, "# colisten-vocabulary\tk=12\tsize=9\ttokenizer=other-1\tcount=recordings\tcorpus=x",
                ":1: built with tokenizer 'other-1'");
        assertCorrupt(f, good, 1, "# colisten-vocabulary\tk=12\tsize=8\ttokenizer=" + Tokenizer.VERSION
                + "\tcount=recordings\tcorpus=x", ":10: more terms than the header's size 8");
        assertCorrupt(f, good, 1, "id\tterm\tcount", ":1: expected a header");
        List<String> cut = new ArrayList<>(good.subList(0, 5));
        Files.write(f, cut, StandardCharsets.UTF_8);
        TextFormatException e = assertThrows(TextFormatException.class, () -> Vocabulary.read(f));
        assertTrue(e.getMessage().contains(":5: header says 9 terms, file has 4"), e.getMessage());
        // duplicates with a non-increasing order are caught as duplicates
        List<String> dup = new ArrayList<>(List.of(good.get(0).replace("size=9", "size=2"), "0\ta\t2", "1\ta\t1"));
        Files.write(f, dup, StandardCharsets.UTF_8);
        e = assertThrows(TextFormatException.class, () -> Vocabulary.read(f));
        assertTrue(e.getMessage().contains(":3: term 'a' appears twice"), e.getMessage());
    }

    private static void assertCorrupt(Path f, List<String> good, int lineNo, String replacement, String expected)
            throws IOException {
        List<String> lines = new ArrayList<>(good);
        lines.set(lineNo - 1, replacement);
        Files.write(f, lines, StandardCharsets.UTF_8);
        TextFormatException e = assertThrows(TextFormatException.class, () -> Vocabulary.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
