package io.colisten.engine.cpu;

/**
 * Backward of inference-mode batch norm, out = (x - runningMean) * rstd * gamma + beta with rstd =
 * 1 / sqrt(runningVar + eps): a per-channel affine map, so dIn += dOut * gamma * rstd,
 * dGamma += sum dOut * xhat, dBeta += sum dOut. Plain loops: only fine-tuning with frozen
 * statistics needs it, never the hot path; it moves to the kernels module if that changes.
 */
final class EvalBatchNormBackward {
    private EvalBatchNormBackward() {}

    static void backward(float[] dIn, int dInOff, float[] dGamma, float[] dBeta, float[] dOut, int dOutOff,
                         float[] in, int inOff, float[] gamma, float[] runningMean, float[] runningVar, float eps,
                         int n, int c, int hw) {
        for (int ch = 0; ch < c; ch++) {
            float rstd = (float) (1.0 / Math.sqrt(runningVar[ch] + eps));
            float mean = runningMean[ch];
            float g = gamma == null ? 1f : gamma[ch];
            float scale = g * rstd;
            double sumG = 0, sumGx = 0;
            for (int b = 0; b < n; b++) {
                int base = (b * c + ch) * hw;
                for (int i = 0; i < hw; i++) {
                    float go = dOut[dOutOff + base + i];
                    sumG += go;
                    sumGx += go * (in[inOff + base + i] - mean) * rstd;
                    if (dIn != null) dIn[dInOff + base + i] += go * scale;
                }
            }
            if (dGamma != null) dGamma[ch] += (float) sumGx;
            if (dBeta != null) dBeta[ch] += (float) sumG;
        }
    }
}
