package io.colisten.nn.embed;

import io.colisten.engine.NoGrad;
import io.colisten.engine.StepScope;
import io.colisten.engine.Tensor;
import io.colisten.nn.checkpoint.Checkpoint;
import io.colisten.nn.models.ClassifierHead;
import io.colisten.nn.text.Tokenizer;
import io.colisten.nn.text.Vocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sense-split vocabulary of label disambiguation (paper 3.3): a classifier retrained, with the
 * same network frozen, over cluster-prefixed labels ("17_bebop", "5_bebop"), and for each plain
 * term the ids of its senses. Tags come from this head (so they name senses); a text query whose
 * term has several senses is answered once per sense. Read-only: thread-safe.
 */
final class SenseSpace {
    /** Index rows per block of the probability pass. */
    private static final int ROW_BLOCK = 256;

    private final TagSpace tags;
    private final ClassifierHead head;
    private final Vocabulary vocabulary;
    private final Map<String, int[]> sensesOf;

    SenseSpace(Checkpoint senses) {
        this.vocabulary = senses.vocabulary();
        this.head = senses.head();
        this.tags = new TagSpace(senses.file(), senses.head(), vocabulary);
        Map<String, List<Integer>> m = new HashMap<>();
        for (int s = 0; s < vocabulary.size(); s++) m.computeIfAbsent(termOf(vocabulary.term(s)), t -> new ArrayList<>()).add(s);
        Map<String, int[]> out = HashMap.newHashMap(m.size());
        m.forEach((t, l) -> out.put(t, l.stream().mapToInt(Integer::intValue).toArray()));
        this.sensesOf = out;
    }

    /** The term of a sense label: "17_bebop" -> "bebop"; a label without a numeric prefix is a plain term. */
    static String termOf(String label) {
        int at = label.indexOf('_');
        if (at <= 0 || at > 9) return label;
        for (int i = 0; i < at; i++) if (label.charAt(i) < '0' || label.charAt(i) > '9') return label;
        return label.substring(at + 1);
    }

    TagSpace tags() { return tags; }

    Vocabulary vocabulary() { return vocabulary; }

    /**
     * The k rows of {@code index} that the sense classifier finds most likely to carry the query:
     * score(u) = sum over groups g of log sum_{s in g} p(s | u), p the softmax over all senses, so a
     * group is "any of these senses" (the senses of one query term). Probabilities normalise each
     * recording over the whole vocabulary, which removes what all labels' rows share and leaves what
     * tells one sense from another; a cosine to the sense's row alone ranks the same recordings
     * first for every sense of a weakly trained network. Cost: one pass of the classifier over the
     * index (N x |V| logits, a block of rows and a chunk of labels at a time) per query.
     * Hit scores are exp(score): the probability for a single sense.
     */
    List<Hit> search(EmbeddingIndex index, int[][] groups, int k) {
        int n = index.size(), d = head.dim(), v = head.labels();
        if (index.dim() != d) throw new IllegalArgumentException("the embeddings have dimension " + index.dim() + ", the model " + d);
        TopK top = new TopK(Math.min(k, Math.max(1, n)));
        float[] u = new float[ROW_BLOCK * d];
        double[] max = new double[ROW_BLOCK], sum = new double[ROW_BLOCK];
        double[][] groupSum = new double[groups.length][ROW_BLOCK];
        double[][] groupMax = new double[groups.length][ROW_BLOCK];
        try (NoGrad ng = NoGrad.enter()) {
            for (int r0 = 0; r0 < n; r0 += ROW_BLOCK) {
                int b = Math.min(ROW_BLOCK, n - r0);
                for (int i = 0; i < b; i++) System.arraycopy(index.vector(r0 + i), 0, u, i * d, d);
                Arrays.fill(max, Double.NEGATIVE_INFINITY);
                Arrays.fill(sum, 0);
                for (double[] g : groupMax) Arrays.fill(g, Double.NEGATIVE_INFINITY);
                for (double[] g : groupSum) Arrays.fill(g, 0);
                for (int from = 0; from < v; from += TagSpace.LOGIT_CHUNK) {
                    int to = Math.min(v, from + TagSpace.LOGIT_CHUNK), c = to - from;
                    float[] z;
                    try (StepScope sc = StepScope.open()) {
                        z = head.logits(Tensor.of(Arrays.copyOf(u, b * d), b, d), from, to).toArray();
                    }
                    for (int i = 0; i < b; i++) {
                        max[i] = online(z, i * c, c, max[i], sum, i);
                        for (int g = 0; g < groups.length; g++) {
                            for (int s : groups[g]) {
                                if (s < from || s >= to) continue;
                                double x = z[i * c + s - from], m = Math.max(groupMax[g][i], x);
                                groupSum[g][i] = groupSum[g][i] * Math.exp(groupMax[g][i] - m) + Math.exp(x - m);
                                groupMax[g][i] = m;
                            }
                        }
                    }
                }
                for (int i = 0; i < b; i++) {
                    double lse = max[i] + Math.log(sum[i]), score = 0;
                    for (int g = 0; g < groups.length; g++) score += groupMax[g][i] + Math.log(groupSum[g][i]) - lse;
                    float p = (float) Math.exp(score);
                    if (p >= top.threshold()) top.offer(r0 + i, p);
                }
            }
        }
        return n == 0 ? List.of() : top.drainHits(index.ids());
    }

    /** Folds c logits z[off, off + c) into row i's online log-sum-exp (max returned, sum[i] updated). */
    private static double online(float[] z, int off, int c, double max, double[] sum, int i) {
        double m = max;
        for (int j = 0; j < c; j++) m = Math.max(m, z[off + j]);
        double s = sum[i] * Math.exp(max - m);
        for (int j = 0; j < c; j++) s += Math.exp(z[off + j] - m);
        sum[i] = s;
        return m;
    }

    /**
     * The plain terms with senses among the text's n-grams of 1 to 3 tokens (tokenised as the
     * training labels are), each once, in the order found.
     */
    List<String> terms(String text) {
        java.util.LinkedHashSet<String> found = new java.util.LinkedHashSet<>();
        for (String t : Tokenizer.DEFAULT.terms(text, "")) if (sensesOf.containsKey(t)) found.add(t);
        return List.copyOf(found);
    }

    /** The sense ids of a plain term, most frequent first (empty when it has none). */
    int[] senses(String term) {
        int[] s = sensesOf.get(term);
        return s == null ? new int[0] : s.clone();
    }
}
