package io.colisten.nn.embed;

import io.colisten.kernels.cpu.Sgemm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exact cosine top-k over a set of embeddings: an N x d float matrix whose rows are stored
 * l2-normalised (a zero row stays zero and scores 0 against everything), with one id per row.
 * A search normalises the queries, then walks the matrix in blocks of {@value #BLOCK_ROWS} rows:
 * one SGEMM per block gives the scores of up to {@value #QUERY_BLOCK} queries against the block
 * ([q, d] x [rows, d]^T, kernels' blocked Sgemm over the cores), and a heap per query keeps the k
 * best. Memory beyond the matrix is one q x block score buffer per call. Ties rank the lower row
 * first. Immutable, so any number of threads may search at once.
 */
public final class EmbeddingIndex {
    static final int BLOCK_ROWS = 4096;
    static final int QUERY_BLOCK = 64;

    private final List<String> ids;
    private final float[] rows;
    private final int dim;
    private final Map<String, Integer> byId;

    /**
     * @param ids     one per row, unique, non-empty, without line breaks (they go to ids.txt)
     * @param vectors ids.size() x dim, row-major, finite; copied and normalised here
     */
    public EmbeddingIndex(List<String> ids, float[] vectors, int dim) {
        if (dim < 1) throw new IllegalArgumentException("embedding index: dimension must be >= 1, got " + dim);
        if ((long) ids.size() * dim != vectors.length) {
            throw new IllegalArgumentException("embedding index: " + ids.size() + " ids but " + vectors.length
                    + " values, which is not " + ids.size() + " rows of " + dim);
        }
        this.ids = List.copyOf(ids);
        this.dim = dim;
        byId = HashMap.newHashMap(ids.size());
        for (int i = 0; i < this.ids.size(); i++) {
            String id = this.ids.get(i);
            String problem = idProblem(id);
            if (problem != null) throw new IllegalArgumentException("embedding index: id " + i + " " + problem);
            Integer before = byId.putIfAbsent(id, i);
            if (before != null) {
                throw new IllegalArgumentException("embedding index: id '" + id + "' appears twice (rows " + before + " and " + i + ")");
            }
        }
        rows = vectors.clone();
        for (int i = 0; i < this.ids.size(); i++) {
            if (!normalise(rows, i * dim, dim)) {
                throw new IllegalArgumentException("embedding index: row " + i + " ('" + this.ids.get(i) + "') is not finite");
            }
        }
    }

    /** Why {@code id} cannot be a row id (empty, or holding a line break), or null. */
    static String idProblem(String id) {
        if (id == null || id.isEmpty()) return "is empty";
        if (id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0) return "'" + id.replaceAll("[\r\n]", " ") + "' holds a line break";
        return null;
    }

    /** Reads {@code dir}/embeddings.npy and {@code dir}/ids.txt ({@link EmbeddingFiles}). */
    public static EmbeddingIndex read(Path dir) throws IOException {
        return EmbeddingFiles.read(dir);
    }

    /** Writes the (normalised) rows and the ids to {@code dir} ({@link EmbeddingFiles}). */
    public void write(Path dir) throws IOException {
        EmbeddingFiles.write(dir, ids, rows, dim);
    }

    public int size() { return ids.size(); }

    public int dim() { return dim; }

    public List<String> ids() { return ids; }

    public String id(int row) { return ids.get(row); }

    /** The row of {@code id}, or -1. */
    public int indexOf(String id) {
        Integer i = byId.get(id);
        return i == null ? -1 : i;
    }

    /** A copy of row {@code row} (unit length unless it was zero). */
    public float[] vector(int row) {
        float[] v = new float[dim];
        System.arraycopy(rows, row * dim, v, 0, dim);
        return v;
    }

    /** The k rows most similar to {@code query} (any length; normalised here), best first; fewer when N < k. */
    public List<Hit> search(float[] query, int k) {
        return search(query, 1, k).get(0);
    }

    /** The k rows most similar to the row named {@code id}, leaving that row out. */
    public List<Hit> similar(String id, int k) {
        int row = indexOf(id);
        if (row < 0) throw new IllegalArgumentException("no embedding with id '" + id + "' in the index");
        return topK(vector(row), 1, k, new int[] {row}).get(0);
    }

    /** Top-k for {@code count} queries stored row-major in {@code queries} (count x dim). */
    public List<List<Hit>> search(float[] queries, int count, int k) {
        return topK(queries, count, k, null);
    }

    private List<List<Hit>> topK(float[] queries, int count, int k, int[] exclude) {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        if (count < 0 || queries.length != (long) count * dim) {
            throw new IllegalArgumentException("queries: " + queries.length + " values are not " + count + " rows of " + dim);
        }
        float[] q = queries.clone();
        for (int i = 0; i < count; i++) {
            if (!normalise(q, i * dim, dim)) throw new IllegalArgumentException("query " + i + " is not finite");
        }
        int n = ids.size();
        List<List<Hit>> out = new ArrayList<>(count);
        float[] scores = new float[Math.min(QUERY_BLOCK, Math.max(1, count)) * Math.min(BLOCK_ROWS, Math.max(1, n))];
        for (int q0 = 0; q0 < count; q0 += QUERY_BLOCK) {
            int qc = Math.min(QUERY_BLOCK, count - q0);
            TopK[] heaps = new TopK[qc];
            for (int j = 0; j < qc; j++) heaps[j] = new TopK(Math.min(k, Math.max(1, n)));
            for (int r0 = 0; r0 < n; r0 += BLOCK_ROWS) {
                int nb = Math.min(BLOCK_ROWS, n - r0);
                // scores[qc, nb] = q[q0 .. q0 + qc) . rows[r0 .. r0 + nb)^T
                Sgemm.sgemm(false, true, qc, nb, dim, 1f, q, q0 * dim, dim, rows, r0 * dim, dim, 0f, scores, 0, nb);
                for (int j = 0; j < qc; j++) {
                    TopK h = heaps[j];
                    int base = j * nb;
                    for (int c = 0; c < nb; c++) {
                        float s = scores[base + c];
                        if (s >= h.threshold() && !excluded(exclude, r0 + c)) h.offer(r0 + c, s);
                    }
                }
            }
            for (TopK h : heaps) out.add(n == 0 ? List.of() : h.drainHits(ids));
        }
        return out;
    }

    private static boolean excluded(int[] exclude, int row) {
        if (exclude == null) return false;
        for (int e : exclude) if (e == row) return true;
        return false;
    }

    /** Divides x[off, off + n) by its l2 norm (in double); false when a value is not finite. */
    static boolean normalise(float[] x, int off, int n) {
        double ss = 0;
        for (int i = off; i < off + n; i++) {
            if (!Float.isFinite(x[i])) return false;
            ss += (double) x[i] * x[i];
        }
        if (ss == 0) return true;
        double inv = 1.0 / Math.sqrt(ss);
        for (int i = off; i < off + n; i++) x[i] = (float) (x[i] * inv);
        return true;
    }
}
