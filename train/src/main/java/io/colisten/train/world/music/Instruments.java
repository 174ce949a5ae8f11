package io.colisten.train.world.music;

import static io.colisten.train.world.music.Instrument.Kind.*;

import java.util.List;

/** The world's instruments. Changing a value here changes every world: bump WorldGenerator.VERSION. */
public final class Instruments {
    private Instruments() {}

    // Drum voices (pitch ranges unused).
    public static final Instrument KICK = Instrument.of("kick", DRUM, 0, 127);
    public static final Instrument SNARE = Instrument.of("snare", DRUM, 0, 127);
    public static final Instrument HIHAT = Instrument.of("hihat", DRUM, 0, 127);
    public static final Instrument CLAP = Instrument.of("clap", DRUM, 0, 127);
    public static final Instrument RIDE = Instrument.of("ride", DRUM, 0, 127);
    public static final Instrument HAND_DRUM = Instrument.of("hand-drum", DRUM, 0, 127);
    public static final Instrument SHAKER = Instrument.of("shaker", DRUM, 0, 127);
    public static final Instrument TAIKO = Instrument.of("taiko", DRUM, 0, 127);
    public static final Instrument CLAVE = Instrument.of("clave", DRUM, 0, 127);

    // Basses.
    public static final Instrument SYNTH_BASS = Instrument.of("synth-bass", SUBTRACTIVE, 28, 52)
            .osc(0.7f, 0.3f, 0, 0).env(0.003f, 0.25f, 0.5f, 0.05f).filter(300, 1200, 0.12f, 0.3f).gain(0.55f);
    public static final Instrument ACID_BASS = Instrument.of("acid-bass", SUBTRACTIVE, 31, 55)
            .osc(1, 0, 0, 0).env(0.002f, 0.2f, 0.35f, 0.03f).filter(260, 2600, 0.14f, 0.85f).drive(0.3f).gain(0.42f);
    public static final Instrument ELECTRIC_BASS = Instrument.of("electric-bass", PLUCK, 28, 52)
            .pluck(0.35f, 0.4f).gain(0.75f);
    public static final Instrument UPRIGHT_BASS = Instrument.of("upright-bass", PLUCK, 28, 50)
            .pluck(0.12f, 0.22f).gain(0.9f);
    public static final Instrument SUB_BASS = Instrument.of("sub-bass", SUB808, 24, 43)
            .env(0.002f, 1.2f, 0, 0.08f).drive(0.25f).gain(0.8f);

    // Plucked and struck.
    public static final Instrument ACOUSTIC_GUITAR = Instrument.of("acoustic-guitar", PLUCK, 40, 76)
            .pluck(0.15f, 0.72f).gain(0.45f);
    public static final Instrument HARPSICHORD = Instrument.of("harpsichord", PLUCK, 41, 84)
            .pluck(0.08f, 1.0f).gain(0.35f);
    public static final Instrument HARP = Instrument.of("harp", PLUCK, 36, 91)
            .pluck(0.45f, 0.42f).gain(0.45f);
    public static final Instrument PIANO = Instrument.of("piano", FM, 36, 96)
            .fm(1, 1.8f, 0.45f).env(0.002f, 2.2f, 0, 0.25f).gain(0.45f);
    public static final Instrument ELECTRIC_PIANO = Instrument.of("electric-piano", FM, 40, 88)
            .fm(1, 1.1f, 0.9f).env(0.002f, 2.8f, 0, 0.2f).vibrato(4.5f, 0).gain(0.45f);
    public static final Instrument BELLS = Instrument.of("bells", FM, 64, 100)
            .fm(3.5f, 3.0f, 1.4f).env(0.001f, 2.5f, 0, 1.0f).gain(0.3f);
    public static final Instrument METALLOPHONE = Instrument.of("metallophone", FM, 55, 88)
            .fm(2.76f, 2.2f, 0.8f).env(0.001f, 2.0f, 0, 0.8f).gain(0.35f);
    public static final Instrument ORGAN = Instrument.of("organ", Instrument.Kind.ORGAN, 43, 84)
            .env(0.005f, 0.1f, 1, 0.05f).vibrato(6.5f, 8).gain(0.22f);

    // Sustained.
    public static final Instrument DISTORTED_GUITAR = Instrument.of("distorted-guitar", SUBTRACTIVE, 40, 76)
            .osc(0.6f, 0.4f, 0, 0).unison(2, 12).env(0.003f, 0.3f, 0.7f, 0.08f)
            .filter(2600, 1200, 0.2f, 0.2f).drive(0.85f).gain(0.3f);
    public static final Instrument STRINGS = Instrument.of("strings", SUBTRACTIVE, 36, 88)
            .osc(1, 0, 0, 0).unison(2, 9).env(0.18f, 0.3f, 0.9f, 0.35f)
            .filter(2400, 300, 0.5f, 0.05f).vibrato(5.5f, 12).gain(0.28f);
    public static final Instrument FIDDLE = Instrument.of("fiddle", SUBTRACTIVE, 55, 91)
            .osc(1, 0, 0, 0).env(0.03f, 0.1f, 0.9f, 0.1f).filter(3600, 600, 0.2f, 0.15f)
            .vibrato(6, 18).gain(0.3f);
    public static final Instrument SYNTH_PAD = Instrument.of("synth-pad", SUBTRACTIVE, 48, 79)
            .osc(0.7f, 0.3f, 0, 0).unison(3, 15).env(0.4f, 0.6f, 0.8f, 0.8f)
            .filter(1700, 500, 1.0f, 0.1f).gain(0.2f);
    public static final Instrument SYNTH_STAB = Instrument.of("synth-stab", SUBTRACTIVE, 48, 79)
            .osc(1, 0, 0, 0).unison(3, 18).env(0.003f, 0.15f, 0.35f, 0.12f)
            .filter(1400, 2800, 0.12f, 0.25f).gain(0.22f);
    public static final Instrument BRASS = Instrument.of("brass", SUBTRACTIVE, 40, 82)
            .osc(1, 0, 0, 0).unison(2, 5).env(0.04f, 0.2f, 0.8f, 0.12f)
            .filter(700, 2600, 0.25f, 0.1f).vibrato(5, 10).gain(0.33f);
    public static final Instrument FLUTE = Instrument.of("flute", SUBTRACTIVE, 60, 96)
            .osc(0, 0, 0.8f, 0.2f).noise(0.12f).env(0.06f, 0.1f, 0.85f, 0.15f)
            .filter(4500, 0, 0.2f, 0).vibrato(5, 15).gain(0.42f);
    public static final Instrument SAXOPHONE = Instrument.of("saxophone", SUBTRACTIVE, 49, 80)
            .osc(0.3f, 1, 0, 0).width(0.3f).noise(0.05f).env(0.03f, 0.1f, 0.85f, 0.08f)
            .filter(1700, 1300, 0.1f, 0.35f).vibrato(5, 15).drive(0.2f).gain(0.38f);
    public static final Instrument SYNTH_LEAD = Instrument.of("synth-lead", SUBTRACTIVE, 55, 91)
            .osc(1, 0, 0, 0).unison(2, 10).env(0.005f, 0.2f, 0.7f, 0.1f)
            .filter(2400, 3200, 0.2f, 0.3f).vibrato(5.5f, 10).gain(0.28f);
    public static final Instrument PULSE_LEAD = Instrument.of("pulse-lead", SUBTRACTIVE, 36, 96)
            .osc(0, 1, 0, 0).width(0.5f).env(0.001f, 0.05f, 0.8f, 0.02f).gain(0.22f);
    public static final Instrument DRONE = Instrument.of("drone", SUBTRACTIVE, 24, 55)
            .osc(0.5f, 0, 0.5f, 0).unison(2, 6).env(2.0f, 1, 1, 2.0f)
            .filter(600, 0, 1, 0.2f).vibrato(0.2f, 6).gain(0.4f);
    public static final Instrument NOISE_TEXTURE = Instrument.of("noise-texture", TEXTURE, 0, 127)
            .env(1.5f, 1, 1, 1.5f).filter(900, 2500, 0, 0.5f).gain(0.12f);
    public static final Instrument VINYL = Instrument.of("vinyl", Instrument.Kind.VINYL, 0, 127).gain(0.07f);

    /** Every instrument, in a fixed order (the order of truth tags never depends on it). */
    public static final List<Instrument> ALL = List.of(KICK, SNARE, HIHAT, CLAP, RIDE, HAND_DRUM, SHAKER,
            TAIKO, CLAVE, SYNTH_BASS, ACID_BASS, ELECTRIC_BASS, UPRIGHT_BASS, SUB_BASS, ACOUSTIC_GUITAR,
            HARPSICHORD, HARP, PIANO, ELECTRIC_PIANO, BELLS, METALLOPHONE, ORGAN, DISTORTED_GUITAR, STRINGS,
            FIDDLE, SYNTH_PAD, SYNTH_STAB, BRASS, FLUTE, SAXOPHONE, SYNTH_LEAD, PULSE_LEAD, DRONE, NOISE_TEXTURE, VINYL);
}
