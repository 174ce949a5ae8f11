package io.colisten.train.world;

import io.colisten.engine.random.Rng;

/**
 * Independent random streams of a world, each named by (world seed, purpose, index): the plan of
 * track 17 comes from (seed, PLAN, 17) whatever else is generated, in whatever order and on whatever
 * thread, which is what makes the output byte-identical across thread counts and resumed runs.
 */
public final class Seeds {
    /** The latent attributes of a track (scene, artist, tempo, key, length, instruments). */
    public static final long PLAN = 1;
    /** The notes and the synthesis of a track's audio. */
    public static final long AUDIO = 2;
    /** A track's title and description. */
    public static final long TEXT = 3;
    /** A listener's taste and sessions. */
    public static final long LISTENER = 4;
    /** An artist's name, home scene and sound. */
    public static final long ARTIST = 5;
    /** A track's place in the world: its second scene when mixed, its artist, its popularity. */
    public static final long CAST = 6;
    /** World-wide draws (the shuffled scene quota). */
    public static final long WORLD = 7;

    private Seeds() {}

    /** A generator for one (seed, purpose, index) stream. */
    public static Rng stream(long seed, long purpose, long index) {
        return new Rng(key(seed, purpose, index));
    }

    /** The 64-bit key of a stream: SplitMix64 finalisers chained over the three parts. */
    public static long key(long seed, long purpose, long index) {
        long h = mix(seed + 0x9E3779B97F4A7C15L);
        h = mix(h ^ (purpose * 0xD1B54A32D192ED03L));
        return mix(h ^ (index * 0x8CB92BA72F3D8DD7L + 0x632BE59BD9B4E019L));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
