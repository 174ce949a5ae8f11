package io.colisten.train.wmf;

import io.colisten.kernels.cpu.Sgemm;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * F^T F of an n x stride factor matrix, the "Y^T Y" that every row's system shares. Rows are cut
 * into fixed blocks; each block's product is one SGEMM (float), and the block products are added
 * in block order in double, so the result does not depend on the number of lanes and keeps about
 * double precision across millions of rows (the loss's all-pairs term is read from it).
 * Memory: at most {@link #MAX_BLOCKS} x stride^2 floats of partials.
 */
final class FactorGram {
    static final int MAX_BLOCKS = 256;
    static final int MIN_BLOCK_ROWS = 1024;

    private final int n, stride, blockRows, blocks;
    private final float[] partials;
    /** stride x stride, row-major, symmetric. */
    final double[] gram;

    FactorGram(int n, int stride) {
        this.n = n;
        this.stride = stride;
        this.blockRows = Math.max(MIN_BLOCK_ROWS, (n + MAX_BLOCKS - 1) / MAX_BLOCKS);
        this.blocks = (n + blockRows - 1) / blockRows;
        this.partials = new float[blocks * stride * stride];
        this.gram = new double[stride * stride];
    }

    /** Sets {@link #gram} to F^T F. */
    void compute(float[] f, int lanes) {
        AtomicInteger next = new AtomicInteger();
        int ss = stride * stride;
        Lanes.run(Math.min(lanes, blocks), lane -> {
            for (int b; (b = next.getAndIncrement()) < blocks; ) {
                int from = b * blockRows, rows = Math.min(n, from + blockRows) - from;
                // C[stride x stride] = F_b^T F_b: F_b stored rows x stride, read transposed as op(A).
                Sgemm.sgemm(true, false, stride, stride, rows, 1f, f, from * stride, stride, f, from * stride, stride,
                        0f, partials, b * ss, stride);
            }
        });
        java.util.Arrays.fill(gram, 0);
        for (int b = 0; b < blocks; b++) {
            for (int k = 0; k < ss; k++) gram[k] += partials[b * ss + k];
        }
    }

    /** out = gram + diag (lambda on the first {@code rank} entries, 1 on the padding), in float. */
    void withRidge(float[] out, int rank, float lambda) {
        for (int k = 0; k < stride * stride; k++) out[k] = (float) gram[k];
        for (int j = 0; j < stride; j++) out[j * stride + j] = j < rank ? (float) (gram[j * stride + j] + lambda) : 1f;
    }

    /** trace(gram): the squared Frobenius norm of F. */
    double trace() {
        double t = 0;
        for (int j = 0; j < stride; j++) t += gram[j * stride + j];
        return t;
    }

    /** <this, other>_F = sum over all pairs (u, i) of (x_u . y_i)^2 when this = X^T X, other = Y^T Y. */
    double frobeniusDot(FactorGram other) {
        double s = 0;
        for (int k = 0; k < stride * stride; k++) s += gram[k] * other.gram[k];
        return s;
    }
}
