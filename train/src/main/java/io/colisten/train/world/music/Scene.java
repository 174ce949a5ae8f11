package io.colisten.train.world.music;

import java.util.List;

/**
 * A style of the world: everything a track of it inherits (tempo range, meters, modes, harmony,
 * drums, instrument palette per role, swing, melodic density, brightness, loudness, effects) and
 * the words people use for it. Scenes group into families (the first level of the hierarchy);
 * scenes of one family share drums, palettes and vocabulary, so they sound and read closer than
 * unrelated scenes. Built once in {@link SceneCatalog}; read-only afterwards.
 */
public final class Scene {
    public final String name;
    public final String family;
    public double bpmLo, bpmHi;
    public List<Meter> meters = List.of(Meter.FOUR_FOUR);
    public List<Mode> modes = List.of(Mode.MAJOR);
    public Harmony harmony = Harmony.POP;
    public DrumStyle drums = DrumStyle.NONE;
    public BassStyle bassStyle = BassStyle.NONE;
    public List<Instrument> bass = List.of();
    public CompStyle comp = CompStyle.SUSTAIN;
    public List<Instrument> chords = List.of();
    public List<Instrument> leads = List.of();
    public List<Instrument> arps = List.of();
    public List<Instrument> textures = List.of();
    /** Delay of off-beat sixteenths, as a fraction of a step (0 straight, 0.33 triplet swing). */
    public double swing;
    /** Melodic notes per step on average, 0..1. */
    public double density = 0.3;
    /** Corner of the master low-pass, Hz. */
    public double brightness = 6000;
    /** Target RMS level, dBFS. */
    public double loudnessDb = -14;
    public double reverb = 0.2, delay, drive;
    /** Timing jitter of played (not sequenced) parts, seconds. */
    public double humanize = 0.008;
    /** Relative share of the world's tracks and plays. */
    public double popularity = 1;
    /** Words that people use for this scene, the most telling first. */
    public List<String> terms = List.of();
    /** The same in other languages and scripts. */
    public List<String> foreignTerms = List.of();

    Scene(String name, String family) {
        this.name = name;
        this.family = family;
    }

    Scene bpm(double lo, double hi) {
        bpmLo = lo;
        bpmHi = hi;
        return this;
    }

    Scene meters(Meter... m) {
        meters = List.of(m);
        return this;
    }

    Scene modes(Mode... m) {
        modes = List.of(m);
        return this;
    }

    Scene harmony(Harmony h) {
        harmony = h;
        return this;
    }

    Scene drums(DrumStyle d) {
        drums = d;
        return this;
    }

    Scene bass(BassStyle style, Instrument... options) {
        bassStyle = style;
        bass = List.of(options);
        return this;
    }

    Scene chords(CompStyle style, Instrument... options) {
        comp = style;
        chords = List.of(options);
        return this;
    }

    Scene leads(Instrument... options) {
        leads = List.of(options);
        return this;
    }

    Scene arps(Instrument... options) {
        arps = List.of(options);
        return this;
    }

    Scene textures(Instrument... options) {
        textures = List.of(options);
        return this;
    }

    Scene feel(double swing, double density, double humanize) {
        this.swing = swing;
        this.density = density;
        this.humanize = humanize;
        return this;
    }

    Scene sound(double brightnessHz, double loudnessDb, double reverb, double delay, double drive) {
        brightness = brightnessHz;
        this.loudnessDb = loudnessDb;
        this.reverb = reverb;
        this.delay = delay;
        this.drive = drive;
        return this;
    }

    Scene popularity(double p) {
        popularity = p;
        return this;
    }

    Scene words(List<String> terms, List<String> foreign) {
        this.terms = terms;
        this.foreignTerms = foreign;
        return this;
    }

    @Override
    public String toString() {
        return name;
    }
}
