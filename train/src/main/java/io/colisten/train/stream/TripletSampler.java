package io.colisten.train.stream;

import io.colisten.engine.random.Rng;
import io.colisten.train.graph.ColistenGraph;

/**
 * Draws (anchor, positive, negative) recordings from a co-listen graph as the paper does (section
 * 3.2.1): the anchor a uniformly from the vertices with at least one neighbour, the positive p
 * uniformly from N(a), the negative n uniformly from N(p) \ N(a) \ {a} (a neighbour of the
 * positive that the anchor does not know: a hard negative). Where that set is empty, n is drawn
 * uniformly from V \ N(a) \ {a} and the draw is counted as a fallback; where even that is empty
 * (a is adjacent to every other vertex), n is uniform over V \ {a} and counted as degenerate too.
 *
 * <p>Exact draws from the set differences without allocating: first up to {@link #TRIES}
 * rejection draws (uniform over N(p), or over V, until one falls in the set; each test a binary
 * search in a's sorted neighbours); when all fail, the set is counted exactly by a merge of the
 * two sorted lists and its k-th member taken for a uniform k. An accepted rejection draw is
 * uniform over the set and so is the enumeration, so the mixture is uniform; an empty set is
 * recognised by the count being 0. Cost per draw: O(TRIES log deg) usually, O(deg(a) + deg(p))
 * when the set is small or empty. Stateless apart from the caller's {@link Rng}: thread-safe.
 */
public final class TripletSampler {
    /** Rejection draws before the exact enumeration. */
    static final int TRIES = 16;
    /** What {@link #draw} returns. */
    public static final int HARD = 0, FALLBACK = 1, DEGENERATE = 2;

    private final int n;
    private final int[] off, nbr;
    private final int[] anchors;

    /** A sampler over {@code g}; it needs at least one edge. */
    TripletSampler(ColistenGraph g, int[] anchors) {
        if (anchors.length == 0) throw new IllegalArgumentException("triplets: the training graph has no edge");
        this.n = g.tracks();
        this.off = g.offsets();
        this.nbr = g.neighbours();
        this.anchors = anchors;
    }

    TripletSampler(ColistenGraph g) {
        this(g, anchorsOf(g));
    }

    public static TripletSampler of(TrainingGraph g) {
        return new TripletSampler(g.graph(), g.anchorVertices());
    }

    private static int[] anchorsOf(ColistenGraph g) {
        int k = 0;
        for (int v = 0; v < g.tracks(); v++) if (g.degree(v) > 0) k++;
        int[] a = new int[k];
        k = 0;
        for (int v = 0; v < g.tracks(); v++) if (g.degree(v) > 0) a[k++] = v;
        return a;
    }

    /**
     * Draws one triplet into {@code out[at]}, {@code out[at + 1]}, {@code out[at + 2]} (vertices a, p,
     * n); returns {@link #HARD}, {@link #FALLBACK} or {@link #DEGENERATE}.
     */
    public int draw(Rng rng, int[] out, int at) {
        int a = anchors[rng.nextInt(anchors.length)];
        int p = nbr[off[a] + rng.nextInt(off[a + 1] - off[a])];
        out[at] = a;
        out[at + 1] = p;
        int x = hardNegative(rng, a, p);
        if (x >= 0) {
            out[at + 2] = x;
            return HARD;
        }
        x = outsideNeighbourhood(rng, a);
        if (x >= 0) {
            out[at + 2] = x;
            return FALLBACK;
        }
        x = rng.nextInt(n - 1); // V \ {a}
        out[at + 2] = x >= a ? x + 1 : x;
        return DEGENERATE;
    }

    /** Uniform over N(p) \ N(a) \ {a}, or -1 when that set is empty. */
    int hardNegative(Rng rng, int a, int p) {
        int pf = off[p], pt = off[p + 1];
        for (int t = 0; t < TRIES; t++) {
            int x = nbr[pf + rng.nextInt(pt - pf)];
            if (x != a && !adjacent(a, x)) return x;
        }
        int count = 0;
        for (int q = pf, r = off[a], rt = off[a + 1]; q < pt; q++) {
            int x = nbr[q];
            while (r < rt && nbr[r] < x) r++;
            if (x != a && (r == rt || nbr[r] != x)) count++;
        }
        if (count == 0) return -1;
        int k = rng.nextInt(count);
        for (int q = pf, r = off[a], rt = off[a + 1]; ; q++) {
            int x = nbr[q];
            while (r < rt && nbr[r] < x) r++;
            if (x != a && (r == rt || nbr[r] != x) && k-- == 0) return x;
        }
    }

    /** Uniform over V \ N(a) \ {a}, or -1 when that set is empty. */
    int outsideNeighbourhood(Rng rng, int a) {
        int af = off[a], at = off[a + 1];
        int size = n - 1 - (at - af);
        if (size <= 0) return -1;
        for (int t = 0; t < TRIES; t++) {
            int x = rng.nextInt(n);
            if (x != a && !adjacent(a, x)) return x;
        }
        // The k-th vertex outside the sorted excluded list E = N(a) + {a}: walk E ascending,
        // stepping the candidate past every excluded vertex at or below it.
        int x = rng.nextInt(size);
        boolean aPassed = false;
        for (int q = af; ; ) {
            int e;
            if (!aPassed && (q == at || a < nbr[q])) {
                e = a;
                aPassed = true;
            } else if (q < at) {
                e = nbr[q++];
            } else {
                return x;
            }
            if (e <= x) x++;
            else return x;
        }
    }

    private boolean adjacent(int a, int x) {
        int lo = off[a], hi = off[a + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int v = nbr[mid];
            if (v < x) lo = mid + 1;
            else if (v > x) hi = mid - 1;
            else return true;
        }
        return false;
    }

    /**
     * The fraction of triplets whose negative would come from the fallback, estimated from
     * {@code draws} triplets of a graph (for {@code inspect}: no feature store needed); 0 for a
     * graph without edges.
     */
    public static double fallbackFraction(ColistenGraph g, int draws, long seed) {
        int[] anchors = anchorsOf(g);
        if (anchors.length == 0 || draws <= 0) return 0;
        TripletSampler s = new TripletSampler(g, anchors);
        Rng rng = new Rng(seed);
        int[] t = new int[3];
        long fallbacks = 0;
        for (int i = 0; i < draws; i++) if (s.draw(rng, t, 0) != HARD) fallbacks++;
        return (double) fallbacks / draws;
    }

    /** Anchors: vertices with at least one neighbour. */
    public int anchors() {
        return anchors.length;
    }
}
