package io.colisten.train.stream;

import io.colisten.engine.random.Rng;
import io.colisten.train.store.FeatureStore;

/**
 * The paper's triplet stream (section 3.2.1) as batches: B triplets drawn by {@link TripletSampler}
 * from the train graph, a random 3-second window of each recording (start uniform over the
 * recording's whole windows) read from the feature store as float32. Built by background threads
 * ({@link OrderedPrefetcher}) so that training does not wait; batch k depends only on (seed, k),
 * hence the same stream for any thread count. Close the stream before the store.
 *
 * <pre>
 * try (TripletStream s = TripletStream.open(graph, options)) {
 *     for (int step = 0; ; step++) {
 *         TripletBatch b = s.next();   // valid until the next call
 *         ... b.anchors(), b.positives(), b.negatives(): B x 1 x 300 x 64 ...
 *     }
 * }
 * </pre>
 */
public final class TripletStream implements AutoCloseable {
    private static final long PURPOSE = 0x7121;

    private final TrainingGraph graph;
    private final TripletSampler sampler;
    private final StreamOptions options;
    private final OrderedPrefetcher<TripletBatch> prefetcher;
    private long triplets, fallbacks, degenerate; // consumer side, over batches handed out

    private TripletStream(TrainingGraph graph, StreamOptions options) {
        this.graph = graph;
        this.sampler = TripletSampler.of(graph);
        this.options = options;
        this.prefetcher = new OrderedPrefetcher<>("triplet-stream", options.threads(), options.prefetch(), options.firstBatch(),
                () -> new TripletBatch(graph, options.batchSize()), this::fill);
    }

    /** Starts the background threads; fails when the graph has no edge. */
    public static TripletStream open(TrainingGraph graph, StreamOptions options) {
        return new TripletStream(graph, options);
    }

    /** The next batch (blocks until it is ready); the previous batch is recycled. */
    public TripletBatch next() {
        TripletBatch b = prefetcher.next();
        triplets += b.size();
        fallbacks += b.fallbacks;
        degenerate += b.degenerate;
        return b;
    }

    /** Batch {@code k} of the stream: triplets from (seed, k), then one window start per row and role. */
    private void fill(TripletBatch b, long k) {
        Rng rng = new Rng(StreamOptions.batchSeed(options.seed(), PURPOSE, k));
        int size = b.size();
        int fallback = 0, degen = 0;
        for (int i = 0; i < size; i++) {
            int kind = sampler.draw(rng, b.triplets, 3 * i);
            if (kind != TripletSampler.HARD) fallback++;
            if (kind == TripletSampler.DEGENERATE) degen++;
        }
        FeatureStore store = graph.store();
        int window = TrainingGraph.WINDOW_FRAMES * store.bands();
        for (Role role : Role.values()) {
            float[] out = b.data();
            int base = role.ordinal() * size * window;
            int[] starts = b.starts[role.ordinal()];
            for (int i = 0; i < size; i++) {
                int v = b.triplets[3 * i + role.ordinal()];
                int start = rng.nextInt(graph.frames(v) - TrainingGraph.WINDOW_FRAMES + 1);
                starts[i] = start;
                store.read(graph.ordinal(v), start, TrainingGraph.WINDOW_FRAMES, out, base + i * window);
            }
        }
        markExcluded(b);
        b.index = k;
        b.fallbacks = fallback;
        b.degenerate = degen;
    }

    /**
     * excluded[i][j]: window j's recording is anchor i's own or one of its neighbours. The batch's
     * 3B vertices are sorted once (vertex << 32 | column) and merged with each anchor's sorted
     * neighbour list: O(B (3B + degree)) sequential steps, where a binary search per (i, j) cost
     * about as much as reading the windows (cache misses over the graph).
     */
    private void markExcluded(TripletBatch b) {
        int size = b.size(), cols = 3 * size;
        long[] byVertex = b.byVertex;
        for (int j = 0; j < cols; j++) byVertex[j] = (long) b.triplets[3 * (j % size) + j / size] << 32 | j;
        java.util.Arrays.sort(byVertex);
        int[] off = graph.graph().offsets(), nbr = graph.graph().neighbours();
        for (int i = 0; i < size; i++) {
            int a = b.triplets[3 * i], row = i * cols;
            int q = off[a], end = off[a + 1];
            for (int k = 0; k < cols; k++) {
                int v = (int) (byVertex[k] >>> 32);
                while (q < end && nbr[q] < v) q++;
                b.excluded[row + (int) byVertex[k]] = v == a || (q < end && nbr[q] == v);
            }
        }
    }

    public TrainingGraph graph() {
        return graph;
    }

    public StreamOptions options() {
        return options;
    }

    /** Batches handed out so far. */
    public long batches() {
        return prefetcher.handedOut();
    }

    /** Triplets handed out so far. */
    public long triplets() {
        return triplets;
    }

    /** Of the triplets handed out, those whose negative came from the fallback. */
    public long fallbackNegatives() {
        return fallbacks;
    }

    /** Fraction of handed-out triplets with a fallback negative (0 before the first batch). */
    public double fallbackFraction() {
        return triplets == 0 ? 0 : (double) fallbacks / triplets;
    }

    /** Of the fallbacks, those whose anchor was adjacent to every other recording. */
    public long degenerateNegatives() {
        return degenerate;
    }

    @Override
    public void close() {
        prefetcher.close();
    }
}
