package io.colisten.kernels.cpu;

/**
 * Training batch norm, ReLU and max-pool in one pass per plane: out = maxpool(max(bn(in), 0)),
 * with the pool's winners, PyTorch's conventions; the statistics, the ReLU output and the winners
 * are exactly those of {@link BatchNormReLU2d#forwardTrain} then {@link MaxPool2d#forward}, and the
 * backward equals {@link MaxPool2d#backward} into a zeroed buffer then {@link BatchNormReLU2d#backward}.
 * Shapes: in, dIn n x c x h x w (the pool shape's input); out, dOut, argmax n x c x outH x outW;
 * gamma, beta, saveMean, saveRstd c.
 * <p>Why: the ReLU output and its gradient are the largest tensors of a SmallCNN step (396 x 32 x
 * 150 x 64 floats, 486 MB each, in a triplet step's first layer), and unfused each is written
 * and read back several times (written, pooled; zero-filled, scattered into, read twice by batch
 * norm's backward). Here each lives one plane at a time in a per-thread buffer that stays in
 * cache: forward normalises a plane into it and pools it; backward scatters the pooled gradient of
 * a plane into it, once for the channel's two sums and again for the input gradient (re-reading
 * the winners and the pooled gradient, a quarter of the plane's size, instead of the plane).
 */
public final class BatchNormReLUMaxPool2d {
    private static final ThreadLocal<float[][]> PLANE = ThreadLocal.withInitial(() -> new float[1][0]);

    private BatchNormReLUMaxPool2d() {}

    /** This thread's plane buffer of at least {@code size} floats (contents undefined). */
    private static float[] plane(int size) {
        float[][] p = PLANE.get();
        if (p[0].length < size) p[0] = new float[size];
        return p[0];
    }

    /** out = maxpool(max(bn(in), 0)), argmax the winners; saves mean and rstd, updates the running statistics (may be null). */
    public static void forwardTrain(float[] out, int outOff, int[] argmax, float[] saveMean, float[] saveRstd,
                                    float[] in, int inOff, float[] gamma, float[] beta, float[] runningMean,
                                    float[] runningVar, float momentum, float eps, Pool2dShape s) {
        String op = "batchnorm-relu-maxpool forwardTrain";
        if (s == null) throw new IllegalArgumentException(op + ": pool shape is null");
        int n = s.n(), c = s.c(), hw = s.h() * s.w(), planeOut = s.outH() * s.outW();
        BufferChecks.fitsInt(op, (long) n * c * hw, s);
        BatchNorm2d.checkTrain(op, saveMean, saveRstd, in, inOff, gamma, beta, runningMean, runningVar,
                momentum, eps, n, c, hw);
        BufferChecks.range(op, "out", out, outOff, s.outputSize(), s);
        BufferChecks.range(op, "argmax", argmax, s.outputSize(), s);
        Parallel.forRangeBalanced(c, 1, (from, to) -> {
            float[] y = plane(hw);
            for (int ch = from; ch < to; ch++) {
                BatchNorm2d.channelStatistics(ch, saveMean, saveRstd, in, inOff, runningMean, runningVar, momentum, eps, n, c, hw);
                float mean = saveMean[ch], scale = (gamma == null ? 1f : gamma[ch]) * saveRstd[ch];
                float shift = beta == null ? 0f : beta[ch];
                for (int b = 0; b < n; b++) {
                    int p = b * c + ch;
                    BatchNorm2d.normaliseReLU(y, 0, in, inOff + p * hw, hw, mean, scale, shift);
                    MaxPool2d.plane(out, outOff + p * planeOut, argmax, p * planeOut, y, 0, s);
                }
            }
        });
    }

    /**
     * Backward from the pooled gradient dOut and the winners: g = dOut routed to the winners (summed
     * where one input won several windows), then as {@link BatchNormReLU2d#backward} of g: dIn = it
     * (accumulate false) or dIn += it; dGamma, dBeta (may be null) += theirs. beta is the forward's.
     */
    public static void backward(float[] dIn, int dInOff, float[] dGamma, float[] dBeta, float[] dOut, int dOutOff,
                                int[] argmax, float[] in, int inOff, float[] saveMean, float[] saveRstd, float[] gamma,
                                float[] beta, boolean accumulate, Pool2dShape s) {
        String op = "batchnorm-relu-maxpool backward";
        if (s == null) throw new IllegalArgumentException(op + ": pool shape is null");
        int n = s.n(), c = s.c(), hw = s.h() * s.w(), planeOut = s.outH() * s.outW(), m = n * hw, stride = c * hw;
        BufferChecks.fitsInt(op, (long) n * c * hw, s);
        long size = (long) n * c * hw;
        BufferChecks.range(op, "dIn", dIn, dInOff, size, s);
        BufferChecks.range(op, "dOut", dOut, dOutOff, s.outputSize(), s);
        BufferChecks.range(op, "argmax", argmax, s.outputSize(), s);
        BufferChecks.range(op, "in", in, inOff, size, s);
        BufferChecks.range(op, "saveMean", saveMean, 0, c, s);
        BufferChecks.range(op, "saveRstd", saveRstd, 0, c, s);
        BufferChecks.optional(op, "gamma", gamma, 0, c, s);
        BufferChecks.optional(op, "beta", beta, 0, c, s);
        BufferChecks.optional(op, "dGamma", dGamma, 0, c, s);
        BufferChecks.optional(op, "dBeta", dBeta, 0, c, s);
        MaxPool2d.checkIndices(op, argmax, s.outputSize(), hw, s);
        Parallel.forRangeBalanced(c, 1, (from, to) -> {
            float[] g = plane(hw);
            double[] sums = new double[2];
            for (int ch = from; ch < to; ch++) {
                float mean = saveMean[ch], rstd = saveRstd[ch], gm = gamma == null ? 1f : gamma[ch];
                float scale = gm * rstd, shift = beta == null ? 0f : beta[ch];
                double sumG = 0, sumGx = 0;
                for (int b = 0; b < n; b++) {
                    int p = b * c + ch;
                    route(g, hw, dOut, dOutOff + p * planeOut, argmax, p * planeOut, planeOut);
                    BatchNormReLU2d.maskedSums(sums, g, 0, in, inOff + p * hw, hw, mean, scale, shift);
                    sumG += sums[0];
                    sumGx += sums[1];
                }
                double sumGxhat = sumGx * rstd;
                if (dGamma != null) dGamma[ch] += (float) sumGxhat;
                if (dBeta != null) dBeta[ch] += (float) sumG;
                double k1 = gm * (double) rstd;
                float k2 = (float) (-k1 * rstd * sumGxhat / m), k3 = (float) (-k1 * sumG / m);
                for (int b = 0; b < n; b++) {
                    int p = b * c + ch;
                    route(g, hw, dOut, dOutOff + p * planeOut, argmax, p * planeOut, planeOut);
                    BatchNormReLU2d.backwardPlane(dIn, dInOff + ch * hw + b * stride, g, 0, in, inOff + p * hw, hw, mean,
                            scale, shift, (float) k1, k2, k3, accumulate);
                }
            }
        });
    }

    /** g[0, hw) = 0, then g[arg[a + i]] += dOut[d + i] for i < count in order (as MaxPool2d.backward). */
    private static void route(float[] g, int hw, float[] dOut, int d, int[] arg, int a, int count) {
        java.util.Arrays.fill(g, 0, hw, 0f);
        for (int i = 0; i < count; i++) g[arg[a + i]] += dOut[d + i];
    }
}
