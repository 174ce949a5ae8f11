package io.colisten.nn.loss;

/**
 * Which of a batch's negatives an anchor may not be paired with because the co-listen graph
 * already links them: true when negative row {@code negative} is a known neighbour of anchor row
 * {@code anchor}'s recording. (Windows of the anchor's own recording are excluded by the miner from
 * the recording ordinals.) Called B x B times per batch.
 */
@FunctionalInterface
public interface NegativeExclusion {
    boolean neighbours(int anchor, int negative);

    /** No known neighbours. */
    NegativeExclusion NONE = (anchor, negative) -> false;

    /**
     * A row-major boolean mask: anchor i and negative j are neighbours when
     * {@code mask[offset + i * stride + j]} (e.g. a B x B mask with offset 0 and stride B, or the
     * negatives' columns of a B x 3B window mask with offset 2B and stride 3B).
     */
    static NegativeExclusion mask(boolean[] mask, int offset, int stride) {
        return (anchor, negative) -> mask[offset + anchor * stride + negative];
    }
}
