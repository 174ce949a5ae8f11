package io.colisten.train.wmf;

import io.colisten.kernels.cpu.Parallel;
import io.colisten.train.graph.ColistenGraph;
import java.util.Arrays;

/**
 * Random co-listen graphs of any size for the scale check and the benchmark, built straight into
 * CSR (no edge list, so nothing O(edges) beyond the graph itself): a circulant graph on n vertices
 * where vertex i neighbours i +- o_k (mod n) for degree / 2 distinct offsets o_k in [1, (n-1)/2],
 * relabelled by a random permutation, so every recording has exactly {@code degree} neighbours
 * scattered over the whole id range. Count of pair (a, b), a < b: 2 + floor(8 u^3), u uniform, so
 * mostly 2 and 3 with a tail to 9.
 *
 * <p>Every number comes from {@link Mix64#at}(seed, purpose, i), so bench/peer/wmf.py builds the
 * same graph: the permutation by Fisher-Yates (purpose 21: for i = n-1 down to 1, swap i with
 * at(i) mod (i+1), unsigned), offsets by drawing 1 + at(t) mod ((n-1)/2) for t = 0, 1, ... and
 * keeping new values (purpose 22), counts from u = unit(at(a * n + b)) (purpose 23).
 */
public final class SyntheticGraph {
    static final long PERMUTATION = 21, OFFSETS = 22, COUNTS = 23;

    private SyntheticGraph() {}

    public static ColistenGraph permutedCirculant(int n, int degree, long seed) {
        if (degree < 2 || degree % 2 != 0) throw new IllegalArgumentException("synthetic graph: degree must be even and >= 2, got " + degree);
        if ((n - 1) / 2 < degree) throw new IllegalArgumentException("synthetic graph: " + n + " recordings are too few for degree " + degree);
        long entries = (long) n * degree;
        if (entries > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("synthetic graph: " + entries + " entries do not fit one array");
        int[] perm = permutation(n, seed), inv = new int[n];
        for (int i = 0; i < n; i++) inv[perm[i]] = i;
        int[] off = offsets(n, degree / 2, seed);
        int[] offsets = new int[n + 1];
        for (int v = 0; v <= n; v++) offsets[v] = v * degree;
        int[] nbr = new int[(int) entries], cnt = new int[(int) entries];
        long countBase = Mix64.mix(seed + COUNTS);
        Parallel.forRange(n, 1024, (from, to) -> {
            for (int v = from; v < to; v++) {
                int i = inv[v], at = v * degree;
                for (int k = 0; k < off.length; k++) {
                    nbr[at + 2 * k] = perm[(i + off[k]) % n];
                    nbr[at + 2 * k + 1] = perm[(i - off[k] + n) % n];
                }
                Arrays.sort(nbr, at, at + degree);
                for (int q = at; q < at + degree; q++) {
                    long a = Math.min(v, nbr[q]), b = Math.max(v, nbr[q]);
                    double u = Mix64.unit(Mix64.mix(countBase + a * n + b));
                    cnt[q] = 2 + (int) (8 * u * u * u);
                }
            }
        });
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) ids[i] = "g" + i;
        return new ColistenGraph(ids, offsets, nbr, cnt);
    }

    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        long base = Mix64.mix(seed + PERMUTATION);
        for (int i = n - 1; i >= 1; i--) {
            int j = (int) Long.remainderUnsigned(Mix64.mix(base + i), i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    static int[] offsets(int n, int count, long seed) {
        long base = Mix64.mix(seed + OFFSETS), range = (n - 1) / 2;
        java.util.LinkedHashSet<Integer> seen = new java.util.LinkedHashSet<>();
        for (long t = 0; seen.size() < count; t++) seen.add((int) (1 + Long.remainderUnsigned(Mix64.mix(base + t), range)));
        return seen.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * A graph with planted communities, for checking what the factors learn: n recordings in
     * {@code communities} equal blocks (recording i in block i / (n / communities)); each recording
     * draws degreeIn / 2 partners uniformly in its block and degreeOut / 2 uniformly anywhere
     * (self pairs dropped, a pair drawn twice kept once), counts 1 + floor(8 u^3). Built through an
     * edge list (O(edges) while building), so meant for moderate sizes.
     */
    public static ColistenGraph plantedCommunities(int n, int communities, int degreeIn, int degreeOut, long seed) {
        if (communities < 1 || n < 2 * communities) throw new IllegalArgumentException("planted graph: need n >= 2 x communities");
        int per = n / communities, draws = degreeIn / 2 + degreeOut / 2;
        int m = Math.multiplyExact(n, draws);
        int[] a = new int[m], b = new int[m], c = new int[m];
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int k = 0;
        for (int i = 0; i < n; i++) {
            int block = Math.min(i / per, communities - 1), start = block * per, size = block == communities - 1 ? n - start : per;
            for (int t = 0; t < draws; t++) {
                int j = t < degreeIn / 2 ? start + r.nextInt(size) : r.nextInt(n);
                if (j == i) continue;
                a[k] = i;
                b[k] = j;
                c[k++] = 1 + (int) (8 * Math.pow(r.nextDouble(), 3));
            }
        }
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) ids[i] = "p" + i;
        return ColistenGraph.fromEdges(ids, a, b, c, k);
    }

    /** A checksum both this class and the peer print: sum over entries of (neighbour + 1) * count, mod 2^64. */
    public static long fingerprint(ColistenGraph g) {
        long s = 0;
        for (int q = 0; q < g.neighbours().length; q++) s += (g.neighbours()[q] + 1L) * g.counts()[q];
        return s;
    }
}
