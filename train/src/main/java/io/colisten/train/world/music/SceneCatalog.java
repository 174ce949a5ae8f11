package io.colisten.train.world.music;

import static io.colisten.train.world.music.BassStyle.*;
import static io.colisten.train.world.music.CompStyle.*;
import static io.colisten.train.world.music.Instruments.*;
import static io.colisten.train.world.music.Meter.*;
import static io.colisten.train.world.music.Mode.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The world's 32 scenes in 8 families, and the polysemous terms planted in them: each such term
 * is used by two scenes of unrelated families with different meanings ("bebop" the jazz style,
 * and the anime soundtrack), so that sense disambiguation has something real to find.
 */
public final class SceneCatalog {
    /** A term shared by two scenes of different families. */
    public record Polysemy(String term, String sceneA, String sceneB) {}

    public static final List<Polysemy> POLYSEMOUS = List.of(
            new Polysemy("bebop", "bebop", "anime"),
            new Polysemy("garage", "uk-garage", "garage-rock"),
            new Polysemy("hardcore", "gabber", "punk"),
            new Polysemy("trance", "psytrance", "ritual-drums"),
            new Polysemy("drill", "drill", "marching-band"),
            new Polysemy("metal", "heavy-metal", "gamelan"),
            new Polysemy("acid", "techno", "acid-jazz"));

    /** Words for a whole family (used in descriptions besides the scene's own). */
    public static final Map<String, List<String>> FAMILY_TERMS = Map.of(
            "electronic", List.of("electronic", "edm", "dance", "club", "synth"),
            "rock", List.of("rock", "guitar", "band", "riff", "live"),
            "jazz", List.of("jazz", "improv", "quartet", "standards", "swing"),
            "hiphop", List.of("hip hop", "beat", "instrumental", "rap", "producer"),
            "classical", List.of("classical", "orchestra", "composer", "concert", "symphony"),
            "world", List.of("world music", "traditional", "folk", "acoustic", "roots"),
            "ambient", List.of("ambient", "atmospheric", "calm", "soundscape", "sleep"),
            "soundtrack", List.of("soundtrack", "ost", "game", "theme", "score"));

    private static final List<Scene> SCENES = build();

    private SceneCatalog() {}

    public static List<Scene> all() {
        return SCENES;
    }

    public static Scene byName(String name) {
        for (Scene s : SCENES) if (s.name.equals(name)) return s;
        throw new IllegalArgumentException("no scene named '" + name + "'");
    }

    public static int indexOf(String name) {
        for (int i = 0; i < SCENES.size(); i++) if (SCENES.get(i).name.equals(name)) return i;
        throw new IllegalArgumentException("no scene named '" + name + "'");
    }

    /** Family names in first-seen order. */
    public static List<String> families() {
        List<String> out = new ArrayList<>();
        for (Scene s : SCENES) if (!out.contains(s.family)) out.add(s.family);
        return out;
    }

    private static List<Scene> build() {
        List<Scene> s = new ArrayList<>();
        String f = "electronic";
        s.add(new Scene("techno", f).bpm(124, 134).modes(MINOR, PHRYGIAN).harmony(Harmony.DRONE)
                .drums(DrumStyle.TECHNO).bass(ACID, ACID_BASS, SYNTH_BASS).chords(STAB, SYNTH_STAB)
                .textures(NOISE_TEXTURE).feel(0, 0.15, 0).sound(6500, -12, 0.3, 0.35, 0.1).popularity(1.3)
                .words(List.of("techno", "acid", "warehouse", "rave", "303", "berlin", "minimal", "industrial"),
                        List.of("テクノ", "техно", "Tanzfläche")));
        s.add(new Scene("house", f).bpm(118, 126).modes(MINOR, DORIAN).harmony(Harmony.MINOR_LOOP)
                .drums(DrumStyle.HOUSE).bass(SYNCOPATED, SYNTH_BASS).chords(STAB, ELECTRIC_PIANO, ORGAN)
                .leads(BELLS).feel(0.1, 0.15, 0).sound(7000, -12, 0.3, 0.2, 0).popularity(1.4)
                .words(List.of("house", "deep house", "jackin", "soulful", "chicago", "disco", "club mix"),
                        List.of("ハウス", "хаус", "maison")));
        s.add(new Scene("uk-garage", f).bpm(128, 136).modes(MINOR).harmony(Harmony.MINOR_LOOP)
                .drums(DrumStyle.TWO_STEP).bass(SYNCOPATED, SUB_BASS, SYNTH_BASS).chords(STAB, ELECTRIC_PIANO, ORGAN)
                .leads(PULSE_LEAD, BELLS).feel(0.25, 0.25, 0).sound(7500, -12, 0.25, 0.25, 0).popularity(0.8)
                .words(List.of("garage", "2-step", "ukg", "speed garage", "bassline", "london", "pirate radio"),
                        List.of("ガラージ", "гараж")));
        s.add(new Scene("psytrance", f).bpm(140, 148).modes(PHRYGIAN, HARMONIC_MINOR).harmony(Harmony.DRONE)
                .drums(DrumStyle.FOUR_ON_FLOOR).bass(ROLLING, ACID_BASS, SYNTH_BASS).chords(SUSTAIN, SYNTH_PAD)
                .leads(SYNTH_LEAD).arps(SYNTH_LEAD).textures(NOISE_TEXTURE).feel(0, 0.35, 0)
                .sound(9000, -11, 0.3, 0.5, 0.1).popularity(0.9)
                .words(List.of("psytrance", "trance", "goa", "psychedelic", "festival", "forest", "full on"),
                        List.of("サイケ", "транс", "טראנס")));
        s.add(new Scene("gabber", f).bpm(170, 190).modes(MINOR, HARMONIC_MINOR).harmony(Harmony.MINOR_LOOP)
                .drums(DrumStyle.GABBER).chords(STAB, SYNTH_STAB).leads(SYNTH_LEAD).feel(0, 0.3, 0)
                .sound(8000, -9, 0.15, 0.1, 0.6).popularity(0.5)
                .words(List.of("gabber", "hardcore", "rotterdam", "thunderdome", "hakken", "early rave", "bpm"),
                        List.of("ガバ", "габбер", "hardcore ☠")));

        f = "rock";
        s.add(new Scene("garage-rock", f).bpm(130, 160).modes(MIXOLYDIAN, BLUES, MAJOR).harmony(Harmony.BLUES)
                .drums(DrumStyle.ROCK).bass(ROOT_EIGHTHS, ELECTRIC_BASS).chords(POWER, DISTORTED_GUITAR)
                .leads(ORGAN, DISTORTED_GUITAR).feel(0.05, 0.35, 0.012).sound(4800, -11, 0.2, 0.05, 0.35).popularity(0.8)
                .words(List.of("garage", "fuzz", "lo-fi", "sixties", "raw", "garage band", "stomp"),
                        List.of("ガレージ", "гаражный рок", "rock de garaje")));
        s.add(new Scene("punk", f).bpm(170, 200).modes(MAJOR, MIXOLYDIAN).harmony(Harmony.POP)
                .drums(DrumStyle.PUNK).bass(ROOT_EIGHTHS, ELECTRIC_BASS).chords(POWER, DISTORTED_GUITAR)
                .leads(DISTORTED_GUITAR).feel(0, 0.25, 0.01).sound(5500, -10, 0.1, 0, 0.45).popularity(0.9)
                .words(List.of("punk", "hardcore", "diy", "mosh", "three chords", "anarchy", "fast"),
                        List.of("パンク", "панк", "punk rock ⚡")));
        s.add(new Scene("heavy-metal", f).bpm(100, 140).modes(HARMONIC_MINOR, PHRYGIAN, MINOR).harmony(Harmony.MINOR_LOOP)
                .drums(DrumStyle.METAL).bass(ROOT_EIGHTHS, ELECTRIC_BASS).chords(POWER, DISTORTED_GUITAR)
                .leads(DISTORTED_GUITAR).feel(0, 0.5, 0.006).sound(6500, -9, 0.2, 0.05, 0.7).popularity(1.0)
                .words(List.of("metal", "heavy", "shred", "thrash", "riff", "headbang", "doom"),
                        List.of("メタル", "металл", "métal", "Metall")));
        s.add(new Scene("prog-rock", f).bpm(100, 130).meters(SEVEN_EIGHT, FIVE_FOUR, FOUR_FOUR).modes(DORIAN, MINOR)
                .harmony(Harmony.MODAL).drums(DrumStyle.PROG).bass(SYNCOPATED, ELECTRIC_BASS).chords(SUSTAIN, ORGAN, SYNTH_PAD)
                .leads(SYNTH_LEAD, FLUTE).arps(HARPSICHORD).feel(0, 0.4, 0.01).sound(6000, -13, 0.35, 0.15, 0.1)
                .popularity(0.6)
                .words(List.of("progressive", "prog", "concept album", "odd meter", "mellotron", "suite", "seventies"),
                        List.of("プログレ", "прог-рок", "progressif")));

        f = "jazz";
        s.add(new Scene("bebop", f).bpm(180, 240).modes(MAJOR, DORIAN).harmony(Harmony.JAZZ)
                .drums(DrumStyle.JAZZ).bass(WALKING, UPRIGHT_BASS).chords(COMP, PIANO).leads(SAXOPHONE)
                .feel(0.3, 0.7, 0.012).sound(6000, -15, 0.25, 0, 0).popularity(0.7)
                .words(List.of("bebop", "bop", "parker", "changes", "sax solo", "fifty-second street", "chops"),
                        List.of("ジャズ", "джаз", "bebop 🎷")));
        s.add(new Scene("cool-jazz", f).bpm(110, 150).meters(FIVE_FOUR, FOUR_FOUR).modes(DORIAN, MINOR)
                .harmony(Harmony.JAZZ).drums(DrumStyle.BRUSHES).bass(WALKING, UPRIGHT_BASS).chords(COMP, PIANO)
                .leads(SAXOPHONE, FLUTE).feel(0.25, 0.35, 0.012).sound(4500, -17, 0.35, 0, 0).popularity(0.7)
                .words(List.of("cool", "west coast", "mellow", "quintet", "brushes", "late night", "modal"),
                        List.of("クールジャズ", "кул-джаз", "jazz cool")));
        s.add(new Scene("acid-jazz", f).bpm(100, 115).modes(DORIAN, MINOR).harmony(Harmony.MINOR_LOOP)
                .drums(DrumStyle.FUNK).bass(SYNCOPATED, ELECTRIC_BASS).chords(COMP, ELECTRIC_PIANO, ORGAN)
                .leads(SAXOPHONE, ORGAN).feel(0.1, 0.4, 0.008).sound(6500, -13, 0.25, 0.1, 0.05).popularity(0.6)
                .words(List.of("acid", "jazz funk", "rare groove", "groove", "clavinet", "talkin loud", "fusion"),
                        List.of("アシッドジャズ", "эйсид-джаз", "jazz-funk")));
        s.add(new Scene("big-band", f).bpm(150, 200).modes(MAJOR, MIXOLYDIAN).harmony(Harmony.JAZZ)
                .drums(DrumStyle.JAZZ).bass(WALKING, UPRIGHT_BASS).chords(STAB, BRASS).leads(SAXOPHONE, BRASS)
                .feel(0.3, 0.45, 0.01).sound(6500, -13, 0.35, 0, 0).popularity(0.5)
                .words(List.of("big band", "swing era", "ellington", "brass section", "ballroom", "jump", "lindy hop"),
                        List.of("スウィング", "свинг", "bigband")));

        f = "hiphop";
        s.add(new Scene("boom-bap", f).bpm(85, 96).modes(MINOR, DORIAN).harmony(Harmony.MINOR_LOOP)
                .drums(DrumStyle.BOOM_BAP).bass(ROOT_BEATS, ELECTRIC_BASS, UPRIGHT_BASS).chords(BLOCK, PIANO, ELECTRIC_PIANO)
                .leads(FLUTE).textures(VINYL).feel(0.15, 0.15, 0.006).sound(5000, -12, 0.15, 0, 0.1).popularity(1.0)
                .words(List.of("boom bap", "golden era", "sample", "dusty", "nineties", "mpc", "cypher"),
                        List.of("ヒップホップ", "힙합", "хип-хоп")));
        s.add(new Scene("trap", f).bpm(130, 150).modes(MINOR, HARMONIC_MINOR).harmony(Harmony.MINOR_LOOP)
                .drums(DrumStyle.TRAP).bass(SUB808, SUB_BASS).chords(SUSTAIN, SYNTH_PAD).leads(BELLS, PULSE_LEAD)
                .feel(0, 0.25, 0).sound(8500, -10, 0.2, 0.1, 0.1).popularity(1.5)
                .words(List.of("trap", "808", "hi-hat rolls", "type beat", "atlanta", "plugg", "hard"),
                        List.of("트랩", "трэп", "トラップ")));
        s.add(new Scene("drill", f).bpm(138, 146).modes(MINOR, HARMONIC_MINOR).harmony(Harmony.MINOR_LOOP)
                .drums(DrumStyle.DRILL).bass(SUB808, SUB_BASS).chords(SUSTAIN, STRINGS).leads(PIANO)
                .feel(0, 0.2, 0).sound(6000, -10, 0.25, 0, 0.1).popularity(1.0)
                .words(List.of("drill", "uk drill", "sliding 808", "dark", "type beat", "opp", "road rap"),
                        List.of("드릴", "дрилл", "ドリル")));
        s.add(new Scene("lofi", f).bpm(70, 88).modes(MAJOR, DORIAN).harmony(Harmony.JAZZ)
                .drums(DrumStyle.LOFI).bass(ROOT_BEATS, ELECTRIC_BASS).chords(BLOCK, ELECTRIC_PIANO, PIANO)
                .leads(BELLS).textures(VINYL).feel(0.25, 0.12, 0.01).sound(2800, -17, 0.3, 0.1, 0.05).popularity(1.4)
                .words(List.of("lofi", "chill", "study", "relax", "beats to study", "rainy", "cozy"),
                        List.of("ローファイ", "勉強用", "лоуфай", "chill ☕")));

        f = "classical";
        s.add(new Scene("baroque", f).bpm(90, 120).meters(FOUR_FOUR, THREE_FOUR).modes(MAJOR, MINOR, HARMONIC_MINOR)
                .harmony(Harmony.BAROQUE).bass(ROOT_BEATS, UPRIGHT_BASS).chords(BROKEN, HARPSICHORD).leads(STRINGS, FLUTE)
                .feel(0, 0.6, 0.008).sound(7000, -16, 0.35, 0, 0).popularity(0.6)
                .words(List.of("baroque", "harpsichord", "bach", "fugue", "concerto", "continuo", "vivaldi"),
                        List.of("バロック", "барокко", "Barock", "barroco")));
        s.add(new Scene("string-quartet", f).bpm(60, 100).meters(FOUR_FOUR, THREE_FOUR).modes(MAJOR, MINOR)
                .harmony(Harmony.CLASSICAL).bass(ROOT_HOLD, STRINGS).chords(SUSTAIN, STRINGS).leads(FIDDLE)
                .feel(0, 0.35, 0.015).sound(5000, -18, 0.45, 0, 0).popularity(0.5)
                .words(List.of("chamber", "string quartet", "violin", "cello", "adagio", "op.", "viola"),
                        List.of("弦楽四重奏", "квартет", "Streichquartett", "cuarteto")));
        s.add(new Scene("romantic-piano", f).bpm(60, 90).meters(THREE_FOUR, FOUR_FOUR).modes(MINOR, MAJOR, HARMONIC_MINOR)
                .harmony(Harmony.CLASSICAL).chords(BROKEN, PIANO).leads(PIANO).feel(0, 0.4, 0.02)
                .sound(5500, -17, 0.5, 0, 0).popularity(0.8)
                .words(List.of("piano", "nocturne", "romantic", "chopin", "solo piano", "etude", "rubato"),
                        List.of("ピアノ", "фортепиано", "Klavier", "piano ✨")));
        s.add(new Scene("marching-band", f).bpm(110, 124).meters(FOUR_FOUR, SIX_EIGHT).modes(MAJOR)
                .harmony(Harmony.CLASSICAL).drums(DrumStyle.MARCHING).bass(ROOT_BEATS, BRASS).chords(STAB, BRASS)
                .leads(BRASS, FLUTE).feel(0, 0.4, 0.01).sound(6500, -13, 0.2, 0, 0).popularity(0.4)
                .words(List.of("marching band", "drill", "drumline", "parade", "fanfare", "halftime show", "corps"),
                        List.of("マーチング", "марш", "fanfare 🥁")));

        f = "world";
        s.add(new Scene("flamenco", f).bpm(100, 140).meters(SIX_EIGHT, THREE_FOUR).modes(PHRYGIAN, HARMONIC_MINOR)
                .harmony(Harmony.ANDALUSIAN).drums(DrumStyle.FLAMENCO).bass(ROOT_HOLD, ACOUSTIC_GUITAR)
                .chords(STRUM, ACOUSTIC_GUITAR).leads(ACOUSTIC_GUITAR).feel(0, 0.55, 0.01)
                .sound(7000, -14, 0.25, 0, 0).popularity(0.6)
                .words(List.of("flamenco", "rumba", "sevillanas", "duende", "palmas", "bulerías", "cante"),
                        List.of("guitarra española", "andaluz", "фламенко", "フラメンコ", "¡olé!")));
        s.add(new Scene("celtic", f).bpm(100, 125).meters(SIX_EIGHT, FOUR_FOUR).modes(MAJOR, DORIAN, MIXOLYDIAN)
                .harmony(Harmony.MODAL).drums(DrumStyle.CELTIC).chords(STRUM, ACOUSTIC_GUITAR).leads(FIDDLE, FLUTE)
                .arps(HARP).feel(0, 0.65, 0.01).sound(7500, -14, 0.3, 0, 0).popularity(0.6)
                .words(List.of("celtic", "irish", "jig", "reel", "trad session", "tin whistle", "bodhrán"),
                        List.of("céilí", "ceol traidisiúnta", "ケルト", "кельтская")));
        s.add(new Scene("gamelan", f).bpm(60, 100).modes(PELOG, PENTATONIC).harmony(Harmony.DRONE)
                .drums(DrumStyle.GAMELAN).bass(ROOT_BEATS, METALLOPHONE).chords(ARP, METALLOPHONE).leads(BELLS)
                .feel(0, 0.5, 0.004).sound(8000, -15, 0.4, 0, 0).popularity(0.35)
                .words(List.of("gamelan", "metal", "bronze", "gong", "java", "bali", "pelog"),
                        List.of("ガムラン", "gamelan Bali", "musik tradisional", "гамелан")));
        s.add(new Scene("ritual-drums", f).bpm(90, 130).meters(FOUR_FOUR, SIX_EIGHT).modes(PENTATONIC, PHRYGIAN)
                .harmony(Harmony.DRONE).drums(DrumStyle.RITUAL).bass(PEDAL, DRONE).leads(FLUTE).textures(DRONE)
                .feel(0, 0.15, 0.015).sound(4000, -14, 0.45, 0, 0).popularity(0.35)
                .words(List.of("trance", "ritual", "shamanic", "tribal", "drumming", "ceremony", "spirit journey"),
                        List.of("шаманский", "tambores", "太鼓", "طبول")));
        s.add(new Scene("bossa-nova", f).bpm(120, 140).modes(MAJOR, DORIAN).harmony(Harmony.JAZZ)
                .drums(DrumStyle.BOSSA).bass(BOSSA, UPRIGHT_BASS).chords(STRUM, ACOUSTIC_GUITAR).leads(FLUTE, SAXOPHONE)
                .feel(0, 0.3, 0.008).sound(5000, -16, 0.25, 0, 0).popularity(0.7)
                .words(List.of("bossa nova", "brazil", "samba", "rio", "ipanema", "jobim", "cafe"),
                        List.of("violão", "música brasileira", "saudade", "ボサノバ")));

        f = "ambient";
        s.add(new Scene("drone", f).bpm(40, 60).modes(MINOR, DORIAN).harmony(Harmony.DRONE).bass(PEDAL, DRONE)
                .chords(SUSTAIN, SYNTH_PAD).textures(NOISE_TEXTURE).feel(0, 0.05, 0)
                .sound(2500, -20, 0.7, 0.2, 0).popularity(0.4)
                .words(List.of("drone", "sustained", "meditative", "listening", "texture", "long form", "hum"),
                        List.of("ドローン", "эмбиент", "ambiente")));
        s.add(new Scene("new-age", f).bpm(60, 80).meters(FOUR_FOUR, THREE_FOUR).modes(MAJOR, PENTATONIC)
                .harmony(Harmony.POP).chords(SUSTAIN, SYNTH_PAD, STRINGS).leads(FLUTE, BELLS).arps(HARP)
                .feel(0, 0.15, 0.01).sound(6000, -18, 0.7, 0.3, 0).popularity(0.6)
                .words(List.of("new age", "healing", "relaxing", "spa", "meditation", "crystal", "yoga"),
                        List.of("ヒーリング", "релакс", "méditation", "명상")));
        s.add(new Scene("dark-ambient", f).bpm(40, 60).modes(PHRYGIAN, MINOR).harmony(Harmony.DRONE)
                .bass(PEDAL, DRONE).chords(SUSTAIN, STRINGS).leads(BELLS).textures(NOISE_TEXTURE)
                .feel(0, 0.04, 0).sound(1800, -20, 0.8, 0.2, 0).popularity(0.4)
                .words(List.of("dark ambient", "horror", "ominous", "abyss", "eerie", "dungeon", "void"),
                        List.of("ダークアンビエント", "мрачный", "oscuro")));

        f = "soundtrack";
        s.add(new Scene("chiptune", f).bpm(130, 170).modes(MAJOR, MINOR).harmony(Harmony.POP)
                .drums(DrumStyle.CHIP).bass(ROOT_EIGHTHS, PULSE_LEAD).chords(ARP, PULSE_LEAD).leads(PULSE_LEAD)
                .feel(0, 0.5, 0).sound(10000, -13, 0, 0, 0).popularity(0.7)
                .words(List.of("chiptune", "8-bit", "nes", "gameboy", "retro", "video game", "famitracker"),
                        List.of("ファミコン", "8ビット", "レトロゲーム", "чиптюн")));
        s.add(new Scene("anime", f).bpm(150, 180).modes(MAJOR, MINOR).harmony(Harmony.POP)
                .drums(DrumStyle.ROCK).bass(ROOT_EIGHTHS, ELECTRIC_BASS).chords(BLOCK, PIANO, STRINGS)
                .leads(SYNTH_LEAD, BELLS, STRINGS).feel(0, 0.45, 0.005).sound(8000, -11, 0.3, 0.1, 0.1).popularity(1.2)
                .words(List.of("anime", "bebop", "opening", "ost", "j-pop", "cover", "ending theme"),
                        List.of("アニメ", "主題歌", "アニソン", "オープニング", "애니")));
        s.add(new Scene("orchestral-epic", f).bpm(70, 100).modes(MINOR, HARMONIC_MINOR).harmony(Harmony.MINOR_LOOP)
                .drums(DrumStyle.EPIC).bass(ROOT_EIGHTHS, STRINGS).chords(SUSTAIN, STRINGS, BRASS).leads(BRASS)
                .feel(0, 0.25, 0.008).sound(5500, -12, 0.5, 0, 0).popularity(0.9)
                .words(List.of("epic", "cinematic", "trailer music", "orchestral", "heroic", "battle", "choir"),
                        List.of("エピック", "эпическая", "épique", "史诗")));
        return List.copyOf(s);
    }
}
