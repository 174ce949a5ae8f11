package io.colisten.train.graph;

/**
 * The subgraph induced on a subset of a graph's tracks: only the kept tracks are vertices (their
 * ids, still sorted), and only edges with both ends kept remain. {@code parent[i]} is vertex i's
 * index in the graph it was taken from.
 */
public record InducedSubgraph(ColistenGraph graph, int[] parent) {
    /** The subgraph of {@code g} on the tracks {@code t} with {@code keep[t]}. */
    public static InducedSubgraph of(ColistenGraph g, boolean[] keep) {
        int n = g.tracks();
        if (keep.length != n) throw new IllegalArgumentException("keep: " + keep.length + " flags for " + n + " tracks");
        int[] index = new int[n];
        int kept = 0;
        for (int i = 0; i < n; i++) index[i] = keep[i] ? kept++ : -1;
        String[] ids = new String[kept];
        int[] parent = new int[kept];
        int[] offsets = new int[kept + 1];
        int edgesKept = 0;
        for (int i = 0; i < n; i++) {
            if (!keep[i]) continue;
            ids[index[i]] = g.ids()[i];
            parent[index[i]] = i;
            for (int p = g.offsets()[i]; p < g.offsets()[i + 1]; p++) if (keep[g.neighbours()[p]]) edgesKept++;
        }
        int[] nbr = new int[edgesKept], cnt = new int[edgesKept];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (!keep[i]) continue;
            offsets[index[i]] = k;
            // Neighbours stay ascending: the renumbering keeps the order of the kept tracks.
            for (int p = g.offsets()[i]; p < g.offsets()[i + 1]; p++) {
                int j = g.neighbours()[p];
                if (!keep[j]) continue;
                nbr[k] = index[j];
                cnt[k] = g.counts()[p];
                k++;
            }
        }
        offsets[kept] = k;
        return new InducedSubgraph(new ColistenGraph(ids, offsets, nbr, cnt), parent);
    }
}
