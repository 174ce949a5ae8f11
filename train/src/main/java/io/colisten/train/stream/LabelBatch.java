package io.colisten.train.stream;

import io.colisten.engine.Tensor;
import java.util.Arrays;

/**
 * B random windows of train recordings with their l1-normalised sparse targets (paper 3.2.2):
 * row i's target is lambda_i = L_j / |L_j|_1 for its recording j, that is weight 1/|L_j| on each
 * of the label ids {@code labelIds[labelStart[i] .. labelStart[i+1])} ({@code labelWeights} alongside). Owned by its
 * {@link LabelStream}: valid until the stream's next {@code next()}.
 */
public final class LabelBatch {
    private final TrainingGraph graph;
    private final int size;
    private final WindowTensor windows;
    final int[] vertex, start, labelStart;
    int[] labelIds;
    float[] labelWeights;
    long index;

    LabelBatch(TrainingGraph graph, int size) {
        this.graph = graph;
        this.size = size;
        windows = WindowTensor.allocate(size, TrainingGraph.WINDOW_FRAMES, graph.store().bands());
        vertex = new int[size];
        start = new int[size];
        labelStart = new int[size + 1];
        labelIds = new int[size * 16];
        labelWeights = new float[size * 16];
    }

    /** Makes room for {@code n} labels (grows rarely; the capacity is kept for later batches). */
    void labelCapacity(int n) {
        if (labelIds.length < n) {
            int c = Math.max(n, labelIds.length * 2);
            labelIds = Arrays.copyOf(labelIds, c);
            labelWeights = Arrays.copyOf(labelWeights, c);
        }
    }

    public long index() {
        return index;
    }

    public int size() {
        return size;
    }

    /** The windows, B x 1 x 300 x bands. */
    public Tensor windows() {
        return windows.tensor();
    }

    float[] data() {
        return windows.data();
    }

    public int vertex(int row) {
        return vertex[row];
    }

    public int ordinal(int row) {
        return graph.ordinal(vertex[row]);
    }

    public String id(int row) {
        return graph.id(vertex[row]);
    }

    public int start(int row) {
        return start[row];
    }

    /** Row i's labels are {@link #labelIds()}{@code [labelStart(i) .. labelStart(i + 1))}. */
    public int labelStart(int row) {
        return labelStart[row];
    }

    /** The label ids of all rows back to back (the array may be longer than {@code labelStart(size())}). */
    public int[] labelIds() {
        return labelIds;
    }

    /**
     * The target weights parallel to {@link #labelIds()}: 1 / |L| at each of row i's labels, so
     * that the row sums to 1 (the layout of {@code LabelMatrix.sparseTarget}).
     */
    public float[] labelWeights() {
        return labelWeights;
    }

    /** The target weight of each of row i's labels: 1 / |L|, so that the row sums to 1. */
    public float weight(int row) {
        return 1f / (labelStart[row + 1] - labelStart[row]);
    }
}
