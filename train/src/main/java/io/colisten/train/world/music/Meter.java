package io.colisten.train.world.music;

/**
 * Bar layouts on a sixteenth-note grid. {@code stepsPerBeat} is the grid steps in the pulse that
 * the tempo counts (a quarter note, or a dotted quarter in 6/8); {@code groups} are the steps that
 * start a beat group (where accents fall).
 */
public enum Meter {
    FOUR_FOUR("4/4", 16, 4, 0, 4, 8, 12),
    THREE_FOUR("3/4", 12, 4, 0, 4, 8),
    SIX_EIGHT("6/8", 12, 6, 0, 6),
    FIVE_FOUR("5/4", 20, 4, 0, 4, 8, 12, 16),
    SEVEN_EIGHT("7/8", 14, 4, 0, 4, 8);

    public final String tag;
    public final int steps;
    public final int stepsPerBeat;
    private final int[] groups;

    Meter(String tag, int steps, int stepsPerBeat, int... groups) {
        this.tag = tag;
        this.steps = steps;
        this.stepsPerBeat = stepsPerBeat;
        this.groups = groups;
    }

    /** 2 on the downbeat, 1 on other beat-group starts, 0.5 on eighths, 0 elsewhere. */
    public double weight(int step) {
        int s = Math.floorMod(step, steps);
        if (s == 0) return 2;
        for (int g : groups) if (g == s) return 1;
        return s % 2 == 0 ? 0.5 : 0;
    }

    public int[] groups() {
        return groups.clone();
    }
}
