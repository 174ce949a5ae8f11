package io.colisten.engine.random;

/**
 * Our seeded generator: xoshiro256** (Blackman and Vigna), its state seeded by SplitMix64 from one
 * long, plus a deterministic normal sampler (Box-Muller on StrictMath, so the values are the same
 * on every JVM and machine). Not thread-safe: give each thread its own {@link #fork()}.
 */
public final class Rng {
    private long s0, s1, s2, s3;
    private double spare;
    private boolean hasSpare;

    /** Length of {@link #state()}: s0..s3, whether a normal is pending, and its bits. */
    public static final int STATE_LENGTH = 6;

    private Rng() {}

    public Rng(long seed) {
        long x = seed;
        x += 0x9E3779B97F4A7C15L; s0 = mix(x);
        x += 0x9E3779B97F4A7C15L; s1 = mix(x);
        x += 0x9E3779B97F4A7C15L; s2 = mix(x);
        x += 0x9E3779B97F4A7C15L; s3 = mix(x);
    }

    /** SplitMix64's output function. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, 1) with 24 random bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in [0, bound), unbiased (Lemire's method). */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("rng: bound must be positive, got " + bound);
        long m = (nextLong() >>> 32) * bound;
        if ((m & 0xFFFFFFFFL) < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while ((m & 0xFFFFFFFFL) < threshold) m = (nextLong() >>> 32) * bound;
        }
        return (int) (m >>> 32);
    }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Standard normal, two per Box-Muller pair. */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u1 = 1.0 - nextDouble(); // (0, 1]: log stays finite
        double u2 = nextDouble();
        double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        double a = 2.0 * Math.PI * u2;
        spare = r * StrictMath.sin(a);
        hasSpare = true;
        return r * StrictMath.cos(a);
    }

    /**
     * The whole state, for checkpoints: {s0, s1, s2, s3, 1 if a Box-Muller normal is pending else
     * 0, the pending normal's bits}. {@link #fromState} continues the stream exactly, normals
     * included.
     */
    public long[] state() {
        return new long[] {s0, s1, s2, s3, hasSpare ? 1 : 0, Double.doubleToRawLongBits(spare)};
    }

    /** A generator continuing from a {@link #state()}. */
    public static Rng fromState(long[] state) {
        if (state == null || state.length != STATE_LENGTH) {
            throw new IllegalArgumentException("rng: a state has " + STATE_LENGTH + " longs, got "
                    + (state == null ? "null" : state.length));
        }
        if ((state[0] | state[1] | state[2] | state[3]) == 0) {
            throw new IllegalArgumentException("rng: an all-zero xoshiro256** state is not reachable from a seed");
        }
        if (state[4] != 0 && state[4] != 1) {
            throw new IllegalArgumentException("rng: the pending-normal flag must be 0 or 1, got " + state[4]);
        }
        Rng r = new Rng();
        r.s0 = state[0];
        r.s1 = state[1];
        r.s2 = state[2];
        r.s3 = state[3];
        r.hasSpare = state[4] == 1;
        r.spare = Double.longBitsToDouble(state[5]);
        return r;
    }

    /** An independent generator seeded from this one's stream. */
    public Rng fork() {
        return new Rng(nextLong());
    }
}
