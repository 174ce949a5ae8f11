package io.colisten.nn.embed;

import java.util.List;

/**
 * A free-text query mapped into the embedding space: the vocabulary terms found among its n-grams
 * (tokenised exactly as training labels are), their label ids, and the l2-normalised mean of their
 * tag embeddings ({@code vector} is null when no term of the text is in the vocabulary).
 */
public record TextQuery(String text, List<String> terms, int[] labels, float[] vector) {
    public boolean matched() {
        return vector != null;
    }
}
