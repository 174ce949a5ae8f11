// Reductions and global pooling of the CUDA backend. Sums use fixed-order block reductions
// (common.cuh), so results are reproducible; the whole-tensor sum is two-stage (partials per
// block, then one block), never atomics.
#include "common.cuh"

// partial[blockIdx.x] = sum of a over this block's grid-stride share; launch with <= 1024 blocks.
extern "C" __global__ void reduce_sum_partial(float* partial, const float* a, long n) {
    float s = 0.f;
    GRID_STRIDE(i, n) s += a[i];
    s = block_sum(s);
    if (threadIdx.x == 0) partial[blockIdx.x] = s;
}

// out[0] = sum of partial[0, parts); one block.
extern "C" __global__ void reduce_sum_final(float* out, const float* partial, int parts) {
    float s = 0.f;
    for (int i = threadIdx.x; i < parts; i += blockDim.x) s += partial[i];
    s = block_sum(s);
    if (threadIdx.x == 0) out[0] = s;
}

// out[cols] += column sums of a[rows x cols]: one thread per column, rows in order (coalesced).
extern "C" __global__ void reduce_sum_columns(float* out, const float* a, int rows, int cols) {
    GRID_STRIDE(j, cols) {
        float s = 0.f;
        for (int r = 0; r < rows; r++) s += a[(long)r * cols + j];
        out[j] += s;
    }
}

// out[c] += per-channel sums of a[n x c x hw]: one block per channel.
extern "C" __global__ void reduce_sum_channels(float* out, const float* a, int n, int c, int hw) {
    int ch = blockIdx.x;
    float s = 0.f;
    for (int b = 0; b < n; b++) {
        const float* p = a + ((long)b * c + ch) * hw;
        for (int i = threadIdx.x; i < hw; i += blockDim.x) s += p[i];
    }
    s = block_sum(s);
    if (threadIdx.x == 0) out[ch] += s;
}

// out[p] = mean of plane p of in[planes x hw]: one block per plane.
extern "C" __global__ void global_avg_forward(float* out, const float* in, int hw) {
    const float* p = in + (long)blockIdx.x * hw;
    float s = 0.f;
    for (int i = threadIdx.x; i < hw; i += blockDim.x) s += p[i];
    s = block_sum(s);
    if (threadIdx.x == 0) out[blockIdx.x] = s / hw;
}

// dIn += dOut / hw broadcast over each plane.
extern "C" __global__ void global_avg_backward(float* dIn, const float* dOut, int planes, int hw) {
    GRID_STRIDE(i, (long)planes * hw) dIn[i] += dOut[i / hw] / hw;
}

// Is (va, ia) a better maximum than (vb, ib)? The first maximum wins; a NaN beats any number and
// the first NaN wins (as the CPU kernel).
__device__ __forceinline__ bool better(float va, int ia, float vb, int ib) {
    bool na = va != va, nb = vb != vb;
    if (na != nb) return na;
    if (na || va == vb) return ia < ib;
    return va > vb;
}

// out[p] = max of plane p, argmax[p] = its first position: one block per plane.
extern "C" __global__ void global_max_forward(float* out, int* argmax, const float* in, int hw) {
    __shared__ float sv[BLOCK];
    __shared__ int si[BLOCK];
    const float* p = in + (long)blockIdx.x * hw;
    float bv = -INFINITY;
    int bi = 0x7fffffff;
    for (int i = threadIdx.x; i < hw; i += blockDim.x) {
        float v = p[i];
        if (bi == 0x7fffffff || better(v, i, bv, bi)) { bv = v; bi = i; }
    }
    sv[threadIdx.x] = bv;
    si[threadIdx.x] = bi;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) {
            int o = threadIdx.x + s;
            if (si[o] != 0x7fffffff && (si[threadIdx.x] == 0x7fffffff || better(sv[o], si[o], sv[threadIdx.x], si[threadIdx.x]))) {
                sv[threadIdx.x] = sv[o];
                si[threadIdx.x] = si[o];
            }
        }
        __syncthreads();
    }
    if (threadIdx.x == 0) { out[blockIdx.x] = sv[0]; argmax[blockIdx.x] = si[0]; }
}

// dIn[p, argmax[p]] += dOut[p]: one thread per plane (a plane has one winner).
extern "C" __global__ void global_max_backward(float* dIn, const float* dOut, const int* argmax, int planes, int hw) {
    GRID_STRIDE(p, planes) dIn[p * (long)hw + argmax[p]] += dOut[p];
}
