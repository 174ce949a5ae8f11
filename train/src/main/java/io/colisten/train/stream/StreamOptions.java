package io.colisten.train.stream;

/**
 * Settings of a batch stream.
 *
 * @param batchSize B, windows (triplets) per batch; the paper's 132
 * @param threads background threads building batches
 * @param prefetch batches kept ready beyond those being built
 * @param seed the stream's seed: batch k is a function of (seed, k) and the data alone
 * @param firstBatch the index of the stream's first batch: a resumed run continues at the batch
 *        after the last one it used, and gets exactly the batches the uninterrupted run would have
 */
public record StreamOptions(int batchSize, int threads, int prefetch, long seed, long firstBatch) {
    public static final StreamOptions DEFAULT = new StreamOptions(132, 2, 2, 1);

    public StreamOptions(int batchSize, int threads, int prefetch, long seed) {
        this(batchSize, threads, prefetch, seed, 0);
    }

    public StreamOptions {
        if (firstBatch < 0) throw new IllegalArgumentException("stream: first batch must be >= 0, got " + firstBatch);
        if (batchSize < 1) throw new IllegalArgumentException("stream: batch size must be >= 1, got " + batchSize);
        if (threads < 1) throw new IllegalArgumentException("stream: threads must be >= 1, got " + threads);
        if (prefetch < 0) throw new IllegalArgumentException("stream: prefetch must be >= 0, got " + prefetch);
    }

    public StreamOptions withBatchSize(int b) {
        return new StreamOptions(b, threads, prefetch, seed, firstBatch);
    }

    public StreamOptions withThreads(int t) {
        return new StreamOptions(batchSize, t, prefetch, seed, firstBatch);
    }

    public StreamOptions withPrefetch(int p) {
        return new StreamOptions(batchSize, threads, p, seed, firstBatch);
    }

    public StreamOptions withSeed(long s) {
        return new StreamOptions(batchSize, threads, prefetch, s, firstBatch);
    }

    public StreamOptions withFirstBatch(long k) {
        return new StreamOptions(batchSize, threads, prefetch, seed, k);
    }

    /** The seed of batch {@code k}'s random stream: SplitMix64 finalisers over (seed, purpose, k). */
    static long batchSeed(long seed, long purpose, long k) {
        long h = mix(seed + 0x9E3779B97F4A7C15L);
        h = mix(h ^ purpose * 0xD1B54A32D192ED03L);
        return mix(h ^ (k * 0x8CB92BA72F3D8DD7L + 0x632BE59BD9B4E019L));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
