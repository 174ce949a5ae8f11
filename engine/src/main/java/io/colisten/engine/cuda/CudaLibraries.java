package io.colisten.engine.cuda;

import io.colisten.kernels.cuda.CudaContext;
import io.colisten.kernels.cuda.Cublas;
import io.colisten.kernels.cuda.Cudnn;

/**
 * The cuBLAS and cuDNN handles of one backend, created on first use on the backend's stream, so a
 * model that never convolves runs without cuDNN installed. Math mode: exact fp32 by default (the
 * tests compare with the CPU); {@code -Dcolisten.cuda.tf32=true} lets both use TF32 tensor cores,
 * as PyTorch does by default for convolutions.
 */
final class CudaLibraries {
    static final boolean TF32 = Boolean.getBoolean("colisten.cuda.tf32");

    private final CudaContext ctx;
    private Cublas cublas;
    private Cudnn cudnn;

    CudaLibraries(CudaContext ctx) {
        this.ctx = ctx;
    }

    synchronized Cublas cublas() {
        if (cublas == null) {
            ctx.bind();
            cublas = Cublas.create(ctx.stream().handle());
            cublas.setMathMode(TF32 ? Cublas.TF32_TENSOR_OP_MATH : Cublas.DEFAULT_MATH);
        }
        return cublas;
    }

    synchronized Cudnn cudnn() {
        if (cudnn == null) {
            ctx.bind();
            cudnn = Cudnn.create(ctx.stream().handle());
        }
        return cudnn;
    }

    static int convMathType() {
        return TF32 ? Cudnn.DEFAULT_MATH : Cudnn.FMA_MATH;
    }
}
