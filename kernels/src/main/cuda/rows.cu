// Row-wise kernels over rows x cols matrices: softmax, log-softmax and l2 normalisation with their
// backward passes. One block per row; reductions in fixed order (common.cuh).
#include "common.cuh"

// out[r, :] = exp(in - max) / sum. out may alias in.
extern "C" __global__ void softmax_forward(float* out, const float* in, int cols) {
    const float* x = in + (long)blockIdx.x * cols;
    float* y = out + (long)blockIdx.x * cols;
    float m = -INFINITY;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) m = fmaxf(m, x[c]);
    m = block_max(m);
    float s = 0.f;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) { float e = expf(x[c] - m); y[c] = e; s += e; }
    s = block_sum(s);
    float inv = 1.f / s;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) y[c] *= inv;
}

// dIn += y * (dOut - <dOut, y>), y = softmax output.
extern "C" __global__ void softmax_backward(float* dIn, const float* dOut, const float* out, int cols) {
    long r = (long)blockIdx.x * cols;
    float s = 0.f;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) s += dOut[r + c] * out[r + c];
    s = block_sum(s);
    for (int c = threadIdx.x; c < cols; c += blockDim.x) dIn[r + c] = fmaf(out[r + c], dOut[r + c] - s, dIn[r + c]);
}

// out[r, :] = in - max - log(sum exp(in - max)). out may alias in.
extern "C" __global__ void log_softmax_forward(float* out, const float* in, int cols) {
    const float* x = in + (long)blockIdx.x * cols;
    float* y = out + (long)blockIdx.x * cols;
    float m = -INFINITY;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) m = fmaxf(m, x[c]);
    m = block_max(m);
    float s = 0.f;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) s += expf(x[c] - m);
    s = block_sum(s);
    float shift = m + logf(s);
    for (int c = threadIdx.x; c < cols; c += blockDim.x) y[c] = x[c] - shift;
}

// dIn += dOut - exp(y) * sum(dOut), y = log-softmax output.
extern "C" __global__ void log_softmax_backward(float* dIn, const float* dOut, const float* out, int cols) {
    long r = (long)blockIdx.x * cols;
    float s = 0.f;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) s += dOut[r + c];
    s = block_sum(s);
    for (int c = threadIdx.x; c < cols; c += blockDim.x) dIn[r + c] += dOut[r + c] - expf(out[r + c]) * s;
}

// norms[r] = max(||in[r, :]||, eps); out[r, :] = in / norms[r] (divide, so a unit row is unchanged).
extern "C" __global__ void l2norm_forward(float* out, float* norms, const float* in, int cols, float eps) {
    long r = (long)blockIdx.x * cols;
    float s = 0.f;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) s = fmaf(in[r + c], in[r + c], s);
    s = block_sum(s);
    float norm = fmaxf(sqrtf(s), eps);
    if (threadIdx.x == 0) norms[blockIdx.x] = norm;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) out[r + c] = in[r + c] / norm;
}

// dIn += (dOut - out <dOut, out>) / norm; a row clamped at eps is a plain scaling (dIn += dOut / eps).
extern "C" __global__ void l2norm_backward(float* dIn, const float* dOut, const float* out, const float* norms,
                                           int cols, float eps) {
    long r = (long)blockIdx.x * cols;
    float norm = norms[blockIdx.x];
    float d = 0.f;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) d = fmaf(dOut[r + c], out[r + c], d);
    d = block_sum(d);
    if (!(norm > eps)) d = 0.f;
    float inv = 1.f / norm;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) dIn[r + c] = fmaf(fmaf(out[r + c], -d, dOut[r + c]), inv, dIn[r + c]);
}
