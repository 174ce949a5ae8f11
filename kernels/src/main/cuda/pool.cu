// 2-D max pooling on NCHW with PyTorch semantics (implicit -infinity padding, floor mode), as the
// CPU kernel: argmax is y * w + x within the (n, c) input plane, the first maximum in window order
// (ky, then kx), except that a NaN always wins (the last NaN).
#include "common.cuh"

// One thread per output element of n*c planes of outH x outW.
extern "C" __global__ void maxpool2d_forward(float* out, int* argmax, const float* in, int planes, int h, int w,
                                             int outH, int outW, int kh, int kw, int sh, int sw, int ph, int pw) {
    long total = (long)planes * outH * outW;
    GRID_STRIDE(o, total) {
        int ox = (int)(o % outW);
        int oy = (int)((o / outW) % outH);
        long p = o / ((long)outW * outH);
        const float* plane = in + p * h * w;
        float best = -INFINITY;
        int bi = -1;
        int y0 = oy * sh - ph, x0 = ox * sw - pw;
        for (int ky = 0; ky < kh; ky++) {
            int y = y0 + ky;
            if (y < 0 || y >= h) continue;
            for (int kx = 0; kx < kw; kx++) {
                int x = x0 + kx;
                if (x < 0 || x >= w) continue;
                float v = plane[y * w + x];
                if (bi < 0 || v > best || v != v) { best = v; bi = y * w + x; }
            }
        }
        out[o] = best;
        argmax[o] = bi;
    }
}

// dIn += dOut routed to the recorded winners; windows may overlap, hence the atomic add.
extern "C" __global__ void maxpool2d_backward(float* dIn, const float* dOut, const int* argmax, int planes,
                                              int planeIn, int planeOut) {
    long total = (long)planes * planeOut;
    GRID_STRIDE(o, total) {
        long p = o / planeOut;
        atomicAdd(dIn + p * planeIn + argmax[o], dOut[o]);
    }
}
