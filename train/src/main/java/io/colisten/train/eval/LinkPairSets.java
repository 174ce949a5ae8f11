package io.colisten.train.eval;

import java.util.List;

/**
 * The two disjoint sets of link-prediction pairs: {@code perSet} pairs each (the requested count,
 * or fewer when the held-out graph's {@code heldOutEdges} cannot fill two sets).
 */
public record LinkPairSets(int requested, int perSet, long heldOutEdges, List<LinkPairSet> sets) {
    /** Whether fewer pairs than requested were drawn (a report should say so). */
    public boolean reduced() {
        return perSet < requested;
    }
}
