package io.colisten.train.world.text;

import io.colisten.engine.random.Rng;
import java.util.List;

/** Word banks for titles, descriptions and names: generic words that say nothing of the scene. */
final class Lexicon {
    private Lexicon() {}

    static final List<String> TITLE_WORDS = List.of(
            "midnight", "river", "neon", "echoes", "summer", "city", "dreams", "lights", "gold", "ghost",
            "horizon", "fire", "rain", "static", "velvet", "paper", "shadow", "ocean", "signal", "memory",
            "glass", "morning", "winter", "orbit", "silver", "garden", "motion", "tides", "wander", "home",
            "northern", "falling", "hollow", "electric", "satellite", "violet", "distance", "mirror", "pulse",
            "harbor", "desert", "lanterns", "afterglow", "undertow", "tomorrow", "blue", "crimson", "feathers");

    static final List<String> FILLER = List.of(
            "official audio", "full version", "hq", "free download", "no copyright", "thanks for listening",
            "subscribe for more", "like and share", "playlist", "best of", "new music", "out now",
            "remastered", "extended mix", "original mix", "demo", "live session", "bonus track", "vinyl rip",
            "instrumental version", "radio edit", "listen on repeat", "turn it up", "headphones recommended");

    static final List<String> NOUNS = List.of("track", "song", "tune", "piece", "jam", "cut", "record", "number");

    static final List<String> EMOJI = List.of("🎵", "🎶", "🔥", "💯", "✨", "🎧", "🌙", "❤️", "🌊", "⭐", "😎", "🙏");

    static final List<String> PUNCT = List.of("!!!", "...", " | ", " ~ ", " *** ", " // ", "?!", " :) ", " -- ");

    /** Generic words in other languages and scripts, unrelated to any scene. */
    static final List<String> FOREIGN_GENERIC = List.of(
            "música", "musique", "Musik", "музыка", "音楽", "음악", "موسيقى", "μουσική", "música nueva",
            "nouveauté", "neues Lied", "новинка", "新曲", "신곡", "canción", "chanson", "歌", "песня",
            "ön dinleme", "naujas", "słuchaj", "zvuk", "ดนตรี", "संगीत");

    static final List<String> TEMPO_WORDS_SLOW = List.of("slow", "laid back", "downtempo", "calm");
    static final List<String> TEMPO_WORDS_FAST = List.of("fast", "upbeat", "energetic", "uptempo");

    static <T> T pick(Rng r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    /** Index drawn with weight 1/(i+1): the first terms of a list are the most used. */
    static int zipf(Rng r, int n) {
        double total = 0;
        for (int i = 0; i < n; i++) total += 1.0 / (i + 1);
        double u = r.nextDouble() * total;
        for (int i = 0; i < n; i++) {
            u -= 1.0 / (i + 1);
            if (u < 0) return i;
        }
        return n - 1;
    }
}
