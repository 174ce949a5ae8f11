package io.colisten.train.world.music;

/** Scales as semitone offsets from the tonic; the name is the truth tag value ({@code mode:NAME}). */
public enum Mode {
    MAJOR("major", 0, 2, 4, 5, 7, 9, 11),
    MINOR("minor", 0, 2, 3, 5, 7, 8, 10),
    DORIAN("dorian", 0, 2, 3, 5, 7, 9, 10),
    PHRYGIAN("phrygian", 0, 1, 3, 5, 7, 8, 10),
    MIXOLYDIAN("mixolydian", 0, 2, 4, 5, 7, 9, 10),
    HARMONIC_MINOR("harmonic-minor", 0, 2, 3, 5, 7, 8, 11),
    PENTATONIC("pentatonic", 0, 3, 5, 7, 10),
    /** A five-tone approximation of the gamelan's pelog on equal-tempered pitches. */
    PELOG("pelog", 0, 1, 3, 7, 8),
    BLUES("blues", 0, 3, 5, 6, 7, 10);

    public final String tag;
    private final int[] steps;

    Mode(String tag, int... steps) {
        this.tag = tag;
        this.steps = steps;
    }

    public int size() {
        return steps.length;
    }

    /** Semitones above the tonic of scale degree {@code d} (any integer; octaves wrap). */
    public int semitones(int d) {
        int n = steps.length;
        int oct = Math.floorDiv(d, n);
        return oct * 12 + steps[Math.floorMod(d, n)];
    }

    /** The nearest scale degree at or below a semitone offset from the tonic. */
    public int degreeAtOrBelow(int semis) {
        int oct = Math.floorDiv(semis, 12);
        int within = Math.floorMod(semis, 12);
        int d = 0;
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] <= within) d = i;
        }
        return oct * steps.length + d;
    }
}
