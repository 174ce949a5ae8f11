package io.colisten.train.world.music;

/**
 * One sound of the world: its truth tag ({@code instrument:TAG}), how it is synthesised, its pitch
 * range (MIDI notes) and its synthesis parameters. Times are seconds, frequencies Hz, gains linear.
 * Built once in {@link Instruments} through the package-private setters; read-only afterwards
 * (changing a value changes every world: bump WorldGenerator.VERSION).
 */
public final class Instrument {
    /** The synthesis method; each has its own renderer in {@code world.synth}. */
    public enum Kind {
        /** Oscillators (saw, pulse, sine, triangle; unison), a state-variable filter with its own envelope, an amp envelope. */
        SUBTRACTIVE,
        /** Karplus-Strong plucked string. */
        PLUCK,
        /** Two-operator FM with a decaying index. */
        FM,
        /** Additive drawbar organ. */
        ORGAN,
        /** A sine bass with a downward pitch glide at the onset and a long decay (the "808"). */
        SUB808,
        /** Band-passed noise with a slowly moving centre. */
        TEXTURE,
        /** Record crackle and hiss. */
        VINYL,
        /** A drum voice; {@code world.synth.Drums} renders it. */
        DRUM
    }

    public final String tag;
    public final Kind kind;
    public final int low, high;
    public float gain = 0.5f;
    public float saw, pulse, sine, tri, width = 0.5f, detuneCents;
    public int unison = 1;
    public float attack = 0.005f, decay = 0.2f, sustain = 0.7f, release = 0.1f;
    public float cutoff = 8000, envCutoff, filterDecay = 0.2f, resonance;
    public float vibRate, vibCents, noise, drive;
    /** Pluck: fraction of energy kept per second (0..1) and excitation brightness (0..1). */
    public float keep = 0.3f, bright = 0.5f;
    /** FM: modulator/carrier frequency ratio, peak index, index decay time. */
    public float ratio = 1, index, indexDecay = 0.5f;

    private Instrument(String tag, Kind kind, int low, int high) {
        this.tag = tag;
        this.kind = kind;
        this.low = low;
        this.high = high;
    }

    static Instrument of(String tag, Kind kind, int low, int high) {
        return new Instrument(tag, kind, low, high);
    }

    Instrument gain(float g) {
        gain = g;
        return this;
    }

    Instrument osc(float saw, float pulse, float sine, float tri) {
        this.saw = saw;
        this.pulse = pulse;
        this.sine = sine;
        this.tri = tri;
        return this;
    }

    Instrument width(float w) {
        width = w;
        return this;
    }

    Instrument unison(int voices, float cents) {
        unison = voices;
        detuneCents = cents;
        return this;
    }

    Instrument env(float a, float d, float s, float r) {
        attack = a;
        decay = d;
        sustain = s;
        release = r;
        return this;
    }

    Instrument filter(float cutoffHz, float envHz, float envDecay, float res) {
        cutoff = cutoffHz;
        envCutoff = envHz;
        filterDecay = envDecay;
        resonance = res;
        return this;
    }

    Instrument vibrato(float hz, float cents) {
        vibRate = hz;
        vibCents = cents;
        return this;
    }

    Instrument noise(float n) {
        noise = n;
        return this;
    }

    Instrument drive(float d) {
        drive = d;
        return this;
    }

    Instrument pluck(float keepPerSecond, float brightness) {
        keep = keepPerSecond;
        bright = brightness;
        return this;
    }

    Instrument fm(float ratio, float index, float indexDecay) {
        this.ratio = ratio;
        this.index = index;
        this.indexDecay = indexDecay;
        return this;
    }

    /** A pitch inside this instrument's range: {@code midi} moved by octaves. */
    public int fit(int midi) {
        int m = midi;
        while (m < low) m += 12;
        while (m > high) m -= 12;
        return m < low ? low : m;
    }

    @Override
    public String toString() {
        return tag;
    }
}
