package io.colisten.train.graph;

import java.util.Arrays;

/**
 * Degree statistics of a co-listen graph over all of its tracks (isolated tracks count as degree
 * 0): what {@code colisten inspect} reports beside the edge count.
 *
 * @param median the middle degree, or the mean of the two middle ones for an even track count
 * @param isolated tracks with no neighbour (they can be neither anchor nor positive)
 */
public record DegreeStats(int tracks, long edges, int min, double median, int max, double mean, int isolated) {
    public static DegreeStats of(ColistenGraph g) {
        int n = g.tracks();
        if (n == 0) return new DegreeStats(0, 0, 0, 0, 0, 0, 0);
        int[] deg = new int[n];
        int isolated = 0;
        for (int i = 0; i < n; i++) {
            deg[i] = g.degree(i);
            if (deg[i] == 0) isolated++;
        }
        Arrays.sort(deg);
        double median = n % 2 == 1 ? deg[n / 2] : (deg[n / 2 - 1] + deg[n / 2]) / 2.0;
        return new DegreeStats(n, g.edges(), deg[0], median, deg[n - 1], 2.0 * g.edges() / n, isolated);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%d tracks, %d edges, degree min %d / median %s / max %d / mean %.2f, %d isolated",
                tracks, edges, min, median == Math.rint(median) ? Long.toString((long) median) : Double.toString(median),
                max, mean, isolated);
    }
}
