package io.colisten.train.eval;

import io.colisten.engine.random.Rng;
import io.colisten.train.graph.ColistenGraph;
import java.util.Arrays;
import java.util.List;

/**
 * Draws the paper's two disjoint sets of held-out co-listen pairs (section 4.2: "two disjoint sets
 * of 1,250 co-listen recording pairs not used in training") from the held-out graph, the subgraph
 * induced on the evaluation recordings ({@code SplitGraphs.heldOut(Split.EVALUATION).graph()}).
 * Each set gets {@code min(requested, floor(E / 2))} of the graph's E edges, reported in
 * {@link LinkPairSets#perSet()}. The edges, listed as (i, j), i < j, in the graph's order, are
 * partially shuffled (Fisher-Yates over the first 2 x perSet places) by a {@link Rng} from the
 * seed: the first perSet go to set 1, the next perSet to set 2. The sets share no pair; they may
 * share recordings.
 */
public final class LinkPairSampler {
    /** The paper's pairs per set. */
    public static final int PAPER_PAIRS = 1250;

    private LinkPairSampler() {}

    /**
     * @throws IllegalArgumentException when {@code requested < 1} or the graph has fewer than 2 edges
     */
    public static LinkPairSets sample(ColistenGraph heldOut, int requested, long seed) {
        if (requested < 1) throw new IllegalArgumentException("link prediction: pairs per set must be >= 1, got " + requested);
        long edges = heldOut.edges();
        if (edges < 2) {
            throw new IllegalArgumentException("link prediction: the held-out co-listen graph has " + edges
                    + " edges; two disjoint sets need at least 2");
        }
        int perSet = (int) Math.min(requested, edges / 2);
        long[] packed = new long[Math.toIntExact(edges)]; // i << 32 | j, i < j
        int[] off = heldOut.offsets(), nbr = heldOut.neighbours();
        int e = 0;
        for (int i = 0; i < heldOut.tracks(); i++) {
            for (int p = off[i]; p < off[i + 1]; p++) if (nbr[p] > i) packed[e++] = (long) i << 32 | nbr[p];
        }
        Rng rng = new Rng(seed);
        for (int k = 0; k < 2 * perSet; k++) {
            int pick = k + rng.nextInt(packed.length - k);
            long t = packed[k];
            packed[k] = packed[pick];
            packed[pick] = t;
        }
        return new LinkPairSets(requested, perSet, edges,
                List.of(set(packed, 0, perSet, heldOut.tracks()), set(packed, perSet, 2 * perSet, heldOut.tracks())));
    }

    private static LinkPairSet set(long[] packed, int from, int to, int vertices) {
        long[] pairs = Arrays.copyOfRange(packed, from, to);
        Arrays.sort(pairs);
        int[] a = new int[pairs.length], b = new int[pairs.length];
        boolean[] seen = new boolean[vertices];
        int distinct = 0;
        for (int k = 0; k < pairs.length; k++) {
            a[k] = (int) (pairs[k] >>> 32);
            b[k] = (int) pairs[k];
            if (!seen[a[k]]) { seen[a[k]] = true; distinct++; }
            if (!seen[b[k]]) { seen[b[k]] = true; distinct++; }
        }
        int[] recordings = new int[distinct];
        for (int v = 0, i = 0; v < vertices; v++) if (seen[v]) recordings[i++] = v;
        return new LinkPairSet(a, b, recordings);
    }
}
