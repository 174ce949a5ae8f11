package io.colisten.train.world.music;

import java.util.Arrays;

/**
 * The notes of one track, as parallel arrays (a track has a few thousand). Times are in samples;
 * pitch is a MIDI note number (fractional allowed); {@code glideFrom} is the pitch a note slides
 * from at its onset (NaN: none); {@code variant} selects a drum voice's variant (1: open hi-hat).
 */
public final class Score {
    private int n;
    private Instrument[] instrument = new Instrument[256];
    private int[] start = new int[256], length = new int[256], variant = new int[256];
    private float[] pitch = new float[256], velocity = new float[256], glideFrom = new float[256];

    public void add(Instrument ins, int startSample, int lengthSamples, float midi, float vel) {
        add(ins, startSample, lengthSamples, midi, vel, Float.NaN, 0);
    }

    public void add(Instrument ins, int startSample, int lengthSamples, float midi, float vel, float glide, int var) {
        if (lengthSamples <= 0 || vel <= 0) return;
        if (n == start.length) grow();
        instrument[n] = ins;
        start[n] = Math.max(0, startSample);
        length[n] = lengthSamples;
        pitch[n] = midi;
        velocity[n] = vel;
        glideFrom[n] = glide;
        variant[n] = var;
        n++;
    }

    private void grow() {
        int c = n * 2;
        instrument = Arrays.copyOf(instrument, c);
        start = Arrays.copyOf(start, c);
        length = Arrays.copyOf(length, c);
        variant = Arrays.copyOf(variant, c);
        pitch = Arrays.copyOf(pitch, c);
        velocity = Arrays.copyOf(velocity, c);
        glideFrom = Arrays.copyOf(glideFrom, c);
    }

    public int size() {
        return n;
    }

    public Instrument instrument(int i) {
        return instrument[i];
    }

    public int start(int i) {
        return start[i];
    }

    public int length(int i) {
        return length[i];
    }

    public float pitch(int i) {
        return pitch[i];
    }

    public float velocity(int i) {
        return velocity[i];
    }

    public float glideFrom(int i) {
        return glideFrom[i];
    }

    public int variant(int i) {
        return variant[i];
    }

    /** True when some note of this instrument was written. */
    public boolean uses(Instrument ins) {
        for (int i = 0; i < n; i++) if (instrument[i] == ins) return true;
        return false;
    }
}
