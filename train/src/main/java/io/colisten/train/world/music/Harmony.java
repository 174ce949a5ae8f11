package io.colisten.train.world.music;

/**
 * Chord progressions as scale degrees of the track's mode (0 = tonic), one chord per
 * {@code barsPerChord} bars (0.5: two chords a bar). Chords stack every other scale degree, so a
 * progression means the same thing in any mode and a pentatonic scale gives quartal chords.
 */
public enum Harmony {
    POP(1, false, new int[] {0, 4, 5, 3}, new int[] {0, 5, 3, 4}, new int[] {3, 4, 2, 5}, new int[] {0, 3, 4, 3}),
    MINOR_LOOP(1, true, new int[] {0, 5, 2, 6}, new int[] {0, 6, 5, 6}, new int[] {0, 3, 5, 4}, new int[] {0, 5, 3, 4}),
    JAZZ(0.5, true, new int[] {1, 4, 0, 0}, new int[] {1, 4, 0, 5}, new int[] {0, 5, 1, 4}, new int[] {2, 5, 1, 4}),
    BLUES(1, true, new int[] {0, 0, 0, 0, 3, 3, 0, 0, 4, 3, 0, 4}),
    ANDALUSIAN(1, false, new int[] {3, 2, 1, 0}, new int[] {3, 2, 1, 0, 3, 2, 1, 1}),
    BAROQUE(1, false, new int[] {0, 3, 6, 2, 5, 1, 4, 0}, new int[] {0, 4, 5, 2, 3, 0, 3, 4}),
    CLASSICAL(1, false, new int[] {0, 3, 4, 0}, new int[] {0, 5, 3, 4}, new int[] {0, 1, 4, 0}),
    MODAL(1, false, new int[] {0, 3}, new int[] {0, 6}, new int[] {0, 0, 3, 3}),
    DRONE(2, false, new int[] {0}, new int[] {0, 0, 6, 0}, new int[] {0, 5});

    public final double barsPerChord;
    public final boolean sevenths;
    private final int[][] progressions;

    Harmony(double barsPerChord, boolean sevenths, int[]... progressions) {
        this.barsPerChord = barsPerChord;
        this.sevenths = sevenths;
        this.progressions = progressions;
    }

    public int count() {
        return progressions.length;
    }

    public int[] progression(int i) {
        return progressions[i % progressions.length].clone();
    }
}
