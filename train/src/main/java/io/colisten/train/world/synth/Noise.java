package io.colisten.train.world.synth;

/** A per-track white noise source (xorshift32): fast and seeded, so audio stays deterministic. */
final class Noise {
    private int state;

    Noise(long seed) {
        state = (int) (seed ^ (seed >>> 32));
        if (state == 0) state = 0x6D2B79F5;
    }

    /** Uniform in [-1, 1). */
    float next() {
        int x = state;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        state = x;
        return x * (1f / 2147483648f);
    }
}
