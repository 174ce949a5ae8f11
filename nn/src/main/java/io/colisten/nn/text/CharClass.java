package io.colisten.nn.text;

/**
 * What the tokeniser does with a code point (after NFKC). A table for the Basic Multilingual Plane
 * is built once (65,536 entries, a few milliseconds) so the hot loop is one array load; supplementary
 * code points (emoji, Han extensions, historic scripts) are classified on the fly.
 */
final class CharClass {
    /** Ends the current token (spaces, punctuation, symbols, emoji). */
    static final byte SEPARATOR = 0;
    /** A letter or digit of a script written with spaces: extends the current word. */
    static final byte WORD = 1;
    /** A letter of a script written without spaces (Han, kana, Thai, ...): a token of its own. */
    static final byte SPACELESS = 2;
    /** A combining mark (Mn, Mc): stays inside the token before it; dropped where no token is open. */
    static final byte MARK = 3;
    /** Invisible (format characters, variation selectors, enclosing marks, tatweel): removed. */
    static final byte IGNORED = 4;

    private static final byte[] BMP = new byte[0x10000];

    static {
        for (int cp = 0; cp < BMP.length; cp++) {
            BMP[cp] = compute(cp);
        }
    }

    private CharClass() {}

    static byte of(int cp) {
        return cp < 0x10000 ? BMP[cp] : compute(cp);
    }

    private static byte compute(int cp) {
        if (cp == 0x200B) {
            return SEPARATOR;
        }
        if (isIgnored(cp)) {
            return IGNORED;
        }
        int type = Character.getType(cp);
        switch (type) {
            case Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK:
                return MARK;
            case Character.ENCLOSING_MARK, Character.FORMAT:
                return IGNORED;
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER:
                return isSpacelessScript(cp) || cp == 0x30FC ? SPACELESS : WORD;
            case Character.LETTER_NUMBER:
                // Ideographic numbers such as U+3007 (〇) read as Han characters; Roman numerals
                // were already turned into letters by NFKC.
                return isSpacelessScript(cp) ? SPACELESS : SEPARATOR;
            default:
                return SEPARATOR;
        }
    }

    /**
     * Default-ignorable code points that are not general category Cf (those are handled by type):
     * variation selectors, the combining grapheme joiner, Mongolian free variation selectors,
     * Hangul fillers, and the Arabic tatweel (a stretching stroke, not a letter). U+200B (zero
     * width space) is Cf but marks a word boundary, so it is a separator instead.
     */
    private static boolean isIgnored(int cp) {
        return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) || cp == 0x034F
                || (cp >= 0x180B && cp <= 0x180F) || cp == 0x115F || cp == 0x1160 || cp == 0x3164
                || cp == 0xFFA0 || cp == 0x0640;
    }

    private static boolean isSpacelessScript(int cp) {
        if (cp < 0x0E00) {
            return false; // below Thai: Latin, Greek, Cyrillic, Arabic, Indic, ... all use spaces
        }
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return switch (s) {
            case HAN, HIRAGANA, KATAKANA, THAI, LAO, KHMER, MYANMAR -> true;
            default -> false;
        };
    }
}
