package io.colisten.train.senses;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** k-means against a plain double-precision Lloyd, on planted clusters, and its edge cases. */
class KMeansTest {
    /** Points around {@code k} random unit centres (noise {@code sigma}), normalised; truth[i] is the centre of point i. */
    private static float[] blobs(int n, int d, int k, double sigma, long seed, int[] truth) {
        Random r = new Random(seed);
        double[][] c = new double[k][d];
        for (double[] row : c) for (int t = 0; t < d; t++) row[t] = r.nextGaussian();
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            truth[i] = i % k;
            for (int t = 0; t < d; t++) x[i * d + t] = (float) (c[truth[i]][t] + sigma * r.nextGaussian());
        }
        KMeans.normaliseRows(x, n, d);
        return x;
    }

    /** Lloyd's algorithm in double, serial, from the given centres: assignment then mean, until nothing moves. */
    private static int[] referenceLloyd(float[] x, int n, int d, float[] start, int maxIter, double[] inertia) {
        int k = start.length / d;
        double[] c = new double[k * d];
        for (int i = 0; i < c.length; i++) c[i] = start[i];
        int[] a = new int[n];
        Arrays.fill(a, -1);
        for (int it = 0; it <= maxIter; it++) {
            boolean moved = false;
            double total = 0;
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bd = Double.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double s = 0;
                    for (int t = 0; t < d; t++) {
                        double v = x[i * d + t] - (double) (float) c[j * d + t];
                        s += v * v;
                    }
                    if (s < bd) {
                        bd = s;
                        best = j;
                    }
                }
                moved |= a[i] != best;
                a[i] = best;
                total += bd;
            }
            inertia[0] = total;
            if (!moved || it == maxIter) break;
            double[] sum = new double[k * d];
            int[] size = new int[k];
            for (int i = 0; i < n; i++) {
                size[a[i]]++;
                for (int t = 0; t < d; t++) sum[a[i] * d + t] += x[i * d + t];
            }
            for (int j = 0; j < k; j++) {
                if (size[j] == 0) throw new AssertionError("reference: empty cluster (choose other data)");
                for (int t = 0; t < d; t++) c[j * d + t] = (float) (sum[j * d + t] / size[j]);
            }
        }
        return a;
    }

    @Test
    void lloydMatchesTheScalarReference() {
        int n = 701, d = 13, k = 7;
        int[] truth = new int[n];
        float[] x = blobs(n, d, k, 0.9, 3, truth); // overlapping blobs: several iterations
        float[] start = KMeans.plusPlus(x, n, d, k, new SplittableRandom(11));
        double[] refInertia = new double[1];
        int[] ref = referenceLloyd(x, n, d, start.clone(), 100, refInertia);
        KMeans.Result r = KMeans.lloyd(x, n, d, start.clone(), 100, 0);
        assertTrue(r.iterations() > 2, "the test should need several iterations, took " + r.iterations());
        assertArrayEquals(ref, r.assignment());
        assertEquals(refInertia[0], r.inertia(), 1e-9 * refInertia[0]);
        assertEquals(0, r.reseeded());
    }

    @Test
    void findsPlantedClustersDeterministically() {
        int n = 600, d = 16, k = 6;
        int[] truth = new int[n];
        float[] x = blobs(n, d, k, 0.15, 7, truth);
        KMeans.Result a = new KMeans(k, 4, 50, 1).fit(x, n, d), b = new KMeans(k, 4, 50, 1).fit(x, n, d);
        assertArrayEquals(a.assignment(), b.assignment(), "same seed, same clusters");
        assertEquals(a.inertia(), b.inertia());
        // Each planted blob maps to exactly one cluster and vice versa.
        int[] map = new int[k];
        Arrays.fill(map, -1);
        for (int i = 0; i < n; i++) {
            if (map[truth[i]] < 0) map[truth[i]] = a.assignment()[i];
            assertEquals(map[truth[i]], a.assignment()[i], "point " + i + " left its blob's cluster");
        }
        Set<Integer> distinct = new HashSet<>();
        for (int m : map) distinct.add(m);
        assertEquals(k, distinct.size());
        for (int s : a.sizes()) assertEquals(n / k, s);
    }

    @Test
    void keepsTheRestartWithTheLowestInertia() {
        int n = 400, d = 8, k = 10;
        int[] truth = new int[n];
        float[] x = blobs(n, d, k, 0.5, 9, truth);
        KMeans.Result many = new KMeans(k, 6, 100, 5).fit(x, n, d);
        for (int r = 0; r < 6; r++) {
            KMeans.Result one = KMeans.lloyd(x, n, d, KMeans.plusPlus(x, n, d, k, new SplittableRandom(5 * 0x9E3779B97F4A7C15L + r)), 100, r);
            assertTrue(many.inertia() <= one.inertia(), "restart " + r + " beat the kept one");
        }
    }

    @Test
    void reseedsAnEmptyClusterWithTheFarthestPoint() {
        // Two tight groups and a third centre far from every point: it gets nobody at first.
        int d = 2;
        float[] x = {1, 0, 1.01f, 0, 0.99f, 0, 0, 1, 0, 1.01f, 0, 0.99f, 0.7f, 0.7f};
        int n = x.length / d;
        float[] start = {1, 0, 0, 1, -5, -5};
        KMeans.Result r = KMeans.lloyd(x, n, d, start, 20, 0);
        assertTrue(r.reseeded() >= 1, "the far centre's cluster was empty");
        for (int s : r.sizes()) assertTrue(s >= 1, "every cluster keeps a member: " + Arrays.toString(r.sizes()));
        assertEquals(2, r.assignment()[6], "the farthest point (0.7, 0.7) re-seeds the empty cluster");
    }

    @Test
    void identicalPointsAndBadInput() {
        float[] same = new float[5 * 3];
        Arrays.fill(same, 0.5f);
        KMeans.Result r = new KMeans(3, 2, 10, 1).fit(same, 5, 3);
        assertEquals(0, r.inertia(), 0);
        for (int s : r.sizes()) assertTrue(s >= 1);
        assertThrows(IllegalArgumentException.class, () -> new KMeans(6, 1, 10, 1).fit(same, 5, 3));
        assertThrows(IllegalArgumentException.class, () -> new KMeans(0, 1, 10, 1));
        float[] nan = same.clone();
        nan[4] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> new KMeans(2, 1, 10, 1).fit(nan, 5, 3));
    }
}
