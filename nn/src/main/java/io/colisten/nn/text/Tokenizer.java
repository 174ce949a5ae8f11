package io.colisten.nn.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns free-text metadata (titles, descriptions) in any language into tokens and n-gram terms,
 * the same way for building the label vocabulary, labelling recordings and text search.
 * <ol>
 *   <li>Unicode NFKC: full-width forms, ligatures, superscripts and other compatibility variants
 *       become their plain letters and digits (skipped for text below U+00A0, which NFKC keeps).</li>
 *   <li>Splitting: a token is a run of letters and digits ({@link Character#isLetterOrDigit});
 *       combining marks (Mn, Mc) stay inside the token they follow, so Devanagari, Thai or Arabic
 *       words with vowel signs survive; everything else (spaces, punctuation, symbols, emoji)
 *       separates tokens; invisible format characters (ZWJ, ZWNJ, soft hyphen, variation
 *       selectors, bidi marks) are removed without splitting, as Unicode's NFKC_Casefold does.</li>
 *   <li>Scripts written without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar) are cut
 *       into single characters (with their combining marks), so that their 2- and 3-grams are the
 *       character bigrams and trigrams that stand for words there.</li>
 *   <li>Case folding per code point ({@link CaseFolding}).</li>
 *   <li>Tokens longer than {@value #MAX_TOKEN_CHARS} UTF-16 chars are cut to that length (URLs,
 *       encoded blobs), which bounds a term at 3 * 64 + 2 chars.</li>
 * </ol>
 * n-grams of 1 to {@value #MAX_NGRAM} tokens are formed within each field and joined by a single
 * space; no n-gram spans the title/description boundary. Stateless: one instance serves any number
 * of threads, each with its own {@link TokenBuffer}. The hot loop makes no String per token.
 */
public final class Tokenizer {
    /** Written into vocabulary files; change it whenever any rule above changes. */
    public static final String VERSION = "colisten-text-1";
    public static final int MAX_NGRAM = 3;
    public static final int MAX_TOKEN_CHARS = 64;

    public static final Tokenizer DEFAULT = new Tokenizer();

    /** Receives each n-gram as a span of {@link TokenBuffer#chars()} and its {@link TermHash}. */
    @FunctionalInterface
    public interface NGramVisitor {
        void visit(int start, int end, long hash);
    }

    /** Clears {@code out} and tokenises a recording's title and description as two fields. */
    public void tokenize(String title, String description, TokenBuffer out) {
        out.clear();
        appendField(title, out);
        appendField(description, out);
    }

    /** Appends one field's tokens to {@code out}. */
    public void appendField(String text, TokenBuffer out) {
        out.beginField();
        String s = needsNormalization(text) ? Normalizer.normalize(text, Normalizer.Form.NFKC) : text;
        int n = s.length();
        char[] in = out.input(n);
        s.getChars(0, n, in, 0);
        // Each input char gives at most 2 output chars (ß -> ss) and each token one separator,
        // so 3n chars and n tokens always fit: the loop below never checks capacity.
        out.reserve(3 * n, n);
        char[] dst = out.chars;
        int[] starts = out.starts;
        int[] ends = out.ends;
        long[] hashes = out.hashes;
        int len = out.length;
        int tok = out.tokens;
        int first = tok;
        int open = -1;        // where the open token starts in dst, or -1
        boolean unit = false; // the open token is one character of a spaceless script
        int i = 0;
        while (i < n) {
            int cp = in[i++];
            if (Character.isHighSurrogate((char) cp) && i < n && Character.isLowSurrogate(in[i])) {
                cp = Character.toCodePoint((char) cp, in[i++]);
            }
            byte k = CharClass.of(cp);
            if (k == CharClass.SEPARATOR) {
                if (open >= 0) {
                    ends[tok] = len;
                    hashes[tok++] = TermHash.token(dst, open, len);
                    open = -1;
                }
                continue;
            }
            if (k == CharClass.IGNORED || (k == CharClass.MARK && open < 0)) {
                continue;
            }
            if (k == CharClass.SPACELESS || (k == CharClass.WORD && (open < 0 || unit))) {
                if (open >= 0) {
                    ends[tok] = len;
                    hashes[tok++] = TermHash.token(dst, open, len);
                }
                if (tok > first) {
                    dst[len++] = ' ';
                }
                starts[tok] = len;
                open = len;
                unit = k == CharClass.SPACELESS;
            }
            int f = CaseFolding.fold(cp);
            int room = MAX_TOKEN_CHARS - (len - open);
            if (f < 0x10000 && f != CaseFolding.DOUBLE_S) {
                if (room >= 1) {
                    dst[len++] = (char) f;
                }
            } else if (room >= 2) {
                dst[len++] = f == CaseFolding.DOUBLE_S ? 's' : Character.highSurrogate(f);
                dst[len++] = f == CaseFolding.DOUBLE_S ? 's' : Character.lowSurrogate(f);
            }
        }
        if (open >= 0) {
            ends[tok] = len;
            hashes[tok++] = TermHash.token(dst, open, len);
        }
        out.length = len;
        out.tokens = tok;
    }

    /** NFKC leaves U+0000..U+009F unchanged, so pure ASCII (most metadata) skips the normaliser. */
    private static boolean needsNormalization(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0xA0) {
                return true;
            }
        }
        return false;
    }

    /** Calls {@code v} for every n-gram (1..{@value #MAX_NGRAM} tokens) of every field, in order. */
    public static void forEachNGram(TokenBuffer b, NGramVisitor v) {
        for (int f = 0; f < b.fieldCount(); f++) {
            int end = b.fieldEnd(f);
            for (int i = b.fieldStart(f); i < end; i++) {
                int start = b.tokenStart(i);
                long h = b.tokenHash(i);
                v.visit(start, b.tokenEnd(i), h);
                for (int j = i + 1; j < end && j < i + MAX_NGRAM; j++) {
                    h = TermHash.extend(h, b.tokenHash(j));
                    v.visit(start, b.tokenEnd(j), h);
                }
            }
        }
    }

    // ---- convenience (allocating) forms for tests, search queries and tools ----

    /** The tokens of one text. */
    public List<String> tokens(String text) {
        TokenBuffer b = new TokenBuffer();
        appendField(text, b);
        List<String> out = new ArrayList<>(b.tokenCount());
        for (int i = 0; i < b.tokenCount(); i++) {
            out.add(b.token(i));
        }
        return out;
    }

    /** All n-grams of one text, in order of first token then length, duplicates kept. */
    public List<String> ngrams(String text) {
        TokenBuffer b = new TokenBuffer();
        appendField(text, b);
        return ngrams(b);
    }

    /** All n-grams of a recording's title and description (never across the two), duplicates kept. */
    public List<String> terms(String title, String description) {
        TokenBuffer b = new TokenBuffer();
        tokenize(title, description, b);
        return ngrams(b);
    }

    private static List<String> ngrams(TokenBuffer b) {
        List<String> out = new ArrayList<>();
        char[] c = b.chars();
        forEachNGram(b, (start, end, hash) -> out.add(new String(c, start, end - start)));
        return out;
    }
}
