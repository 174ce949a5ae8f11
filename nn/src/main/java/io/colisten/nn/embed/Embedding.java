package io.colisten.nn.embed;

import java.util.Arrays;

/**
 * One recording's embedding.
 *
 * @param vector      the recording embedding: the mean of the window embeddings, l2-normalised (d values)
 * @param windows     the window embeddings, windowCount x d row-major, each of unit length
 * @param windowCount non-overlapping windows the recording gave (at least 1)
 * @param dim         d, the embedding size
 * @param padded      the recording was shorter than one window and was padded with silence
 * @param clipped     the recording was longer than the decoder's limit and only its start was used
 */
public record Embedding(float[] vector, float[] windows, int windowCount, int dim, boolean padded, boolean clipped) {
    /** A copy of window {@code w}'s embedding. */
    public float[] window(int w) {
        if (w < 0 || w >= windowCount) throw new IndexOutOfBoundsException("window " + w + " of " + windowCount);
        return Arrays.copyOfRange(windows, w * dim, (w + 1) * dim);
    }
}
