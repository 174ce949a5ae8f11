package io.colisten.train.world.music;

/** How the chord instrument plays the chords. */
public enum CompStyle {
    /** Held through the chord (pads, strings, organ). */
    SUSTAIN,
    /** Short chords on the off-beats (house, garage, big-band brass). */
    STAB,
    /** Strummed: chord tones a few milliseconds apart on a rhythm. */
    STRUM,
    /** Jazz comping: short chords on syncopated steps. */
    COMP,
    /** Root-fifth-octave power chords on eighths (rock). */
    POWER,
    /** Broken chords in eighths (Alberti bass, arpeggiated accompaniment). */
    BROKEN,
    /** Block chords on the beats. */
    BLOCK,
    /** Fast arpeggios in sixteenths (trance, chiptune). */
    ARP
}
