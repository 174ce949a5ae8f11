package io.colisten.nn.text;

/**
 * 64-bit hashes of tokens and n-grams. An n-gram's hash is built from its tokens' hashes (so the
 * tokeniser hashes each token once and forms the 1-, 2- and 3-grams from them), and a term string
 * ("a b c") hashes to the same value through {@link #ofTerm}. Never 0, so tables can use 0 as empty.
 * Not a stable file format: only in-memory tables use it.
 */
public final class TermHash {
    private TermHash() {}

    /**
     * Hash of the token {@code chars[from, to)}: four chars per multiply (one 64-bit word), rotated
     * so high bits feed back into low ones, then a full mix. One short dependency chain per word,
     * not per char: this runs for every token of a million descriptions.
     */
    public static long token(char[] chars, int from, int to) {
        long h = 0x6A09E667F3BCC909L ^ (to - from);
        int i = from;
        for (; i + 4 <= to; i += 4) {
            long w = chars[i] | (long) chars[i + 1] << 16 | (long) chars[i + 2] << 32 | (long) chars[i + 3] << 48;
            h = (Long.rotateLeft(h, 27) ^ w) * 0x9E3779B97F4A7C15L;
        }
        if (i < to) {
            long w = 0;
            for (int shift = 0; i < to; i++, shift += 16) {
                w |= (long) chars[i] << shift;
            }
            h = (Long.rotateLeft(h, 27) ^ w) * 0x9E3779B97F4A7C15L;
        }
        return nonZero(mix(h));
    }

    /** Hash of an n-gram extended by one more token. */
    public static long extend(long ngram, long token) {
        return nonZero(mix(Long.rotateLeft(ngram, 29) * 0xC2B2AE3D27D4EB4FL ^ token));
    }

    /** Hash of a term string: tokens joined by single spaces, as {@link TokenBuffer} spans are. */
    public static long ofTerm(CharSequence term) {
        char[] c = term.toString().toCharArray();
        long h = 0;
        int start = 0;
        for (int i = 0; i <= c.length; i++) {
            if (i == c.length || c[i] == ' ') {
                long t = token(c, start, i);
                h = start == 0 ? t : extend(h, t);
                start = i + 1;
            }
        }
        return h;
    }

    /** MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }

    private static long nonZero(long h) {
        return h == 0 ? 1 : h;
    }
}
