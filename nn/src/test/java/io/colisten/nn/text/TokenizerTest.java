package io.colisten.nn.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Exact token lists for text in many scripts; n-grams within fields; hashes agree with terms. */
class TokenizerTest {
    private static final Tokenizer T = Tokenizer.DEFAULT;

    private static void assertTokens(String text, String... expected) {
        assertEquals(List.of(expected), T.tokens(text), text);
    }

    @Test
    void latinWithAccentsAndFullCaseFolding() {
        assertTokens("Café Crème — Ça va? Straße STRASSE", "café", "crème", "ça", "va", "strasse", "strasse");
        // A decomposed e + U+0301 is composed by NFKC and meets the precomposed é.
        assertTokens("e\u0301te\u0301 ÉTÉ", "été", "été");
        // U+0130 folds to a plain i; the title-case digraph ǅ to dž.
        assertTokens("İstanbul ǅemal", "istanbul", "džemal");
        // Apostrophes (ASCII and typographic) separate, like all punctuation.
        assertTokens("don’t rock'n'roll", "don", "t", "rock", "n", "roll");
    }

    @Test
    void cyrillicAndGreekWithFinalSigma() {
        assertTokens("Привет, МИР! Ёжик", "привет", "мир", "ёжик");
        // Final ς and capital Σ both fold to σ.
        assertTokens("ΚΑΛΗΜΈΡΑ κόσμος ΚΌΣΜΟΣ", "καλημέρα", "κόσμοσ", "κόσμοσ");
    }

    @Test
    void arabicAndDevanagariKeepTheirMarks() {
        // Harakat (Mn) stay inside the word; the Arabic comma separates; tatweel is removed.
        assertTokens("مرحبا بالعالم، مَرْحَبًا مـرحبا", "مرحبا", "بالعالم", "مَرْحَبًا", "مرحبا");
        // Vowel signs and virama (Mc, Mn) stay inside; the danda separates.
        assertTokens("नमस्ते दुनिया। हिन्दी", "नमस्ते", "दुनिया", "हिन्दी");
        // ZWNJ inside a Persian word is removed, not a split.
        assertTokens("می\u200Cخواهم", "میخواهم");
    }

    @Test
    void spacelessScriptsBecomeCharacters() {
        assertTokens("東京タワーへ行こう！コーヒー", "東", "京", "タ", "ワ", "ー", "へ", "行", "こ", "う", "コ", "ー", "ヒ", "ー");
        assertTokens("我爱音乐，你呢？", "我", "爱", "音", "乐", "你", "呢");
        // Thai: each letter with the marks that follow it (ที่ = ท + two marks).
        assertTokens("ภาษาไทย ที่นี่", "ภ", "า", "ษ", "า", "ไ", "ท", "ย", "ที่", "นี่");
        // Han in a supplementary plane, and Latin glued to Han.
        assertTokens("𠀀𠀁abc東", "𠀀", "𠀁", "abc", "東");
        // Hangul is written with spaces: whole words.
        assertTokens("안녕하세요 세계!", "안녕하세요", "세계");
    }

    @Test
    void emojiAndSymbolsAreDropped() {
        assertTokens("I ❤️ music 🎵🎶 👍🏽 #1️⃣ 🇫🇷", "i", "music", "1");
        assertTokens("🎵🎶!!!", new String[0]);
        assertTokens("", new String[0]);
        // A lone surrogate is not a letter.
        assertTokens("a\uD800b", "a", "b");
    }

    @Test
    void compatibilityFormsAreNormalised() {
        assertTokens("ＦＵＬＬ　ｗｉｄｔｈ １２３ ﬁne ﬃ ½ x² Ⅻ ｶﾞ", "full", "width", "123", "fine", "ffi", "1", "2", "x2", "xii", "ガ");
        assertTokens("𝐁𝐨𝐥𝐝 𝓈𝒸𝓇𝒾𝓅𝓉 ⓐⓑ ǈ", "bold", "script", "ab", "lj");
        // Soft hyphen removed; zero width space separates.
        assertTokens("soft\u00ADhyphen zero\u200Bwidth", "softhyphen", "zero", "width");
    }

    @Test
    void longTokensAreCut() {
        String longWord = "a".repeat(100);
        assertEquals(List.of("a".repeat(Tokenizer.MAX_TOKEN_CHARS), "b"), T.tokens(longWord + " b"));
        // ß near the limit is not half written.
        assertEquals(List.of("a".repeat(63)), T.tokens("a".repeat(63) + "ß"));
    }

    @Test
    void ngramsStayWithinEachField() {
        assertEquals(List.of("love", "love song", "song",
                        "love", "love me", "love me tender", "me", "me tender", "me tender love",
                        "tender", "tender love", "love"),
                T.terms("Love Song", "love me tender, love"));
        assertEquals(List.of("a", "a b", "b"), T.terms("", "A b"));
        assertEquals(List.of("東", "東 京", "京"), T.ngrams("東京"));
        assertEquals(List.of(), T.terms("", "!"));
    }

    @Test
    void visitorHashesMatchTermHashes() {
        TokenBuffer b = new TokenBuffer();
        T.tokenize("Ünïcode Überall ♪ 東京", "x y z ΣΑΣ w", b);
        List<String> seen = new ArrayList<>();
        Tokenizer.forEachNGram(b, (start, end, hash) -> {
            String term = new String(b.chars(), start, end - start);
            assertEquals(TermHash.ofTerm(term), hash, term);
            seen.add(term);
        });
        assertEquals(T.terms("Ünïcode Überall ♪ 東京", "x y z ΣΑΣ w"), seen);
        assertEquals(9 + 12, seen.size());
    }

    @Test
    void bufferIsReusedAndThreadsAgree() throws Exception {
        String[] texts = {"Café Crème", "東京タワー", "Привет мир", "ภาษาไทย", "I ❤️ music"};
        TokenBuffer b = new TokenBuffer();
        T.tokenize("a very long title that grows the buffer " + "x ".repeat(500), "", b);
        T.tokenize(texts[0], texts[1], b);
        assertEquals(2 + 5, b.tokenCount());
        assertEquals("crème", b.token(1));

        List<List<String>> expected = new ArrayList<>();
        for (String t : texts) {
            expected.add(T.terms(t, t));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Boolean>> fs = new ArrayList<>();
            for (int th = 0; th < 4; th++) {
                fs.add(pool.submit(() -> {
                    for (int r = 0; r < 2000; r++) {
                        int i = r % texts.length;
                        if (!T.terms(texts[i], texts[i]).equals(expected.get(i))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : fs) {
                assertEquals(true, f.get());
            }
        }
    }
}
