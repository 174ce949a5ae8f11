package io.colisten.nn.text;

import java.util.Arrays;

/**
 * The tokens of one recording's metadata, reused from one recording to the next (one per thread;
 * not thread-safe). Tokens are stored in one char array, separated by exactly one space within a
 * field, so the n-gram of tokens i..j is the span {@code [tokenStart(i), tokenEnd(j))}: the term's
 * text without building a String. Fields (title, description) are kept apart: n-grams never cross
 * them.
 *
 * <pre>
 * chars:      "love song\nlove me tender"
 * tokens:      0    1     2    3  4        (start, end, hash each)
 * fields:      [0, 2) [2, 5)               (token index ranges)
 * </pre>
 */
public final class TokenBuffer {
    char[] chars = new char[1024];
    int length;
    int[] starts = new int[256];
    int[] ends = new int[256];
    long[] hashes = new long[256];
    int tokens;
    private int[] fieldStarts = new int[4];
    private int fields;
    private char[] input = new char[1024];

    /** Forgets everything; keeps the arrays. */
    public void clear() {
        length = 0;
        tokens = 0;
        fields = 0;
    }

    public int tokenCount() {
        return tokens;
    }

    public int fieldCount() {
        return fields;
    }

    /** First token of field {@code f}. */
    public int fieldStart(int f) {
        return fieldStarts[f];
    }

    /** One past the last token of field {@code f}. */
    public int fieldEnd(int f) {
        return f + 1 < fields ? fieldStarts[f + 1] : tokens;
    }

    public int tokenStart(int i) {
        return starts[i];
    }

    public int tokenEnd(int i) {
        return ends[i];
    }

    public long tokenHash(int i) {
        return hashes[i];
    }

    /** The backing array; valid until the next change. */
    public char[] chars() {
        return chars;
    }

    public String token(int i) {
        return new String(chars, starts[i], ends[i] - starts[i]);
    }

    /** The n-gram of tokens {@code first .. first + n - 1} (same field) as a String. */
    public String ngram(int first, int n) {
        return new String(chars, starts[first], ends[first + n - 1] - starts[first]);
    }

    // ---- writing: the Tokenizer fills the arrays directly (its hot loop keeps them in locals) ----

    /** A scratch array of at least {@code n} chars for the text being tokenised. */
    char[] input(int n) {
        if (input.length < n) {
            input = new char[Math.max(n, input.length * 2)];
        }
        return input;
    }

    /** Starts a field: a line break after the previous field's text (never part of an n-gram). */
    void beginField() {
        if (fields == fieldStarts.length) {
            fieldStarts = Arrays.copyOf(fieldStarts, fields * 2);
        }
        fieldStarts[fields++] = tokens;
        if (length > 0) {
            reserve(1, 0);
            chars[length++] = '\n';
        }
    }

    /** Makes room for {@code moreChars} chars and {@code moreTokens} tokens. */
    void reserve(int moreChars, int moreTokens) {
        if (length + moreChars > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(length + moreChars, chars.length * 2));
        }
        if (tokens + moreTokens > starts.length) {
            int n = Math.max(tokens + moreTokens, starts.length * 2);
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            hashes = Arrays.copyOf(hashes, n);
        }
    }
}
