package io.colisten.train.world.synth;

/**
 * The track's effects and master chain, in place over float buses: a Schroeder reverb (four
 * damped combs in parallel, two all-passes in series), a tempo-synced feedback delay, a two-pole
 * master low-pass (the scene's brightness), drive, loudness normalisation and a soft limiter.
 */
final class Effects {
    private static final int[] COMB = {557, 593, 641, 683};
    private static final int[] ALLPASS = {223, 79};
    private final float[][] comb = new float[COMB.length][];
    private final float[][] allpass = new float[ALLPASS.length][];

    Effects() {
        for (int i = 0; i < COMB.length; i++) comb[i] = new float[COMB[i]];
        for (int i = 0; i < ALLPASS.length; i++) allpass[i] = new float[ALLPASS[i]];
    }

    /** Adds {@code amount} of the reverberated {@code send} into {@code out}; size 0..1 sets the decay. */
    void reverb(float[] send, float[] out, int n, float amount, float size) {
        if (amount <= 0) return;
        for (float[] c : comb) java.util.Arrays.fill(c, 0);
        for (float[] a : allpass) java.util.Arrays.fill(a, 0);
        float fb = 0.7f + 0.25f * size, damp = 0.35f;
        float[] c0 = comb[0], c1 = comb[1], c2 = comb[2], c3 = comb[3];
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int p0 = 0, p1 = 0, p2 = 0, p3 = 0;
        float[] a0 = allpass[0], a1 = allpass[1];
        int q0 = 0, q1 = 0;
        float g = amount * 0.25f;
        for (int i = 0; i < n; i++) {
            float x = send[i] * 0.3f;
            float y0 = c0[p0], y1 = c1[p1], y2 = c2[p2], y3 = c3[p3];
            s0 = y0 + damp * (s0 - y0);
            s1 = y1 + damp * (s1 - y1);
            s2 = y2 + damp * (s2 - y2);
            s3 = y3 + damp * (s3 - y3);
            c0[p0] = x + s0 * fb;
            c1[p1] = x + s1 * fb;
            c2[p2] = x + s2 * fb;
            c3[p3] = x + s3 * fb;
            if (++p0 == c0.length) p0 = 0;
            if (++p1 == c1.length) p1 = 0;
            if (++p2 == c2.length) p2 = 0;
            if (++p3 == c3.length) p3 = 0;
            float y = y0 + y1 + y2 + y3;
            float b = a0[q0];
            float v = y + 0.5f * b;
            a0[q0] = v;
            y = b - 0.5f * v;
            if (++q0 == a0.length) q0 = 0;
            b = a1[q1];
            v = y + 0.5f * b;
            a1[q1] = v;
            y = b - 0.5f * v;
            if (++q1 == a1.length) q1 = 0;
            out[i] += y * g;
        }
    }

    /** A feedback delay of {@code delaySamples} with a darkening loop, added into {@code buf} in place. */
    static void delay(float[] buf, int n, int delaySamples, float mix, float feedback) {
        if (mix <= 0 || delaySamples < 1) return;
        float[] line = new float[delaySamples];
        int p = 0;
        float lp = 0, a = Dsp.onePole(2500);
        for (int i = 0; i < n; i++) {
            float d = line[p];
            lp += a * (d - lp);
            line[p] = buf[i] + lp * feedback;
            if (++p == delaySamples) p = 0;
            buf[i] += lp * mix;
        }
    }

    /** Two one-pole low-passes in series at {@code hz}. */
    static void lowPass(float[] buf, int n, double hz) {
        float a = Dsp.onePole(hz);
        float z1 = 0, z2 = 0;
        for (int i = 0; i < n; i++) {
            z1 += a * (buf[i] - z1);
            z2 += a * (z1 - z2);
            buf[i] = z2;
        }
    }

    /** DC removal, drive (0 none), RMS normalisation to {@code loudnessDb}, soft limiting above 0.7, fades at both ends. */
    static void master(float[] buf, int n, double drive, double loudnessDb) {
        float x1 = 0, y1 = 0; // DC blocker, corner about 13 Hz: pulse waves with unequal halves carry DC
        for (int i = 0; i < n; i++) {
            float x = buf[i];
            y1 = x - x1 + 0.995f * y1;
            x1 = x;
            buf[i] = y1;
        }
        if (drive > 0) {
            float pre = (float) (1 + drive * 4), post = 1f / Dsp.softClip(pre);
            for (int i = 0; i < n; i++) buf[i] = Dsp.softClip(buf[i] * pre) * post;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) sum += (double) buf[i] * buf[i];
        double rms = Math.sqrt(sum / Math.max(1, n));
        float gain = rms < 1e-9 ? 0 : (float) (StrictMath.pow(10, loudnessDb / 20) / rms);
        int fadeIn = Math.min(n, 160), fadeOut = Math.min(n, Dsp.SR * 3 / 2);
        for (int i = 0; i < n; i++) {
            float x = buf[i] * gain;
            float ax = Math.abs(x);
            if (ax > 0.7f) x = Math.signum(x) * (0.7f + 0.29f * Dsp.softClip((ax - 0.7f) / 0.29f));
            if (i < fadeIn) x *= i / (float) fadeIn;
            int left = n - i;
            if (left < fadeOut) x *= left / (float) fadeOut;
            buf[i] = x;
        }
    }
}
