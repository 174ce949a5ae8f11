package io.colisten.train.wmf;

/**
 * SplitMix64's step and finaliser as a pure function of a 64-bit key. The WMF initial factors and
 * the synthetic benchmark graphs are defined through it, element by element, so they need no
 * sequential random stream (any thread can make any part) and a NumPy script can rebuild the same
 * numbers with uint64 arithmetic (bench/peer/wmf.py does).
 */
public final class Mix64 {
    private Mix64() {}

    /** splitmix64(x): z = x + golden gamma, then the two xor-shift-multiply rounds and a final xor-shift. */
    public static long mix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The i-th value of stream {@code (seed, purpose)}: mix(mix(seed + purpose) + i). */
    public static long at(long seed, long purpose, long i) {
        return mix(mix(seed + purpose) + i);
    }

    /** Uniform in [-1, 1) with 24 random bits, exactly representable in float. */
    public static float signedUnit(long h) {
        return (h >>> 40) * 0x1p-23f - 1f;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public static double unit(long h) {
        return (h >>> 11) * 0x1p-53;
    }
}
