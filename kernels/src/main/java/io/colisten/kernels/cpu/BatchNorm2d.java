package io.colisten.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Batch normalisation over the (n, h, w) positions of each channel of NCHW data, PyTorch's
 * convention: training normalises with the biased batch variance and updates the running variance
 * with the unbiased one; running = (1 - momentum) * running + momentum * batch.
 * Shapes: in, out, dIn, dOut n x c x hw; gamma, beta, saveMean, saveRstd, running stats c
 * (gamma / beta null mean 1 / 0). Parallel over channels; within a channel each image's plane is
 * summed in float vectors and the planes are summed in double in image order (two passes: mean,
 * then squared deviations), so results do not depend on the thread count.
 */
public final class BatchNorm2d {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private BatchNorm2d() {}

    /**
     * Training forward. Saves per-channel mean and rstd = 1 / sqrt(var + eps) for backward, and
     * updates runningMean / runningVar in place (either may be null to skip the update).
     */
    public static void forwardTrain(float[] out, int outOff, float[] saveMean, float[] saveRstd,
                                    float[] in, int inOff, float[] gamma, float[] beta,
                                    float[] runningMean, float[] runningVar, float momentum, float eps,
                                    int n, int c, int hw) {
        train("batchnorm2d forwardTrain", out, outOff, saveMean, saveRstd, in, inOff, gamma, beta, runningMean, runningVar,
                momentum, eps, n, c, hw, false);
    }

    /** {@link #forwardTrain}, then max(out, 0) when {@code relu} (the fused op of {@link BatchNormReLU2d}). */
    static void train(String op, float[] out, int outOff, float[] saveMean, float[] saveRstd,
                      float[] in, int inOff, float[] gamma, float[] beta,
                      float[] runningMean, float[] runningVar, float momentum, float eps,
                      int n, int c, int hw, boolean relu) {
        long size = checkTrain(op, saveMean, saveRstd, in, inOff, gamma, beta, runningMean, runningVar, momentum, eps,
                n, c, hw);
        BufferChecks.range(op, "out", out, outOff, size, shape(n, c, hw));
        int stride = c * hw;
        Parallel.forRangeBalanced(c, 1, (from, to) -> {
            for (int ch = from; ch < to; ch++) {
                int base = inOff + ch * hw;
                channelStatistics(ch, saveMean, saveRstd, in, inOff, runningMean, runningVar, momentum, eps, n, c, hw);
                float meanF = saveMean[ch], scale = (gamma == null ? 1f : gamma[ch]) * saveRstd[ch];
                float shift = beta == null ? 0f : beta[ch];
                for (int b = 0; b < n; b++) {
                    if (relu) normaliseReLU(out, outOff + ch * hw + b * stride, in, base + b * stride, hw, meanF, scale, shift);
                    else normalise(out, outOff + ch * hw + b * stride, in, base + b * stride, hw, meanF, scale, shift);
                }
            }
        });
    }

    /** The checks of a training forward but the output's (whose size a fused op decides); returns n c hw. */
    static long checkTrain(String op, float[] saveMean, float[] saveRstd,
                           float[] in, int inOff, float[] gamma, float[] beta,
                           float[] runningMean, float[] runningVar, float momentum, float eps, int n, int c, int hw) {
        Object shape = shape(n, c, hw);
        long size = sizes(op, n, c, hw);
        BufferChecks.range(op, "in", in, inOff, size, shape);
        BufferChecks.range(op, "saveMean", saveMean, 0, c, shape);
        BufferChecks.range(op, "saveRstd", saveRstd, 0, c, shape);
        BufferChecks.optional(op, "gamma", gamma, 0, c, shape);
        BufferChecks.optional(op, "beta", beta, 0, c, shape);
        BufferChecks.optional(op, "runningMean", runningMean, 0, c, shape);
        BufferChecks.optional(op, "runningVar", runningVar, 0, c, shape);
        if (!(eps >= 0f) || !(momentum >= 0f && momentum <= 1f)) {
            throw new IllegalArgumentException(op + ": need eps >= 0 and momentum in [0, 1], got eps=" + eps
                    + " momentum=" + momentum + "; shape " + shape);
        }
        return size;
    }

    /**
     * Channel ch's batch statistics into saveMean[ch] and saveRstd[ch] (two passes: the mean, then
     * squared deviations; planes in float vectors, summed in double in image order), and the update
     * of the running ones (either may be null).
     */
    static void channelStatistics(int ch, float[] saveMean, float[] saveRstd, float[] in, int inOff,
                                  float[] runningMean, float[] runningVar, float momentum, float eps, int n, int c, int hw) {
        int m = n * hw, stride = c * hw, base = inOff + ch * hw;
        double sum = 0;
        for (int b = 0; b < n; b++) sum += sum(in, base + b * stride, hw);
        double mean = sum / m;
        float meanF = (float) mean;
        double sq = 0;
        for (int b = 0; b < n; b++) sq += squaredDeviation(in, base + b * stride, hw, meanF);
        double var = sq / m;
        float rstd = (float) (1.0 / Math.sqrt(var + eps));
        saveMean[ch] = meanF;
        saveRstd[ch] = rstd;
        if (runningMean != null) runningMean[ch] = (1 - momentum) * runningMean[ch] + momentum * meanF;
        if (runningVar != null) {
            double unbiased = m > 1 ? sq / (m - 1) : var;
            runningVar[ch] = (1 - momentum) * runningVar[ch] + momentum * (float) unbiased;
        }
    }

    /** Inference forward with running statistics. */
    public static void forwardEval(float[] out, int outOff, float[] in, int inOff, float[] gamma, float[] beta,
                                   float[] runningMean, float[] runningVar, float eps, int n, int c, int hw) {
        String op = "batchnorm2d forwardEval";
        Object shape = shape(n, c, hw);
        long size = sizes(op, n, c, hw);
        BufferChecks.range(op, "out", out, outOff, size, shape);
        BufferChecks.range(op, "in", in, inOff, size, shape);
        BufferChecks.optional(op, "gamma", gamma, 0, c, shape);
        BufferChecks.optional(op, "beta", beta, 0, c, shape);
        BufferChecks.range(op, "runningMean", runningMean, 0, c, shape);
        BufferChecks.range(op, "runningVar", runningVar, 0, c, shape);
        int stride = c * hw;
        Parallel.forRange(n * c, 1, (from, to) -> {
            for (int p = from; p < to; p++) {
                int ch = p % c;
                float rstd = (float) (1.0 / Math.sqrt(runningVar[ch] + eps));
                float g = gamma == null ? 1f : gamma[ch], bt = beta == null ? 0f : beta[ch];
                float scale = g * rstd;
                normalise(out, outOff + p * hw, in, inOff + p * hw, hw, runningMean[ch], scale, bt);
            }
        });
    }

    /**
     * Training backward: dIn += ..., dGamma += sum(dOut * xhat), dBeta += sum(dOut). dGamma / dBeta
     * may be null.
     */
    public static void backward(float[] dIn, int dInOff, float[] dGamma, float[] dBeta, float[] dOut, int dOutOff,
                                float[] in, int inOff, float[] saveMean, float[] saveRstd, float[] gamma,
                                int n, int c, int hw) {
        String op = "batchnorm2d backward";
        Object shape = shape(n, c, hw);
        long size = sizes(op, n, c, hw);
        BufferChecks.range(op, "dIn", dIn, dInOff, size, shape);
        BufferChecks.range(op, "dOut", dOut, dOutOff, size, shape);
        BufferChecks.range(op, "in", in, inOff, size, shape);
        BufferChecks.range(op, "saveMean", saveMean, 0, c, shape);
        BufferChecks.range(op, "saveRstd", saveRstd, 0, c, shape);
        BufferChecks.optional(op, "gamma", gamma, 0, c, shape);
        BufferChecks.optional(op, "dGamma", dGamma, 0, c, shape);
        BufferChecks.optional(op, "dBeta", dBeta, 0, c, shape);
        int m = n * hw, stride = c * hw;
        Parallel.forRangeBalanced(c, 1, (from, to) -> {
            for (int ch = from; ch < to; ch++) {
                float mean = saveMean[ch], rstd = saveRstd[ch];
                double sumG = 0, sumGx = 0;
                for (int b = 0; b < n; b++) {
                    int o = b * stride + ch * hw;
                    sumG += sum(dOut, dOutOff + o, hw);
                    sumGx += dotCentred(dOut, dOutOff + o, in, inOff + o, hw, mean);
                }
                double sumGxhat = sumGx * rstd;
                if (dGamma != null) dGamma[ch] += (float) sumGxhat;
                if (dBeta != null) dBeta[ch] += (float) sumG;
                // dIn += k1 * dOut + (x - mean) * k2 + k3
                double k1 = (gamma == null ? 1f : gamma[ch]) * (double) rstd;
                float k2 = (float) (-k1 * rstd * sumGxhat / m), k3 = (float) (-k1 * sumG / m);
                for (int b = 0; b < n; b++) {
                    int o = b * stride + ch * hw;
                    backwardPlane(dIn, dInOff + o, dOut, dOutOff + o, in, inOff + o, hw, mean, (float) k1, k2, k3);
                }
            }
        });
    }

    static Object shape(int n, int c, int hw) { return new BufferChecks.Nchw(n, c, hw); }

    static long sizes(String op, int n, int c, int hw) {
        Object shape = shape(n, c, hw);
        BufferChecks.positive(op, "n", n, shape);
        BufferChecks.positive(op, "c", c, shape);
        BufferChecks.positive(op, "hw", hw, shape);
        long size = (long) n * c * hw;
        BufferChecks.fitsInt(op, size, shape);
        return size;
    }

    private static double sum(float[] a, int off, int len) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int e = S.loopBound(len); i < e; i += L) acc = acc.add(FloatVector.fromArray(S, a, off + i));
        if (SimdMath.L > 32) acc = acc.add(acc.rearrange(SimdMath.XOR_32));
        if (SimdMath.L > 16) acc = acc.add(acc.rearrange(SimdMath.XOR_16));
        if (SimdMath.L > 8) acc = acc.add(acc.rearrange(SimdMath.XOR_8));
        if (SimdMath.L > 4) acc = acc.add(acc.rearrange(SimdMath.XOR_4));
        if (SimdMath.L > 2) acc = acc.add(acc.rearrange(SimdMath.XOR_2));
        if (SimdMath.L > 1) acc = acc.add(acc.rearrange(SimdMath.XOR_1));
        double t = acc.lane(0);
        for (; i < len; i++) t += a[off + i];
        return t;
    }

    private static double squaredDeviation(float[] a, int off, int len, float mean) {
        FloatVector acc = FloatVector.zero(S), mv = FloatVector.broadcast(S, mean);
        int i = 0;
        for (int e = S.loopBound(len); i < e; i += L) {
            FloatVector d = FloatVector.fromArray(S, a, off + i).sub(mv);
            acc = d.fma(d, acc);
        }
        if (SimdMath.L > 32) acc = acc.add(acc.rearrange(SimdMath.XOR_32));
        if (SimdMath.L > 16) acc = acc.add(acc.rearrange(SimdMath.XOR_16));
        if (SimdMath.L > 8) acc = acc.add(acc.rearrange(SimdMath.XOR_8));
        if (SimdMath.L > 4) acc = acc.add(acc.rearrange(SimdMath.XOR_4));
        if (SimdMath.L > 2) acc = acc.add(acc.rearrange(SimdMath.XOR_2));
        if (SimdMath.L > 1) acc = acc.add(acc.rearrange(SimdMath.XOR_1));
        double t = acc.lane(0);
        for (; i < len; i++) {
            double d = a[off + i] - mean;
            t += d * d;
        }
        return t;
    }

    private static double dotCentred(float[] g, int go, float[] x, int xo, int len, float mean) {
        FloatVector acc = FloatVector.zero(S), mv = FloatVector.broadcast(S, mean);
        int i = 0;
        for (int e = S.loopBound(len); i < e; i += L)
            acc = FloatVector.fromArray(S, x, xo + i).sub(mv).fma(FloatVector.fromArray(S, g, go + i), acc);
        if (SimdMath.L > 32) acc = acc.add(acc.rearrange(SimdMath.XOR_32));
        if (SimdMath.L > 16) acc = acc.add(acc.rearrange(SimdMath.XOR_16));
        if (SimdMath.L > 8) acc = acc.add(acc.rearrange(SimdMath.XOR_8));
        if (SimdMath.L > 4) acc = acc.add(acc.rearrange(SimdMath.XOR_4));
        if (SimdMath.L > 2) acc = acc.add(acc.rearrange(SimdMath.XOR_2));
        if (SimdMath.L > 1) acc = acc.add(acc.rearrange(SimdMath.XOR_1));
        double t = acc.lane(0);
        for (; i < len; i++) t += (double) g[go + i] * (x[xo + i] - mean);
        return t;
    }

    /** out = (in - mean) * scale + shift over one plane. */
    private static void normalise(float[] out, int oo, float[] in, int io, int len, float mean, float scale, float shift) {
        FloatVector mv = FloatVector.broadcast(S, mean), sv = FloatVector.broadcast(S, scale), tv = FloatVector.broadcast(S, shift);
        int i = 0;
        for (int e = S.loopBound(len); i < e; i += L)
            FloatVector.fromArray(S, in, io + i).sub(mv).fma(sv, tv).intoArray(out, oo + i);
        for (; i < len; i++) out[oo + i] = Math.fma(in[io + i] - mean, scale, shift);
    }

    /**
     * out = max((in - mean) * scale + shift, 0) over one plane: the same operations as
     * {@link #normalise}, so {@link BatchNormReLU2d#backward} can recompute which outputs were positive.
     */
    static void normaliseReLU(float[] out, int oo, float[] in, int io, int len, float mean, float scale, float shift) {
        FloatVector mv = FloatVector.broadcast(S, mean), sv = FloatVector.broadcast(S, scale), tv = FloatVector.broadcast(S, shift);
        int i = 0;
        for (int e = S.loopBound(len); i < e; i += L)
            FloatVector.fromArray(S, in, io + i).sub(mv).fma(sv, tv).max(0f).intoArray(out, oo + i);
        for (; i < len; i++) out[oo + i] = Math.max(Math.fma(in[io + i] - mean, scale, shift), 0f);
    }

    private static void backwardPlane(float[] dIn, int di, float[] dOut, int dof, float[] in, int io, int len,
                                      float mean, float k1, float k2, float k3) {
        FloatVector mv = FloatVector.broadcast(S, mean), v1 = FloatVector.broadcast(S, k1);
        FloatVector v2 = FloatVector.broadcast(S, k2), v3 = FloatVector.broadcast(S, k3);
        int i = 0;
        for (int e = S.loopBound(len); i < e; i += L) {
            FloatVector t = FloatVector.fromArray(S, in, io + i).sub(mv).fma(v2, v3);
            FloatVector.fromArray(S, dOut, dof + i).fma(v1, t).add(FloatVector.fromArray(S, dIn, di + i)).intoArray(dIn, di + i);
        }
        for (; i < len; i++) dIn[di + i] += Math.fma(dOut[dof + i], k1, Math.fma(in[io + i] - mean, k2, k3));
    }
}
