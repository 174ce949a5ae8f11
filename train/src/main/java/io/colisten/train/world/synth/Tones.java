package io.colisten.train.world.synth;

import io.colisten.train.world.music.Instrument;

/**
 * Renders one pitched note of an instrument into a bus, adding to what is there. A note sounds
 * for {@code len} samples and then rings out for its release; everything past the bus end is cut.
 * {@code bright} (about 0.3 to 1.6; 1 for a 6 kHz master) scales filter cutoffs: the track's tone colour. Shapes: out[start .. start+len+tail).
 */
final class Tones {
    private final Noise noise;
    private final Svf svf = new Svf();
    private final Svf svf2 = new Svf();
    private final float[] unisonPhase = new float[3];
    private float[] pluckLine = new float[512];

    Tones(Noise noise) {
        this.noise = noise;
    }

    void render(Instrument ins, float midi, float glideFrom, float vel, int start, int len, float bright,
                float[] out, int end) {
        switch (ins.kind) {
            case SUBTRACTIVE -> subtractive(ins, midi, vel, start, len, bright, out, end);
            case PLUCK -> pluck(ins, midi, vel, start, len, bright, out, end);
            case FM -> fm(ins, midi, vel, start, len, out, end);
            case ORGAN -> organ(ins, midi, vel, start, len, out, end);
            case SUB808 -> sub808(ins, midi, glideFrom, vel, start, len, out, end);
            case TEXTURE -> texture(ins, midi, vel, start, len, bright, out, end);
            case VINYL -> vinyl(ins, vel, start, len, out, end);
            case DRUM -> throw new IllegalArgumentException("drum voice " + ins + " is rendered by Drums");
        }
    }

    private void subtractive(Instrument ins, float midi, float vel, int start, int len, float bright, float[] out, int end) {
        int rel = (int) (ins.release * Dsp.SR);
        int stop = Math.min(end, start + len + rel);
        float f = Dsp.hz(midi) * Dsp.INV_SR;
        int voices = ins.unison;
        float[] det = new float[voices];
        for (int u = 0; u < voices; u++) {
            double cents = voices == 1 ? 0 : ins.detuneCents * (2.0 * u / (voices - 1) - 1);
            det[u] = (float) (f * StrictMath.pow(2, cents / 1200));
            unisonPhase[u] = u * 0.31f;
        }
        float saw = ins.saw / voices, pulse = ins.pulse / voices, sine = ins.sine / voices, tri = ins.tri / voices;
        float width = ins.width;
        float vibStep = ins.vibRate * Dsp.INV_SR, vibDepth = ins.vibCents * 0.000578f, vibPhase = 0;
        float base = Math.min(ins.cutoff * bright, 7000f), envHz = ins.envCutoff * bright;
        float fenv = 1, fdec = Dsp.decayPerSample(ins.filterDecay);
        float filterOpen = ins.cutoff >= 7900 && ins.envCutoff == 0 ? 1 : 0;
        Envelope env = new Envelope(ins.attack, ins.decay, ins.sustain, ins.release, len);
        float gain = vel * ins.gain, drive = ins.drive;
        float pre = 1 + drive * 8, post = drive > 0 ? 1f / Dsp.softClip(pre) : 1;
        svf.set(base + envHz, ins.resonance);
        for (int i = start; i < stop; i++) {
            int t = i - start;
            if ((t & 15) == 0 && filterOpen == 0) {
                svf.set(base + envHz * fenv, ins.resonance);
            }
            fenv *= fdec;
            float vib = 1;
            if (vibDepth != 0) {
                vib = 1 + vibDepth * Dsp.sin(vibPhase) * Math.min(1f, t * (1f / 4000));
                vibPhase += vibStep;
                if (vibPhase >= 1) vibPhase -= 1;
            }
            float x = 0;
            for (int u = 0; u < voices; u++) {
                float dt = det[u] * vib;
                float ph = unisonPhase[u] + dt;
                if (ph >= 1) ph -= 1;
                unisonPhase[u] = ph;
                if (saw != 0) x += saw * (2 * ph - 1 - blep(ph, dt));
                if (pulse != 0) {
                    float p2 = ph - width;
                    if (p2 < 0) p2 += 1;
                    x += pulse * ((ph < width ? 1 : -1) + blep(ph, dt) - blep(p2, dt));
                }
                if (sine != 0) x += sine * Dsp.sin(ph);
                if (tri != 0) x += tri * (4 * Math.abs(ph - 0.5f) - 1);
            }
            if (ins.noise != 0) x += ins.noise * noise.next();
            float y = filterOpen == 0 ? svf.low(x) : x;
            if (drive != 0) y = Dsp.softClip(y * pre) * post;
            out[i] += y * env.next() * gain;
        }
    }

    /**
     * PolyBLEP: the correction that band-limits a unit step at phase 0 of an oscillator advancing
     * {@code dt} a sample, so saws and pulses do not alias into noise at 16 kHz.
     */
    private static float blep(float t, float dt) {
        if (t < dt) {
            t /= dt;
            return t + t - t * t - 1;
        }
        if (t > 1 - dt) {
            t = (t - 1) / dt;
            return t * t + t + t + 1;
        }
        return 0;
    }

    private void pluck(Instrument ins, float midi, float vel, int start, int len, float bright, float[] out, int end) {
        float hz = Dsp.hz(midi);
        float period = Dsp.SR / hz;
        int n = (int) period;
        float frac = period - n; // fractional part through a first-order all-pass
        if (n < 2) return;
        if (pluckLine.length < n) pluckLine = new float[n * 2];
        float[] line = pluckLine;
        float lp = 0, a = Math.max(0.05f, Math.min(1f, ins.bright * Math.min(1.2f, bright) + 0.1f));
        for (int i = 0; i < n; i++) { // excitation: low-passed noise, its level removed
            lp += a * (noise.next() - lp);
            line[i] = lp;
        }
        float mean = 0;
        for (int i = 0; i < n; i++) mean += line[i];
        mean /= n;
        for (int i = 0; i < n; i++) line[i] -= mean;
        float c = (1 - frac) / (1 + frac);
        float loss = (float) StrictMath.pow(Math.max(1e-4, ins.keep), 1.0 / hz);
        float damp = Dsp.decayPerSample(0.04);
        int rel = (int) (0.08 * Dsp.SR);
        int stop = Math.min(end, start + len + rel);
        float gain = vel * ins.gain * 2.2f, ap = 0, prevIn = 0, amp = 1;
        int p = 0;
        float prev = line[n - 1];
        for (int i = start; i < stop; i++) {
            float cur = line[p];
            float avg = 0.5f * (cur + prev) * loss;
            prev = cur;
            float y = c * (avg - ap) + prevIn; // all-pass: y[n] = c x[n] + x[n-1] - c y[n-1]
            prevIn = avg;
            ap = y;
            line[p] = y;
            if (++p == n) p = 0;
            if (i - start >= len) amp *= damp;
            out[i] += cur * amp * gain;
        }
    }

    private void fm(Instrument ins, float midi, float vel, int start, int len, float[] out, int end) {
        float f = Dsp.hz(midi) * Dsp.INV_SR, fm = f * ins.ratio;
        int rel = (int) (ins.release * Dsp.SR);
        int stop = Math.min(end, start + len + rel);
        float index = ins.index * (0.6f + 0.5f * vel), idec = Dsp.decayPerSample(ins.indexDecay);
        float amp = 1, adec = Dsp.decayPerSample(ins.decay), rdec = Dsp.decayPerSample(ins.release * 0.3);
        float att = 1f / Math.max(1, ins.attack * Dsp.SR);
        float trem = ins.vibRate * Dsp.INV_SR, tremPhase = 0;
        float pc = 0, pm = 0, gain = vel * ins.gain;
        for (int i = start; i < stop; i++) {
            int t = i - start;
            float mod = index * Dsp.sin(pm) * 0.159155f; // radians to cycles
            float y = Dsp.sin(Dsp.wrap(pc + mod));
            pc += f;
            if (pc >= 1) pc -= 1;
            pm += fm;
            if (pm >= 1) pm -= 1;
            index *= idec;
            amp *= t < len ? adec : rdec;
            if (amp < 1e-4f) break; // -80 dB: the rest is silence
            float a = t * att < 1 ? t * att : 1;
            if (trem != 0) {
                y *= 1 + 0.15f * Dsp.sin(tremPhase);
                tremPhase += trem;
                if (tremPhase >= 1) tremPhase -= 1;
            }
            out[i] += y * amp * a * gain;
        }
    }

    private static final float[] DRAWBARS = {1f, 0.8f, 0.5f, 0.45f, 0.2f, 0.15f};
    private static final float[] HARMONIC = {1, 2, 3, 4, 6, 8};

    private void organ(Instrument ins, float midi, float vel, int start, int len, float[] out, int end) {
        float f = Dsp.hz(midi) * Dsp.INV_SR;
        int stop = Math.min(end, start + len + (int) (ins.release * Dsp.SR));
        Envelope env = new Envelope(ins.attack, ins.decay, ins.sustain, ins.release, len);
        int h = 0;
        while (h < HARMONIC.length && HARMONIC[h] * f < 0.45f) h++;
        float ph = 0, vib = ins.vibRate * Dsp.INV_SR, vph = 0, gain = vel * ins.gain;
        for (int i = start; i < stop; i++) {
            float x = 0;
            for (int k = 0; k < h; k++) {
                float p = ph * HARMONIC[k];
                x += DRAWBARS[k] * Dsp.sin(p - (int) p);
            }
            ph += f * (1 + 0.0005f * Dsp.sin(vph));
            if (ph >= 1) ph -= 1;
            vph += vib;
            if (vph >= 1) vph -= 1;
            out[i] += x * env.next() * gain;
        }
    }

    private void sub808(Instrument ins, float midi, float glideFrom, float vel, int start, int len, float[] out, int end) {
        float target = Dsp.hz(midi) * Dsp.INV_SR;
        float from = Float.isNaN(glideFrom) ? target * 2.2f : Dsp.hz(glideFrom) * Dsp.INV_SR;
        float glide = Float.isNaN(glideFrom) ? Dsp.decayPerSample(0.02) : Dsp.decayPerSample(0.07);
        int stop = Math.min(end, start + len + (int) (ins.release * Dsp.SR));
        float diff = from - target, amp = 1, adec = Dsp.decayPerSample(ins.decay), rdec = Dsp.decayPerSample(0.02);
        float ph = 0, gain = vel * ins.gain, pre = 1 + ins.drive * 6, post = 1f / Dsp.softClip(pre);
        for (int i = start; i < stop; i++) {
            int t = i - start;
            ph += target + diff;
            diff *= glide;
            if (ph >= 1) ph -= 1;
            amp *= t < len ? adec : rdec;
            if (amp < 1e-4f) break;
            float a = t < 40 ? t / 40f : 1;
            out[i] += Dsp.softClip(Dsp.sin(ph) * pre) * post * amp * a * gain;
        }
    }

    private void texture(Instrument ins, float midi, float vel, int start, int len, float bright, float[] out, int end) {
        int stop = Math.min(end, start + len + (int) (ins.release * Dsp.SR));
        Envelope env = new Envelope(ins.attack, ins.decay, ins.sustain, ins.release, len);
        float lfo = (0.03f + 0.02f * (midi % 5)) * Dsp.INV_SR, lph = (midi % 7) / 7f;
        float lo = ins.cutoff * Math.min(1.5f, bright), span = ins.envCutoff * Math.min(1.5f, bright);
        float gain = vel * ins.gain, z = 0, a = Dsp.onePole(lo + span);
        for (int i = start; i < stop; i++) {
            if (((i - start) & 31) == 0) {
                svf2.set(lo + span * 0.5f * (1 + Dsp.sin(lph)), ins.resonance);
            }
            lph += lfo;
            if (lph >= 1) lph -= 1;
            z += a * (svf2.band(noise.next()) - z); // a second pole: the band's upper skirt falls faster
            out[i] += z * env.next() * gain;
        }
    }

    private void vinyl(Instrument ins, float vel, int start, int len, float[] out, int end) {
        int stop = Math.min(end, start + len);
        float hiss = 0, click = 0, cdec = Dsp.decayPerSample(0.0008), gain = vel * ins.gain;
        float a = Dsp.onePole(3000);
        for (int i = start; i < stop; i++) {
            float n = noise.next();
            hiss += a * (n - hiss);
            if (n > 0.9994f) click = noise.next() * 6;
            click *= cdec;
            out[i] += (hiss * 0.5f + click) * gain;
        }
    }
}
