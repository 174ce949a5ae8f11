package io.colisten.train.graph;

import java.util.Arrays;

/**
 * An undirected co-listen graph in CSR form, both directions stored: the neighbours of track i are
 * {@code neighbours[offsets[i] .. offsets[i+1])}, ascending, with the pair's co-listen count in
 * {@code counts} at the same positions. Track indices point into {@code ids} (sorted). No self
 * loops, no duplicate pairs; each undirected edge appears twice.
 */
public record ColistenGraph(String[] ids, int[] offsets, int[] neighbours, int[] counts) {
    public int tracks() {
        return ids.length;
    }

    public int degree(int track) {
        return offsets[track + 1] - offsets[track];
    }

    /** Undirected edges. */
    public long edges() {
        return neighbours.length / 2;
    }

    /** The count of pair (a, b), 0 when they are not neighbours. */
    public int count(int a, int b) {
        int k = Arrays.binarySearch(neighbours, offsets[a], offsets[a + 1], b);
        return k < 0 ? 0 : counts[k];
    }

    /**
     * Builds the graph from undirected edges given once each (a != b, either order; a pair given
     * twice keeps its larger count).
     */
    public static ColistenGraph fromEdges(String[] ids, int[] a, int[] b, int[] c, int m) {
        int n = ids.length;
        int[] deg = new int[n + 1];
        for (int e = 0; e < m; e++) {
            deg[a[e] + 1]++;
            deg[b[e] + 1]++;
        }
        for (int i = 0; i < n; i++) deg[i + 1] += deg[i];
        long[] packed = new long[Math.multiplyExact(2, m)];
        int[] fill = Arrays.copyOf(deg, n);
        for (int e = 0; e < m; e++) {
            packed[fill[a[e]]++] = (long) b[e] << 32 | c[e];
            packed[fill[b[e]]++] = (long) a[e] << 32 | c[e];
        }
        int[] offsets = new int[n + 1], nbr = new int[packed.length], cnt = new int[packed.length];
        int k = 0;
        for (int i = 0; i < n; i++) {
            Arrays.sort(packed, deg[i], deg[i + 1]);
            offsets[i] = k;
            for (int p = deg[i]; p < deg[i + 1]; p++) {
                int j = (int) (packed[p] >>> 32), cc = (int) packed[p];
                if (k > offsets[i] && nbr[k - 1] == j) {
                    cnt[k - 1] = Math.max(cnt[k - 1], cc);
                } else {
                    nbr[k] = j;
                    cnt[k] = cc;
                    k++;
                }
            }
        }
        offsets[n] = k;
        return new ColistenGraph(ids, offsets, Arrays.copyOf(nbr, k), Arrays.copyOf(cnt, k));
    }
}
