package io.colisten.train.eval;

/** Which pairs among a set's recordings count as positive in link prediction. */
public enum LinkPositives {
    /**
     * Exactly the set's sampled pairs (the paper: "measure the retrieval performance of the 1,250
     * co-listen pairs"). Every other pair among the set's recordings is a negative, even one that
     * is a held-out co-listen edge not drawn into the set. The default.
     */
    SAMPLED_PAIRS,
    /** Every pair among the set's recordings that is an edge of the held-out graph, sampled or not. */
    HELD_OUT_EDGES
}
