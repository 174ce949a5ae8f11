package io.colisten.train.world.synth;

import io.colisten.train.world.music.DrumStyle.Kit;
import io.colisten.train.world.music.Instrument;
import io.colisten.train.world.music.Instruments;

/**
 * Drum voices synthesised from sines, pitch sweeps and shaped noise, in the sound of a kit
 * (kick pitch and length, drive, 8-bit voices). Each hit adds into the drum bus from its onset.
 */
final class Drums {
    private final Noise noise;
    private final Kit kit;
    private final Svf svf = new Svf();

    Drums(Noise noise, Kit kit) {
        this.noise = noise;
        this.kit = kit;
    }

    void hit(Instrument voice, float tone, int variant, float vel, int start, float[] out, int end) {
        if (voice == Instruments.KICK) kick(vel, start, out, end);
        else if (voice == Instruments.SNARE) snare(vel, start, out, end);
        else if (voice == Instruments.HIHAT) hat(vel, variant == 1 ? 0.28f : kit.hatDecay, start, out, end);
        else if (voice == Instruments.CLAP) clap(vel, start, out, end);
        else if (voice == Instruments.RIDE) ride(vel, variant == 1, start, out, end);
        else if (voice == Instruments.HAND_DRUM) handDrum(vel, (int) tone, start, out, end);
        else if (voice == Instruments.SHAKER) shaker(vel, start, out, end);
        else if (voice == Instruments.TAIKO) taiko(vel, start, out, end);
        else if (voice == Instruments.CLAVE) clave(vel, start, out, end);
        else throw new IllegalArgumentException(voice + " is not a drum voice");
    }

    private void kick(float vel, int start, float[] out, int end) {
        float base = kit.kickHz * Dsp.INV_SR, sweep = base * 3.5f;
        float sdec = Dsp.decayPerSample(0.03), adec = Dsp.decayPerSample(kit.kickDecay * 0.5);
        int stop = Math.min(end, start + (int) (kit.kickDecay * 3 * Dsp.SR));
        float ph = 0, amp = vel * 0.9f, pre = 1 + kit.drive * 10, post = 1f / Dsp.softClip(pre);
        for (int i = start; i < stop; i++) {
            int t = i - start;
            ph += base + sweep;
            sweep *= sdec;
            if (ph >= 1) ph -= 1;
            float y = kit.chip ? (ph < 0.5f ? 0.6f : -0.6f) : Dsp.sin(ph);
            if (t < 48) y += noise.next() * 0.3f * (1 - t / 48f); // the beater's click
            if (kit.drive > 0) y = Dsp.softClip(y * pre) * post;
            out[i] += y * amp;
            amp *= adec;
            if (amp < 1e-4f) break;
        }
    }

    private void snare(float vel, int start, float[] out, int end) {
        int stop = Math.min(end, start + (int) (0.35 * Dsp.SR));
        float tph = 0, tf = 185 * Dsp.INV_SR, tamp = 0.5f * vel, namp = 0.6f * vel;
        float tdec = Dsp.decayPerSample(0.05), ndec = Dsp.decayPerSample(kit.chip ? 0.06 : 0.11);
        svf.set(kit.chip ? 3000 : 4500, 0.1f);
        float held = 0;
        for (int i = start; i < stop; i++) {
            int t = i - start;
            float n;
            if (kit.chip) {
                if ((t & 3) == 0) held = noise.next();
                n = held;
            } else {
                n = svf.band(noise.next()) * 2.2f;
            }
            float y = n * namp;
            if (!kit.chip) {
                y += Dsp.sin(tph) * tamp;
                tph += tf;
                if (tph >= 1) tph -= 1;
                tamp *= tdec;
            }
            out[i] += y;
            namp *= ndec;
            if (namp < 1e-4f && tamp < 1e-4f) break;
        }
    }

    private void hat(float vel, float decay, int start, float[] out, int end) {
        int stop = Math.min(end, start + (int) (decay * 5 * Dsp.SR));
        svf.set(7000, 0.2f);
        float amp = 0.35f * vel, dec = Dsp.decayPerSample(decay);
        for (int i = start; i < stop; i++) {
            out[i] += svf.high(noise.next()) * amp;
            amp *= dec;
            if (amp < 1e-4f) break;
        }
    }

    private void clap(float vel, int start, float[] out, int end) {
        int stop = Math.min(end, start + (int) (0.3 * Dsp.SR));
        svf.set(1300, 0.3f);
        float amp = 0, dec = Dsp.decayPerSample(0.07);
        for (int i = start; i < stop; i++) {
            int t = i - start;
            if (t == 0 || t == 160 || t == 320) amp = vel * 0.9f; // three hands, 10 ms apart
            out[i] += svf.band(noise.next()) * amp * 2;
            amp *= dec;
        }
    }

    private void ride(float vel, boolean crash, int start, float[] out, int end) {
        float len = crash ? 1.4f : 0.6f;
        int stop = Math.min(end, start + (int) (len * 2 * Dsp.SR));
        float[] f = {3150 * Dsp.INV_SR, 4270 * Dsp.INV_SR, 5210 * Dsp.INV_SR, 6630 * Dsp.INV_SR};
        float p0 = 0, p1 = 0, p2 = 0, p3 = 0;
        svf.set(6000, 0.1f);
        float amp = (crash ? 0.35f : 0.18f) * vel, dec = Dsp.decayPerSample(len * 0.5);
        float noiseMix = crash ? 0.8f : 0.35f;
        for (int i = start; i < stop; i++) {
            p0 += f[0];
            p1 += f[1];
            p2 += f[2];
            p3 += f[3];
            if (p0 >= 1) p0 -= 1;
            if (p1 >= 1) p1 -= 1;
            if (p2 >= 1) p2 -= 1;
            if (p3 >= 1) p3 -= 1;
            float metal = (p0 < 0.5f ? 1 : -1) + (p1 < 0.5f ? 1 : -1) + (p2 < 0.5f ? 1 : -1) + (p3 < 0.5f ? 1 : -1);
            float y = svf.high(metal * 0.25f + noiseMix * noise.next());
            out[i] += y * amp;
            amp *= dec;
            if (amp < 1e-4f) break;
        }
    }

    private void handDrum(float vel, int tone, int start, float[] out, int end) {
        float hz = tone == 0 ? 110 : tone == 1 ? 210 : 330;
        float decay = tone == 0 ? 0.22f : tone == 1 ? 0.14f : 0.05f;
        int stop = Math.min(end, start + (int) (decay * 5 * Dsp.SR));
        float f = hz * Dsp.INV_SR, bend = f * 0.4f, bdec = Dsp.decayPerSample(0.02);
        float amp = 0.8f * vel, dec = Dsp.decayPerSample(decay), slap = tone == 2 ? 0.6f * vel : 0.1f * vel;
        float sdec = Dsp.decayPerSample(0.01), ph = 0;
        for (int i = start; i < stop; i++) {
            ph += f + bend;
            bend *= bdec;
            if (ph >= 1) ph -= 1;
            out[i] += Dsp.sin(ph) * amp + noise.next() * slap;
            amp *= dec;
            slap *= sdec;
        }
    }

    private void shaker(float vel, int start, float[] out, int end) {
        int stop = Math.min(end, start + (int) (0.12 * Dsp.SR));
        svf.set(6500, 0.1f);
        float dec = Dsp.decayPerSample(0.035);
        float amp = 0.3f * vel;
        for (int i = start; i < stop; i++) {
            int t = i - start;
            float a = t < 160 ? t / 160f : 1;
            out[i] += svf.high(noise.next()) * amp * a;
            if (t >= 160) amp *= dec;
        }
    }

    private void taiko(float vel, int start, float[] out, int end) {
        int stop = Math.min(end, start + (int) (1.6 * Dsp.SR));
        float f = 62 * Dsp.INV_SR, bend = 40 * Dsp.INV_SR, bdec = Dsp.decayPerSample(0.05);
        float amp = vel, dec = Dsp.decayPerSample(0.4), ph = 0, thump = 0;
        float a = Dsp.onePole(400), namp = 0.5f * vel, ndec = Dsp.decayPerSample(0.03);
        for (int i = start; i < stop; i++) {
            ph += f + bend;
            bend *= bdec;
            if (ph >= 1) ph -= 1;
            thump += a * (noise.next() - thump);
            out[i] += Dsp.sin(ph) * amp + thump * namp * 3;
            amp *= dec;
            namp *= ndec;
            if (amp < 1e-4f) break;
        }
    }

    private void clave(float vel, int start, float[] out, int end) {
        int stop = Math.min(end, start + (int) (0.12 * Dsp.SR));
        float f = 2500 * Dsp.INV_SR, ph = 0, amp = 0.5f * vel, dec = Dsp.decayPerSample(0.025);
        for (int i = start; i < stop; i++) {
            ph += f;
            if (ph >= 1) ph -= 1;
            out[i] += Dsp.sin(ph) * amp;
            amp *= dec;
        }
    }
}
