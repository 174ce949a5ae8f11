package io.colisten.train.stream;

import io.colisten.engine.random.Rng;
import io.colisten.train.labels.LabelMatrix;
import io.colisten.train.store.FeatureStore;

/**
 * The label-loss stream (paper 3.2.2): batches of B windows, each from a train recording drawn
 * uniformly among those with at least one label (a recording without labels has no l1-normalised
 * target; they are left out and counted), with a uniform window start, and the recording's labels
 * as a sparse target. Same machinery and guarantees as {@link TripletStream}: background threads,
 * batch k a function of (seed, k), the same stream for any thread count.
 */
public final class LabelStream implements AutoCloseable {
    private static final long PURPOSE = 0x1abe1;

    private final TrainingGraph graph;
    private final StreamOptions options;
    private final int[] rows;       // labelled vertices
    private final int[] rowStart;   // CSR over rows
    private final int[] rowLabels;
    private final int unlabelled;
    private final OrderedPrefetcher<LabelBatch> prefetcher;

    private LabelStream(TrainingGraph graph, RecordingLabels labels, StreamOptions options) {
        this.graph = graph;
        this.options = options;
        int n = graph.size();
        int[][] each = new int[n][];
        int labelled = 0;
        long total = 0;
        for (int v = 0; v < n; v++) {
            int[] l = labels.labels(graph.id(v));
            if (l != null && l.length > 0) {
                for (int i = 1; i < l.length; i++) {
                    if (l[i] <= l[i - 1]) throw new IllegalArgumentException("labels of '" + graph.id(v) + "' must ascend without repeats");
                }
                each[v] = l;
                labelled++;
                total += l.length;
            }
        }
        if (labelled == 0) throw new IllegalArgumentException("label stream: no train recording has a label");
        rows = new int[labelled];
        rowStart = new int[labelled + 1];
        rowLabels = new int[Math.toIntExact(total)];
        for (int v = 0, r = 0; v < n; v++) {
            if (each[v] == null) continue;
            rows[r] = v;
            System.arraycopy(each[v], 0, rowLabels, rowStart[r], each[v].length);
            rowStart[r + 1] = rowStart[r] + each[v].length;
            r++;
        }
        unlabelled = n - labelled;
        prefetcher = new OrderedPrefetcher<>("label-stream", options.threads(), options.prefetch(), options.firstBatch(),
                () -> new LabelBatch(graph, options.batchSize()), this::fill);
    }

    public static LabelStream open(TrainingGraph graph, RecordingLabels labels, StreamOptions options) {
        return new LabelStream(graph, labels, options);
    }

    /** The stream over a corpus's label matrix (a train recording absent from it has no label). */
    public static LabelStream open(TrainingGraph graph, LabelMatrix labels, StreamOptions options) {
        return new LabelStream(graph, id -> {
            int row = labels.row(id);
            return row < 0 ? null : labels.labels(row);
        }, options);
    }

    /** The next batch (blocks until it is ready); the previous batch is recycled. */
    public LabelBatch next() {
        return prefetcher.next();
    }

    private void fill(LabelBatch b, long k) {
        Rng rng = new Rng(StreamOptions.batchSeed(options.seed(), PURPOSE, k));
        FeatureStore store = graph.store();
        int window = TrainingGraph.WINDOW_FRAMES * store.bands();
        float[] out = b.data();
        int filled = 0;
        for (int i = 0; i < b.size(); i++) {
            int r = rng.nextInt(rows.length);
            int v = rows[r];
            int start = rng.nextInt(graph.frames(v) - TrainingGraph.WINDOW_FRAMES + 1);
            b.vertex[i] = v;
            b.start[i] = start;
            store.read(graph.ordinal(v), start, TrainingGraph.WINDOW_FRAMES, out, i * window);
            int n = rowStart[r + 1] - rowStart[r];
            b.labelCapacity(filled + n);
            System.arraycopy(rowLabels, rowStart[r], b.labelIds, filled, n);
            java.util.Arrays.fill(b.labelWeights, filled, filled + n, 1f / n);
            b.labelStart[i] = filled;
            filled += n;
        }
        b.labelStart[b.size()] = filled;
        b.index = k;
    }

    /** Train recordings the stream draws from (those with a label). */
    public int labelledRecordings() {
        return rows.length;
    }

    /** Train recordings left out for having no label. */
    public int unlabelledRecordings() {
        return unlabelled;
    }

    public long batches() {
        return prefetcher.handedOut();
    }

    @Override
    public void close() {
        prefetcher.close();
    }
}
