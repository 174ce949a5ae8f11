package io.colisten.train.labels;

/**
 * A count-min sketch over 64-bit term hashes with two counters per term, both inside one block of
 * 16 ints (64 bytes, one cache line when the array is aligned, two at worst): adding or estimating
 * a term costs one memory miss instead of one per row, which is what limits a sketch of hundreds of
 * MiB. A term's estimate is the smaller of its two counters and never falls below its true count
 * (collisions only add). A light term is over-estimated up to a heavy term's count only if it lands
 * in that term's block and on both of its counters, about (blocks holding a heavy term / blocks)
 * times 1/120.
 *
 * <p>Not thread-safe for adds: each counting thread fills its own sketch and the sketches are
 * summed ({@link #addAll}) — a sum of sketches is the sketch of the union. Plain increments let the
 * processor overlap many misses, which atomic increments would serialise.
 */
final class CountMinSketch {
    static final int BLOCK = 16;

    private final int blocks;
    private final int blockMask;
    private final int[] counters;

    /** The largest sketch with a power-of-two number of blocks within {@code bytes}. */
    static CountMinSketch within(long bytes) {
        long n = bytes / ((long) BLOCK * Integer.BYTES);
        if (n < 64) {
            throw new IllegalArgumentException("sketch budget of " + bytes + " bytes is below 64 blocks of "
                    + BLOCK + " counters");
        }
        return new CountMinSketch((int) Math.min(Long.highestOneBit(n), 1 << 26));
    }

    CountMinSketch(int blocks) {
        if (Integer.bitCount(blocks) != 1) {
            throw new IllegalArgumentException("blocks " + blocks + " is not a power of two");
        }
        this.blocks = blocks;
        this.blockMask = blocks - 1;
        this.counters = new int[blocks * BLOCK];
    }

    /** Counters in all (two per term added). */
    int counters() {
        return counters.length;
    }

    long bytes() {
        return (long) counters.length * Integer.BYTES;
    }

    void add(long hash) {
        int base = ((int) (hash >>> 32) & blockMask) * BLOCK;
        counters[base + first(hash)]++;
        counters[base + second(hash)]++;
    }

    int estimate(long hash) {
        int base = ((int) (hash >>> 32) & blockMask) * BLOCK;
        return Math.min(counters[base + first(hash)], counters[base + second(hash)]);
    }

    /** Adds another sketch of the same size into this one (saturating at Integer.MAX_VALUE). */
    void addAll(CountMinSketch other) {
        if (other.blocks != blocks) {
            throw new IllegalArgumentException("sketch sizes differ: " + other.blocks + " vs " + blocks + " blocks");
        }
        for (int i = 0; i < counters.length; i++) {
            counters[i] = (int) Math.min(Integer.MAX_VALUE, (long) counters[i] + other.counters[i]);
        }
    }

    /** Counter {@code i}'s value (for {@link SketchThresholds}). */
    int counter(int i) {
        return counters[i];
    }

    private static int first(long hash) {
        return (int) hash & (BLOCK - 1);
    }

    /** A different counter of the same block: offset 1..15 from the first. */
    private static int second(long hash) {
        return ((int) hash + 1 + (int) ((hash >>> 4 & 0xFFFF) % (BLOCK - 1))) & (BLOCK - 1);
    }
}
