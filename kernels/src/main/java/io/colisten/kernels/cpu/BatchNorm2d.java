package io.colisten.kernels.cpu;

/**
 * Batch normalisation over the (n, h, w) positions of each channel of NCHW data, PyTorch's
 * convention: training normalises with the biased batch variance and updates the running variance
 * with the unbiased one; running = (1 - momentum) * running + momentum * batch.
 */
public final class BatchNorm2d {
    private BatchNorm2d() {}

    /**
     * Training forward. Saves per-channel mean and rstd = 1 / sqrt(var + eps) for backward, and
     * updates runningMean / runningVar in place (either may be null to skip the update).
     */
    public static void forwardTrain(float[] out, int outOff, float[] saveMean, float[] saveRstd,
                                    float[] in, int inOff, float[] gamma, float[] beta,
                                    float[] runningMean, float[] runningVar, float momentum, float eps,
                                    int n, int c, int hw) {
        // Placeholder: plain loops in double. Replaced by the fast kernel.
        int m = n * hw;
        for (int ch = 0; ch < c; ch++) {
            double sum = 0, sq = 0;
            for (int b = 0; b < n; b++)
                for (int i = 0; i < hw; i++) sum += in[inOff + (b * c + ch) * hw + i];
            double mean = sum / m;
            for (int b = 0; b < n; b++)
                for (int i = 0; i < hw; i++) {
                    double d = in[inOff + (b * c + ch) * hw + i] - mean;
                    sq += d * d;
                }
            double var = sq / m;
            float rstd = (float) (1.0 / Math.sqrt(var + eps));
            saveMean[ch] = (float) mean;
            saveRstd[ch] = rstd;
            float g = gamma == null ? 1f : gamma[ch], bt = beta == null ? 0f : beta[ch];
            for (int b = 0; b < n; b++)
                for (int i = 0; i < hw; i++) {
                    int k = (b * c + ch) * hw + i;
                    out[outOff + k] = (float) ((in[inOff + k] - mean) * rstd * g + bt);
                }
            if (runningMean != null) runningMean[ch] = (1 - momentum) * runningMean[ch] + momentum * (float) mean;
            if (runningVar != null) {
                double unbiased = m > 1 ? sq / (m - 1) : var;
                runningVar[ch] = (1 - momentum) * runningVar[ch] + momentum * (float) unbiased;
            }
        }
    }

    /** Inference forward with running statistics. */
    public static void forwardEval(float[] out, int outOff, float[] in, int inOff, float[] gamma, float[] beta,
                                   float[] runningMean, float[] runningVar, float eps, int n, int c, int hw) {
        for (int ch = 0; ch < c; ch++) {
            float rstd = (float) (1.0 / Math.sqrt(runningVar[ch] + eps));
            float g = gamma == null ? 1f : gamma[ch], bt = beta == null ? 0f : beta[ch];
            float scale = g * rstd, shift = bt - runningMean[ch] * scale;
            for (int b = 0; b < n; b++)
                for (int i = 0; i < hw; i++) {
                    int k = (b * c + ch) * hw + i;
                    out[outOff + k] = in[inOff + k] * scale + shift;
                }
        }
    }

    /**
     * Training backward: dIn += ..., dGamma += sum(dOut * xhat), dBeta += sum(dOut). dGamma / dBeta
     * may be null.
     */
    public static void backward(float[] dIn, int dInOff, float[] dGamma, float[] dBeta, float[] dOut, int dOutOff,
                                float[] in, int inOff, float[] saveMean, float[] saveRstd, float[] gamma,
                                int n, int c, int hw) {
        int m = n * hw;
        for (int ch = 0; ch < c; ch++) {
            double sumG = 0, sumGx = 0;
            float mean = saveMean[ch], rstd = saveRstd[ch];
            for (int b = 0; b < n; b++)
                for (int i = 0; i < hw; i++) {
                    int k = (b * c + ch) * hw + i;
                    double g = dOut[dOutOff + k];
                    sumG += g;
                    sumGx += g * (in[inOff + k] - mean) * rstd;
                }
            if (dGamma != null) dGamma[ch] += (float) sumGx;
            if (dBeta != null) dBeta[ch] += (float) sumG;
            float gm = gamma == null ? 1f : gamma[ch];
            for (int b = 0; b < n; b++)
                for (int i = 0; i < hw; i++) {
                    int k = (b * c + ch) * hw + i;
                    double xhat = (in[inOff + k] - mean) * rstd;
                    dIn[dInOff + k] += (float) (gm * rstd * (dOut[dOutOff + k] - sumG / m - xhat * sumGx / m));
                }
        }
    }
}
