package io.colisten.nn.embed;

import java.util.ArrayList;
import java.util.List;

/**
 * What a batch gave: one recording embedding per input item, in input order (null where the item
 * failed), and the failures in input order, each naming its item and the reason.
 */
public record BatchResult(float[][] vectors, List<Failure> failures) {
    public record Failure(int index, String item, String message) {}

    public int succeeded() {
        return vectors.length - failures.size();
    }

    /**
     * The items that succeeded, under {@code ids} (one per input item, failed ones included), as an
     * index in input order.
     */
    public EmbeddingIndex toIndex(List<String> ids) {
        if (ids.size() != vectors.length) {
            throw new IllegalArgumentException(ids.size() + " ids for a batch of " + vectors.length + " items");
        }
        int dim = 0;
        for (float[] v : vectors) if (v != null) dim = v.length;
        List<String> kept = new ArrayList<>();
        float[] rows = new float[succeeded() * dim];
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i] == null) continue;
            System.arraycopy(vectors[i], 0, rows, kept.size() * dim, dim);
            kept.add(ids.get(i));
        }
        return new EmbeddingIndex(kept, rows, Math.max(dim, 1));
    }
}
