package io.colisten.train.wmf;

import jdk.incubator.vector.FloatVector;

/**
 * The two factor matrices of WMF over n recordings: row factors X (the matrix's rows) and column
 * factors Y (its columns), each n x rank, stored row-major with a padded row {@code stride} (rank
 * rounded up to the vector length, padding always zero) so that the row kernels need no tails.
 * Memory: 2 x n x stride floats, nothing else.
 */
public final class WmfFactors {
    /** Streams of {@link Mix64#at} for the initial values. */
    static final long ROWS_STREAM = 1, COLUMNS_STREAM = 2;

    final int n, rank, stride;
    final float[] x, y;

    WmfFactors(int n, int rank) {
        if (n < 1) throw new IllegalArgumentException("wmf: the graph has no recordings");
        if (rank < 1) throw new IllegalArgumentException("wmf: rank must be at least 1, got " + rank);
        // a multiple of the vector length, and of 8 (the row tiles of WeightedGram)
        int unit = Math.max(8, FloatVector.SPECIES_PREFERRED.length());
        this.n = n;
        this.rank = rank;
        this.stride = (rank + unit - 1) / unit * unit;
        long size = (long) n * stride;
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("wmf: " + n + " recordings x rank " + rank + " do not fit one Java array");
        }
        this.x = new float[(int) size];
        this.y = new float[(int) size];
    }

    /**
     * Both matrices with entry (i, j) = scale * u, u uniform in [-1, 1) from
     * {@link Mix64#at}(seed, stream, i * rank + j): X from stream 1, Y from stream 2.
     */
    public static WmfFactors random(int n, int rank, long seed, float scale) {
        WmfFactors f = new WmfFactors(n, rank);
        fill(f.x, n, rank, f.stride, seed, ROWS_STREAM, scale);
        fill(f.y, n, rank, f.stride, seed, COLUMNS_STREAM, scale);
        return f;
    }

    private static void fill(float[] m, int n, int rank, int stride, long seed, long stream, float scale) {
        long base = Mix64.mix(seed + stream);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < rank; j++) {
                m[i * stride + j] = scale * Mix64.signedUnit(Mix64.mix(base + (long) i * rank + j));
            }
        }
    }

    public int recordings() {
        return n;
    }

    public int rank() {
        return rank;
    }

    /** X as a dense n x rank array (a copy). */
    public float[] rowFactors() {
        return compact(x);
    }

    /** Y as a dense n x rank array (a copy): the published recording factors (notes/wmf.md says why). */
    public float[] columnFactors() {
        return compact(y);
    }

    public float rowFactor(int i, int j) {
        return x[i * stride + j];
    }

    public float columnFactor(int i, int j) {
        return y[i * stride + j];
    }

    private float[] compact(float[] m) {
        float[] out = new float[Math.multiplyExact(n, rank)];
        for (int i = 0; i < n; i++) System.arraycopy(m, i * stride, out, i * rank, rank);
        return out;
    }
}
