package io.colisten.train.training;

import io.colisten.nn.embed.EmbeddingFiles;
import io.colisten.nn.embed.Npy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The regression targets of the CF-regression baseline: one WMF factor per recording, read from a
 * float32 .npy (N x rank) with ids.txt beside it (line i names row i), each row l2-normalised here.
 * Rows of zero length (a recording WMF saw no play of) are dropped, so such a recording is never a
 * target.
 */
public final class CfTargets {
    private final Map<String, Integer> rowOf;
    private final float[] rows;
    private final int dim;

    private CfTargets(Map<String, Integer> rowOf, float[] rows, int dim) {
        this.rowOf = rowOf;
        this.rows = rows;
        this.dim = dim;
    }

    /** Reads FACTORS.npy and the ids.txt in the same folder. */
    public static CfTargets read(Path npy) throws IOException {
        if (!Files.isRegularFile(npy)) throw new IOException(npy + ": no such factors file (WMF factors, .npy)");
        Path idsFile = npy.resolveSibling(EmbeddingFiles.IDS);
        if (!Files.isRegularFile(idsFile)) throw new IOException(idsFile + ": no such file (the ids of " + npy.getFileName() + "'s rows)");
        Npy.Matrix m = Npy.read(npy);
        List<String> ids = EmbeddingFiles.readIds(idsFile);
        if (ids.size() != m.rows()) {
            throw new IOException(npy + ": " + m.rows() + " rows but " + idsFile + " names " + ids.size() + " recordings");
        }
        int d = m.cols();
        float[] data = m.data();
        Map<String, Integer> rowOf = new HashMap<>();
        for (int r = 0; r < ids.size(); r++) {
            double norm = 0;
            for (int c = 0; c < d; c++) norm += (double) data[r * d + c] * data[r * d + c];
            if (!(norm > 0) || !Double.isFinite(norm)) continue;
            float inv = (float) (1 / Math.sqrt(norm));
            for (int c = 0; c < d; c++) data[r * d + c] *= inv;
            if (rowOf.put(ids.get(r), r) != null) throw new IOException(idsFile + ": recording '" + ids.get(r) + "' is listed twice");
        }
        return new CfTargets(rowOf, data, d);
    }

    public int dim() {
        return dim;
    }

    public boolean has(String id) {
        return rowOf.containsKey(id);
    }

    public int size() {
        return rowOf.size();
    }

    /** Copies the unit factor of {@code id} to {@code out[off .. off + dim)}. */
    void copy(String id, float[] out, int off) {
        Integer r = rowOf.get(id);
        if (r == null) throw new IllegalStateException("cf-regression: no factor for recording '" + id + "'");
        System.arraycopy(rows, r * dim, out, off, dim);
    }
}
