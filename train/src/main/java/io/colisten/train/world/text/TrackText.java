package io.colisten.train.world.text;

import io.colisten.engine.random.Rng;
import io.colisten.train.world.TrackPlan;
import io.colisten.train.world.music.Instrument;
import io.colisten.train.world.music.Scene;
import io.colisten.train.world.music.SceneCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A track's title and description, written the way uploaders write them: the artist, scene words
 * (the track's own, its family's, its instruments', in other languages too), generic filler,
 * emoji and punctuation noise. Label noise grows with length: each scene word of a description of
 * {@code k} fragments comes from a wrong scene with probability {@code 0.03 + 0.05 k}, so long
 * descriptions carry more wrong tags, as the paper observed. A scene with a planted polysemous
 * term names it in nearly every track, so both senses of the term are well attested.
 */
public final class TrackText {
    private final List<Scene> scenes = SceneCatalog.all();

    public record Text(String title, String description) {}

    public Text write(TrackPlan plan, Rng r) {
        String artist = plan.artist().name();
        String words = titleWords(r);
        String title = switch (r.nextInt(7)) {
            case 0, 1 -> artist + " - " + words;
            case 2 -> words;
            case 3 -> artist + " – " + words + " (" + sceneTerm(plan, r, 0.02) + ")";
            case 4 -> "【" + pick(r, plan.scene().foreignTerms) + "】" + words + " / " + artist;
            case 5 -> words + " [" + sceneTerm(plan, r, 0.02) + " mix]";
            default -> words + " " + Lexicon.pick(r, Lexicon.EMOJI);
        };

        int k = 1 + (int) Math.min(11, -StrictMath.log(1 - r.nextDouble()) * 4); // fragments: 1..12, mostly short
        double noise = 0.03 + 0.05 * k;
        List<String> parts = new ArrayList<>();
        String planted = plantedTerm(plan.scene());
        if (planted != null && r.nextDouble() < 0.9) parts.add(planted);
        if (plan.scene2() != null) parts.add(pick(r, plan.scene2().terms));
        for (int i = 0; i < k; i++) {
            parts.add(switch (r.nextInt(10)) {
                case 0, 1 -> sceneTerm(plan, r, noise) + " " + Lexicon.pick(r, Lexicon.NOUNS);
                case 2 -> "#" + sceneTerm(plan, r, noise).replace(" ", "");
                case 3 -> "by " + artist;
                case 4 -> r.nextDouble() < noise ? pick(r, randomScene(r).foreignTerms) : pick(r, plan.scene().foreignTerms);
                case 5 -> familyTerm(plan, r, noise);
                case 6 -> instrumentWord(plan, r);
                case 7 -> Lexicon.pick(r, Lexicon.FILLER);
                case 8 -> Lexicon.pick(r, Lexicon.FOREIGN_GENERIC) + " " + Lexicon.pick(r, Lexicon.EMOJI);
                default -> tempoWord(plan, r);
            });
        }
        shuffle(parts, r);
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) d.append(r.nextDouble() < 0.2 ? Lexicon.pick(r, Lexicon.PUNCT) : r.nextDouble() < 0.5 ? ", " : " ");
            String p = parts.get(i);
            d.append(r.nextDouble() < 0.1 ? p.toUpperCase(Locale.ROOT) : p);
        }
        if (r.nextDouble() < 0.3) d.append(' ').append(Lexicon.pick(r, Lexicon.EMOJI));
        return new Text(title, d.toString());
    }

    private String titleWords(Rng r) {
        int n = 1 + r.nextInt(3);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String w = Lexicon.pick(r, Lexicon.TITLE_WORDS);
            if (i > 0) b.append(' ');
            b.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
        }
        return b.toString();
    }

    /** A term of the track's scene (of either scene when mixed), or of a random scene with probability {@code noise}. */
    private String sceneTerm(TrackPlan plan, Rng r, double noise) {
        Scene s = r.nextDouble() < noise ? randomScene(r)
                : plan.scene2() != null && r.nextDouble() < 0.4 ? plan.scene2() : plan.scene();
        return s.terms.get(Lexicon.zipf(r, s.terms.size()));
    }

    private String familyTerm(TrackPlan plan, Rng r, double noise) {
        String family = r.nextDouble() < noise ? randomScene(r).family : plan.scene().family;
        return pick(r, SceneCatalog.FAMILY_TERMS.get(family));
    }

    private static String instrumentWord(TrackPlan plan, Rng r) {
        List<Instrument> ins = plan.instruments();
        return ins.get(r.nextInt(ins.size())).tag.replace('-', ' ');
    }

    private static String tempoWord(TrackPlan plan, Rng r) {
        boolean slow = plan.bpm() < 100;
        return Lexicon.pick(r, slow ? Lexicon.TEMPO_WORDS_SLOW : Lexicon.TEMPO_WORDS_FAST);
    }

    private Scene randomScene(Rng r) {
        return scenes.get(r.nextInt(scenes.size()));
    }

    private static String plantedTerm(Scene s) {
        for (SceneCatalog.Polysemy p : SceneCatalog.POLYSEMOUS) {
            if (p.sceneA().equals(s.name) || p.sceneB().equals(s.name)) return p.term();
        }
        return null;
    }

    private static String pick(Rng r, List<String> l) {
        return l.get(r.nextInt(l.size()));
    }

    private static void shuffle(List<String> l, Rng r) {
        for (int i = l.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            String t = l.get(i);
            l.set(i, l.get(j));
            l.set(j, t);
        }
    }
}
