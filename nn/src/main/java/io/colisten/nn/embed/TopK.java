package io.colisten.nn.embed;

import java.util.ArrayList;
import java.util.List;

/**
 * The k best (score, index) pairs seen so far: a binary heap with the worst kept at the root, so
 * that a candidate is compared with one element and most are rejected there. Better means a higher
 * score, and for equal scores a lower index, so results do not depend on the order of the scan.
 * One per query per call; not thread-safe.
 */
final class TopK {
    private final int k;
    private final int[] index;
    private final float[] score;
    private int size;

    TopK(int k) {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        this.k = k;
        index = new int[k];
        score = new float[k];
    }

    int size() { return size; }

    /** The score a candidate must beat (ties broken by index) once k are held; -infinity before. */
    float threshold() {
        return size < k ? Float.NEGATIVE_INFINITY : score[0];
    }

    void offer(int i, float s) {
        if (size < k) {
            int c = size++;
            while (c > 0) { // sift up: parents are worse than or equal to children
                int p = (c - 1) >>> 1;
                if (!worse(i, s, index[p], score[p])) break;
                index[c] = index[p];
                score[c] = score[p];
                c = p;
            }
            index[c] = i;
            score[c] = s;
        } else if (worse(index[0], score[0], i, s)) {
            int c = 0;
            while (true) { // sift down from the root
                int l = 2 * c + 1;
                if (l >= size) break;
                int r = l + 1;
                int w = r < size && worse(index[r], score[r], index[l], score[l]) ? r : l;
                if (!worse(index[w], score[w], i, s)) break;
                index[c] = index[w];
                score[c] = score[w];
                c = w;
            }
            index[c] = i;
            score[c] = s;
        }
    }

    /** (i1, s1) ranks below (i2, s2). */
    static boolean worse(int i1, float s1, int i2, float s2) {
        return s1 < s2 || (s1 == s2 && i1 > i2);
    }

    /**
     * Moves the held pairs, best first, into {@code order} and {@code scores} by popping the worst
     * off the heap into the last free place: O(k log k). Leaves the heap empty.
     */
    void drainInto(int[] order, float[] scores) {
        for (int n = size - 1; n >= 0; n--) {
            order[n] = index[0];
            scores[n] = score[0];
            int i = index[n];
            float s = score[n];
            size = n;
            int c = 0;
            while (true) {
                int l = 2 * c + 1;
                if (l >= size) break;
                int r = l + 1;
                int w = r < size && worse(index[r], score[r], index[l], score[l]) ? r : l;
                if (!worse(index[w], score[w], i, s)) break;
                index[c] = index[w];
                score[c] = score[w];
                c = w;
            }
            if (size > 0) {
                index[c] = i;
                score[c] = s;
            }
        }
    }

    /** The held pairs as hits, best first (leaves the heap empty). */
    List<Hit> drainHits(List<String> ids) {
        int n0 = size;
        int[] order = new int[n0];
        float[] sc = new float[n0];
        drainInto(order, sc);
        List<Hit> out = new ArrayList<>(n0);
        for (int n = 0; n < n0; n++) out.add(new Hit(order[n], ids == null ? null : ids.get(order[n]), sc[n]));
        return out;
    }
}
