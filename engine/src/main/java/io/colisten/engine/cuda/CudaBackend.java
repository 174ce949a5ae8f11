package io.colisten.engine.cuda;

import io.colisten.engine.Backend;
import io.colisten.engine.Backends;
import io.colisten.engine.Buffer;
import io.colisten.engine.BufferPool;
import io.colisten.engine.Device;
import io.colisten.engine.IndexBuffer;
import io.colisten.engine.Storage;
import io.colisten.engine.Tensor;
import io.colisten.kernels.cpu.Conv2dShape;
import io.colisten.kernels.cpu.Pool2dShape;
import io.colisten.kernels.cuda.CudaContext;
import io.colisten.kernels.cuda.Cublas;
import io.colisten.kernels.cuda.Cudnn;
import io.colisten.kernels.cuda.DevicePointer;

/**
 * The CUDA backend: tensors in GPU memory, every method queued on the context's one stream.
 * Matrix products go to cuBLAS, convolutions and batch normalisation to cuDNN, the rest to our PTX
 * kernels (kernels/src/main/cuda). Memory: a caching allocator under the same exact-length buffer
 * pool the CPU backend has, so a steady-state step neither allocates device memory nor churns the
 * heap with storages. Host copies are synchronous; {@link #read} therefore waits for the stream.
 *
 * <p>Open it with {@link #open}, which registers it for {@code cuda:N}; without a usable GPU that
 * throws {@link io.colisten.kernels.cuda.CudaUnavailableException} with a one-line reason.
 */
public final class CudaBackend implements Backend {
    static final int THREADS = 256;
    /** Grid-stride kernels use at most this many blocks (enough to fill an H100's 132 SMs many times over). */
    static final int MAX_BLOCKS = 8192;

    private static final java.util.Map<Integer, CudaBackend> OPEN = new java.util.HashMap<>();

    private final Device device;
    final CudaContext ctx;
    final CudaLibraries libs;
    final ConvPlans plans;
    private final CachingAllocator<DevicePointer> allocator;
    private final BufferPool<CudaStorage> floats;
    private final BufferPool<CudaIndexBuffer> ints;
    private final CudaNorm norm;
    private final CudaSoftmaxXent xent;
    private CachingAllocator.Block<DevicePointer> workspace;

    private CudaBackend(CudaContext ctx) {
        this.ctx = ctx;
        this.device = new Device("cuda", ctx.index());
        this.libs = new CudaLibraries(ctx);
        this.plans = new ConvPlans(libs);
        this.allocator = new CachingAllocator<>(new CachingAllocator.Raw<>() {
            @Override public DevicePointer allocate(long bytes) { return ctx.allocate(bytes); }

            @Override public void free(DevicePointer p) { ctx.free(p); }
        });
        this.floats = new BufferPool<>(n -> new CudaStorage(device, allocator, n));
        this.ints = new BufferPool<>(n -> new CudaIndexBuffer(device, allocator, n));
        this.norm = new CudaNorm(this);
        this.xent = new CudaSoftmaxXent(this);
    }

    /** The backend of GPU {@code index}, opened once and registered with {@link Backends}. */
    public static synchronized CudaBackend open(int index) {
        CudaBackend b = OPEN.get(index);
        if (b != null) return b;
        b = new CudaBackend(CudaContext.open(index));
        OPEN.put(index, b);
        Backends.register(b);
        return b;
    }

    @Override public Device device() { return device; }

    public CudaContext context() { return ctx; }

    /** The caching allocator (tests and logs: raw allocations, peak bytes). */
    public CachingAllocator<DevicePointer> allocator() { return allocator; }

    /** Waits for all queued work. */
    public void synchronize() { ctx.synchronize(); }

    // ---- addresses and launches -----------------------------------------------------------------

    static long p(Tensor t) {
        return t == null ? 0L : ((CudaStorage) t.storage()).address() + 4L * t.offset();
    }

    static long p(IndexBuffer b) {
        return b == null ? 0L : ((CudaIndexBuffer) b).address();
    }

    static long p(Storage s) {
        return ((CudaStorage) s).address();
    }

    static int blocks(long n) {
        return (int) Math.max(1, Math.min(MAX_BLOCKS, (n + THREADS - 1) / THREADS));
    }

    /** A grid-stride kernel over n elements. */
    void run(String kernel, long n, Object... args) {
        ctx.launch(kernel, blocks(n), THREADS, args);
    }

    /** A kernel with one block per row / channel / plane. */
    void perBlock(String kernel, int blocks, Object... args) {
        ctx.launch(kernel, blocks, THREADS, args);
    }

    /** Row-major c[m x n] = alpha op(a) op(b) + beta c on device addresses (cuBLAS is column-major: C^T = B^T A^T). */
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, long a, long b, float beta, long c) {
        libs.cublas().sgemm(transB ? Cublas.OP_T : Cublas.OP_N, transA ? Cublas.OP_T : Cublas.OP_N, n, m, k, alpha,
                b, transB ? k : n, a, transA ? m : k, beta, c, n);
    }

    /** Scratch for cuDNN, grown (through the allocator) to the largest request so far. */
    long workspace(long bytes) {
        if (bytes == 0) return 0L;
        if (workspace == null || workspace.bytes() < bytes) {
            if (workspace != null) allocator.release(workspace);
            workspace = allocator.acquire(bytes);
        }
        return workspace.raw().address();
    }

    Tensor scratch(int length) {
        return new Tensor(this, acquire(length), 0, new int[] {length});
    }

    // ---- memory ---------------------------------------------------------------------------------

    @Override
    public Storage allocate(int length) {
        CudaStorage s = new CudaStorage(device, allocator, length);
        ctx.fill32(s.memory.pointer(), 0, 0, length);
        return s;
    }

    @Override
    public IndexBuffer allocateIndex(int length) {
        CudaIndexBuffer b = new CudaIndexBuffer(device, allocator, length);
        ctx.fill32(b.memory.pointer(), 0, 0, length);
        return b;
    }

    @Override public Storage acquire(int length) { return floats.acquire(length); }

    @Override public IndexBuffer acquireIndex(int length) { return ints.acquire(length); }

    @Override
    public void release(Buffer buffer) {
        if (buffer instanceof CudaStorage s && s.device().equals(device)) floats.release(s);
        else if (buffer instanceof CudaIndexBuffer b && b.device().equals(device)) ints.release(b);
        else throw new IllegalArgumentException("release: buffer on " + buffer.device() + " given to " + device);
    }

    @Override
    public void trimPool() {
        floats.clear();
        ints.clear();
        System.gc(); // the dropped storages return their blocks through their cleaners (asynchronously)
        allocator.trim();
    }

    @Override public long pooledBuffersCreated() { return floats.created() + ints.created(); }

    @Override
    public void upload(Storage dst, int dstOff, float[] src, int srcOff, int n) {
        if (n > 0) ctx.upload(((CudaStorage) dst).memory.pointer(), 4L * dstOff, src, srcOff, n);
    }

    @Override
    public void download(float[] dst, int dstOff, Storage src, int srcOff, int n) {
        if (n > 0) ctx.download(dst, dstOff, ((CudaStorage) src).memory.pointer(), 4L * srcOff, n);
    }

    @Override
    public float read(Storage src, int index) {
        float[] one = new float[1];
        download(one, 0, src, index, 1);
        return one[0];
    }

    /** A host copy of an index buffer (tests, argmax checks). */
    public int[] downloadIndex(IndexBuffer src, int n) {
        int[] out = new int[n];
        if (n > 0) ctx.downloadInts(out, 0, ((CudaIndexBuffer) src).memory.pointer(), 0, n);
        return out;
    }

    // ---- elementwise ----------------------------------------------------------------------------

    @Override
    public void fill(Tensor out, float value) {
        ctx.fill32(((CudaStorage) out.storage()).memory.pointer(), 4L * out.offset(), Float.floatToRawIntBits(value), out.size());
    }

    @Override
    public void copy(Tensor out, Tensor a) {
        if (p(out) == p(a)) return;
        ctx.copy(((CudaStorage) out.storage()).memory.pointer(), 4L * out.offset(),
                ((CudaStorage) a.storage()).memory.pointer(), 4L * a.offset(), 4L * out.size());
    }

    @Override public void add(Tensor out, Tensor a, Tensor b) { run("ew_add", out.size(), p(out), p(a), p(b), (long) out.size()); }

    @Override public void sub(Tensor out, Tensor a, Tensor b) { run("ew_sub", out.size(), p(out), p(a), p(b), (long) out.size()); }

    @Override public void mul(Tensor out, Tensor a, Tensor b) { run("ew_mul", out.size(), p(out), p(a), p(b), (long) out.size()); }

    @Override
    public void scale(Tensor out, Tensor a, float alpha) {
        run("ew_scale", out.size(), p(out), p(a), alpha, (long) out.size());
    }

    @Override public void axpy(Tensor y, float alpha, Tensor x) { run("ew_axpy", y.size(), p(y), alpha, p(x), (long) y.size()); }

    @Override public void mulAdd(Tensor y, Tensor a, Tensor b) { run("ew_mul_add", y.size(), p(y), p(a), p(b), (long) y.size()); }

    @Override
    public void addRowBias(Tensor out, Tensor bias, int rows, int cols) {
        run("ew_add_row_bias", (long) rows * cols, p(out), p(bias), rows, cols);
    }

    @Override
    public void addChannelBias(Tensor out, Tensor bias, int n, int c, int hw) {
        run("ew_add_channel_bias", (long) n * c * hw, p(out), p(bias), n, c, hw);
    }

    // ---- reductions -----------------------------------------------------------------------------

    @Override
    public void sum(Tensor out, Tensor a) {
        long n = a.size();
        int parts = (int) Math.min(1024, Math.max(1, (n + THREADS - 1) / THREADS));
        Tensor partial = scratch(parts);
        ctx.launch("reduce_sum_partial", parts, THREADS, p(partial), p(a), n);
        ctx.launch("reduce_sum_final", 1, THREADS, p(out), p(partial), parts);
        release(partial.storage());
    }

    @Override
    public void sumColumns(Tensor out, Tensor a, int rows, int cols) {
        run("reduce_sum_columns", cols, p(out), p(a), rows, cols);
    }

    @Override
    public void sumChannels(Tensor out, Tensor a, int n, int c, int hw) {
        perBlock("reduce_sum_channels", c, p(out), p(a), n, c, hw);
    }

    // ---- linear algebra -------------------------------------------------------------------------

    @Override
    public void matmul(boolean transA, boolean transB, int m, int n, int k, float alpha, Tensor a, Tensor b,
                       float beta, Tensor c) {
        gemm(transA, transB, m, n, k, alpha, p(a), p(b), beta, p(c));
    }

    // ---- convolution and pooling ----------------------------------------------------------------

    @Override
    public void conv2dForward(Tensor out, Tensor in, Tensor weight, Tensor bias, Conv2dShape s) {
        ConvPlans.Plan plan = plans.plan(s);
        Cudnn.Algo algo = plans.forward(plan);
        libs.cudnn().convolutionForward(1f, plan.x, p(in), plan.w, p(weight), plan.conv, algo,
                workspace(algo.workspace()), 0f, plan.y, p(out));
        if (bias != null) addChannelBias(out, bias, s.n(), s.cOut(), s.outH() * s.outW());
    }

    @Override
    public void conv2dBackwardData(Tensor dIn, Tensor dOut, Tensor weight, Conv2dShape s) {
        backwardData(dIn, dOut, weight, s, 1f);
    }

    @Override
    public void conv2dBackwardDataInto(Tensor dIn, Tensor dOut, Tensor weight, Conv2dShape s) {
        backwardData(dIn, dOut, weight, s, 0f);
    }

    private void backwardData(Tensor dIn, Tensor dOut, Tensor weight, Conv2dShape s, float beta) {
        ConvPlans.Plan plan = plans.plan(s);
        Cudnn.Algo algo = plans.backwardData(plan);
        libs.cudnn().convolutionBackwardData(1f, plan.w, p(weight), plan.y, p(dOut), plan.conv, algo,
                workspace(algo.workspace()), beta, plan.x, p(dIn));
    }

    @Override
    public void conv2dBackwardFilter(Tensor dWeight, Tensor dBias, Tensor dOut, Tensor in, Conv2dShape s) {
        ConvPlans.Plan plan = plans.plan(s);
        Cudnn.Algo algo = plans.backwardFilter(plan);
        libs.cudnn().convolutionBackwardFilter(1f, plan.x, p(in), plan.y, p(dOut), plan.conv, algo,
                workspace(algo.workspace()), 1f, plan.w, p(dWeight));
        if (dBias != null) sumChannels(dBias, dOut, s.n(), s.cOut(), s.outH() * s.outW());
    }

    @Override
    public void maxPool2dForward(Tensor out, IndexBuffer argmax, Tensor in, Pool2dShape s) {
        run("maxpool2d_forward", s.outputSize(), p(out), p(argmax), p(in), s.n() * s.c(), s.h(), s.w(), s.outH(),
                s.outW(), s.kh(), s.kw(), s.strideH(), s.strideW(), s.padH(), s.padW());
    }

    @Override
    public void maxPool2dBackward(Tensor dIn, Tensor dOut, IndexBuffer argmax, Pool2dShape s) {
        run("maxpool2d_backward", s.outputSize(), p(dIn), p(dOut), p(argmax), s.n() * s.c(), s.h() * s.w(),
                s.outH() * s.outW());
    }

    @Override
    public void globalAvgPoolForward(Tensor out, Tensor in, int n, int c, int hw) {
        perBlock("global_avg_forward", n * c, p(out), p(in), hw);
    }

    @Override
    public void globalAvgPoolBackward(Tensor dIn, Tensor dOut, int n, int c, int hw) {
        run("global_avg_backward", (long) n * c * hw, p(dIn), p(dOut), n * c, hw);
    }

    @Override
    public void globalMaxPoolForward(Tensor out, IndexBuffer argmax, Tensor in, int n, int c, int hw) {
        perBlock("global_max_forward", n * c, p(out), p(argmax), p(in), hw);
    }

    @Override
    public void globalMaxPoolBackward(Tensor dIn, Tensor dOut, IndexBuffer argmax, int n, int c, int hw) {
        run("global_max_backward", n * c, p(dIn), p(dOut), p(argmax), n * c, hw);
    }

    // ---- batch normalisation (CudaNorm) ---------------------------------------------------------

    @Override
    public void batchNormTrain(Tensor out, Tensor saveMean, Tensor saveRstd, Tensor in, Tensor gamma, Tensor beta,
                               Tensor runningMean, Tensor runningVar, float momentum, float eps, int n, int c, int hw) {
        norm.train(out, saveMean, saveRstd, in, gamma, beta, runningMean, runningVar, momentum, eps, n, c, hw);
    }

    @Override
    public void batchNormEval(Tensor out, Tensor in, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar,
                              float eps, int n, int c, int hw) {
        norm.eval(out, in, gamma, beta, runningMean, runningVar, eps, n, c, hw);
    }

    @Override
    public void batchNormBackward(Tensor dIn, Tensor dGamma, Tensor dBeta, Tensor dOut, Tensor in, Tensor saveMean,
                                  Tensor saveRstd, Tensor gamma, int n, int c, int hw) {
        norm.backward(dIn, dGamma, dBeta, dOut, in, saveMean, saveRstd, gamma, true, n, c, hw);
    }

    @Override
    public void batchNormEvalBackward(Tensor dIn, Tensor dGamma, Tensor dBeta, Tensor dOut, Tensor in, Tensor gamma,
                                      Tensor runningMean, Tensor runningVar, float eps, int n, int c, int hw) {
        perBlock("bn_eval_backward", c, p(dIn), p(dGamma), p(dBeta), p(dOut), p(in), p(gamma), p(runningMean),
                p(runningVar), eps, n, c, hw);
    }

    @Override
    public void batchNormReluBackward(Tensor dIn, Tensor dGamma, Tensor dBeta, Tensor dOut, Tensor in, Tensor saveMean,
                                      Tensor saveRstd, Tensor gamma, Tensor beta, boolean accumulate, int n, int c, int hw) {
        Tensor masked = scratch(in.size());
        run("bn_relu_mask", in.size(), p(masked), p(dOut), p(in), p(saveMean), p(saveRstd), p(gamma), p(beta), n, c, hw);
        norm.backward(dIn, dGamma, dBeta, masked, in, saveMean, saveRstd, gamma, accumulate, n, c, hw);
        release(masked.storage());
    }

    // ---- activations and normalisation ----------------------------------------------------------

    @Override public void reluForward(Tensor out, Tensor in) { run("relu_forward", out.size(), p(out), p(in), (long) out.size()); }

    @Override
    public void reluBackward(Tensor dIn, Tensor dOut, Tensor out) {
        run("relu_backward", dIn.size(), p(dIn), p(dOut), p(out), (long) dIn.size());
    }

    @Override
    public void softmaxForward(Tensor out, Tensor in, int rows, int cols) {
        perBlock("softmax_forward", rows, p(out), p(in), cols);
    }

    @Override
    public void softmaxBackward(Tensor dIn, Tensor dOut, Tensor out, int rows, int cols) {
        perBlock("softmax_backward", rows, p(dIn), p(dOut), p(out), cols);
    }

    @Override
    public void logSoftmaxForward(Tensor out, Tensor in, int rows, int cols) {
        perBlock("log_softmax_forward", rows, p(out), p(in), cols);
    }

    @Override
    public void logSoftmaxBackward(Tensor dIn, Tensor dOut, Tensor out, int rows, int cols) {
        perBlock("log_softmax_backward", rows, p(dIn), p(dOut), p(out), cols);
    }

    @Override
    public void l2NormalizeForward(Tensor out, Tensor norms, Tensor in, int rows, int cols, float eps) {
        perBlock("l2norm_forward", rows, p(out), p(norms), p(in), cols, eps);
    }

    @Override
    public void l2NormalizeBackward(Tensor dIn, Tensor dOut, Tensor out, Tensor norms, int rows, int cols, float eps) {
        perBlock("l2norm_backward", rows, p(dIn), p(dOut), p(out), p(norms), cols, eps);
    }

    // ---- losses ---------------------------------------------------------------------------------

    @Override
    public void uploadIndex(IndexBuffer dst, int dstOff, int[] src, int srcOff, int n) {
        if (n > 0) ctx.uploadInts(((CudaIndexBuffer) dst).memory.pointer(), 4L * dstOff, src, srcOff, n);
    }

    @Override
    public void squaredDistances(Tensor out, Tensor a, Tensor b, int rowsA, int rowsB, int cols) {
        run("squared_distances", (long) rowsA * rowsB, p(out), p(a), p(b), rowsA, rowsB, cols);
    }

    @Override
    public void rowDistances(Tensor out, Tensor a, Tensor b, int rows, int cols) {
        run("row_distances", rows, p(out), p(a), p(b), rows, cols);
    }

    @Override
    public void tripletForward(Tensor hinge, Tensor a, Tensor p, Tensor n, IndexBuffer choice, int rows, int negRows,
                               int cols, float margin) {
        run("triplet_forward", rows, p(hinge), p(a), p(p), p(n), p(choice), rows, cols, margin);
    }

    @Override
    public void tripletBackward(Tensor dA, Tensor dP, Tensor dN, Tensor dHinge, Tensor hinge, Tensor a, Tensor p,
                                Tensor n, IndexBuffer choice, int rows, int negRows, int cols) {
        run("triplet_backward", (long) rows * cols, p(dA), p(dP), p(dN), p(dHinge), p(hinge), p(a), p(p), p(n), p(choice),
                rows, cols);
    }

    @Override
    public void softmaxXentForward(Tensor loss, Tensor lse, Tensor u, Tensor w, Tensor b, IndexBuffer rowStart,
                                   IndexBuffer labels, int rows, int cols, int classes, int chunk) {
        xent.forward(loss, lse, u, w, b, rowStart, labels, rows, cols, classes, chunk);
    }

    @Override
    public void softmaxXentBackward(Tensor dU, Tensor dW, Tensor dB, Tensor dLoss, Tensor lse, Tensor u, Tensor w,
                                    Tensor b, IndexBuffer rowStart, IndexBuffer labels, int rows, int cols, int classes,
                                    int chunk) {
        xent.backward(dU, dW, dB, null, dLoss, lse, u, w, b, rowStart, labels, rows, cols, classes, chunk);
    }

    @Override
    public void softmaxXentBackwardAdam(Tensor dU, Tensor dLoss, Tensor lse, Tensor u, Tensor w, Tensor mW, Tensor vW,
                                        Tensor b, Tensor mB, Tensor vB, IndexBuffer rowStart, IndexBuffer labels,
                                        int rows, int cols, int classes, int chunk, float lr, float beta1, float beta2,
                                        float eps, float weightDecay, long step) {
        AdamScalars adam = AdamScalars.of(lr, beta1, beta2, eps, weightDecay, step);
        xent.backward(dU, null, null, new CudaSoftmaxXent.Adam(mW, vW, mB, vB, adam), dLoss, lse, u, w, b, rowStart,
                labels, rows, cols, classes, chunk);
    }

    @Override
    public void sigmoidXentForward(Tensor loss, Tensor logits, Tensor targets) {
        run("sigmoid_xent_forward", loss.size(), p(loss), p(logits), p(targets), (long) loss.size());
    }

    @Override
    public void sigmoidXentBackward(Tensor dLogits, Tensor dLoss, Tensor logits, Tensor targets) {
        run("sigmoid_xent_backward", dLogits.size(), p(dLogits), p(dLoss), p(logits), p(targets), (long) dLogits.size());
    }

    // ---- optimiser ------------------------------------------------------------------------------

    @Override
    public void adamStep(Tensor param, Tensor grad, Tensor m, Tensor v, float lr, float beta1, float beta2, float eps,
                         float weightDecay, long step) {
        adam(p(param), p(grad), p(m), p(v), param.size(), AdamScalars.of(lr, beta1, beta2, eps, weightDecay, step));
    }

    void adam(long param, long grad, long m, long v, long n, AdamScalars a) {
        run("adam_step", n, param, grad, m, v, n, a.beta1(), a.beta2(), a.b1c(), a.b2c(), a.eps(), a.stepSize(),
                a.invSqrtBc2(), a.decay());
    }

    @Override
    public String toString() {
        return "CudaBackend(" + device + ", " + ctx.probe().name() + ")";
    }
}
