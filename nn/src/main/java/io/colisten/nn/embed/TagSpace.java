package io.colisten.nn.embed;

import io.colisten.engine.NoGrad;
import io.colisten.engine.StepScope;
import io.colisten.engine.Tensor;
import io.colisten.nn.models.ClassifierHead;
import io.colisten.nn.text.TokenBuffer;
import io.colisten.nn.text.Tokenizer;
import io.colisten.nn.text.Vocabulary;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a classifier head adds to an embedder: tag prediction (softmax over the |V| logits
 * W u + b, computed a chunk of labels at a time so that nothing |V| x n is held), tag embeddings
 * (the l2-normalised rows of W) and text queries (the mean of the tag embeddings of the
 * vocabulary terms in a text). Read-only after construction: thread-safe.
 */
final class TagSpace {
    /** Labels per logits product: 256 KiB of logits, whatever |V| is. */
    static final int LOGIT_CHUNK = 65_536;

    private final Path file;
    private final ClassifierHead head;
    private final Vocabulary vocabulary;

    TagSpace(Path file, ClassifierHead head, Vocabulary vocabulary) {
        this.file = file;
        this.head = head;
        this.vocabulary = vocabulary;
    }

    int labels() { return head.labels(); }

    /**
     * The k most probable labels for embedding {@code u}: p = softmax(W u + b) over all |V| labels
     * (log-sum-exp accumulated in double, online over the chunks), best first, ties to the lower id.
     */
    List<Tag> tags(float[] u, int k) {
        int d = head.dim();
        if (u.length != d) throw new IllegalArgumentException("tags: embedding has " + u.length + " values, the classifier takes " + d);
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        int labels = head.labels();
        TopK top = new TopK(Math.min(k, labels));
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        Tensor x = Tensor.of(u.clone(), 1, d);
        try (NoGrad ng = NoGrad.enter()) {
            for (int from = 0; from < labels; from += LOGIT_CHUNK) {
                int to = Math.min(labels, from + LOGIT_CHUNK);
                float[] logits;
                try (StepScope s = StepScope.open()) {
                    logits = head.logits(x, from, to).toArray();
                }
                for (int j = 0; j < logits.length; j++) {
                    float z = logits[j];
                    if (z >= top.threshold()) top.offer(from + j, z);
                    if (z > max) {
                        sum = sum * Math.exp(max - z) + 1;
                        max = z;
                    } else {
                        sum += Math.exp(z - max);
                    }
                }
            }
        }
        double lse = max + Math.log(sum);
        int n = top.size();
        int[] ids = new int[n];
        float[] z = new float[n];
        top.drainInto(ids, z);
        List<Tag> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Tag(ids[i], vocabulary == null ? null : vocabulary.term(ids[i]), (float) Math.exp(z[i] - lse), z[i]));
        }
        return out;
    }

    /** Row {@code label} of W divided by its l2 norm (in double); a zero row stays zero. */
    float[] tagEmbedding(int label) {
        if (label < 0 || label >= head.labels()) {
            throw new IllegalArgumentException("label " + label + " is not in [0, " + head.labels() + ")");
        }
        float[] w = head.weightRows(label, label + 1).toArray();
        EmbeddingIndex.normalise(w, 0, w.length);
        return w;
    }

    float[] tagEmbedding(String term) {
        Vocabulary v = requireVocabulary("tag embeddings by term");
        int id = v.id(term);
        if (id < 0) throw new IllegalArgumentException("'" + term + "' is not a term of the vocabulary of " + file);
        return tagEmbedding(id);
    }

    /**
     * The text's n-grams of 1 to 3 tokens, tokenised as the training labels are (one field:
     * NFKC, case folding, spaceless scripts cut into characters; {@link Tokenizer}), looked up in
     * the vocabulary; each distinct term found counts once, as it does in a recording's labels.
     * The query vector is the mean of their tag embeddings, l2-normalised.
     */
    TextQuery textQuery(String text) {
        Vocabulary v = requireVocabulary("text search");
        TokenBuffer b = new TokenBuffer();
        Tokenizer.DEFAULT.appendField(text, b);
        char[] chars = b.chars();
        Set<Integer> found = new LinkedHashSet<>();
        Tokenizer.forEachNGram(b, (start, end, hash) -> {
            int id = v.id(chars, start, end, hash);
            if (id >= 0) found.add(id);
        });
        int[] labels = found.stream().mapToInt(Integer::intValue).toArray();
        List<String> terms = new ArrayList<>(labels.length);
        for (int id : labels) terms.add(v.term(id));
        if (labels.length == 0) return new TextQuery(text, terms, labels, null);
        double[] mean = new double[head.dim()];
        for (int id : labels) {
            float[] t = tagEmbedding(id);
            for (int j = 0; j < t.length; j++) mean[j] += t[j];
        }
        float[] q = new float[mean.length];
        for (int j = 0; j < q.length; j++) q[j] = (float) (mean[j] / labels.length);
        EmbeddingIndex.normalise(q, 0, q.length);
        return new TextQuery(text, List.copyOf(terms), labels, q);
    }

    private Vocabulary requireVocabulary(String what) {
        if (vocabulary == null) {
            throw new IllegalStateException(file + ": " + what + " needs a vocabulary, and this checkpoint names none");
        }
        return vocabulary;
    }
}
