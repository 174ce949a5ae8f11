package io.colisten.train.world.synth;

/**
 * Small deterministic signal helpers. Per-sample code uses only +, *, / and table lookups: Java
 * float arithmetic is exactly specified, so a track renders to the same bits on any thread, JIT
 * state or machine. Transcendentals (StrictMath) are computed once per note, never per sample.
 */
final class Dsp {
    static final int SR = 16_000;
    static final float INV_SR = 1f / SR;
    private static final int TABLE = 4096;
    private static final float[] SIN = new float[TABLE + 1];

    static {
        for (int i = 0; i <= TABLE; i++) SIN[i] = (float) StrictMath.sin(2 * Math.PI * i / TABLE);
    }

    private Dsp() {}

    /** sin(2 pi phase) for phase in [0, 1), linear interpolation in a 4096-entry table. */
    static float sin(float phase) {
        float x = phase * TABLE;
        int i = (int) x;
        float f = x - i;
        i &= TABLE - 1;
        return SIN[i] + f * (SIN[i + 1] - SIN[i]);
    }

    /** Wraps a phase into [0, 1) for phases in [-8, 8). */
    static float wrap(float phase) {
        return phase - (float) Math.floor(phase);
    }

    static float hz(double midi) {
        return (float) (440.0 * StrictMath.pow(2.0, (midi - 69.0) / 12.0));
    }

    /** The per-sample multiplier that decays to 1/e in {@code seconds}. */
    static float decayPerSample(double seconds) {
        return (float) StrictMath.exp(-1.0 / (Math.max(1e-4, seconds) * SR));
    }

    /** A smooth saturator close to tanh on [-3, 3], clamped to [-1, 1] outside. */
    static float softClip(float x) {
        if (x > 3f) return 1f;
        if (x < -3f) return -1f;
        float x2 = x * x;
        return x * (27f + x2) / (27f + 9f * x2);
    }

    /** One-pole low-pass coefficient for a corner frequency (bilinear-free approximation w/(1+w)). */
    static float onePole(double hz) {
        double w = 2 * Math.PI * Math.min(hz, SR * 0.45) / SR;
        return (float) (w / (1 + w));
    }
}
