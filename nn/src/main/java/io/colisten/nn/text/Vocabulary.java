package io.colisten.nn.text;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The label vocabulary: terms (n-grams in {@link Tokenizer} form) whose index is the label id, each
 * with its count, the number of recordings whose title or description contains the term (document
 * frequency; a term repeated within one recording counts once). Ordered by count descending, ties by
 * the term's UTF-8 bytes ascending ({@link #ORDER}), so the same corpus always gives the same ids.
 * Immutable and thread-safe. Stored as {@code vocab.tsv} ({@link VocabularyFile}).
 */
public final class Vocabulary {
    /** Count descending, then UTF-8 byte order (= code point order) ascending. */
    public static final Comparator<Entry> ORDER = (a, b) -> {
        int c = Long.compare(b.count(), a.count());
        return c != 0 ? c : compareUtf8(a.term(), b.term());
    };

    /** A term and its count. */
    public record Entry(String term, long count) {}

    private final List<String> terms;
    private final long[] counts;
    private final int k;
    private final String corpus;
    private final String tokenizer;
    private final TermIndex index;

    /**
     * @param terms     in id order, already sorted by {@link #ORDER} with their counts
     * @param counts    recordings containing each term, all at least 1
     * @param k         the size asked for (the vocabulary is smaller when the corpus has fewer terms)
     * @param corpus    what the counts were taken over (a path or a name), for the file header
     * @param tokenizer the {@link Tokenizer#VERSION} that produced the terms
     */
    public Vocabulary(List<String> terms, long[] counts, int k, String corpus, String tokenizer) {
        if (terms.size() != counts.length) {
            throw new IllegalArgumentException(terms.size() + " terms but " + counts.length + " counts");
        }
        if (terms.size() > k) {
            throw new IllegalArgumentException(terms.size() + " terms exceed K = " + k);
        }
        for (int i = 0; i < counts.length; i++) {
            String problem = termProblem(terms.get(i));
            if (problem != null) {
                throw new IllegalArgumentException("term " + i + " " + problem);
            }
            if (counts[i] < 1) {
                throw new IllegalArgumentException("term " + i + " has count " + counts[i]);
            }
            if (i > 0 && ORDER.compare(new Entry(terms.get(i - 1), counts[i - 1]),
                    new Entry(terms.get(i), counts[i])) >= 0) {
                throw new IllegalArgumentException("terms " + (i - 1) + " and " + i + " are out of order");
            }
        }
        this.terms = List.copyOf(terms);
        this.counts = counts.clone();
        this.k = k;
        this.corpus = Objects.requireNonNull(corpus);
        this.tokenizer = Objects.requireNonNull(tokenizer);
        this.index = new TermIndex(this.terms);
    }

    public int size() {
        return terms.size();
    }

    public String term(int id) {
        return terms.get(id);
    }

    public long count(int id) {
        return counts[id];
    }

    public List<String> terms() {
        return terms;
    }

    /** The K asked for when building. */
    public int k() {
        return k;
    }

    public String corpus() {
        return corpus;
    }

    public String tokenizer() {
        return tokenizer;
    }

    /** The id of a term in tokenised form ("love song"), or -1. */
    public int id(String term) {
        return index.find(term);
    }

    /** The id of the n-gram span {@code chars[start, end)} with hash {@code hash}, or -1 (no allocation). */
    public int id(char[] chars, int start, int end, long hash) {
        return index.find(chars, start, end, hash);
    }

    /** 16 hex digits identifying the terms and their order; label files record it to catch mix-ups. */
    public String fingerprint() {
        long h = 0x243F6A8885A308D3L;
        for (String t : terms) {
            h = TermHash.extend(h, TermHash.ofTerm(t));
        }
        return HexFormat.of().toHexDigits(h);
    }

    public void write(Path file) throws IOException {
        VocabularyFile.write(this, file);
    }

    public static Vocabulary read(Path file) throws IOException {
        return VocabularyFile.read(file);
    }

    void writeLines(Writer w) throws IOException {
        for (int i = 0; i < terms.size(); i++) {
            w.write(Integer.toString(i));
            w.write('\t');
            w.write(terms.get(i));
            w.write('\t');
            w.write(Long.toString(counts[i]));
            w.write('\n');
        }
    }

    /**
     * Why a string cannot be a term, or null: empty, a tab or line break, a space at either end,
     * two spaces in a row, or more than {@link Tokenizer#MAX_NGRAM} tokens.
     */
    static String termProblem(String t) {
        if (t.isEmpty()) {
            return "is empty";
        }
        if (t.charAt(0) == ' ' || t.charAt(t.length() - 1) == ' ' || t.contains("  ")) {
            return "'" + t + "' has a space at an end or two in a row";
        }
        int spaces = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                return "contains a tab or line break";
            }
            spaces += c == ' ' ? 1 : 0;
        }
        if (spaces >= Tokenizer.MAX_NGRAM) {
            return "'" + t + "' has more than " + Tokenizer.MAX_NGRAM + " tokens";
        }
        return null;
    }

    /** Compares by code points, which is the order of the UTF-8 bytes (UTF-16 order differs above U+D7FF). */
    public static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
