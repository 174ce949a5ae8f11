package io.colisten.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Training batch norm fused with the ReLU after it: out = max(bn(in), 0), PyTorch's conventions
 * and statistics exactly as {@link BatchNorm2d#forwardTrain}. Shapes as there: in, out, dIn, dOut
 * n x c x hw; gamma, beta, saveMean, saveRstd c (gamma / beta null mean 1 / 0).
 * <p>Why: unfused, a training step keeps three tensors per layer (conv output, batch-norm output,
 * ReLU output) and runs four passes over them in backward (ReLU backward into a zeroed buffer,
 * then batch norm backward). Fused, the batch-norm output never exists, and backward needs only the
 * batch norm's input: which outputs were positive is recomputed from it with the forward's own
 * operations (z = fma(in - mean, gamma rstd, beta), the same rounding), so the output need not be
 * kept either (a max-pool after it keeps only its winners). The results are bit-identical to the
 * unfused pair (up to the sign of zero gradients when not accumulating).
 */
public final class BatchNormReLU2d {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private BatchNormReLU2d() {}

    /** out = max(bn(in), 0) with the batch's statistics; saves mean and rstd, updates the running ones (either may be null). */
    public static void forwardTrain(float[] out, int outOff, float[] saveMean, float[] saveRstd,
                                    float[] in, int inOff, float[] gamma, float[] beta,
                                    float[] runningMean, float[] runningVar, float momentum, float eps,
                                    int n, int c, int hw) {
        BatchNorm2d.train("batchnorm-relu forwardTrain", out, outOff, saveMean, saveRstd, in, inOff, gamma, beta,
                runningMean, runningVar, momentum, eps, n, c, hw, true);
    }

    /**
     * Backward of out = max(bn(in), 0) given dOut: g = dOut where the forward's output was positive
     * (0 elsewhere), then batch norm's backward of g. dIn = that when {@code accumulate} is false
     * (dIn may then be dOut itself: each element is read before it is written), dIn += that when
     * true. dGamma += sum(g xhat), dBeta += sum(g) (either may be null). beta is the forward's.
     */
    public static void backward(float[] dIn, int dInOff, float[] dGamma, float[] dBeta, float[] dOut, int dOutOff,
                                float[] in, int inOff, float[] saveMean, float[] saveRstd, float[] gamma, float[] beta,
                                boolean accumulate, int n, int c, int hw) {
        String op = "batchnorm-relu backward";
        Object shape = BatchNorm2d.shape(n, c, hw);
        long size = BatchNorm2d.sizes(op, n, c, hw);
        BufferChecks.range(op, "dIn", dIn, dInOff, size, shape);
        BufferChecks.range(op, "dOut", dOut, dOutOff, size, shape);
        BufferChecks.range(op, "in", in, inOff, size, shape);
        BufferChecks.range(op, "saveMean", saveMean, 0, c, shape);
        BufferChecks.range(op, "saveRstd", saveRstd, 0, c, shape);
        BufferChecks.optional(op, "gamma", gamma, 0, c, shape);
        BufferChecks.optional(op, "beta", beta, 0, c, shape);
        BufferChecks.optional(op, "dGamma", dGamma, 0, c, shape);
        BufferChecks.optional(op, "dBeta", dBeta, 0, c, shape);
        int m = n * hw, stride = c * hw;
        Parallel.forRangeBalanced(c, 1, (from, to) -> {
            double[] sums = new double[2];
            for (int ch = from; ch < to; ch++) {
                float mean = saveMean[ch], rstd = saveRstd[ch];
                float g = gamma == null ? 1f : gamma[ch];
                float scale = g * rstd, shift = beta == null ? 0f : beta[ch];
                double sumG = 0, sumGx = 0;
                for (int b = 0; b < n; b++) {
                    int o = b * stride + ch * hw;
                    maskedSums(sums, dOut, dOutOff + o, in, inOff + o, hw, mean, scale, shift);
                    sumG += sums[0];
                    sumGx += sums[1];
                }
                double sumGxhat = sumGx * rstd;
                if (dGamma != null) dGamma[ch] += (float) sumGxhat;
                if (dBeta != null) dBeta[ch] += (float) sumG;
                // dIn (+)= k1 * g + (x - mean) * k2 + k3, as BatchNorm2d.backward
                double k1 = g * (double) rstd;
                float k2 = (float) (-k1 * rstd * sumGxhat / m), k3 = (float) (-k1 * sumG / m);
                for (int b = 0; b < n; b++) {
                    int o = b * stride + ch * hw;
                    backwardPlane(dIn, dInOff + o, dOut, dOutOff + o, in, inOff + o, hw, mean, scale, shift,
                            (float) k1, k2, k3, accumulate);
                }
            }
        });
    }

    /**
     * sums[0] = sum of g, sums[1] = sum of g (x - mean) over one plane, g = dOut where
     * fma(x - mean, scale, shift) > 0: the float vector sums and lane tree of BatchNorm2d's sum and
     * dotCentred, so the result equals theirs on a masked copy of dOut.
     */
    static void maskedSums(double[] sums, float[] dOut, int go, float[] x, int xo, int len, float mean,
                                   float scale, float shift) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, mv = FloatVector.broadcast(S, mean);
        FloatVector sv = FloatVector.broadcast(S, scale), tv = FloatVector.broadcast(S, shift), zero = s0;
        int i = 0;
        for (int e = S.loopBound(len); i < e; i += L) {
            FloatVector xc = FloatVector.fromArray(S, x, xo + i).sub(mv);
            VectorMask<Float> on = xc.fma(sv, tv).compare(VectorOperators.GT, 0f);
            FloatVector g = zero.blend(FloatVector.fromArray(S, dOut, go + i), on);
            s0 = s0.add(g);
            s1 = xc.fma(g, s1);
        }
        if (SimdMath.L > 32) s0 = s0.add(s0.rearrange(SimdMath.XOR_32));
        if (SimdMath.L > 16) s0 = s0.add(s0.rearrange(SimdMath.XOR_16));
        if (SimdMath.L > 8) s0 = s0.add(s0.rearrange(SimdMath.XOR_8));
        if (SimdMath.L > 4) s0 = s0.add(s0.rearrange(SimdMath.XOR_4));
        if (SimdMath.L > 2) s0 = s0.add(s0.rearrange(SimdMath.XOR_2));
        if (SimdMath.L > 1) s0 = s0.add(s0.rearrange(SimdMath.XOR_1));
        if (SimdMath.L > 32) s1 = s1.add(s1.rearrange(SimdMath.XOR_32));
        if (SimdMath.L > 16) s1 = s1.add(s1.rearrange(SimdMath.XOR_16));
        if (SimdMath.L > 8) s1 = s1.add(s1.rearrange(SimdMath.XOR_8));
        if (SimdMath.L > 4) s1 = s1.add(s1.rearrange(SimdMath.XOR_4));
        if (SimdMath.L > 2) s1 = s1.add(s1.rearrange(SimdMath.XOR_2));
        if (SimdMath.L > 1) s1 = s1.add(s1.rearrange(SimdMath.XOR_1));
        double t0 = s0.lane(0), t1 = s1.lane(0);
        for (; i < len; i++) {
            float xc = x[xo + i] - mean, g = Math.fma(xc, scale, shift) > 0f ? dOut[go + i] : 0f;
            t0 += g;
            t1 += (double) g * xc;
        }
        sums[0] = t0;
        sums[1] = t1;
    }

    static void backwardPlane(float[] dIn, int di, float[] dOut, int dof, float[] in, int io, int len,
                                      float mean, float scale, float shift, float k1, float k2, float k3,
                                      boolean accumulate) {
        FloatVector mv = FloatVector.broadcast(S, mean), sv = FloatVector.broadcast(S, scale), tv = FloatVector.broadcast(S, shift);
        FloatVector v1 = FloatVector.broadcast(S, k1), v2 = FloatVector.broadcast(S, k2), v3 = FloatVector.broadcast(S, k3);
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        if (accumulate) {
            for (int e = S.loopBound(len); i < e; i += L) {
                FloatVector xc = FloatVector.fromArray(S, in, io + i).sub(mv);
                VectorMask<Float> on = xc.fma(sv, tv).compare(VectorOperators.GT, 0f);
                FloatVector g = zero.blend(FloatVector.fromArray(S, dOut, dof + i), on);
                g.fma(v1, xc.fma(v2, v3)).add(FloatVector.fromArray(S, dIn, di + i)).intoArray(dIn, di + i);
            }
        } else {
            for (int e = S.loopBound(len); i < e; i += L) {
                FloatVector xc = FloatVector.fromArray(S, in, io + i).sub(mv);
                VectorMask<Float> on = xc.fma(sv, tv).compare(VectorOperators.GT, 0f);
                FloatVector g = zero.blend(FloatVector.fromArray(S, dOut, dof + i), on);
                g.fma(v1, xc.fma(v2, v3)).intoArray(dIn, di + i);
            }
        }
        for (; i < len; i++) {
            float xc = in[io + i] - mean, g = Math.fma(xc, scale, shift) > 0f ? dOut[dof + i] : 0f;
            float v = Math.fma(g, k1, Math.fma(xc, k2, k3));
            dIn[di + i] = accumulate ? dIn[di + i] + v : v;
        }
    }
}
