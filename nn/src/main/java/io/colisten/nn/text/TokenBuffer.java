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
    private char[] chars = new char[1024];
    private int length;
    private int[] starts = new int[256];
    private int[] ends = new int[256];
    private long[] hashes = new long[256];
    private int tokens;
    private int[] fieldStarts = new int[4];
    private int fields;
    private boolean open;

    /** Forgets everything; keeps the arrays. */
    public void clear() {
        length = 0;
        tokens = 0;
        fields = 0;
        open = false;
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

    // ---- writing, used by the Tokenizer ----

    void beginField() {
        if (fields == fieldStarts.length) {
            fieldStarts = Arrays.copyOf(fieldStarts, fields * 2);
        }
        fieldStarts[fields++] = tokens;
        if (length > 0) {
            append('\n');
        }
    }

    boolean isOpen() {
        return open;
    }

    /** Starts a token; the caller then appends its chars. */
    void beginToken() {
        if (tokens > fieldStarts[fields - 1]) {
            append(' ');
        }
        if (tokens == starts.length) {
            int n = tokens * 2;
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            hashes = Arrays.copyOf(hashes, n);
        }
        starts[tokens] = length;
        open = true;
    }

    /** Chars written to the open token so far. */
    int openLength() {
        return length - starts[tokens];
    }

    void endToken() {
        if (open) {
            ends[tokens] = length;
            hashes[tokens] = TermHash.token(chars, starts[tokens], length);
            tokens++;
            open = false;
        }
    }

    void append(char c) {
        if (length == chars.length) {
            chars = Arrays.copyOf(chars, length * 2);
        }
        chars[length++] = c;
    }

    void appendCodePoint(int cp) {
        if (cp < 0x10000) {
            append((char) cp);
        } else {
            append(Character.highSurrogate(cp));
            append(Character.lowSurrogate(cp));
        }
    }
}
