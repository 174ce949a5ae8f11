// One fused Adam / AdamW step, PyTorch semantics and the CPU kernel's order of operations:
// p *= decay; m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= stepSize * m / (sqrt(v) * invSqrtBc2 + eps).
// The host computes stepSize = lr / (1 - b1^t), invSqrtBc2 = 1 / sqrt(1 - b2^t), decay = 1 - lr wd
// in double from the intended decimals, as the CPU kernel does.
#include "common.cuh"

extern "C" __global__ void adam_step(float* p, const float* g, float* m, float* v, long n, float beta1, float beta2,
                                     float b1c, float b2c, float eps, float stepSize, float invSqrtBc2, float decay) {
    GRID_STRIDE(i, n) {
        float gi = g[i];
        float mi = m[i] * beta1 + gi * b1c;
        float vi = v[i] * beta2 + gi * gi * b2c;
        m[i] = mi;
        v[i] = vi;
        float denom = sqrtf(vi) * invSqrtBc2 + eps;
        p[i] = p[i] * decay - mi / denom * stepSize;
    }
}
