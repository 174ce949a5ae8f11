// Batch-norm pieces that cuDNN lacks: the inference-mode backward (a per-channel affine map) and the
// ReLU mask of the fused batch-norm + ReLU backward. Shapes: x, dOut, dIn n x c x hw; per-channel
// vectors c (gamma / beta null mean 1 / 0).
#include "common.cuh"

// dIn += dOut * gamma * rstd (dIn may be null), dGamma += sum dOut * xhat, dBeta += sum dOut
// (either may be null), rstd = 1 / sqrt(runningVar + eps). One block per channel.
extern "C" __global__ void bn_eval_backward(float* dIn, float* dGamma, float* dBeta, const float* dOut, const float* x,
                                            const float* gamma, const float* runningMean, const float* runningVar,
                                            float eps, int n, int c, int hw) {
    int ch = blockIdx.x;
    float rstd = (float)(1.0 / sqrt((double)(runningVar[ch] + eps)));
    float mean = runningMean[ch];
    float scale = (gamma ? gamma[ch] : 1.f) * rstd;
    float sg = 0.f, sgx = 0.f;
    for (int b = 0; b < n; b++) {
        long base = ((long)b * c + ch) * hw;
        for (int i = threadIdx.x; i < hw; i += blockDim.x) {
            float g = dOut[base + i];
            sg += g;
            sgx += g * (x[base + i] - mean) * rstd;
            if (dIn) dIn[base + i] += g * scale;
        }
    }
    sg = block_sum(sg);
    sgx = block_sum(sgx);
    if (threadIdx.x == 0) {
        if (dGamma) dGamma[ch] += sgx;
        if (dBeta) dBeta[ch] += sg;
    }
}

// masked = bn(x) > 0 ? dOut : 0, bn(x) = (x - mean) * rstd * gamma + beta from the training
// forward's saved statistics: which outputs of the fused batch-norm + ReLU were positive.
extern "C" __global__ void bn_relu_mask(float* masked, const float* dOut, const float* x, const float* mean,
                                        const float* rstd, const float* gamma, const float* beta, int n, int c, int hw) {
    GRID_STRIDE(i, (long)n * c * hw) {
        int ch = (int)((i / hw) % c);
        float y = (x[i] - mean[ch]) * rstd[ch] * (gamma ? gamma[ch] : 1.f) + (beta ? beta[ch] : 0.f);
        masked[i] = y > 0.f ? dOut[i] : 0.f;
    }
}
