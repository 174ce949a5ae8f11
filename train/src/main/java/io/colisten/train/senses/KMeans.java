package io.colisten.train.senses;

import io.colisten.kernels.cpu.Parallel;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * k-means (Lloyd's iterations) on n points of d values, row-major in one float[]: k-means++
 * initialisation (Arthur and Vassilvitskii 2007: the first centre uniform, each next one drawn with
 * probability proportional to the squared distance to the nearest centre so far), several restarts
 * from seeds derived from one seed, the restart with the lowest inertia (sum of squared distances
 * to the assigned centre) kept, ties to the earlier restart.
 *
 * <p>An empty cluster is re-seeded with the point farthest from its centre (ties to the lower
 * index), which moves to it; the centres are then recomputed, so every cluster keeps a member
 * while n >= k.
 *
 * <p>Deterministic for a seed and independent of the thread count: the assignment step runs over
 * fixed ranges of points on {@link Parallel} and each point's nearest centre depends only on the
 * point and the centres (distances in double, ties to the lower centre); sums (centres, inertia)
 * are taken serially in point order, in double.
 */
public final class KMeans {
    /** Points per assignment range. */
    private static final int GRAIN = 256;

    /**
     * What one fit found.
     *
     * @param k          clusters
     * @param assignment each point's cluster, n values in [0, k)
     * @param centres    k x d, row-major
     * @param inertia    sum of squared distances of the points to their centres
     * @param iterations Lloyd iterations of the kept restart
     * @param restart    which restart was kept (0-based)
     * @param reseeded   empty clusters re-seeded in the kept restart
     */
    public record Result(int k, int[] assignment, float[] centres, double inertia, int iterations, int restart, int reseeded) {
        /** Points per cluster. */
        public int[] sizes() {
            int[] s = new int[k];
            for (int a : assignment) s[a]++;
            return s;
        }
    }

    private final int k, restarts, maxIterations;
    private final long seed;

    /**
     * @param k             clusters (1 <= k <= n at fit time)
     * @param restarts      k-means++ starts (>= 1)
     * @param maxIterations Lloyd iterations per start at most (>= 1); a start stops earlier when no point moves
     */
    public KMeans(int k, int restarts, int maxIterations, long seed) {
        if (k < 1) throw new IllegalArgumentException("k-means: k must be >= 1, got " + k);
        if (restarts < 1) throw new IllegalArgumentException("k-means: restarts must be >= 1, got " + restarts);
        if (maxIterations < 1) throw new IllegalArgumentException("k-means: iterations must be >= 1, got " + maxIterations);
        this.k = k;
        this.restarts = restarts;
        this.maxIterations = maxIterations;
        this.seed = seed;
    }

    /** Fits {@code n} points of {@code d} values ({@code x.length == n * d}). */
    public Result fit(float[] x, int n, int d) {
        if (n < 1 || d < 1 || x.length != (long) n * d) {
            throw new IllegalArgumentException("k-means: " + x.length + " values are not " + n + " points of " + d);
        }
        if (k > n) throw new IllegalArgumentException("k-means: k = " + k + " clusters need at least as many points, got " + n);
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) throw new IllegalArgumentException("k-means: value " + i + " (point " + i / d + ") is not finite");
        }
        Result best = null;
        for (int r = 0; r < restarts; r++) {
            SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + r);
            Result res = lloyd(x, n, d, plusPlus(x, n, d, k, rng), maxIterations, r);
            if (best == null || res.inertia < best.inertia) best = res;
        }
        return best;
    }

    /** k-means++ centres (k x d) drawn with {@code rng}. */
    static float[] plusPlus(float[] x, int n, int d, int k, SplittableRandom rng) {
        float[] c = new float[k * d];
        double[] dist = new double[n];
        int first = rng.nextInt(n);
        System.arraycopy(x, first * d, c, 0, d);
        for (int i = 0; i < n; i++) dist[i] = squaredDistance(x, i * d, c, 0, d);
        for (int j = 1; j < k; j++) {
            double total = 0;
            for (int i = 0; i < n; i++) total += dist[i];
            int pick;
            if (total > 0) {
                double u = rng.nextDouble() * total, acc = 0;
                pick = n - 1;
                for (int i = 0; i < n; i++) {
                    acc += dist[i];
                    if (acc > u && dist[i] > 0) {
                        pick = i;
                        break;
                    }
                }
            } else {
                pick = rng.nextInt(n); // every point sits on a centre: any choice is as good
            }
            System.arraycopy(x, pick * d, c, j * d, d);
            for (int i = 0; i < n; i++) dist[i] = Math.min(dist[i], squaredDistance(x, i * d, c, j * d, d));
        }
        return c;
    }

    /** Lloyd's iterations from the given centres (consumed); {@code restart} is recorded in the result. */
    static Result lloyd(float[] x, int n, int d, float[] centres, int maxIterations, int restart) {
        int k = centres.length / d;
        int[] assign = new int[n];
        Arrays.fill(assign, -1);
        double[] dist = new double[n];
        int iterations = 0, reseeded = 0;
        boolean[] changed = new boolean[1];
        while (iterations < maxIterations) {
            iterations++;
            changed[0] = false;
            assign(x, n, d, centres, k, assign, dist, changed);
            int re = update(x, n, d, centres, k, assign, dist);
            reseeded += re;
            if (!changed[0] && re == 0) break;
        }
        // Inertia against the final centres (the assignment is that of the last iteration, re-seeds included).
        double inertia = 0;
        for (int i = 0; i < n; i++) inertia += squaredDistance(x, i * d, centres, assign[i] * d, d);
        return new Result(k, assign, centres, inertia, iterations, restart, reseeded);
    }

    /** Nearest centre of every point (ties to the lower centre) and its squared distance; flags a change. */
    private static void assign(float[] x, int n, int d, float[] c, int k, int[] assign, double[] dist, boolean[] changed) {
        int parts = Math.max(1, (n + GRAIN - 1) / GRAIN);
        boolean[] partChanged = new boolean[parts];
        Parallel.forEach(parts, p -> {
            int from = p * GRAIN, to = Math.min(n, from + GRAIN);
            for (int i = from; i < to; i++) {
                int best = 0;
                double bestD = squaredDistance(x, i * d, c, 0, d);
                for (int j = 1; j < k; j++) {
                    double s = squaredDistance(x, i * d, c, j * d, d);
                    if (s < bestD) {
                        bestD = s;
                        best = j;
                    }
                }
                if (assign[i] != best) {
                    assign[i] = best;
                    partChanged[p] = true;
                }
                dist[i] = bestD;
            }
        });
        for (boolean b : partChanged) changed[0] |= b;
    }

    /**
     * Centres = the means of their points; an empty cluster takes the point farthest from its
     * centre (which leaves its old cluster). Returns how many clusters were re-seeded.
     */
    private static int update(float[] x, int n, int d, float[] c, int k, int[] assign, double[] dist) {
        int reseeded = 0;
        int[] size = new int[k];
        for (int i = 0; i < n; i++) size[assign[i]]++;
        for (int j = 0; j < k; j++) {
            if (size[j] > 0) continue;
            int far = -1;
            for (int i = 0; i < n; i++) {
                if (size[assign[i]] > 1 && (far < 0 || dist[i] > dist[far])) far = i;
            }
            if (far < 0) break; // fewer distinct donors than clusters: cannot happen while n >= k
            size[assign[far]]--;
            assign[far] = j;
            size[j] = 1;
            dist[far] = 0;
            reseeded++;
        }
        double[] sum = new double[k * d];
        for (int i = 0; i < n; i++) {
            int a = assign[i] * d, o = i * d;
            for (int t = 0; t < d; t++) sum[a + t] += x[o + t];
        }
        for (int j = 0; j < k; j++) {
            for (int t = 0; t < d; t++) c[j * d + t] = (float) (sum[j * d + t] / size[j]);
        }
        return reseeded;
    }

    static double squaredDistance(float[] x, int xo, float[] c, int co, int d) {
        double s = 0;
        for (int t = 0; t < d; t++) {
            double v = (double) x[xo + t] - c[co + t];
            s += v * v;
        }
        return s;
    }

    /** Scales each of the n rows of d to unit l2 norm in place (a zero row stays zero). */
    public static void normaliseRows(float[] x, int n, int d) {
        for (int i = 0; i < n; i++) {
            double ss = 0;
            for (int t = 0; t < d; t++) ss += (double) x[i * d + t] * x[i * d + t];
            if (ss == 0) continue;
            double inv = 1 / Math.sqrt(ss);
            for (int t = 0; t < d; t++) x[i * d + t] = (float) (x[i * d + t] * inv);
        }
    }
}
