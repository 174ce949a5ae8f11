package io.colisten.train.split;

import io.colisten.train.graph.ColistenGraph;
import io.colisten.train.graph.InducedSubgraph;

/**
 * A co-listen graph cut along a split into the subgraphs induced on each part. The full graph is
 * not kept: training gets {@link #train()}, whose vertices are the train recordings only, so no
 * edge with an end outside train can reach it. Following the paper's link-prediction protocol
 * (section 4.2: co-listen pairs "not used in training", among held-out recordings), the held-out
 * edges are those with both ends in the same held-out part ({@link #heldOut}); edges between
 * train and test recordings, or between validation and evaluation, are used by nobody and only
 * counted ({@link #crossEdges()}).
 */
public final class SplitGraphs {
    private final InducedSubgraph train, validation, evaluation;
    private final long crossEdges;

    private SplitGraphs(InducedSubgraph train, InducedSubgraph validation, InducedSubgraph evaluation, long crossEdges) {
        this.train = train;
        this.validation = validation;
        this.evaluation = evaluation;
        this.crossEdges = crossEdges;
    }

    /** Cuts {@code full}; every one of its tracks must have a part in {@code splits}. */
    public static SplitGraphs of(ColistenGraph full, Splits splits) {
        int n = full.tracks();
        Split[] part = new Split[n];
        for (int i = 0; i < n; i++) part[i] = splits.of(full.ids()[i]);
        InducedSubgraph[] sub = new InducedSubgraph[Split.values().length];
        for (Split s : Split.values()) {
            boolean[] keep = new boolean[n];
            for (int i = 0; i < n; i++) keep[i] = part[i] == s;
            sub[s.ordinal()] = InducedSubgraph.of(full, keep);
        }
        long cross = full.edges();
        for (InducedSubgraph g : sub) cross -= g.graph().edges();
        return new SplitGraphs(sub[0], sub[1], sub[2], cross);
    }

    /** The subgraph induced on the train recordings (all of them, isolated ones included). */
    public InducedSubgraph train() {
        return train;
    }

    /** The subgraph induced on a held-out part: its recordings and the edges among them. */
    public InducedSubgraph heldOut(Split part) {
        return switch (part) {
            case VALIDATION -> validation;
            case EVALUATION -> evaluation;
            case TRAIN -> throw new IllegalArgumentException("heldOut: train is not held out; use train()");
        };
    }

    /** Edges whose ends lie in different parts: visible to neither training nor evaluation. */
    public long crossEdges() {
        return crossEdges;
    }
}
