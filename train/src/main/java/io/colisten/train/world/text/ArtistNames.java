package io.colisten.train.world.text;

import io.colisten.engine.random.Rng;
import io.colisten.train.world.music.Scene;
import java.util.List;

/** Invented artist names in the manner (and script) of a scene's world. */
public final class ArtistNames {
    private ArtistNames() {}

    private static final List<String> SYLLABLES = List.of(
            "ka", "ri", "no", "ve", "la", "mo", "ta", "se", "lin", "dor", "mar", "el", "an", "zu", "bo",
            "fen", "tri", "ca", "shi", "ren", "vo", "quen", "ix", "sol", "ber", "na", "jo", "lu", "ar", "te");
    private static final List<String> KANA = List.of(
            "カ", "ナ", "ミ", "ユ", "リ", "ト", "サ", "ケ", "ハ", "ル", "ア", "ヒ", "コ", "ソ", "ラ", "マ", "ノ", "エ");
    private static final List<String> HANGUL = List.of("김", "이", "박", "민", "준", "서", "지", "현", "우", "진");
    private static final List<String> CYRILLIC = List.of("Дмитрий", "Анна", "Лёша", "Ника", "Сергей", "Ольга", "Волна", "Сибирь");
    private static final List<String> SPANISH = List.of("José", "Ángel", "Paco", "Lucía", "Rocío", "Manuel", "Carmen", "Tomás");
    private static final List<String> SPANISH_PLACES = List.of("de Triana", "de Jerez", "el Niño", "de la Isla", "Montoya", "Peña");
    private static final List<String> PORTUGUESE = List.of("João", "Conceição", "Antônio", "Vinícius", "Leônidas", "Graça", "Moraes");
    private static final List<String> IRISH = List.of("Siobhán", "Ó Briain", "Niamh", "Seán", "Aoife", "Mac Gráinne", "Ciarán");
    private static final List<String> BALINESE = List.of("Wayan", "Made", "Nyoman", "Ketut", "Sekar", "Jaya", "Semara", "Gunung");
    private static final List<String> ADJECTIVES = List.of(
            "Electric", "Velvet", "Broken", "Silent", "Golden", "Black", "Crystal", "Lost", "Wild", "Hollow", "Iron", "Paper");
    private static final List<String> BAND_NOUNS = List.of(
            "Wolves", "Machines", "Lanterns", "Saints", "Ghosts", "Comets", "Rivals", "Tigers", "Ravens", "Engines");

    public static String generate(Rng r, Scene scene) {
        String w = word(r);
        return switch (scene.family) {
            case "electronic" -> switch (r.nextInt(4)) {
                case 0 -> "DJ " + w;
                case 1 -> w.toUpperCase(java.util.Locale.ROOT);
                case 2 -> pick(r, CYRILLIC) + " " + w;
                default -> w + " & " + word(r);
            };
            case "rock" -> "The " + pick(r, ADJECTIVES) + " " + pick(r, BAND_NOUNS);
            case "jazz" -> person(r) + (r.nextInt(2) == 0 ? " Quartet" : " Trio");
            case "hiphop" -> switch (r.nextInt(4)) {
                case 0 -> "Lil " + w;
                case 1 -> "MC " + w;
                case 2 -> pick(r, HANGUL) + pick(r, HANGUL) + pick(r, HANGUL);
                default -> w + " Beats";
            };
            case "classical" -> person(r) + (r.nextInt(3) == 0 ? " Ensemble" : "");
            case "world" -> switch (scene.name) {
                case "flamenco" -> pick(r, SPANISH) + " " + pick(r, SPANISH_PLACES);
                case "bossa-nova" -> pick(r, PORTUGUESE) + " " + pick(r, PORTUGUESE);
                case "celtic" -> pick(r, IRISH) + " " + pick(r, IRISH);
                case "gamelan" -> "Gamelan " + pick(r, BALINESE) + " " + pick(r, BALINESE);
                default -> w + " Drum Circle";
            };
            case "soundtrack" -> r.nextInt(2) == 0 ? kana(r) : w + " Sound Team";
            default -> r.nextInt(2) == 0 ? w : person(r);
        };
    }

    private static String person(Rng r) {
        return word(r) + " " + word(r);
    }

    private static String word(Rng r) {
        int n = 2 + r.nextInt(2);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append(pick(r, SYLLABLES));
        return Character.toUpperCase(b.charAt(0)) + b.substring(1);
    }

    private static String kana(Rng r) {
        int n = 2 + r.nextInt(3);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append(pick(r, KANA));
        return b.toString();
    }

    private static String pick(Rng r, List<String> l) {
        return l.get(r.nextInt(l.size()));
    }
}
