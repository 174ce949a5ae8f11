package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.SimdMath.L;
import static io.colisten.kernels.cpu.SimdMath.S;

import jdk.incubator.vector.FloatVector;

/**
 * The row work of {@link ChunkedSoftmaxCrossEntropy} on one chunk of logits z[rows x n] (row
 * stride n) that SGEMM has just written: the bias add, the row maximum and exp sum (forward), and
 * the logit gradient exp(z - lse) * scale - scale * weight at the targets (backward). The forward
 * and the backward add the bias with the same code, so the recomputed logits are bit-identical.
 */
final class SoftmaxXentRows {
    private SoftmaxXentRows() {}

    /** z[i, :] += b[bo + :] (when b is not null) for every row; returns nothing, the logits are final. */
    static void addBias(float[] z, int rows, int n, float[] b, int bo) {
        if (b == null) return;
        for (int i = 0; i < rows; i++) {
            int zr = i * n, c = 0;
            for (int end = n - L; c <= end; c += L) {
                FloatVector.fromArray(S, z, zr + c).add(FloatVector.fromArray(S, b, bo + c)).intoArray(z, zr + c);
            }
            for (; c < n; c++) z[zr + c] += b[bo + c];
        }
    }

    /**
     * Per row of the chunk: max[mo + i] = max_c z[i, c], sum[mo + i] = sum_c exp(z[i, c] - max), and
     * the logits of the row's targets that fall in the chunk, copied to zTarget (parallel to the
     * batch's labels: zTarget[k - rowStart[rso]] for label k).
     */
    static void stats(float[] max, float[] sum, int mo, float[] z, int rows, int n, int j0,
                      int[] rowStart, int rso, int[] labels, int lo, float[] zTarget) {
        int base = rowStart[rso];
        for (int i = 0; i < rows; i++) {
            int zr = i * n;
            float m = SimdMath.max(z, zr, n);
            max[mo + i] = m;
            sum[mo + i] = Softmax.expShiftSum(z, zr, n, m);
            for (int k = rowStart[rso + i], end = rowStart[rso + i + 1]; k < end; k++) {
                int l = labels[lo + k] - j0;
                if (l >= 0 && l < n) zTarget[k - base] = z[zr + l];
            }
        }
    }

    /**
     * Turns the logits into d(loss)/dz in place: row i becomes exp(z - lse[i]) * scale[i], minus
     * scale[i] * weight[i] at each of its targets in the chunk; a row with scale 0 (no labels)
     * becomes zeros.
     */
    static void gradient(float[] z, int rows, int n, int j0, float[] lse, int lseOff, float[] scale, float[] weight,
                         int[] rowStart, int rso, int[] labels, int lo) {
        for (int i = 0; i < rows; i++) {
            int zr = i * n;
            float s = scale[i];
            if (s == 0f) {
                java.util.Arrays.fill(z, zr, zr + n, 0f);
                continue;
            }
            expScale(z, zr, n, lse[lseOff + i], s);
            float t = s * weight[i];
            for (int k = rowStart[rso + i], end = rowStart[rso + i + 1]; k < end; k++) {
                int l = labels[lo + k] - j0;
                if (l >= 0 && l < n) z[zr + l] -= t;
            }
        }
    }

    /** z[off, off + n) = exp(z - shift) * scale; one exp per iteration (see Softmax on C2's inlining). */
    private static void expScale(float[] z, int off, int n, float shift, float scale) {
        int c = 0;
        for (int end = n - L; c <= end; c += L) {
            SimdMath.exp(FloatVector.fromArray(S, z, off + c).sub(shift)).mul(scale).intoArray(z, off + c);
        }
        for (; c < n; c++) z[off + c] = SimdMath.exp(z[off + c] - shift) * scale;
    }
}
