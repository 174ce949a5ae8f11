package io.colisten.train.eval;

/**
 * Walks the distinct thresholds of a {@link RankedScores} from the highest score down, merging the
 * positives' and negatives' sorted arrays. At each step every score equal to the threshold (one
 * tie group, both classes) is taken at once, as scikit-learn's {@code _binary_clf_curve} does:
 * after a step, {@link #tp} and {@link #fp} count the positives and negatives scoring at least
 * {@link #threshold}, and {@link #groupTp}, {@link #groupFp} how many of them this step added.
 * O(positives + negatives) in all; allocates nothing beyond itself.
 */
final class ThresholdWalk {
    private final double[] pos, neg;
    private int ip, in;
    double threshold;
    int tp, fp, groupTp, groupFp;

    ThresholdWalk(RankedScores r) {
        pos = r.sortedPositives();
        neg = r.sortedNegatives();
        ip = r.positives();
        in = r.negatives();
    }

    /** Takes the next tie group; false when every score has been taken. */
    boolean next() {
        if (ip == 0 && in == 0) return false;
        double t = ip == 0 ? neg[in - 1] : in == 0 ? pos[ip - 1] : Math.max(pos[ip - 1], neg[in - 1]);
        int p0 = ip, n0 = in;
        // == groups -0.0 with 0.0 (Arrays.sort orders them apart, adjacently).
        while (ip > 0 && pos[ip - 1] == t) ip--;
        while (in > 0 && neg[in - 1] == t) in--;
        groupTp = p0 - ip;
        groupFp = n0 - in;
        tp += groupTp;
        fp += groupFp;
        threshold = t;
        return true;
    }
}
