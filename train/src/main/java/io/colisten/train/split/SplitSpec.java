package io.colisten.train.split;

/**
 * How recordings are split: a recording is held out with probability {@code testFraction}, and a
 * held-out recording goes to validation with probability {@code validationShare}, else to
 * evaluation. The draw for a recording is a hash of (seed, id) alone (see {@link SplitAssigner}).
 */
public record SplitSpec(long seed, double testFraction, double validationShare) {
    /** The paper's 90/10 split, the test part halved into validation and evaluation. */
    public static final SplitSpec DEFAULT = new SplitSpec(1, 0.1, 0.5);

    public SplitSpec {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("split: test fraction must be in (0, 1), got " + testFraction);
        }
        if (!(validationShare >= 0 && validationShare <= 1)) {
            throw new IllegalArgumentException("split: validation share must be in [0, 1], got " + validationShare);
        }
    }

    public SplitSpec withSeed(long s) {
        return new SplitSpec(s, testFraction, validationShare);
    }
}
