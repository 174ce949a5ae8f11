package io.colisten.train.wmf;

import io.colisten.train.graph.ColistenGraph;
import java.util.SplittableRandom;

/** Small co-listen graphs for the WMF tests. */
final class TestGraphs {
    private TestGraphs() {}

    static String[] ids(int n) {
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) ids[i] = String.format("r%04d", i);
        return ids;
    }

    /**
     * Two planted communities of {@code half} recordings each: within a community a pair is an
     * edge with probability pIn, across with pOut; counts 1..5.
     */
    static ColistenGraph twoCommunities(int half, double pIn, double pOut, long seed) {
        int n = 2 * half;
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] a = new int[n * n / 2], b = new int[n * n / 2], c = new int[n * n / 2];
        int m = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                boolean same = (i < half) == (j < half);
                if (rnd.nextDouble() < (same ? pIn : pOut)) {
                    a[m] = i;
                    b[m] = j;
                    c[m] = 1 + rnd.nextInt(5);
                    m++;
                }
            }
        }
        return ColistenGraph.fromEdges(ids(n), a, b, c, m);
    }

    /** A uniformly random graph: each pair an edge with probability p, counts 1..9. */
    static ColistenGraph random(int n, double p, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int cap = n * (n - 1) / 2;
        int[] a = new int[cap], b = new int[cap], c = new int[cap];
        int m = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (rnd.nextDouble() < p) {
                    a[m] = i;
                    b[m] = j;
                    c[m] = 1 + rnd.nextInt(9);
                    m++;
                }
            }
        }
        return ColistenGraph.fromEdges(ids(n), a, b, c, m);
    }

    /** 9 recordings, a hand-made edge list with assorted counts; recording 8 is isolated. */
    static ColistenGraph tiny() {
        int[][] e = {{0, 1, 3}, {0, 2, 1}, {1, 2, 7}, {2, 3, 2}, {3, 4, 1}, {4, 5, 5}, {5, 6, 1}, {4, 6, 2}, {6, 7, 4},
                {0, 7, 1}, {1, 5, 2}};
        int[] a = new int[e.length], b = new int[e.length], c = new int[e.length];
        for (int k = 0; k < e.length; k++) {
            a[k] = e[k][0];
            b[k] = e[k][1];
            c[k] = e[k][2];
        }
        return ColistenGraph.fromEdges(ids(9), a, b, c, e.length);
    }
}
