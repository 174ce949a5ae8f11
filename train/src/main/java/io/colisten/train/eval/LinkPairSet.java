package io.colisten.train.eval;

/**
 * One sampled set of co-listen pairs for link prediction: pair k joins vertices {@code first[k]}
 * and {@code second[k]} (first < second) of the held-out graph it was drawn from, sorted by
 * (first, second); {@code recordings} are the set's distinct endpoints, ascending (so in the graph's
 * id order), the recordings among which all pairs are scored.
 */
public record LinkPairSet(int[] first, int[] second, int[] recordings) {
    public int pairs() {
        return first.length;
    }
}
