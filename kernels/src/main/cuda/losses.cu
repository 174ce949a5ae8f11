// Loss kernels: triplet margin on squared distances (paper eq. 1, negatives chosen by semi-hard
// mining on the host from squared_distances) and the pieces of the chunked softmax cross-entropy
// (paper eq. 2) around cuBLAS's logit products. Shapes as Backend's javadoc.
#include "common.cuh"

__device__ float sq_dist(const float* x, const float* y, int dim) {
    float s = 0.f;
    for (int k = 0; k < dim; k++) { float d = x[k] - y[k]; s = fmaf(d, d, s); }
    return s;
}

// out[i * rowsB + j] = |a_i - b_j|^2: one thread per pair.
extern "C" __global__ void squared_distances(float* out, const float* a, const float* b, int rowsA, int rowsB, int dim) {
    GRID_STRIDE(o, (long)rowsA * rowsB) {
        int i = (int)(o / rowsB), j = (int)(o % rowsB);
        out[o] = sq_dist(a + (long)i * dim, b + (long)j * dim, dim);
    }
}

// out[i] = |a_i - b_i|^2
extern "C" __global__ void row_distances(float* out, const float* a, const float* b, int rows, int dim) {
    GRID_STRIDE(i, rows) out[i] = sq_dist(a + i * (long)dim, b + i * (long)dim, dim);
}

// hinge[i] = max(0, |a_i - p_i|^2 - |a_i - n_choice[i]|^2 + margin); NaN passes through.
extern "C" __global__ void triplet_forward(float* hinge, const float* a, const float* p, const float* n,
                                           const int* choice, int rows, int dim, float margin) {
    GRID_STRIDE(i, rows) {
        const float* ai = a + i * (long)dim;
        float h = sq_dist(ai, p + i * (long)dim, dim) - sq_dist(ai, n + (long)choice[i] * dim, dim) + margin;
        hinge[i] = (h > 0.f || h != h) ? h : 0.f;
    }
}

// For rows with hinge > 0, g = 2 dHinge[i]: dA += g (n_c - p), dP += g (p - a), dN_c += g (a - n_c).
// One thread per (row, k); several anchors may share a negative, hence the atomic add on dN.
extern "C" __global__ void triplet_backward(float* dA, float* dP, float* dN, const float* dHinge, const float* hinge,
                                            const float* a, const float* p, const float* n, const int* choice,
                                            int rows, int dim) {
    GRID_STRIDE(e, (long)rows * dim) {
        int i = (int)(e / dim), k = (int)(e % dim);
        if (!(hinge[i] > 0.f)) continue;
        float g2 = 2.f * dHinge[i];
        long ni = (long)choice[i] * dim + k;
        float av = a[e], pv = p[e], nv = n[ni];
        if (dA) dA[e] += g2 * (nv - pv);
        if (dP) dP[e] += g2 * (pv - av);
        if (dN) atomicAdd(dN + ni, g2 * (av - nv));
    }
}

// Softmax cross-entropy, forward, per chunk of n classes starting at j0: z[rows x n] holds u w_c^T
// (cuBLAS); adds the bias b[j0..) (b may be null) in place, then writes the row's chunk max and
// exp sum to max[i], sum[i] (the caller offsets them by chunk * rows). One block per row.
extern "C" __global__ void xent_chunk_stats(float* z, const float* b, float* max, float* sum, int n) {
    float* zr = z + (long)blockIdx.x * n;
    float m = -INFINITY;
    for (int c = threadIdx.x; c < n; c += blockDim.x) {
        float v = zr[c];
        if (b) { v += b[c]; zr[c] = v; }
        m = fmaxf(m, v);
    }
    m = block_max(m);
    float s = 0.f;
    for (int c = threadIdx.x; c < n; c += blockDim.x) s += expf(zr[c] - m);
    s = block_sum(s);
    if (threadIdx.x == 0) { max[blockIdx.x] = m; sum[blockIdx.x] = s; }
}

// Merges the chunks' (max, sum) per row into lse[i] (in double, chunk order), and writes rowLoss[i]
// = lse_i - mean of the row's target logits z_il = u_i . w_l + b_l (0 for a row without labels).
// One thread per row.
extern "C" __global__ void xent_row_loss(float* lse, float* rowLoss, const float* max, const float* sum, int chunks,
                                         const float* u, const float* w, const float* b, const int* rowStart,
                                         const int* labels, int rows, int dim) {
    GRID_STRIDE(i, rows) {
        double m = -INFINITY;
        for (int c = 0; c < chunks; c++) m = fmax(m, (double)max[(long)c * rows + i]);
        double s = 0;
        for (int c = 0; c < chunks; c++) s += sum[(long)c * rows + i] * exp(max[(long)c * rows + i] - m);
        float l = (float)(m + log(s));
        lse[i] = l;
        int k0 = rowStart[i], k1 = rowStart[i + 1];
        if (k1 == k0) { rowLoss[i] = 0.f; continue; }
        double t = 0;
        for (int k = k0; k < k1; k++) {
            int lab = labels[k];
            float zl = 0.f;
            for (int d = 0; d < dim; d++) zl = fmaf(u[i * (long)dim + d], w[(long)lab * dim + d], zl);
            if (b) zl += b[lab];
            t += zl;
        }
        rowLoss[i] = (float)(l - t / (k1 - k0));
    }
}

// loss[0] = mean of rowLoss over the rows with labels (0 when none); also scale[i] = gradLoss / count
// for labelled rows (0 otherwise) and weight[i] = 1 / |L_i|, for the backward. Forward passes
// gradLoss, scale and weight null; backward passes loss and rowLoss null. One block.
extern "C" __global__ void xent_finish(float* loss, float* scale, float* weight, const float* rowLoss,
                                       const int* rowStart, const float* gradLoss, int rows) {
    float total = 0.f, count = 0.f;
    for (int i = threadIdx.x; i < rows; i += blockDim.x) {
        if (rowStart[i + 1] > rowStart[i]) { if (rowLoss) total += rowLoss[i]; count += 1.f; }
    }
    total = block_sum(total);
    count = block_sum(count);
    if (loss && threadIdx.x == 0) loss[0] = count == 0.f ? 0.f : total / count;
    if (gradLoss) {
        float perRow = count == 0.f ? 0.f : gradLoss[0] / count;
        for (int i = threadIdx.x; i < rows; i += blockDim.x) {
            int k = rowStart[i + 1] - rowStart[i];
            scale[i] = k == 0 ? 0.f : perRow;
            weight[i] = k == 0 ? 0.f : 1.f / k;
        }
    }
}

// Backward, per chunk: z[rows x n] = u w_c^T from cuBLAS becomes d(loss)/dz in place:
// exp(z + b - lse_i) * scale_i, minus scale_i * weight_i at the row's targets in [j0, j0 + n).
// One block per row.
extern "C" __global__ void xent_chunk_grad(float* z, const float* b, const float* lse, const float* scale,
                                           const float* weight, const int* rowStart, const int* labels,
                                           int n, int j0) {
    int i = blockIdx.x;
    float* zr = z + (long)i * n;
    float s = scale[i], l = lse[i];
    for (int c = threadIdx.x; c < n; c += blockDim.x) {
        zr[c] = s == 0.f ? 0.f : expf(zr[c] + (b ? b[c] : 0.f) - l) * s;
    }
    __syncthreads();
    if (s == 0.f) return;
    float t = s * weight[i];
    for (int k = rowStart[i] + threadIdx.x; k < rowStart[i + 1]; k += blockDim.x) {
        int c = labels[k] - j0;
        if (c >= 0 && c < n) zr[c] -= t;  // labels of a row are distinct: no two threads share c
    }
}
