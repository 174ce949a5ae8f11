package io.colisten.nn.audio;

/**
 * The network's input windows: 300 log-mel frames (3 s at a 10 ms hop) x 64 bands, taken from a
 * recording's frames without overlap by default (DESIGN.md: the recording embedding is the mean
 * of its window embeddings).
 */
public final class Windows {
    /** Frames per window. */
    public static final int FRAMES = 300;

    private Windows() {}

    /** Non-overlapping windows in a recording of {@code frames} frames (a partial tail is dropped). */
    public static int count(int frames) {
        return frames / FRAMES;
    }

    /** Windows with a hop of {@code hopFrames} (overlapping when hop < 300). */
    public static int count(int frames, int hopFrames) {
        if (hopFrames < 1) {
            throw new IllegalArgumentException("window hop must be >= 1 frame: " + hopFrames);
        }
        return frames < FRAMES ? 0 : 1 + (frames - FRAMES) / hopFrames;
    }

    /** Audio samples needed for one whole window: window + (FRAMES - 1) hops. */
    public static int samplesForOneWindow(int windowLength, int hop) {
        return windowLength + (FRAMES - 1) * hop;
    }
}
