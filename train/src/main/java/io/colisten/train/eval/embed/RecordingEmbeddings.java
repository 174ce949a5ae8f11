package io.colisten.train.eval.embed;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Embeddings of a list of recordings for evaluation: every non-overlapping window's embedding
 * (label prediction averages per-window classifier scores) and each recording's embedding, the
 * l2-normalised mean of its windows (DESIGN.md: cosine similarity between recordings).
 *
 * @param ids         the recordings, in row order
 * @param dim         d, values per embedding
 * @param windowStart n + 1 offsets: recording i owns window rows [windowStart[i], windowStart[i + 1])
 * @param windows     W x d window embeddings, row-major (W = windowStart[n])
 * @param means       n x d recording embeddings, row-major, unit length (zero when the mean is zero)
 */
public record RecordingEmbeddings(List<String> ids, int dim, int[] windowStart, float[] windows, float[] means) {
    public RecordingEmbeddings {
        int n = ids.size();
        if (windowStart.length != n + 1 || windows.length != (long) windowStart[n] * dim || means.length != (long) n * dim) {
            throw new IllegalArgumentException("embeddings: " + n + " recordings, " + windowStart.length + " offsets, "
                    + windows.length + " window values and " + means.length + " mean values do not agree at dimension " + dim);
        }
    }

    /** Builds the means from the windows. */
    public static RecordingEmbeddings ofWindows(List<String> ids, int dim, int[] windowStart, float[] windows) {
        float[] means = new float[ids.size() * dim];
        for (int i = 0; i < ids.size(); i++) mean(windows, windowStart[i], windowStart[i + 1], dim, means, i * dim);
        return new RecordingEmbeddings(List.copyOf(ids), dim, windowStart, windows, means);
    }

    /** The l2-normalised mean of window rows [from, to) into out[off, off + dim), accumulated in double. */
    static void mean(float[] rows, int from, int to, int dim, float[] out, int off) {
        double[] m = new double[dim];
        for (int r = from; r < to; r++) for (int j = 0; j < dim; j++) m[j] += rows[r * dim + j];
        double ss = 0;
        for (int j = 0; j < dim; j++) ss += m[j] * m[j];
        double inv = ss > 0 ? 1 / Math.sqrt(ss) : 0;
        for (int j = 0; j < dim; j++) out[off + j] = (float) (m[j] * inv);
    }

    public int size() {
        return ids.size();
    }

    public int windowCount(int recording) {
        return windowStart[recording + 1] - windowStart[recording];
    }

    /** Recording i's embedding (a copy). */
    public float[] mean(int i) {
        float[] v = new float[dim];
        System.arraycopy(means, i * dim, v, 0, dim);
        return v;
    }

    /** Every recording's embedding by id (copies). */
    public Map<String, float[]> byId() {
        Map<String, float[]> m = HashMap.newHashMap(ids.size());
        for (int i = 0; i < ids.size(); i++) m.put(ids.get(i), mean(i));
        return m;
    }

    /** The rows of these recordings (in the given order), each id required. */
    public RecordingEmbeddings select(List<String> wanted) {
        Map<String, Integer> row = HashMap.newHashMap(ids.size());
        for (int i = 0; i < ids.size(); i++) row.put(ids.get(i), i);
        int[] start = new int[wanted.size() + 1];
        for (int k = 0; k < wanted.size(); k++) {
            Integer i = row.get(wanted.get(k));
            if (i == null) throw new IllegalArgumentException("embeddings: no embedding of recording '" + wanted.get(k) + "'");
            start[k + 1] = start[k] + windowCount(i);
        }
        float[] w = new float[start[wanted.size()] * dim], m = new float[wanted.size() * dim];
        for (int k = 0; k < wanted.size(); k++) {
            int i = row.get(wanted.get(k));
            System.arraycopy(windows, windowStart[i] * dim, w, start[k] * dim, windowCount(i) * dim);
            System.arraycopy(means, i * dim, m, k * dim, dim);
        }
        return new RecordingEmbeddings(List.copyOf(wanted), dim, start, w, m);
    }

    /** These rows followed by {@code more}'s (disjoint ids). */
    public RecordingEmbeddings concat(RecordingEmbeddings more) {
        if (more.dim != dim) throw new IllegalArgumentException("embeddings: dimension " + more.dim + " added to " + dim);
        int n = ids.size(), m = more.ids.size();
        int[] start = new int[n + m + 1];
        System.arraycopy(windowStart, 0, start, 0, n + 1);
        for (int k = 1; k <= m; k++) start[n + k] = windowStart[n] + more.windowStart[k];
        float[] w = new float[start[n + m] * dim], mm = new float[(n + m) * dim];
        System.arraycopy(windows, 0, w, 0, windows.length);
        System.arraycopy(more.windows, 0, w, windows.length, more.windows.length);
        System.arraycopy(means, 0, mm, 0, means.length);
        System.arraycopy(more.means, 0, mm, means.length, more.means.length);
        List<String> all = new java.util.ArrayList<>(ids);
        all.addAll(more.ids);
        return new RecordingEmbeddings(List.copyOf(all), dim, start, w, mm);
    }
}
