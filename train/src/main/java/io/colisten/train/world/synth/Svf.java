package io.colisten.train.world.synth;

/**
 * A state-variable filter in the topology-preserving form (Zavalishin), stable for any cutoff
 * below Nyquist. tan() comes from a rational approximation so that moving cutoffs cost no
 * transcendental calls; callers move the cutoff every few samples, not every sample.
 */
final class Svf {
    private float ic1, ic2;
    private float a1, a2, a3, k;

    /** Cutoff in Hz (clamped to 0.45 of the sample rate) and resonance 0..1 (1 self-oscillates). */
    void set(float hz, float resonance) {
        float x = (float) Math.PI * Math.max(10f, Math.min(hz, Dsp.SR * 0.45f)) * Dsp.INV_SR;
        float x2 = x * x;
        float g = x * (15f - x2) / (15f - 6f * x2); // tan(x) for x < 1.42
        k = 2f - 1.96f * Math.max(0f, Math.min(1f, resonance));
        a1 = 1f / (1f + g * (g + k));
        a2 = g * a1;
        a3 = g * a2;
    }

    float low(float v0) {
        float v3 = v0 - ic2;
        float v1 = a1 * ic1 + a2 * v3;
        float v2 = ic2 + a2 * ic1 + a3 * v3;
        ic1 = 2 * v1 - ic1;
        ic2 = 2 * v2 - ic2;
        return v2;
    }

    float band(float v0) {
        float v3 = v0 - ic2;
        float v1 = a1 * ic1 + a2 * v3;
        float v2 = ic2 + a2 * ic1 + a3 * v3;
        ic1 = 2 * v1 - ic1;
        ic2 = 2 * v2 - ic2;
        return v1;
    }

    float high(float v0) {
        float v3 = v0 - ic2;
        float v1 = a1 * ic1 + a2 * v3;
        float v2 = ic2 + a2 * ic1 + a3 * v3;
        ic1 = 2 * v1 - ic1;
        ic2 = 2 * v2 - ic2;
        return v0 - k * v1 - v2;
    }
}
