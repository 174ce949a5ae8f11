package io.colisten.train.labels;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every recording's text labels in compressed sparse rows: row r (a recording, in the order of
 * {@code labels.tsv}) holds the ascending label ids {@code labelIds[rowStart[r] .. rowStart[r+1])}.
 * The paper's target for a recording with label set L is the l1-normalised multi-hot vector
 * lambda = L / |L|_1, each present label weighing 1/|L|; it is formed here at batch time, never
 * stored. A recording with no label has an all-zero target, which would add nothing to the
 * cross-entropy but take a batch slot: label batches should draw from {@link #labelledRows()}.
 * Immutable; thread-safe.
 */
public final class LabelMatrix {
    private final String[] trackIds;
    private final int[] rowStart;
    private final int[] labelIds;
    private final int vocabularySize;
    private final Map<String, Integer> rowOf;
    private final int[] labelled;

    /**
     * @param rowStart {@code rows + 1} non-decreasing offsets into {@code labelIds}, from 0
     * @param labelIds each row's ids ascending, without repeats, in {@code [0, vocabularySize)}; may be
     *                 longer than {@code rowStart[rows]} (a reader's growable buffer, kept without a copy)
     */
    public LabelMatrix(List<String> trackIds, int[] rowStart, int[] labelIds, int vocabularySize) {
        int rows = trackIds.size();
        if (rowStart.length != rows + 1 || rowStart[0] != 0 || rowStart[rows] > labelIds.length) {
            throw new IllegalArgumentException("rowStart must have rows + 1 entries from 0 to at most "
                    + labelIds.length);
        }
        this.trackIds = trackIds.toArray(new String[0]);
        this.rowStart = rowStart;
        this.labelIds = labelIds;
        this.vocabularySize = vocabularySize;
        this.rowOf = new HashMap<>(rows * 2);
        int withLabels = 0;
        for (int r = 0; r < rows; r++) {
            if (rowOf.put(this.trackIds[r], r) != null) {
                throw new IllegalArgumentException("track id '" + this.trackIds[r] + "' appears twice");
            }
            if (rowStart[r + 1] < rowStart[r]) {
                throw new IllegalArgumentException("rowStart decreases at row " + r);
            }
            for (int j = rowStart[r]; j < rowStart[r + 1]; j++) {
                int id = labelIds[j];
                if (id < 0 || id >= vocabularySize || (j > rowStart[r] && id <= labelIds[j - 1])) {
                    throw new IllegalArgumentException("row " + r + ": label ids must ascend within [0, "
                            + vocabularySize + ")");
                }
            }
            withLabels += rowStart[r + 1] > rowStart[r] ? 1 : 0;
        }
        this.labelled = new int[withLabels];
        for (int r = 0, i = 0; r < rows; r++) {
            if (rowStart[r + 1] > rowStart[r]) {
                labelled[i++] = r;
            }
        }
    }

    public int rows() {
        return trackIds.length;
    }

    public int vocabularySize() {
        return vocabularySize;
    }

    /** Total labels over all rows (non-zeros). */
    public long nonZeros() {
        return rowStart[trackIds.length];
    }

    public String trackId(int row) {
        return trackIds[row];
    }

    /** The row of a track id, or -1. */
    public int row(String trackId) {
        Integer r = rowOf.get(trackId);
        return r == null ? -1 : r;
    }

    public int labelCount(int row) {
        return rowStart[row + 1] - rowStart[row];
    }

    /** A row's label ids, ascending (a copy). */
    public int[] labels(int row) {
        return Arrays.copyOfRange(labelIds, rowStart[row], rowStart[row + 1]);
    }

    /** The weight 1/|L| of each label of a row in its l1-normalised target; 0 for a row with no label. */
    public float weight(int row) {
        int n = labelCount(row);
        return n == 0 ? 0f : 1f / n;
    }

    /**
     * Writes a row's sparse target: its label ids into {@code ids} and 1/|L| into {@code weights},
     * from {@code offset}; returns |L| (0 for a row with no label: nothing written).
     */
    public int sparseTarget(int row, int[] ids, float[] weights, int offset) {
        int from = rowStart[row];
        int n = rowStart[row + 1] - from;
        float w = weight(row);
        System.arraycopy(labelIds, from, ids, offset, n);
        Arrays.fill(weights, offset, offset + n, w);
        return n;
    }

    /**
     * Writes a row's dense target lambda = L / |L|_1 into {@code dst[offset, offset + vocabularySize)}:
     * 1/|L| at each label, 0 elsewhere (all zero for a row with no label). Sums to 1 or to 0.
     */
    public void denseTarget(int row, float[] dst, int offset) {
        Arrays.fill(dst, offset, offset + vocabularySize, 0f);
        float w = weight(row);
        for (int j = rowStart[row]; j < rowStart[row + 1]; j++) {
            dst[offset + labelIds[j]] = w;
        }
    }

    /** The rows with at least one label, ascending: what label batches draw from. */
    public int[] labelledRows() {
        return labelled.clone();
    }

    /** Rows with no label (all-zero targets). */
    public int rowsWithoutLabels() {
        return trackIds.length - labelled.length;
    }
}
