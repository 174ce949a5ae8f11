package io.colisten.nn.text;

/**
 * Case folding of one code point, so that spellings that differ only by case compare equal.
 * {@link Character#toLowerCase(int)} (the per-character mapping behind
 * {@code toLowerCase(Locale.ROOT)}, without its context rules), plus the folds where Unicode's
 * CaseFolding.txt goes further than lower case:
 * <ul>
 *   <li>ß and ẞ fold to "ss" (full folding), so "Straße", "STRASSE" and "strasse" meet;</li>
 *   <li>final sigma ς folds to σ, so a word ends the same whether written in capitals or not
 *       (lower-casing "ΚΟΣΜΟΣ" gives "κοσμος" with a final ς, folding gives "κοσμοσ" either
 *       way);</li>
 *   <li>U+0345 (combining ypogegrammeni) folds to ι; Cherokee small letters fold to capitals.</li>
 * </ul>
 * U+0130 (İ) folds to a plain "i" (the simple/Turkic fold, not "i" + U+0307), so "İstanbul" meets
 * "istanbul". Other compatibility variants (ſ, ϐ, ﬁ, full-width letters) are already removed by NFKC.
 */
final class CaseFolding {
    /** Returned by {@link #fold(int)} for ß and ẞ: the caller writes "ss". */
    static final int DOUBLE_S = -1;

    /** fold() of every BMP code point (all stay in the BMP); U+FFFF, a noncharacter, stands for "ss". */
    private static final char[] BMP = new char[0x10000];

    static {
        for (int cp = 0; cp < BMP.length; cp++) {
            int f = compute(cp);
            if (f > 0xFFFF) {
                throw new IllegalStateException("fold of U+" + Integer.toHexString(cp) + " leaves the BMP");
            }
            BMP[cp] = (char) (f == DOUBLE_S ? 0xFFFF : f);
        }
    }

    private CaseFolding() {}

    static int fold(int cp) {
        if (cp < 0x10000) {
            char f = BMP[cp];
            return f == 0xFFFF && cp != 0xFFFF ? DOUBLE_S : f;
        }
        return compute(cp);
    }

    private static int compute(int cp) {
        if (cp < 0x80) {
            return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
        }
        switch (cp) {
            case 0x00DF, 0x1E9E:
                return DOUBLE_S;
            case 0x03C2:
                return 0x03C3;
            case 0x0345:
                return 0x03B9;
            default:
                break;
        }
        if ((cp >= 0x13F8 && cp <= 0x13FD) || (cp >= 0xAB70 && cp <= 0xABBF)) {
            return Character.toUpperCase(cp);
        }
        return Character.toLowerCase(cp);
    }
}
