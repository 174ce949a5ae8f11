package io.colisten.train.stream;

import io.colisten.engine.Tensor;

/**
 * B triplets of 3-second windows: three CPU tensors of B x 1 x 300 x 64 (row i of each is one
 * triplet), the train-graph vertices and window starts behind every row, and the neighbour
 * relation that the loss's in-batch negative mining needs. Owned by its {@link TripletStream}:
 * valid until the stream's next {@code next()}, then refilled (its tensors are reused).
 */
public final class TripletBatch {
    private final TrainingGraph graph;
    private final int size;
    private final WindowTensor all;          // 3B windows, role-major: anchors, positives, negatives
    private final Tensor[] roles = new Tensor[3]; // views of all: B windows each
    final int[] triplets;   // B x 3 vertices: (a, p, n) per row
    final int[][] starts;   // [role][row]: first frame of the window
    final boolean[] excluded; // B x 3B, see excluded()
    final long[] byVertex;    // 3B: scratch for the exclusion mask
    long index;
    int fallbacks, degenerate;

    TripletBatch(TrainingGraph graph, int size) {
        this.graph = graph;
        this.size = size;
        int bands = graph.store().bands();
        all = WindowTensor.allocate(3 * size, TrainingGraph.WINDOW_FRAMES, bands);
        int window = TrainingGraph.WINDOW_FRAMES * bands;
        Tensor t = all.tensor();
        for (int r = 0; r < 3; r++) {
            roles[r] = new Tensor(t.backend(), t.storage(), r * size * window, new int[] {size, 1, TrainingGraph.WINDOW_FRAMES, bands});
        }
        triplets = new int[3 * size];
        starts = new int[3][size];
        excluded = new boolean[size * 3 * size];
        byVertex = new long[3 * size];
    }

    /** Position of this batch in its stream (0, 1, 2, ...). */
    public long index() {
        return index;
    }

    /** Triplets (B). */
    public int size() {
        return size;
    }

    /** The windows of one role, B x 1 x 300 x bands (a view of {@link #all()}). */
    public Tensor windows(Role role) {
        return roles[role.ordinal()];
    }

    /**
     * All 3B windows in one tensor, 3B x 1 x 300 x bands, role-major: anchors in rows [0, B),
     * positives in [B, 2B), negatives in [2B, 3B), the numbering of {@link #excluded}. One forward
     * pass over it gives batch norm the statistics of the whole batch, as a single network call on
     * the concatenated triplets would.
     */
    public Tensor all() {
        return all.tensor();
    }

    public Tensor anchors() {
        return windows(Role.ANCHOR);
    }

    public Tensor positives() {
        return windows(Role.POSITIVE);
    }

    public Tensor negatives() {
        return windows(Role.NEGATIVE);
    }

    /** The array behind {@link #all()} (row-major; role r's row i at (r B + i) x 300 x bands). */
    float[] data() {
        return all.data();
    }

    /** The train-graph vertex (recording) of a row's window. */
    public int vertex(Role role, int row) {
        return triplets[3 * row + role.ordinal()];
    }

    /** The feature-store ordinal of a row's recording. */
    public int ordinal(Role role, int row) {
        return graph.ordinal(vertex(role, row));
    }

    public String id(Role role, int row) {
        return graph.id(vertex(role, row));
    }

    /** First frame of a row's window in its recording. */
    public int start(Role role, int row) {
        return starts[role.ordinal()][row];
    }

    /** True when two train-graph vertices are co-listen neighbours. */
    public boolean neighbours(int u, int v) {
        return graph.adjacent(u, v);
    }

    /**
     * True when window j may not serve as a negative for anchor i because it comes from the
     * anchor's recording or from one of its neighbours. Windows are numbered over the whole batch,
     * role-major: j in [0, B) anchors, [B, 2B) positives, [2B, 3B) negatives.
     */
    public boolean excluded(int anchorRow, int window) {
        return excluded[anchorRow * 3 * size + window];
    }

    /** Triplets of this batch whose negative came from the fallback (N(p) \ N(a) \ {a} was empty). */
    public int fallbackNegatives() {
        return fallbacks;
    }

    /** Of those, the ones where the anchor was adjacent to every other recording. */
    public int degenerateNegatives() {
        return degenerate;
    }

    public TrainingGraph graph() {
        return graph;
    }
}
