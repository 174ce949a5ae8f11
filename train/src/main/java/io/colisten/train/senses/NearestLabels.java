package io.colisten.train.senses;

import io.colisten.engine.NoGrad;
import io.colisten.engine.StepScope;
import io.colisten.nn.models.ClassifierHead;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Table 3's ranking: labels by the cosine similarity of the classifier's l2-normalised rows (the
 * tag embeddings of paper 3.2.2) to a seed label's row, in the same head. The rows are normalised
 * a chunk at a time, so nothing beyond W itself is held at |V| = 1M.
 */
public final class NearestLabels {
    /** Rows per chunk (512 KiB at d = 128). */
    private static final int CHUNK = 1024;

    /** A neighbour: its label id and cosine. */
    public record Neighbour(int label, double cosine) {}

    private NearestLabels() {}

    /**
     * The {@code k} labels of {@code head} nearest to label {@code seed}, best first, ties to the lower
     * id; labels for which {@code skip} is true (and the seed) are left out.
     */
    public static List<Neighbour> of(ClassifierHead head, int seed, int k, IntPredicate skip) {
        int d = head.dim(), v = head.labels();
        float[] q = head.tagEmbedding(seed);
        int[] best = new int[k];
        double[] bestCos = new double[k];
        int have = 0;
        try (NoGrad ng = NoGrad.enter()) {
            for (int from = 0; from < v; from += CHUNK) {
                int to = Math.min(v, from + CHUNK);
                float[] rows;
                try (StepScope s = StepScope.open()) {
                    rows = head.tagEmbeddings(from, to).toArray();
                }
                for (int j = from; j < to; j++) {
                    if (j == seed || skip.test(j)) continue;
                    double c = 0;
                    for (int t = 0; t < d; t++) c += (double) q[t] * rows[(j - from) * d + t];
                    if (have == k && c <= bestCos[k - 1]) continue;
                    int at = have < k ? have++ : k - 1;
                    while (at > 0 && bestCos[at - 1] < c) {
                        best[at] = best[at - 1];
                        bestCos[at] = bestCos[at - 1];
                        at--;
                    }
                    best[at] = j;
                    bestCos[at] = c;
                }
            }
        }
        List<Neighbour> out = new ArrayList<>(have);
        for (int i = 0; i < have; i++) out.add(new Neighbour(best[i], bestCos[i]));
        return out;
    }
}
