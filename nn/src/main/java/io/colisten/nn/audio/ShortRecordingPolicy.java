package io.colisten.nn.audio;

/** What to do with a recording shorter than one network window (300 frames, about 3 s). */
public enum ShortRecordingPolicy {
    /** Pad the audio with silence to exactly one window (the frames then hold log(0.01) there). */
    PAD,
    /** Leave the recording out; it is counted and reported. */
    SKIP
}
