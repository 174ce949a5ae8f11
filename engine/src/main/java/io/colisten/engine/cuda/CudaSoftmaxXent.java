package io.colisten.engine.cuda;

import static io.colisten.engine.cuda.CudaBackend.p;

import io.colisten.engine.IndexBuffer;
import io.colisten.engine.Tensor;

/**
 * The chunked softmax cross-entropy of paper eq. 2 on the GPU, with the CPU kernel's semantics
 * (ChunkedSoftmaxCrossEntropy: l1-normalised multi-hot targets, mean over labelled rows, rows
 * without labels ignored). Per chunk of classes cuBLAS forms the logits z = u w_c^T into a
 * rows x chunk scratch, and our kernels take row statistics (forward) or turn z into dz in place
 * (backward), after which cuBLAS adds dU += dz w_c and dW_c += dz^T u, or the fused path applies
 * Adam to the chunk of W and b directly. The GPU chunk is at least {@link #MIN_CHUNK} classes
 * (bigger products keep the GPU busy); the result does not depend on the chunk beyond rounding.
 */
final class CudaSoftmaxXent {
    static final int MIN_CHUNK = 16384;

    /** The fused optimiser state for {@link #backward}: Adam on w (mW, vW) and b (mB, vB). */
    record Adam(Tensor mW, Tensor vW, Tensor mB, Tensor vB, AdamScalars scalars) {}

    private final CudaBackend be;

    CudaSoftmaxXent(CudaBackend be) {
        this.be = be;
    }

    private static int chunk(int chunk, int classes) {
        return Math.min(classes, Math.max(chunk, MIN_CHUNK));
    }

    void forward(Tensor loss, Tensor lse, Tensor u, Tensor w, Tensor b, IndexBuffer rowStart, IndexBuffer labels,
                 int rows, int dim, int classes, int chunk) {
        int gc = chunk(chunk, classes), chunks = (classes + gc - 1) / gc;
        Tensor z = be.scratch(rows * gc), max = be.scratch(chunks * rows), sum = be.scratch(chunks * rows);
        Tensor rowLoss = be.scratch(rows);
        for (int c = 0; c < chunks; c++) {
            int j0 = c * gc, n = Math.min(gc, classes - j0);
            be.gemm(false, true, rows, n, dim, 1f, p(u), p(w) + 4L * j0 * dim, 0f, p(z));
            be.perBlock("xent_chunk_stats", rows, p(z), b == null ? 0L : p(b) + 4L * j0,
                    p(max) + 4L * c * rows, p(sum) + 4L * c * rows, n);
        }
        be.run("xent_row_loss", rows, p(lse), p(rowLoss), p(max), p(sum), chunks, p(u), p(w), p(b), p(rowStart),
                p(labels), rows, dim);
        be.perBlock("xent_finish", 1, p(loss), 0L, 0L, p(rowLoss), p(rowStart), 0L, rows);
        for (Tensor t : new Tensor[] {z, max, sum, rowLoss}) be.release(t.storage());
    }

    /** dU += d(loss)/du (dU may be null); then either dW, dB += theirs (either may be null) or, with adam, one step. */
    void backward(Tensor dU, Tensor dW, Tensor dB, Adam adam, Tensor dLoss, Tensor lse, Tensor u, Tensor w, Tensor b,
                  IndexBuffer rowStart, IndexBuffer labels, int rows, int dim, int classes, int chunk) {
        int gc = chunk(chunk, classes), chunks = (classes + gc - 1) / gc;
        Tensor z = be.scratch(rows * gc), scale = be.scratch(rows), weight = be.scratch(rows);
        Tensor gw = adam == null ? null : be.scratch(gc * dim);
        Tensor gb = adam == null || b == null ? null : be.scratch(gc);
        be.perBlock("xent_finish", 1, 0L, p(scale), p(weight), 0L, p(rowStart), p(dLoss), rows);
        for (int c = 0; c < chunks; c++) {
            int j0 = c * gc, n = Math.min(gc, classes - j0);
            long wc = p(w) + 4L * j0 * dim;
            be.gemm(false, true, rows, n, dim, 1f, p(u), wc, 0f, p(z));
            be.perBlock("xent_chunk_grad", rows, p(z), b == null ? 0L : p(b) + 4L * j0, p(lse), p(scale), p(weight),
                    p(rowStart), p(labels), n, j0);
            // dU first: it needs this chunk's weights before the fused update changes them.
            if (dU != null) be.gemm(false, false, rows, dim, n, 1f, p(z), wc, 1f, p(dU));
            if (adam == null) {
                if (dW != null) be.gemm(true, false, n, dim, rows, 1f, p(z), p(u), 1f, p(dW) + 4L * j0 * dim);
                if (dB != null) be.run("reduce_sum_columns", n, p(dB) + 4L * j0, p(z), rows, n);
            } else {
                be.gemm(true, false, n, dim, rows, 1f, p(z), p(u), 0f, p(gw));
                be.adam(wc, p(gw), p(adam.mW()) + 4L * j0 * dim, p(adam.vW()) + 4L * j0 * dim, (long) n * dim,
                        adam.scalars());
                if (b != null) {
                    be.fill(new Tensor(be, gb.storage(), 0, new int[] {n}), 0f);
                    be.run("reduce_sum_columns", n, p(gb), p(z), rows, n);
                    be.adam(p(b) + 4L * j0, p(gb), p(adam.mB()) + 4L * j0, p(adam.vB()) + 4L * j0, n, adam.scalars());
                }
            }
        }
        for (Tensor t : new Tensor[] {z, scale, weight, gw, gb}) if (t != null) be.release(t.storage());
    }
}
