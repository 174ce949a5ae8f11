package io.colisten.train.world.music;

import static io.colisten.train.world.music.Instruments.*;

/**
 * A scene's drumming: one step pattern per voice over one bar, and the kit's sound. Patterns are
 * written on the sixteenth grid; a pattern shorter or longer than the meter's bar is tiled or cut
 * to fit. Characters: '.' rest, 'g' ghost, 'x' hit, 'X' accent, 'o' open (a long hi-hat), 'r' a
 * roll of three strokes in the step.
 */
public enum DrumStyle {
    NONE(Kit.ACOUSTIC),
    FOUR_ON_FLOOR(Kit.ELECTRONIC,
            KICK, "X...X...X...X...", HIHAT, "g.o.g.o.g.o.g.o.", CLAP, "....x.......x..."),
    TECHNO(Kit.ELECTRONIC,
            KICK, "X...X...X...X...", HIHAT, "..o...o...o...o.", RIDE, "x.x.x.x.x.x.x.x.", CLAP, "........g......."),
    HOUSE(Kit.ELECTRONIC,
            KICK, "X...X...X...X...", HIHAT, "..o...o...o...o.", CLAP, "....X.......X...", SHAKER, "xgxgxgxgxgxgxgxg"),
    TWO_STEP(Kit.ELECTRONIC,
            KICK, "X......x..X.....", SNARE, "....X.......X...", HIHAT, "x.gx..x.x.gx..xg", SHAKER, "g.g.g.g.g.g.g.g."),
    GABBER(Kit.DISTORTED,
            KICK, "X...X...X...X...", HIHAT, "..x...x...x...x.", CLAP, "....x.......x..."),
    ROCK(Kit.ACOUSTIC,
            KICK, "X.....x.X.x.....", SNARE, "....X.......X...", HIHAT, "x.x.x.x.x.x.x.x."),
    PUNK(Kit.ACOUSTIC,
            KICK, "X...X...X...X...", SNARE, "..X...X...X...X.", HIHAT, "xxxxxxxxxxxxxxxx"),
    METAL(Kit.ACOUSTIC,
            KICK, "XxxxXxxxXxxxXxxx", SNARE, "....X.......X...", RIDE, "x.x.x.x.x.x.x.x."),
    PROG(Kit.ACOUSTIC,
            KICK, "X...x...X.x...", SNARE, "....X.....X...", HIHAT, "x.x.x.x.x.x.x.",
            KICK, "X.......X...x.......", SNARE, "....X.......X...X...", HIHAT, "x.x.x.x.x.x.x.x.x.x."),
    JAZZ(Kit.JAZZ,
            RIDE, "X...x.x.X...x.x.", HIHAT, "....x.......x...", KICK, "g...........g...", SNARE, "......g.......g."),
    BRUSHES(Kit.JAZZ,
            RIDE, "x...g.g.x...g.g.x...", SNARE, "g.g.g.g.g.g.g.g.g.g.", HIHAT, "....x.......x.......",
            RIDE, "x...g.g.x...g.g.", SNARE, "g.g.g.g.g.g.g.g.", HIHAT, "....x.......x..."),
    FUNK(Kit.ACOUSTIC,
            KICK, "X..x..x...X..x..", SNARE, "....X..g.g..X..g", HIHAT, "xgxgxgxgxgxgxgxg"),
    BOOM_BAP(Kit.SAMPLED,
            KICK, "X......x..X.....", SNARE, "....X.......X...", HIHAT, "x.x.x.x.x.x.x.x."),
    TRAP(Kit.EIGHT_O_EIGHT,
            KICK, "X.......x.x.....", CLAP, "........X.......", HIHAT, "xxxxxxxxxxxxrxxr"),
    DRILL(Kit.EIGHT_O_EIGHT,
            KICK, "X.....x...x.....", SNARE, "......X.......X.", HIHAT, "x..x..x.x..x..r."),
    LOFI(Kit.SAMPLED,
            KICK, "X......x..X.....", SNARE, "....x.......x...", HIHAT, "x.g.x.g.x.g.x.g."),
    BOSSA(Kit.JAZZ,
            KICK, "X..xX..xX..xX..x", CLAVE, "x..x..x...x..x..", SHAKER, "xgxgxgxgxgxgxgxg"),
    FLAMENCO(Kit.ACOUSTIC,
            CLAP, "X.x.X.x.X.x.", HAND_DRUM, "X.....x..x.."),
    CELTIC(Kit.ACOUSTIC,
            HAND_DRUM, "X.xx.xX.xx.x", SHAKER, "x.....x.....",
            HAND_DRUM, "X.x.x.x.X.x.x.xx"),
    GAMELAN(Kit.ACOUSTIC,
            HAND_DRUM, "X..x..x.X.x..x..", TAIKO, "X..............."),
    RITUAL(Kit.ACOUSTIC,
            TAIKO, "X..xX..xX..xX..x", HAND_DRUM, "x.x.xxx.x.x.xxx.", SHAKER, "xxxxxxxxxxxxxxxx",
            TAIKO, "X..x.xX..x.x", HAND_DRUM, "x.xxx.x.xxx."),
    MARCHING(Kit.ACOUSTIC,
            SNARE, "XgxgXgxgrrrrXgxg", TAIKO, "X...X...X...X...", RIDE, "X...............",
            SNARE, "Xgxgxgrrrrxg", TAIKO, "X.....X....."),
    EPIC(Kit.ACOUSTIC,
            TAIKO, "X.....X.X.....x.", SNARE, "............X.r.", RIDE, "X..............."),
    CHIP(Kit.CHIP,
            KICK, "X.......X.......", SNARE, "....x.......x...", HIHAT, "x.x.x.x.x.x.x.x.");

    /** The sound of a kit: kick pitch and length, drive, and whether voices are 8-bit-style. */
    public enum Kit {
        ACOUSTIC(60, 0.35f, 0, false, 0.06f),
        JAZZ(70, 0.25f, 0, false, 0.05f),
        ELECTRONIC(52, 0.42f, 0.1f, false, 0.04f),
        DISTORTED(58, 0.38f, 0.9f, false, 0.04f),
        SAMPLED(55, 0.35f, 0.2f, false, 0.06f),
        EIGHT_O_EIGHT(48, 0.5f, 0.15f, false, 0.03f),
        CHIP(70, 0.15f, 0, true, 0.03f);

        public final float kickHz, kickDecay, drive, hatDecay;
        public final boolean chip;

        Kit(float kickHz, float kickDecay, float drive, boolean chip, float hatDecay) {
            this.kickHz = kickHz;
            this.kickDecay = kickDecay;
            this.drive = drive;
            this.chip = chip;
            this.hatDecay = hatDecay;
        }
    }

    public final Kit kit;
    private final Instrument[] voices;
    private final String[] patterns;

    DrumStyle(Kit kit, Object... voiceThenPattern) {
        this.kit = kit;
        int n = voiceThenPattern.length / 2;
        voices = new Instrument[n];
        patterns = new String[n];
        for (int i = 0; i < n; i++) {
            voices[i] = (Instrument) voiceThenPattern[2 * i];
            patterns[i] = (String) voiceThenPattern[2 * i + 1];
        }
    }

    /**
     * The parts for a bar of {@code steps}: patterns written for exactly that length when there
     * are any, otherwise the first pattern of each voice tiled to the length.
     */
    public Part[] parts(int steps) {
        java.util.List<Part> exact = new java.util.ArrayList<>();
        java.util.List<Part> first = new java.util.ArrayList<>();
        java.util.Set<Instrument> seen = new java.util.HashSet<>();
        for (int i = 0; i < voices.length; i++) {
            if (patterns[i].length() == steps) exact.add(new Part(voices[i], patterns[i]));
            if (seen.add(voices[i])) first.add(new Part(voices[i], tile(patterns[i], steps)));
        }
        return (exact.isEmpty() ? first : exact).toArray(new Part[0]);
    }

    private static String tile(String p, int steps) {
        StringBuilder b = new StringBuilder(steps);
        for (int i = 0; i < steps; i++) b.append(p.charAt(i % p.length()));
        return b.toString();
    }

    /** The voices this style can play (for the truth tags). */
    public java.util.List<Instrument> voices() {
        return java.util.List.copyOf(new java.util.LinkedHashSet<>(java.util.Arrays.asList(voices)));
    }

    /** One voice's pattern over one bar. */
    public record Part(Instrument voice, String pattern) {}
}
