package io.colisten.train.world.synth;

/**
 * ADSR amplitude envelope, one value per sample: linear attack, exponential decay to the sustain
 * level, exponential release after the note's length, down by 60 dB at the end of the release time.
 */
final class Envelope {
    private final int attack, len;
    private final float attackStep, sustain, decayMul, releaseMul;
    private float level;
    private int t;

    Envelope(float attackS, float decayS, float sustain, float releaseS, int len) {
        attack = Math.max(1, (int) (attackS * Dsp.SR));
        attackStep = 1f / attack;
        this.sustain = sustain;
        this.len = len;
        decayMul = Dsp.decayPerSample(decayS);
        releaseMul = Dsp.decayPerSample(releaseS / 7); // -60 dB when the release time is over
    }

    float next() {
        int i = t++;
        if (i >= len) {
            level *= releaseMul;
        } else if (i < attack) {
            level = i * attackStep;
        } else {
            level = sustain + (level - sustain) * decayMul;
        }
        return level;
    }
}
