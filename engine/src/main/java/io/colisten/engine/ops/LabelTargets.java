package io.colisten.engine.ops;

import java.util.Arrays;

/**
 * The sparse targets of a softmax cross-entropy batch (paper eq. 2): per row, a set of distinct
 * label ids, each weighted 1 / |L_i| (the l1-normalised multi-hot vector). Kept on the host in CSR
 * form (row i's ids are {@code ids()[start(i) .. start(i + 1))}, sorted ascending); the op uploads
 * them for each call. Reusable: {@link #set} overwrites and grows the arrays only when a batch
 * needs more room, so a training loop allocates nothing here in steady state. A row may be empty
 * (no labels): it then adds nothing to the loss and is not counted in its mean.
 */
public final class LabelTargets {
    private int rows;
    private int[] start = new int[1];
    private int[] ids = new int[0];

    /** Rows of label ids, e.g. {@code of(new int[][] {{3, 7}, {}, {1}})}. */
    public static LabelTargets of(int[][] perRow) {
        int n = 0;
        for (int[] r : perRow) n += r.length;
        int[] start = new int[perRow.length + 1], ids = new int[n];
        for (int i = 0, k = 0; i < perRow.length; i++) {
            System.arraycopy(perRow[i], 0, ids, k, perRow[i].length);
            k += perRow[i].length;
            start[i + 1] = k;
        }
        return new LabelTargets().set(perRow.length, start, ids);
    }

    /**
     * Copies {@code rows} rows given in CSR form: row i's ids are
     * {@code ids[rowStart[i] .. rowStart[i + 1])} (rowStart[0] need not be 0, as in a stream's batch).
     * Each row is sorted; a negative or repeated id is an error naming the row.
     */
    public LabelTargets set(int rows, int[] rowStart, int[] ids) {
        if (rows < 1) throw new IllegalArgumentException("labelTargets: need at least one row, got " + rows);
        if (rowStart == null || rowStart.length < rows + 1) {
            throw new IllegalArgumentException("labelTargets: rowStart needs " + (rows + 1) + " entries for " + rows
                    + " rows, has " + (rowStart == null ? "none" : rowStart.length));
        }
        int base = rowStart[0], end = rowStart[rows];
        if (base < 0 || ids == null || end > ids.length) {
            throw new IllegalArgumentException("labelTargets: ids [" + base + ", " + end + ") are outside an array of "
                    + (ids == null ? "none" : ids.length));
        }
        if (start.length < rows + 1) start = new int[rows + 1];
        if (this.ids.length < end - base) this.ids = new int[Math.max(end - base, 2 * this.ids.length)];
        for (int i = 0; i < rows; i++) {
            int from = rowStart[i], to = rowStart[i + 1];
            if (to < from) {
                throw new IllegalArgumentException("labelTargets: rowStart decreases at row " + i + " (" + from + " then "
                        + to + ")");
            }
            int at = from - base;
            start[i] = at;
            System.arraycopy(ids, from, this.ids, at, to - from);
            Arrays.sort(this.ids, at, at + to - from);
            for (int k = at; k < at + to - from; k++) {
                if (this.ids[k] < 0) throw new IllegalArgumentException("labelTargets: row " + i + " has label id " + this.ids[k]);
                if (k > at && this.ids[k] == this.ids[k - 1]) {
                    throw new IllegalArgumentException("labelTargets: row " + i + " lists label " + this.ids[k]
                            + " twice (targets are multi-hot: each label once)");
                }
            }
        }
        start[rows] = end - base;
        this.rows = rows;
        return this;
    }

    public int rows() { return rows; }

    /** Labels over all rows. */
    public int labelCount() { return start[rows]; }

    /** Rows with at least one label: the count the loss is averaged over. */
    public int labelledRows() {
        int n = 0;
        for (int i = 0; i < rows; i++) if (start[i + 1] > start[i]) n++;
        return n;
    }

    /** Row i's first label's index in {@link #ids()}; start(rows()) = labelCount(). */
    public int start(int i) { return start[i]; }

    /** Row-start offsets, at least rows() + 1 long (do not modify). */
    public int[] starts() { return start; }

    /** The label ids of all rows back to back, each row sorted (do not modify; may be longer than labelCount()). */
    public int[] ids() { return ids; }

    /** The largest label id, or -1 without labels. */
    public int maxId() {
        int m = -1;
        for (int i = 0; i < rows; i++) if (start[i + 1] > start[i]) m = Math.max(m, ids[start[i + 1] - 1]);
        return m;
    }
}
