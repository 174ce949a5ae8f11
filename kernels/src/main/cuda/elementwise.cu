// Element-wise kernels of the CUDA backend (Backend's elementwise, activation and sigmoid
// cross-entropy methods). All take n elements and run as grid-stride loops; pointers already
// include the tensors' offsets. Methods documented as "adding" accumulate into their output.
#include "common.cuh"

extern "C" __global__ void ew_add(float* out, const float* a, const float* b, long n) {
    GRID_STRIDE(i, n) out[i] = a[i] + b[i];
}

extern "C" __global__ void ew_sub(float* out, const float* a, const float* b, long n) {
    GRID_STRIDE(i, n) out[i] = a[i] - b[i];
}

extern "C" __global__ void ew_mul(float* out, const float* a, const float* b, long n) {
    GRID_STRIDE(i, n) out[i] = a[i] * b[i];
}

extern "C" __global__ void ew_scale(float* out, const float* a, float alpha, long n) {
    GRID_STRIDE(i, n) out[i] = alpha * a[i];
}

// y += alpha * x
extern "C" __global__ void ew_axpy(float* y, float alpha, const float* x, long n) {
    GRID_STRIDE(i, n) y[i] = fmaf(alpha, x[i], y[i]);
}

// y += a * b
extern "C" __global__ void ew_mul_add(float* y, const float* a, const float* b, long n) {
    GRID_STRIDE(i, n) y[i] = fmaf(a[i], b[i], y[i]);
}

// out[rows x cols] += bias[cols] on every row
extern "C" __global__ void ew_add_row_bias(float* out, const float* bias, int rows, int cols) {
    GRID_STRIDE(i, (long)rows * cols) out[i] += bias[i % cols];
}

// out[n x c x hw] += bias[c] on every plane
extern "C" __global__ void ew_add_channel_bias(float* out, const float* bias, int n, int c, int hw) {
    GRID_STRIDE(i, (long)n * c * hw) out[i] += bias[(i / hw) % c];
}

extern "C" __global__ void relu_forward(float* out, const float* in, long n) {
    // As the CPU kernel's Math.max(x, 0): a NaN stays NaN.
    GRID_STRIDE(i, n) { float x = in[i]; out[i] = (x > 0.f || x != x) ? x : 0.f; }
}

// dIn += dOut where out > 0
extern "C" __global__ void relu_backward(float* dIn, const float* dOut, const float* out, long n) {
    GRID_STRIDE(i, n) if (out[i] > 0.f) dIn[i] += dOut[i];
}

// loss = max(z, 0) - z y + log1p(exp(-|z|)), evaluated in double as the CPU kernel does
extern "C" __global__ void sigmoid_xent_forward(float* loss, const float* logits, const float* targets, long n) {
    GRID_STRIDE(i, n) {
        double z = logits[i];
        loss[i] = (float)(fmax(z, 0.0) - z * targets[i] + log1p(exp(-fabs(z))));
    }
}

// dLogits += dLoss (sigmoid(z) - y)
extern "C" __global__ void sigmoid_xent_backward(float* dLogits, const float* dLoss, const float* logits,
                                                 const float* targets, long n) {
    GRID_STRIDE(i, n) {
        double z = logits[i];
        double s = z >= 0 ? 1.0 / (1.0 + exp(-z)) : exp(z) / (1.0 + exp(z));
        dLogits[i] += (float)(dLoss[i] * (s - targets[i]));
    }
}
