package io.colisten.train.world.music;

/** How a bass line moves over the chords (the Composer gives each its rhythm and pitch choice). */
public enum BassStyle {
    NONE, ROOT_HOLD, ROOT_BEATS, ROOT_EIGHTHS, OFFBEAT, ROLLING, ACID, WALKING, BOSSA, SUB808, SYNCOPATED, PEDAL
}
