package io.colisten.train.eval;

import io.colisten.kernels.cpu.Sgemm;
import io.colisten.nn.embed.EmbeddingIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Scores pairs of recordings by their vectors: cosine similarity of embeddings (the paper's
 * measure; vectors need not be unit, they are normalised here, and a zero vector scores 0 with
 * everything), or the plain dot product (WMF factors). For a set of n recordings the n x d
 * vectors are gathered once; each row block of scores is one SGEMM of the block's rows against
 * the rows from the block's first on ([rows, d] x [n - from, d]^T; kernels' blocked Sgemm over the
 * cores), which covers every pair c > r and none of the lower triangle's blocks before it.
 */
public final class EmbeddingPairScorer implements PairScorer {
    private static final int MAX_NAMED = 20;
    private final Function<String, float[]> vectors;
    private final boolean cosine;

    private EmbeddingPairScorer(Function<String, float[]> vectors, boolean cosine) {
        this.vectors = vectors;
        this.cosine = cosine;
    }

    /** Cosine similarity of the vectors in {@code byId} (read at {@link #over}; not copied here). */
    public static EmbeddingPairScorer cosine(Map<String, float[]> byId) {
        return new EmbeddingPairScorer(byId::get, true);
    }

    /** Cosine similarity of an index's rows (its embeddings.npy and ids.txt). */
    public static EmbeddingPairScorer cosine(EmbeddingIndex index) {
        return new EmbeddingPairScorer(id -> {
            int row = index.indexOf(id);
            return row < 0 ? null : index.vector(row);
        }, true);
    }

    /** Dot products of the vectors in {@code byId}, not normalised (matrix-factorisation factors). */
    public static EmbeddingPairScorer dot(Map<String, float[]> byId) {
        return new EmbeddingPairScorer(byId::get, false);
    }

    @Override
    public Rows over(String[] ids) {
        int n = ids.length;
        List<String> missing = new ArrayList<>();
        float[][] found = new float[n][];
        int dim = -1;
        String dimId = null;
        for (int i = 0; i < n; i++) {
            found[i] = vectors.apply(ids[i]);
            if (found[i] == null) {
                missing.add(ids[i]);
            } else if (dim < 0) {
                dim = found[i].length;
                dimId = ids[i];
            } else if (found[i].length != dim) {
                throw new IllegalArgumentException("link prediction: embedding of '" + ids[i] + "' has " + found[i].length
                        + " dimensions, that of '" + dimId + "' " + dim);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("link prediction: no embedding for " + missing.size() + " of " + n
                    + " recordings: " + String.join(", ", missing.subList(0, Math.min(MAX_NAMED, missing.size())))
                    + (missing.size() > MAX_NAMED ? ", ..." : ""));
        }
        int d = Math.max(dim, 0);
        float[] x = new float[n * d]; // n x d, row-major
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (float v : found[i]) {
                if (!Float.isFinite(v)) throw new IllegalArgumentException("link prediction: embedding of '" + ids[i] + "' is not finite");
                norm += (double) v * v;
            }
            double scale = !cosine ? 1 : norm > 0 ? 1 / Math.sqrt(norm) : 0;
            for (int j = 0; j < d; j++) x[i * d + j] = (float) (found[i][j] * scale);
        }
        return (from, to, out) -> {
            if (to <= from) return;
            // out[(r - from) * n + c] for c in [from, n) = x[r] . x[c]
            Sgemm.sgemm(false, true, to - from, n - from, d, 1f, x, from * d, d, x, from * d, d, 0f, out, from, n);
        };
    }
}
