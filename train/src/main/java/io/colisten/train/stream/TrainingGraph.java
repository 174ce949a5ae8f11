package io.colisten.train.stream;

import io.colisten.train.graph.ColistenGraph;
import io.colisten.train.graph.InducedSubgraph;
import io.colisten.train.split.SplitGraphs;
import io.colisten.train.store.FeatureStore;
import java.util.Arrays;

/**
 * What training may see of the co-listen graph: the subgraph induced on the train recordings
 * that the feature store holds with at least one whole window. It is made only from a
 * {@link SplitGraphs}' train part, so no validation or evaluation recording is a vertex and no
 * edge touching one exists here. Train recordings missing from the store (a failed ingest) or
 * shorter than a window (ingest pads, so only a store made with {@code --short skip} elsewhere
 * could hold one) are left out up front and counted; their edges go with them.
 *
 * <p>Vertices are numbered 0..n-1 in id order; {@link #ordinal} maps a vertex to its store
 * ordinal. Immutable; thread-safe.
 */
public final class TrainingGraph {
    /** A 3-second window: 300 frames of 10 ms. */
    public static final int WINDOW_FRAMES = 300;

    private final ColistenGraph graph;
    private final FeatureStore store;
    private final int[] ordinal;
    private final int[] frames;
    private final int[] anchors;
    private final int missing, tooShort;

    private TrainingGraph(ColistenGraph graph, FeatureStore store, int[] ordinal, int[] frames, int missing, int tooShort) {
        this.graph = graph;
        this.store = store;
        this.ordinal = ordinal;
        this.frames = frames;
        this.missing = missing;
        this.tooShort = tooShort;
        int n = 0;
        for (int v = 0; v < graph.tracks(); v++) if (graph.degree(v) > 0) n++;
        anchors = new int[n];
        for (int v = 0, k = 0; v < graph.tracks(); v++) if (graph.degree(v) > 0) anchors[k++] = v;
    }

    /** The train part of {@code split}, less the recordings {@code store} cannot serve a window of. */
    public static TrainingGraph of(SplitGraphs split, FeatureStore store) {
        return of(split.train(), store);
    }

    /**
     * The same view of any one part of a split: {@code of(split.heldOut(Split.VALIDATION), store)}
     * is what held-out losses are measured on (its recordings and the edges among them only).
     */
    public static TrainingGraph of(InducedSubgraph part, FeatureStore store) {
        ColistenGraph train = part.graph();
        int n = train.tracks();
        boolean[] keep = new boolean[n];
        int missing = 0, tooShort = 0;
        for (int v = 0; v < n; v++) {
            int o = store.ordinal(train.ids()[v]);
            if (o < 0) missing++;
            else if (store.frames(o) < WINDOW_FRAMES) tooShort++;
            else keep[v] = true;
        }
        ColistenGraph g = InducedSubgraph.of(train, keep).graph();
        int[] ordinal = new int[g.tracks()], frames = new int[g.tracks()];
        for (int v = 0; v < g.tracks(); v++) {
            ordinal[v] = store.ordinal(g.ids()[v]);
            frames[v] = store.frames(ordinal[v]);
        }
        return new TrainingGraph(g, store, ordinal, frames, missing, tooShort);
    }

    /** The graph (train recordings in the store only). */
    public ColistenGraph graph() {
        return graph;
    }

    public FeatureStore store() {
        return store;
    }

    /** Recordings (vertices). */
    public int size() {
        return graph.tracks();
    }

    public String id(int vertex) {
        return graph.ids()[vertex];
    }

    /** The vertex's recording in the feature store. */
    public int ordinal(int vertex) {
        return ordinal[vertex];
    }

    /** Frames of the vertex's recording (at least {@link #WINDOW_FRAMES}). */
    public int frames(int vertex) {
        return frames[vertex];
    }

    /** True when u and v are co-listen neighbours in the train graph. */
    public boolean adjacent(int u, int v) {
        return Arrays.binarySearch(graph.neighbours(), graph.offsets()[u], graph.offsets()[u + 1], v) >= 0;
    }

    /** Vertices with at least one neighbour: the anchors a triplet may start from (ascending). */
    int[] anchorVertices() {
        return anchors;
    }

    public int anchors() {
        return anchors.length;
    }

    /** Train recordings left out because the store does not hold them. */
    public int missingFromStore() {
        return missing;
    }

    /** Train recordings left out because they are shorter than one window. */
    public int shorterThanWindow() {
        return tooShort;
    }

    @Override
    public String toString() {
        return graph.tracks() + " train recordings (" + anchors.length + " with a neighbour), " + graph.edges()
                + " edges; left out: " + missing + " not in the store, " + tooShort + " shorter than a window";
    }
}
