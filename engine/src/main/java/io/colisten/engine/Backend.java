package io.colisten.engine;

import io.colisten.kernels.cpu.BatchNormReLU2d;
import io.colisten.kernels.cpu.Conv2dShape;
import io.colisten.kernels.cpu.Pool2dShape;
import io.colisten.kernels.cpu.SigmoidCrossEntropy;

/**
 * The primitive operations of one device, over tensors (storage + offset) and explicit sizes. The
 * differentiable ops in {@code io.colisten.engine.ops} are written once against this interface; the
 * CPU backend implements it on the kernels, a CUDA backend (cuBLAS, cuDNN, our own kernels) will
 * implement the same methods on device pointers.
 *
 * <p>Contract, as in the kernels: forward methods overwrite their output; methods named
 * {@code ...Backward}, {@code axpy}, {@code mulAdd}, {@code addRowBias}, {@code addChannelBias},
 * {@code sumColumns} and {@code sumChannels} ADD into their first argument. Callers (the ops) have
 * already checked shapes and devices; a backend may trust them. Element counts are taken from the
 * first tensor argument where none is given.
 */
public interface Backend {
    Device device();

    // ---- memory -------------------------------------------------------------------------------

    /** A fresh zero-filled storage, owned by the caller and never pooled. */
    Storage allocate(int length);

    /** A fresh int buffer, owned by the caller and never pooled. */
    IndexBuffer allocateIndex(int length);

    /** A storage of exactly {@code length} from the pool (contents undefined); give it back with {@link #release}. */
    Storage acquire(int length);

    /** An int buffer of exactly {@code length} from the pool (contents undefined). */
    IndexBuffer acquireIndex(int length);

    /** Returns a buffer obtained from {@link #acquire} or {@link #acquireIndex} to the pool. */
    void release(Buffer buffer);

    /** Frees the pooled buffers not in use. */
    void trimPool();

    /** Buffers the pool has created so far (for tests: a steady state creates none). */
    long pooledBuffersCreated();

    /** dst[dstOff, dstOff + n) = src[srcOff, srcOff + n) from the host. */
    void upload(Storage dst, int dstOff, float[] src, int srcOff, int n);

    /** dst[dstOff, dstOff + n) = src[srcOff, srcOff + n) to the host. */
    void download(float[] dst, int dstOff, Storage src, int srcOff, int n);

    /** One element (a loss value); may synchronise the device. */
    float read(Storage src, int index);

    // ---- elementwise (n = out.size()) --------------------------------------------------------

    void fill(Tensor out, float value);

    void copy(Tensor out, Tensor a);

    void add(Tensor out, Tensor a, Tensor b);

    void sub(Tensor out, Tensor a, Tensor b);

    void mul(Tensor out, Tensor a, Tensor b);

    /** out = alpha * a. */
    void scale(Tensor out, Tensor a, float alpha);

    /** y += alpha * x. */
    void axpy(Tensor y, float alpha, Tensor x);

    /** y += a * b. */
    void mulAdd(Tensor y, Tensor a, Tensor b);

    /** out[rows x cols] += bias[cols] on every row. */
    void addRowBias(Tensor out, Tensor bias, int rows, int cols);

    /** out[n x c x hw] += bias[c] on every plane. */
    void addChannelBias(Tensor out, Tensor bias, int n, int c, int hw);

    // ---- reductions ---------------------------------------------------------------------------

    /** out[0] = sum of a (stays on the device). */
    void sum(Tensor out, Tensor a);

    /** out[cols] += column sums of a[rows x cols]. */
    void sumColumns(Tensor out, Tensor a, int rows, int cols);

    /** out[c] += per-channel sums of a[n x c x hw]. */
    void sumChannels(Tensor out, Tensor a, int n, int c, int hw);

    // ---- linear algebra -----------------------------------------------------------------------

    /**
     * c[m x n] = alpha op(a) op(b) + beta c, row-major and contiguous: a is m x k (k x m when
     * transA), b is k x n (n x k when transB). beta == 0 overwrites c.
     */
    void matmul(boolean transA, boolean transB, int m, int n, int k, float alpha, Tensor a, Tensor b,
                float beta, Tensor c);

    // ---- convolution and pooling (NCHW) -------------------------------------------------------

    /** out = conv(in, weight) + bias; bias may be null. */
    void conv2dForward(Tensor out, Tensor in, Tensor weight, Tensor bias, Conv2dShape s);

    /**
     * The same convolution when no gradient will be taken (inference): a backend may use transforms
     * that round differently from the direct sum (Winograd); by default the plain forward.
     */
    default void conv2dForwardInference(Tensor out, Tensor in, Tensor weight, Tensor bias, Conv2dShape s) {
        conv2dForward(out, in, weight, bias, s);
    }

    /**
     * Inference: out = relu(conv(in, weight) + bias + residual), residual (out's shape) may be null.
     * A backend may fuse the sum and ReLU into the conv's output pass; by default the inference
     * conv, then the passes.
     */
    default void conv2dReluInference(Tensor out, Tensor in, Tensor weight, Tensor bias, Tensor residual, Conv2dShape s) {
        conv2dForwardInference(out, in, weight, bias, s);
        if (residual != null) axpy(out, 1f, residual);
        reluForward(out, out);
    }

    /** Whether {@link #conv2dMaxPoolReluInference} takes these shapes; by default no backend fuses them. */
    default boolean fusesConv2dMaxPoolRelu(Conv2dShape c, Pool2dShape p) {
        return false;
    }

    /**
     * Inference: out = relu(maxPool(conv(in, weight) + bias)) in one pass (no pool winners), where
     * {@link #fusesConv2dMaxPoolRelu} says so; callers compose the three ops elsewhere.
     */
    default void conv2dMaxPoolReluInference(Tensor out, Tensor in, Tensor weight, Tensor bias, Conv2dShape c,
                                            Pool2dShape p) {
        throw new UnsupportedOperationException("conv2dMaxPoolReluInference: not fused on this backend for " + c + ", " + p);
    }

    /** dIn += conv_transpose(dOut, weight). */
    void conv2dBackwardData(Tensor dIn, Tensor dOut, Tensor weight, Conv2dShape s);

    /** dIn = conv_transpose(dOut, weight), overwriting a fresh buffer; the default zeroes dIn, then adds. */
    default void conv2dBackwardDataInto(Tensor dIn, Tensor dOut, Tensor weight, Conv2dShape s) {
        fill(dIn, 0f);
        conv2dBackwardData(dIn, dOut, weight, s);
    }

    /** dWeight += in (x) dOut; dBias (may be null) += per-channel sums of dOut. */
    void conv2dBackwardFilter(Tensor dWeight, Tensor dBias, Tensor dOut, Tensor in, Conv2dShape s);

    /** out = window maxima; argmax = winner per output within its (n, c) plane. */
    void maxPool2dForward(Tensor out, IndexBuffer argmax, Tensor in, Pool2dShape s);

    void maxPool2dBackward(Tensor dIn, Tensor dOut, IndexBuffer argmax, Pool2dShape s);

    /** out[n x c] = plane means of in[n x c x hw]. */
    void globalAvgPoolForward(Tensor out, Tensor in, int n, int c, int hw);

    void globalAvgPoolBackward(Tensor dIn, Tensor dOut, int n, int c, int hw);

    void globalMaxPoolForward(Tensor out, IndexBuffer argmax, Tensor in, int n, int c, int hw);

    void globalMaxPoolBackward(Tensor dIn, Tensor dOut, IndexBuffer argmax, int n, int c, int hw);

    // ---- batch normalisation (PyTorch convention) ---------------------------------------------

    /**
     * Training forward: batch statistics, saveMean/saveRstd [c] for backward; runningMean/Var
     * updated in place when not null. gamma/beta null means no affine transform.
     */
    void batchNormTrain(Tensor out, Tensor saveMean, Tensor saveRstd, Tensor in, Tensor gamma, Tensor beta,
                        Tensor runningMean, Tensor runningVar, float momentum, float eps, int n, int c, int hw);

    /** Inference forward with the running statistics. */
    void batchNormEval(Tensor out, Tensor in, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar,
                       float eps, int n, int c, int hw);

    /** Training backward; dGamma / dBeta may be null. */
    void batchNormBackward(Tensor dIn, Tensor dGamma, Tensor dBeta, Tensor dOut, Tensor in, Tensor saveMean,
                           Tensor saveRstd, Tensor gamma, int n, int c, int hw);

    /** Inference-mode backward (an affine map per channel); any of dIn, dGamma, dBeta may be null. */
    void batchNormEvalBackward(Tensor dIn, Tensor dGamma, Tensor dBeta, Tensor dOut, Tensor in, Tensor gamma,
                               Tensor runningMean, Tensor runningVar, float eps, int n, int c, int hw);

    /**
     * Training batch norm fused with ReLU: out = max(bn(in), 0), statistics and running-stat update
     * as {@link #batchNormTrain}. The default runs the two ops.
     */
    default void batchNormReluTrain(Tensor out, Tensor saveMean, Tensor saveRstd, Tensor in, Tensor gamma, Tensor beta,
                                    Tensor runningMean, Tensor runningVar, float momentum, float eps, int n, int c, int hw) {
        batchNormTrain(out, saveMean, saveRstd, in, gamma, beta, runningMean, runningVar, momentum, eps, n, c, hw);
        reluForward(out, out);
    }

    /**
     * Backward of {@link #batchNormReluTrain} from its input alone (which outputs were positive is
     * recomputed): dIn += the gradient when {@code accumulate}, dIn = it otherwise (dIn may then
     * share dOut's storage); dGamma / dBeta (may be null) += theirs. beta is the forward's. The
     * default runs the CPU kernel on host copies, so every backend has it.
     */
    default void batchNormReluBackward(Tensor dIn, Tensor dGamma, Tensor dBeta, Tensor dOut, Tensor in, Tensor saveMean,
                                       Tensor saveRstd, Tensor gamma, Tensor beta, boolean accumulate, int n, int c, int hw) {
        float[] di = host(dIn), dg = host(dGamma), db = host(dBeta);
        BatchNormReLU2d.backward(di, 0, dg, db, host(dOut), 0, host(in), 0, host(saveMean), host(saveRstd), host(gamma),
                host(beta), accumulate, n, c, hw);
        upload(dIn.storage(), dIn.offset(), di, 0, di.length);
        if (dg != null) upload(dGamma.storage(), dGamma.offset(), dg, 0, dg.length);
        if (db != null) upload(dBeta.storage(), dBeta.offset(), db, 0, db.length);
    }

    /**
     * Training batch norm, ReLU and max-pool fused: out = maxpool(max(bn(in), 0)) with the winners in
     * argmax (as {@link #maxPool2dForward}), statistics as {@link #batchNormTrain}. The default runs
     * the ops in turn through a transient buffer for the ReLU output.
     */
    default void batchNormReluMaxPoolTrain(Tensor out, IndexBuffer argmax, Tensor saveMean, Tensor saveRstd, Tensor in,
                                           Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, float momentum,
                                           float eps, Pool2dShape s) {
        Tensor y = new Tensor(this, acquire(in.size()), 0, in.shape());
        batchNormReluTrain(y, saveMean, saveRstd, in, gamma, beta, runningMean, runningVar, momentum, eps,
                s.n(), s.c(), s.h() * s.w());
        maxPool2dForward(out, argmax, y, s);
        release(y.storage());
    }

    /**
     * Backward of {@link #batchNormReluMaxPoolTrain} from the pooled gradient dOut: dIn = (or +=, when
     * {@code accumulate}) the input gradient; dGamma / dBeta (may be null) += theirs. The default
     * routes dOut into a transient zeroed buffer, then runs {@link #batchNormReluBackward} in place.
     */
    default void batchNormReluMaxPoolBackward(Tensor dIn, Tensor dGamma, Tensor dBeta, Tensor dOut, IndexBuffer argmax,
                                              Tensor in, Tensor saveMean, Tensor saveRstd, Tensor gamma, Tensor beta,
                                              boolean accumulate, Pool2dShape s) {
        Tensor dy = new Tensor(this, acquire(in.size()), 0, in.shape());
        fill(dy, 0f);
        maxPool2dBackward(dy, dOut, argmax, s);
        batchNormReluBackward(dIn, dGamma, dBeta, dy, in, saveMean, saveRstd, gamma, beta, accumulate,
                s.n(), s.c(), s.h() * s.w());
        release(dy.storage());
    }

    /** A host copy of t's elements (null for null): for the defaults that run a CPU kernel. */
    private float[] host(Tensor t) {
        if (t == null) return null;
        float[] a = new float[t.size()];
        download(a, 0, t.storage(), t.offset(), a.length);
        return a;
    }

    // ---- activations and normalisation --------------------------------------------------------

    void reluForward(Tensor out, Tensor in);

    /** dIn += dOut where out > 0. */
    void reluBackward(Tensor dIn, Tensor dOut, Tensor out);

    void softmaxForward(Tensor out, Tensor in, int rows, int cols);

    void softmaxBackward(Tensor dIn, Tensor dOut, Tensor out, int rows, int cols);

    void logSoftmaxForward(Tensor out, Tensor in, int rows, int cols);

    void logSoftmaxBackward(Tensor dIn, Tensor dOut, Tensor out, int rows, int cols);

    /** out = in / max(||row||, eps); norms[rows] kept for backward. */
    void l2NormalizeForward(Tensor out, Tensor norms, Tensor in, int rows, int cols, float eps);

    void l2NormalizeBackward(Tensor dIn, Tensor dOut, Tensor out, Tensor norms, int rows, int cols, float eps);

    // ---- losses -------------------------------------------------------------------------------

    /** dst[dstOff, dstOff + n) = src[srcOff, srcOff + n) from the host (targets, mined choices). */
    void uploadIndex(IndexBuffer dst, int dstOff, int[] src, int srcOff, int n);

    /** out[rowsA x rowsB] = squared Euclidean distances between the rows of a and the rows of b. */
    void squaredDistances(Tensor out, Tensor a, Tensor b, int rowsA, int rowsB, int cols);

    /** out[rows] = |a_i - b_i|^2. */
    void rowDistances(Tensor out, Tensor a, Tensor b, int rows, int cols);

    /** hinge[rows] = max(0, |a_i - p_i|^2 - |a_i - n_choice[i]|^2 + margin); n has negRows rows. */
    void tripletForward(Tensor hinge, Tensor a, Tensor p, Tensor n, IndexBuffer choice, int rows, int negRows, int cols,
                        float margin);

    /** Adds the hinge's gradient into dA, dP, dN (any may be null); rows with hinge 0 add nothing. */
    void tripletBackward(Tensor dA, Tensor dP, Tensor dN, Tensor dHinge, Tensor hinge, Tensor a, Tensor p, Tensor n,
                         IndexBuffer choice, int rows, int negRows, int cols);

    /**
     * Chunked softmax cross-entropy (paper eq. 2): loss[0] = mean over labelled rows of
     * lse_i - mean_{l in L_i} z_il with z = u w^T + b (b may be null), lse[rows] kept for backward.
     * Targets: row i's labels are labels[rowStart[i] .. rowStart[i + 1]). Logits are held a chunk of
     * classes at a time.
     */
    void softmaxXentForward(Tensor loss, Tensor lse, Tensor u, Tensor w, Tensor b, IndexBuffer rowStart,
                            IndexBuffer labels, int rows, int cols, int classes, int chunk);

    /** Adds dLoss times the gradients into dU, dW, dB (any may be null); recomputes the logits chunk by chunk. */
    void softmaxXentBackward(Tensor dU, Tensor dW, Tensor dB, Tensor dLoss, Tensor lse, Tensor u, Tensor w, Tensor b,
                             IndexBuffer rowStart, IndexBuffer labels, int rows, int cols, int classes, int chunk);

    /**
     * As {@link #softmaxXentBackward} for dU, but instead of materialising dW and dB applies one
     * Adam step (as {@link #adamStep}) to w (moments mW, vW) and b (mB, vB) chunk by chunk.
     */
    void softmaxXentBackwardAdam(Tensor dU, Tensor dLoss, Tensor lse, Tensor u, Tensor w, Tensor mW, Tensor vW,
                                 Tensor b, Tensor mB, Tensor vB, IndexBuffer rowStart, IndexBuffer labels,
                                 int rows, int cols, int classes, int chunk, float lr, float beta1, float beta2,
                                 float eps, float weightDecay, long step);

    /**
     * Element-wise binary cross-entropy on logits: loss = max(z, 0) - z y + log1p(exp(-|z|)) for
     * z = logits, y = targets (all three the same size). The default runs the CPU kernel on host
     * copies, so every backend has it; a backend overrides it to run in place.
     */
    default void sigmoidXentForward(Tensor loss, Tensor logits, Tensor targets) {
        int n = loss.size();
        float[] z = new float[n], y = new float[n], out = new float[n];
        download(z, 0, logits.storage(), logits.offset(), n);
        download(y, 0, targets.storage(), targets.offset(), n);
        SigmoidCrossEntropy.forward(out, 0, z, 0, y, 0, n);
        upload(loss.storage(), loss.offset(), out, 0, n);
    }

    /** dLogits += dLoss (sigmoid(logits) - targets); the default works on host copies as above. */
    default void sigmoidXentBackward(Tensor dLogits, Tensor dLoss, Tensor logits, Tensor targets) {
        int n = dLogits.size();
        float[] dz = new float[n], g = new float[n], z = new float[n], y = new float[n];
        download(dz, 0, dLogits.storage(), dLogits.offset(), n);
        download(g, 0, dLoss.storage(), dLoss.offset(), n);
        download(z, 0, logits.storage(), logits.offset(), n);
        download(y, 0, targets.storage(), targets.offset(), n);
        SigmoidCrossEntropy.backward(dz, 0, g, 0, z, 0, y, 0, n);
        upload(dLogits.storage(), dLogits.offset(), dz, 0, n);
    }

    // ---- optimiser ----------------------------------------------------------------------------

    /** One fused Adam/AdamW step (PyTorch semantics, step counted from 1). */
    void adamStep(Tensor param, Tensor grad, Tensor m, Tensor v, float lr, float beta1, float beta2, float eps,
                  float weightDecay, long step);
}
