package io.colisten.train.eval;

import java.util.Arrays;

/**
 * Which rows of a probe task train, validate (early stopping) and test: three disjoint lists of
 * row indices, each non-empty except that test may be empty (then no test figure).
 */
public record ProbeSplit(int[] train, int[] validation, int[] test) {
    /** Checks that the parts are disjoint and inside {@code [0, rows)}, naming the first offending row. */
    public void check(int rows) {
        if (train.length == 0 || validation.length == 0) {
            throw new IllegalArgumentException("probe: need training and validation rows, got " + train.length + " and "
                    + validation.length);
        }
        byte[] part = new byte[rows];
        mark(part, train, 1, "train");
        mark(part, validation, 2, "validation");
        mark(part, test, 3, "test");
    }

    private static void mark(byte[] part, int[] rows, int tag, String name) {
        for (int r : rows) {
            if (r < 0 || r >= part.length) {
                throw new IllegalArgumentException("probe: " + name + " row " + r + " is outside [0, " + part.length + ")");
            }
            if (part[r] != 0) throw new IllegalArgumentException("probe: row " + r + " is in " + name + " and in another part");
            part[r] = (byte) tag;
        }
    }

    /** The first {@code fraction} of the training rows (the paper's 10% training sets), at least one. */
    public ProbeSplit withTrainingFraction(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) throw new IllegalArgumentException("probe: training fraction must be in (0, 1], got " + fraction);
        int keep = Math.max(1, (int) Math.round(train.length * fraction));
        return new ProbeSplit(Arrays.copyOf(train, keep), validation, test);
    }
}
