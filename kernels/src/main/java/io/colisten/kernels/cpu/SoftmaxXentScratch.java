package io.colisten.kernels.cpu;

/**
 * Scratch of {@link ChunkedSoftmaxCrossEntropy}, one per thread; buffers only grow, so steady-state
 * calls allocate nothing. Worker buffers (logits, weightGrad, biasGrad) are used by whichever
 * thread runs a part, one part at a time. Caller buffers (chunk statistics, target logits, row
 * scales, dU partials) belong to the thread that called the kernel; parts write disjoint pieces
 * of them and the caller reads them after the parallel section.
 */
final class SoftmaxXentScratch {
    private float[] logits = new float[0], weightGrad = new float[0], biasGrad = new float[0];
    private float[] chunkMax = new float[0], chunkSum = new float[0], zTarget = new float[0];
    private float[] scale = new float[0], weight = new float[0];
    private float[][] partials = new float[0][];

    /** rows x chunk logits of one chunk. */
    float[] logits(int n) {
        if (logits.length < n) logits = new float[n];
        return logits;
    }

    /** chunk x dim weight gradient of one chunk (fused path). */
    float[] weightGrad(int n) {
        if (weightGrad.length < n) weightGrad = new float[n];
        return weightGrad;
    }

    float[] biasGrad(int n) {
        if (biasGrad.length < n) biasGrad = new float[n];
        return biasGrad;
    }

    /** chunks x rows: each chunk's row maxima. */
    float[] chunkMax(int n) {
        if (chunkMax.length < n) chunkMax = new float[n];
        return chunkMax;
    }

    /** chunks x rows: each chunk's sums of exp(z - chunk max). */
    float[] chunkSum(int n) {
        if (chunkSum.length < n) chunkSum = new float[n];
        return chunkSum;
    }

    /** The logit of every target label of the batch. */
    float[] zTarget(int n) {
        if (zTarget.length < n) zTarget = new float[Math.max(n, 1)];
        return zTarget;
    }

    float[] scale(int rows) {
        if (scale.length < rows) scale = new float[rows];
        return scale;
    }

    float[] weight(int rows) {
        if (weight.length < rows) weight = new float[rows];
        return weight;
    }

    /** parts zeroed buffers of n floats: part p's dU partial. */
    float[][] partials(int parts, int n) {
        if (partials.length < parts) {
            float[][] q = new float[parts][];
            for (int i = 0; i < parts; i++) q[i] = i < partials.length ? partials[i] : new float[0];
            partials = q;
        }
        for (int i = 0; i < parts; i++) {
            if (partials[i].length < n) partials[i] = new float[n];
            else java.util.Arrays.fill(partials[i], 0, n, 0f);
        }
        return partials;
    }
}
