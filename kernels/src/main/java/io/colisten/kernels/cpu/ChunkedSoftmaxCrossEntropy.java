package io.colisten.kernels.cpu;

/**
 * Softmax cross-entropy with l1-normalised multi-hot targets (paper eq. 2) over a label vocabulary
 * of up to millions, computed a chunk of labels at a time: the logits held at once are
 * rows x chunk, never rows x classes.
 *
 * <p>Shapes: u[rows x dim] (embeddings), w[classes x dim], b[classes] (null: no bias); logits
 * z = u w^T + b. Targets, sparse: row i's labels are
 * {@code labels[lo + rowStart[rso + i] .. lo + rowStart[rso + i + 1])}, distinct ids in
 * [0, classes), each with weight 1 / |L_i|. Loss: the mean over the rows that have labels of
 * lse_i - (1 / |L_i|) sum_{l in L_i} z_il; a row without labels contributes nothing and is not
 * counted (as PyTorch's ignore_index); with no labelled row at all the loss and gradients are 0.
 *
 * <p>Forward: per chunk, z_c = u w_c^T + b_c by SGEMM, then each row's chunk max and exp sum;
 * the chunks' (max, sum) pairs are merged per row in chunk order into lse[rows], kept for
 * backward. Backward recomputes each chunk's logits (one more product instead of keeping
 * rows x classes floats), turns them into dz = (softmax - target) * g / count, then
 * dU += dz w_c and either dW_c += dz^T u, db_c += colsum(dz) (the plain path, a dense dW) or one
 * Adam step on w_c and b_c from that chunk's gradient (the fused path: no classes x dim gradient
 * ever exists, so a 1M x 128 classifier trains within W + its two moments).
 *
 * <p>Parallelism: the chunks are cut into min(16, chunks) contiguous parts claimed by the pool's
 * threads; each part runs single-threaded SGEMM and writes only its own chunks and its own dU
 * partial, and the partials are added in part order. Every result therefore depends on the sizes
 * and the chunk length only, not on the thread count, and the plain and fused paths compute
 * bit-identical gradients.
 */
public final class ChunkedSoftmaxCrossEntropy {
    /** Labels per chunk: logits, W rows and dW rows of one chunk (0.5 MiB each at 132 x 128) fit L2 together. */
    public static final int DEFAULT_CHUNK = 1024;
    static final int MAX_PARTS = 16;

    private static final ThreadLocal<SoftmaxXentScratch> SCRATCH = ThreadLocal.withInitial(SoftmaxXentScratch::new);

    private ChunkedSoftmaxCrossEntropy() {}

    /** loss[lossOff] = the mean cross-entropy; lse[lseOff + i] = log sum_j exp(z_ij), kept for backward. */
    public static void forward(float[] loss, int lossOff, float[] lse, int lseOff, float[] u, int uo, float[] w, int wo,
                               float[] b, int bo, int[] rowStart, int rso, int[] labels, int lo,
                               int rows, int dim, int classes, int chunk) {
        String op = "softmaxCrossEntropy.forward";
        checkProblem(op, u, uo, w, wo, b, bo, rowStart, rso, labels, lo, rows, dim, classes, chunk);
        Check.span(op, "loss", loss, lossOff, 1);
        Check.span(op, "lse", lse, lseOff, rows);
        SoftmaxXentScratch caller = SCRATCH.get();
        int chunks = chunks(classes, chunk), parts = Math.min(MAX_PARTS, chunks);
        int base = rowStart[rso], nnz = rowStart[rso + rows] - base;
        float[] max = caller.chunkMax(chunks * rows), sum = caller.chunkSum(chunks * rows);
        float[] zTarget = caller.zTarget(nnz);
        Parallel.forEach(parts, p -> {
            float[] z = SCRATCH.get().logits(rows * Math.min(chunk, classes));
            for (int c = first(p, parts, chunks), cEnd = first(p + 1, parts, chunks); c < cEnd; c++) {
                int j0 = c * chunk, n = Math.min(chunk, classes - j0);
                logits(z, u, uo, w, wo, b, bo, rows, dim, j0, n);
                SoftmaxXentRows.stats(max, sum, c * rows, z, rows, n, j0, rowStart, rso, labels, lo, zTarget);
            }
        });
        double total = 0;
        int count = 0;
        for (int i = 0; i < rows; i++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < chunks; c++) m = Math.max(m, max[c * rows + i]);
            double s = 0;
            for (int c = 0; c < chunks; c++) s += sum[c * rows + i] * Math.exp(max[c * rows + i] - m);
            float l = (float) (m + Math.log(s));
            lse[lseOff + i] = l;
            int k0 = rowStart[rso + i] - base, k1 = rowStart[rso + i + 1] - base;
            if (k1 == k0) continue;
            double t = 0;
            for (int k = k0; k < k1; k++) t += zTarget[k];
            total += l - t / (k1 - k0);
            count++;
        }
        loss[lossOff] = count == 0 ? 0f : (float) (total / count);
    }

    /**
     * The plain backward: dU += d(loss)/du, dW += d(loss)/dW, dB += d(loss)/db, each scaled by
     * gradLoss; any of dU, dW, dB may be null (not needed). lse is the forward's.
     */
    public static void backward(float[] dU, int duo, float[] dW, int dwo, float[] dB, int dbo, float gradLoss,
                                float[] lse, int lseOff, float[] u, int uo, float[] w, int wo, float[] b, int bo,
                                int[] rowStart, int rso, int[] labels, int lo, int rows, int dim, int classes, int chunk) {
        String op = "softmaxCrossEntropy.backward";
        checkProblem(op, u, uo, w, wo, b, bo, rowStart, rso, labels, lo, rows, dim, classes, chunk);
        Check.span(op, "lse", lse, lseOff, rows);
        if (dU != null) Check.span(op, "dU", dU, duo, (long) rows * dim);
        if (dW != null) Check.span(op, "dW", dW, dwo, (long) classes * dim);
        if (dB != null) Check.span(op, "dB", dB, dbo, classes);
        run(dU, duo, dW, dwo, dB, dbo, null, gradLoss, lse, lseOff, u, uo, w, wo, b, bo, rowStart, rso, labels, lo,
                rows, dim, classes, chunk);
    }

    /**
     * The fused backward: dU += d(loss)/du (dU may be null), and instead of a weight gradient one
     * Adam / AdamW step (see {@link Adam#step}, PyTorch semantics, the step counted from 1) on w
     * with moments mW, vW and on b with mB, vB, chunk by chunk. The result equals the plain
     * backward into zeroed dW, dB followed by {@link Adam#step} on the whole of w and b, bit for bit.
     */
    public static void backwardAdam(float[] dU, int duo, float gradLoss, float[] lse, int lseOff, float[] u, int uo,
                                    float[] w, int wo, float[] mW, int mwo, float[] vW, int vwo,
                                    float[] b, int bo, float[] mB, int mbo, float[] vB, int vbo,
                                    int[] rowStart, int rso, int[] labels, int lo, int rows, int dim, int classes,
                                    int chunk, float lr, float beta1, float beta2, float eps, float weightDecay,
                                    long step) {
        String op = "softmaxCrossEntropy.backwardAdam";
        checkProblem(op, u, uo, w, wo, b, bo, rowStart, rso, labels, lo, rows, dim, classes, chunk);
        Check.span(op, "lse", lse, lseOff, rows);
        if (dU != null) Check.span(op, "dU", dU, duo, (long) rows * dim);
        Check.span(op, "mW", mW, mwo, (long) classes * dim);
        Check.span(op, "vW", vW, vwo, (long) classes * dim);
        if (b != null) {
            Check.span(op, "mB", mB, mbo, classes);
            Check.span(op, "vB", vB, vbo, classes);
        }
        if (step < 1) throw new IllegalArgumentException(op + ": step counts from 1, got " + step);
        AdamUpdate adam = new AdamUpdate(mW, mwo, vW, vwo, mB, mbo, vB, vbo, lr, beta1, beta2, eps, weightDecay, step);
        run(dU, duo, null, 0, null, 0, adam, gradLoss, lse, lseOff, u, uo, w, wo, b, bo, rowStart, rso, labels, lo,
                rows, dim, classes, chunk);
    }

    /** The optimiser state and settings the fused backward applies per chunk. */
    private record AdamUpdate(float[] mW, int mwo, float[] vW, int vwo, float[] mB, int mbo, float[] vB, int vbo,
                              float lr, float beta1, float beta2, float eps, float weightDecay, long step) {}

    private static void run(float[] dU, int duo, float[] dW, int dwo, float[] dB, int dbo, AdamUpdate adam,
                            float gradLoss, float[] lse, int lseOff, float[] u, int uo, float[] w, int wo,
                            float[] b, int bo, int[] rowStart, int rso, int[] labels, int lo,
                            int rows, int dim, int classes, int chunk) {
        SoftmaxXentScratch caller = SCRATCH.get();
        int chunks = chunks(classes, chunk), parts = Math.min(MAX_PARTS, chunks);
        float[] scale = caller.scale(rows), weight = caller.weight(rows);
        int count = 0;
        for (int i = 0; i < rows; i++) if (rowStart[rso + i + 1] > rowStart[rso + i]) count++;
        float perRow = count == 0 ? 0f : (float) ((double) gradLoss / count);
        for (int i = 0; i < rows; i++) {
            int k = rowStart[rso + i + 1] - rowStart[rso + i];
            scale[i] = k == 0 ? 0f : perRow;
            weight[i] = k == 0 ? 0f : 1f / k;
        }
        float[][] partials = dU == null ? null : caller.partials(parts, rows * dim);
        Parallel.forEach(parts, p -> {
            SoftmaxXentScratch s = SCRATCH.get();
            float[] z = s.logits(rows * Math.min(chunk, classes));
            float[] du = partials == null ? null : partials[p];
            for (int c = first(p, parts, chunks), cEnd = first(p + 1, parts, chunks); c < cEnd; c++) {
                int j0 = c * chunk, n = Math.min(chunk, classes - j0);
                logits(z, u, uo, w, wo, b, bo, rows, dim, j0, n);
                SoftmaxXentRows.gradient(z, rows, n, j0, lse, lseOff, scale, weight, rowStart, rso, labels, lo);
                // dU first: it needs the weights before this chunk's update.
                if (du != null) Sgemm.sgemmSerial(false, false, rows, dim, n, 1f, z, 0, n, w, wo + j0 * dim, dim, 1f, du, 0, dim);
                if (adam == null) {
                    if (dW != null) Sgemm.sgemmSerial(true, false, n, dim, rows, 1f, z, 0, n, u, uo, dim, 1f, dW, dwo + j0 * dim, dim);
                    if (dB != null) Reduce.sumColumnsRange(dB, dbo + j0, z, 0, rows, n, 0, n);
                } else {
                    update(s, adam, z, u, uo, w, wo, b, bo, rows, dim, j0, n);
                }
            }
        });
        if (partials != null) {
            int len = rows * dim;
            for (int e = 0; e < len; e++) {
                float t = partials[0][e];
                for (int p = 1; p < parts; p++) t += partials[p][e];
                dU[duo + e] += t;
            }
        }
    }

    /** One Adam step on w's rows [j0, j0 + n) and b[j0, j0 + n) from the chunk's gradient dz. */
    private static void update(SoftmaxXentScratch s, AdamUpdate a, float[] z, float[] u, int uo, float[] w, int wo,
                               float[] b, int bo, int rows, int dim, int j0, int n) {
        float[] dw = s.weightGrad(n * dim);
        Sgemm.sgemmSerial(true, false, n, dim, rows, 1f, z, 0, n, u, uo, dim, 0f, dw, 0, dim);
        Adam.stepSerial(w, wo + j0 * dim, dw, 0, a.mW, a.mwo + j0 * dim, a.vW, a.vwo + j0 * dim, n * dim,
                a.lr, a.beta1, a.beta2, a.eps, a.weightDecay, a.step);
        if (b == null) return;
        float[] db = s.biasGrad(n);
        java.util.Arrays.fill(db, 0, n, 0f);
        Reduce.sumColumnsRange(db, 0, z, 0, rows, n, 0, n);
        Adam.stepSerial(b, bo + j0, db, 0, a.mB, a.mbo + j0, a.vB, a.vbo + j0, n, a.lr, a.beta1, a.beta2, a.eps,
                a.weightDecay, a.step);
    }

    /** z[rows x n] = u w[j0 .. j0 + n)^T + b[j0 .. j0 + n), on the calling thread. */
    private static void logits(float[] z, float[] u, int uo, float[] w, int wo, float[] b, int bo,
                               int rows, int dim, int j0, int n) {
        Sgemm.sgemmSerial(false, true, rows, n, dim, 1f, u, uo, dim, w, wo + j0 * dim, dim, 0f, z, 0, n);
        SoftmaxXentRows.addBias(z, rows, n, b, b == null ? 0 : bo + j0);
    }

    private static int chunks(int classes, int chunk) {
        return (int) (((long) classes + chunk - 1) / chunk);
    }

    /** First chunk of part p of parts over chunks (contiguous, sizes differing by at most one). */
    private static int first(int p, int parts, int chunks) {
        return (int) ((long) chunks * p / parts);
    }

    private static void checkProblem(String op, float[] u, int uo, float[] w, int wo, float[] b, int bo,
                                     int[] rowStart, int rso, int[] labels, int lo,
                                     int rows, int dim, int classes, int chunk) {
        if (rows < 1 || dim < 1 || classes < 1 || chunk < 1) {
            throw new IllegalArgumentException(op + ": need rows, dim, classes and chunk >= 1, got rows=" + rows
                    + " dim=" + dim + " classes=" + classes + " chunk=" + chunk);
        }
        Check.span(op, "u", u, uo, (long) rows * dim);
        Check.span(op, "w", w, wo, (long) classes * dim);
        if (b != null) Check.span(op, "b", b, bo, classes);
        if (rowStart == null || rso < 0 || (long) rso + rows + 1 > rowStart.length) {
            throw new IllegalArgumentException(op + ": rowStart needs offset " + rso + " + " + (rows + 1)
                    + " entries but has " + (rowStart == null ? "none" : rowStart.length));
        }
        int base = rowStart[rso];
        for (int i = 0; i < rows; i++) {
            if (rowStart[rso + i + 1] < rowStart[rso + i]) {
                throw new IllegalArgumentException(op + ": rowStart decreases at row " + i + " ("
                        + rowStart[rso + i] + " then " + rowStart[rso + i + 1] + ")");
            }
        }
        int end = rowStart[rso + rows];
        if (labels == null || base < 0 || lo < 0 || (long) lo + end > labels.length) {
            throw new IllegalArgumentException(op + ": labels need offset " + lo + " + " + end + " entries but have "
                    + (labels == null ? "none" : labels.length));
        }
        for (int k = lo + base; k < lo + end; k++) {
            if (labels[k] < 0 || labels[k] >= classes) {
                throw new IllegalArgumentException(op + ": label id " + labels[k] + " at " + (k - lo)
                        + " is outside [0, " + classes + ")");
            }
        }
    }
}
