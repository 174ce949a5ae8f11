package io.colisten.engine.cpu;

import io.colisten.engine.Backend;
import io.colisten.engine.Buffer;
import io.colisten.engine.BufferPool;
import io.colisten.engine.Device;
import io.colisten.engine.IndexBuffer;
import io.colisten.engine.Storage;
import io.colisten.engine.Tensor;
import io.colisten.kernels.cpu.Activations;
import io.colisten.kernels.cpu.Adam;
import io.colisten.kernels.cpu.BatchNorm2d;
import io.colisten.kernels.cpu.BatchNormReLU2d;
import io.colisten.kernels.cpu.BatchNormReLUMaxPool2d;
import io.colisten.kernels.cpu.ChunkedSoftmaxCrossEntropy;
import io.colisten.kernels.cpu.Conv2d;
import io.colisten.kernels.cpu.Conv2dShape;
import io.colisten.kernels.cpu.Elementwise;
import io.colisten.kernels.cpu.GlobalPool;
import io.colisten.kernels.cpu.L2Normalize;
import io.colisten.kernels.cpu.ConvPoolReLU;
import io.colisten.kernels.cpu.MaxPool2d;
import io.colisten.kernels.cpu.Pool2dShape;
import io.colisten.kernels.cpu.Reduce;
import io.colisten.kernels.cpu.Sgemm;
import io.colisten.kernels.cpu.SigmoidCrossEntropy;
import io.colisten.kernels.cpu.Softmax;
import io.colisten.kernels.cpu.TripletMargin;

/**
 * The CPU backend: each method unwraps tensors to (float[], offset) and calls one kernel of
 * {@code io.colisten.kernels.cpu}. Parallelism and reproducibility are the kernels' (one shared
 * pool, fixed partitions).
 */
public final class CpuBackend implements Backend {
    private static final CpuBackend CPU = new CpuBackend(Device.CPU);

    private final Device device;
    private final BufferPool<CpuStorage> floats;
    private final BufferPool<CpuIndexBuffer> ints;

    /** Another CPU device (tests use one to check device mismatches); register it with Backends. */
    public CpuBackend(Device device) {
        this.device = device;
        this.floats = new BufferPool<>(n -> new CpuStorage(device, n));
        this.ints = new BufferPool<>(n -> new CpuIndexBuffer(device, n));
    }

    public static CpuBackend instance() {
        return CPU;
    }

    private static float[] d(Tensor t) {
        return ((CpuStorage) t.storage()).data;
    }

    private static int[] d(IndexBuffer b) {
        return ((CpuIndexBuffer) b).data;
    }

    private static float[] dOrNull(Tensor t) {
        return t == null ? null : d(t);
    }

    /** For kernels that take a per-channel vector without an offset (batch norm). */
    private static float[] whole(Tensor t, String op) {
        if (t == null) return null;
        if (t.offset() != 0) {
            throw new IllegalArgumentException(op + ": the CPU kernel needs per-channel vectors at offset 0, got "
                    + t + " at " + t.offset());
        }
        return d(t);
    }

    @Override public Device device() { return device; }

    // ---- memory ---------------------------------------------------------------------------------

    @Override public Storage allocate(int length) { return new CpuStorage(device, length); }

    @Override public IndexBuffer allocateIndex(int length) { return new CpuIndexBuffer(device, length); }

    @Override public Storage acquire(int length) { return floats.acquire(length); }

    @Override public IndexBuffer acquireIndex(int length) { return ints.acquire(length); }

    @Override
    public void release(Buffer buffer) {
        if (buffer instanceof CpuStorage s && s.device() == device) floats.release(s);
        else if (buffer instanceof CpuIndexBuffer b && b.device() == device) ints.release(b);
        else throw new IllegalArgumentException("release: buffer on " + buffer.device() + " given to " + device);
    }

    @Override
    public void trimPool() {
        floats.clear();
        ints.clear();
    }

    @Override public long pooledBuffersCreated() { return floats.created() + ints.created(); }

    @Override
    public void upload(Storage dst, int dstOff, float[] src, int srcOff, int n) {
        System.arraycopy(src, srcOff, ((CpuStorage) dst).data, dstOff, n);
    }

    @Override
    public void download(float[] dst, int dstOff, Storage src, int srcOff, int n) {
        System.arraycopy(((CpuStorage) src).data, srcOff, dst, dstOff, n);
    }

    @Override public float read(Storage src, int index) { return ((CpuStorage) src).data[index]; }

    // ---- elementwise ----------------------------------------------------------------------------

    @Override public void fill(Tensor out, float value) { Elementwise.fill(d(out), out.offset(), value, out.size()); }

    @Override public void copy(Tensor out, Tensor a) { Elementwise.copy(d(out), out.offset(), d(a), a.offset(), out.size()); }

    @Override
    public void add(Tensor out, Tensor a, Tensor b) {
        Elementwise.add(d(out), out.offset(), d(a), a.offset(), d(b), b.offset(), out.size());
    }

    @Override
    public void sub(Tensor out, Tensor a, Tensor b) {
        Elementwise.sub(d(out), out.offset(), d(a), a.offset(), d(b), b.offset(), out.size());
    }

    @Override
    public void mul(Tensor out, Tensor a, Tensor b) {
        Elementwise.mul(d(out), out.offset(), d(a), a.offset(), d(b), b.offset(), out.size());
    }

    @Override
    public void scale(Tensor out, Tensor a, float alpha) {
        Elementwise.scale(d(out), out.offset(), d(a), a.offset(), alpha, out.size());
    }

    @Override
    public void axpy(Tensor y, float alpha, Tensor x) {
        Elementwise.axpy(d(y), y.offset(), alpha, d(x), x.offset(), y.size());
    }

    @Override
    public void mulAdd(Tensor y, Tensor a, Tensor b) {
        Elementwise.mulAdd(d(y), y.offset(), d(a), a.offset(), d(b), b.offset(), y.size());
    }

    @Override
    public void addRowBias(Tensor out, Tensor bias, int rows, int cols) {
        Elementwise.addRowBias(d(out), out.offset(), d(bias), bias.offset(), rows, cols);
    }

    @Override
    public void addChannelBias(Tensor out, Tensor bias, int n, int c, int hw) {
        Elementwise.addChannelBias(d(out), out.offset(), d(bias), bias.offset(), n, c, hw);
    }

    // ---- reductions -----------------------------------------------------------------------------

    @Override public void sum(Tensor out, Tensor a) { d(out)[out.offset()] = Reduce.sum(d(a), a.offset(), a.size()); }

    @Override
    public void sumColumns(Tensor out, Tensor a, int rows, int cols) {
        Reduce.sumColumns(d(out), out.offset(), d(a), a.offset(), rows, cols);
    }

    @Override
    public void sumChannels(Tensor out, Tensor a, int n, int c, int hw) {
        Reduce.sumChannels(d(out), out.offset(), d(a), a.offset(), n, c, hw);
    }

    // ---- linear algebra -------------------------------------------------------------------------

    @Override
    public void matmul(boolean transA, boolean transB, int m, int n, int k, float alpha, Tensor a, Tensor b,
                       float beta, Tensor c) {
        Sgemm.sgemm(transA, transB, m, n, k, alpha, d(a), a.offset(), transA ? m : k,
                d(b), b.offset(), transB ? k : n, beta, d(c), c.offset(), n);
    }

    // ---- convolution and pooling ----------------------------------------------------------------

    @Override
    public void conv2dForward(Tensor out, Tensor in, Tensor weight, Tensor bias, Conv2dShape s) {
        Conv2d.forward(d(out), out.offset(), d(in), in.offset(), d(weight), weight.offset(),
                dOrNull(bias), bias == null ? 0 : bias.offset(), s);
    }

    @Override
    public void conv2dForwardInference(Tensor out, Tensor in, Tensor weight, Tensor bias, Conv2dShape s) {
        Conv2d.forwardInference(d(out), out.offset(), d(in), in.offset(), d(weight), weight.offset(),
                dOrNull(bias), bias == null ? 0 : bias.offset(), s);
    }

    @Override
    public void conv2dReluInference(Tensor out, Tensor in, Tensor weight, Tensor bias, Tensor residual, Conv2dShape s) {
        Conv2d.forwardInferenceRelu(d(out), out.offset(), d(in), in.offset(), d(weight), weight.offset(),
                dOrNull(bias), bias == null ? 0 : bias.offset(), s, dOrNull(residual), residual == null ? 0 : residual.offset());
    }

    @Override
    public boolean fusesConv2dMaxPoolRelu(Conv2dShape c, Pool2dShape p) {
        return ConvPoolReLU.applies(c, p);
    }

    @Override
    public void conv2dMaxPoolReluInference(Tensor out, Tensor in, Tensor weight, Tensor bias, Conv2dShape c, Pool2dShape p) {
        ConvPoolReLU.forward(d(out), out.offset(), d(in), in.offset(), d(weight), weight.offset(),
                dOrNull(bias), bias == null ? 0 : bias.offset(), c, p);
    }

    @Override
    public void conv2dBackwardData(Tensor dIn, Tensor dOut, Tensor weight, Conv2dShape s) {
        Conv2d.backwardData(d(dIn), dIn.offset(), d(dOut), dOut.offset(), d(weight), weight.offset(), s);
    }

    @Override
    public void conv2dBackwardDataInto(Tensor dIn, Tensor dOut, Tensor weight, Conv2dShape s) {
        Conv2d.backwardDataInto(d(dIn), dIn.offset(), d(dOut), dOut.offset(), d(weight), weight.offset(), s);
    }

    @Override
    public void conv2dBackwardFilter(Tensor dWeight, Tensor dBias, Tensor dOut, Tensor in, Conv2dShape s) {
        Conv2d.backwardFilter(d(dWeight), dWeight.offset(), dOrNull(dBias), dBias == null ? 0 : dBias.offset(),
                d(dOut), dOut.offset(), d(in), in.offset(), s);
    }

    @Override
    public void maxPool2dForward(Tensor out, IndexBuffer argmax, Tensor in, Pool2dShape s) {
        MaxPool2d.forward(d(out), out.offset(), d(argmax), d(in), in.offset(), s);
    }

    @Override
    public void maxPool2dBackward(Tensor dIn, Tensor dOut, IndexBuffer argmax, Pool2dShape s) {
        MaxPool2d.backward(d(dIn), dIn.offset(), d(dOut), dOut.offset(), d(argmax), s);
    }

    @Override
    public void globalAvgPoolForward(Tensor out, Tensor in, int n, int c, int hw) {
        GlobalPool.avgForward(d(out), out.offset(), d(in), in.offset(), n, c, hw);
    }

    @Override
    public void globalAvgPoolBackward(Tensor dIn, Tensor dOut, int n, int c, int hw) {
        GlobalPool.avgBackward(d(dIn), dIn.offset(), d(dOut), dOut.offset(), n, c, hw);
    }

    @Override
    public void globalMaxPoolForward(Tensor out, IndexBuffer argmax, Tensor in, int n, int c, int hw) {
        GlobalPool.maxForward(d(out), out.offset(), d(argmax), d(in), in.offset(), n, c, hw);
    }

    @Override
    public void globalMaxPoolBackward(Tensor dIn, Tensor dOut, IndexBuffer argmax, int n, int c, int hw) {
        GlobalPool.maxBackward(d(dIn), dIn.offset(), d(dOut), dOut.offset(), d(argmax), n, c, hw);
    }

    // ---- batch normalisation ------------------------------------------------------------------

    @Override
    public void batchNormTrain(Tensor out, Tensor saveMean, Tensor saveRstd, Tensor in, Tensor gamma, Tensor beta,
                               Tensor runningMean, Tensor runningVar, float momentum, float eps, int n, int c, int hw) {
        String op = "batchNorm2d";
        BatchNorm2d.forwardTrain(d(out), out.offset(), whole(saveMean, op), whole(saveRstd, op), d(in), in.offset(),
                whole(gamma, op), whole(beta, op), whole(runningMean, op), whole(runningVar, op), momentum, eps,
                n, c, hw);
    }

    @Override
    public void batchNormEval(Tensor out, Tensor in, Tensor gamma, Tensor beta, Tensor runningMean,
                              Tensor runningVar, float eps, int n, int c, int hw) {
        String op = "batchNorm2d";
        BatchNorm2d.forwardEval(d(out), out.offset(), d(in), in.offset(), whole(gamma, op), whole(beta, op),
                whole(runningMean, op), whole(runningVar, op), eps, n, c, hw);
    }

    @Override
    public void batchNormBackward(Tensor dIn, Tensor dGamma, Tensor dBeta, Tensor dOut, Tensor in, Tensor saveMean,
                                  Tensor saveRstd, Tensor gamma, int n, int c, int hw) {
        String op = "batchNorm2d.backward";
        BatchNorm2d.backward(d(dIn), dIn.offset(), whole(dGamma, op), whole(dBeta, op), d(dOut), dOut.offset(),
                d(in), in.offset(), whole(saveMean, op), whole(saveRstd, op), whole(gamma, op), n, c, hw);
    }

    @Override
    public void batchNormEvalBackward(Tensor dIn, Tensor dGamma, Tensor dBeta, Tensor dOut, Tensor in,
                                      Tensor gamma, Tensor runningMean, Tensor runningVar, float eps,
                                      int n, int c, int hw) {
        String op = "batchNorm2d.backward";
        EvalBatchNormBackward.backward(dOrNull(dIn), dIn == null ? 0 : dIn.offset(), whole(dGamma, op),
                whole(dBeta, op), d(dOut), dOut.offset(), d(in), in.offset(), whole(gamma, op),
                whole(runningMean, op), whole(runningVar, op), eps, n, c, hw);
    }

    @Override
    public void batchNormReluTrain(Tensor out, Tensor saveMean, Tensor saveRstd, Tensor in, Tensor gamma, Tensor beta,
                                   Tensor runningMean, Tensor runningVar, float momentum, float eps, int n, int c, int hw) {
        String op = "batchNormReLU";
        BatchNormReLU2d.forwardTrain(d(out), out.offset(), whole(saveMean, op), whole(saveRstd, op), d(in), in.offset(),
                whole(gamma, op), whole(beta, op), whole(runningMean, op), whole(runningVar, op), momentum, eps, n, c, hw);
    }

    @Override
    public void batchNormReluBackward(Tensor dIn, Tensor dGamma, Tensor dBeta, Tensor dOut, Tensor in, Tensor saveMean,
                                      Tensor saveRstd, Tensor gamma, Tensor beta, boolean accumulate, int n, int c, int hw) {
        String op = "batchNormReLU.backward";
        BatchNormReLU2d.backward(d(dIn), dIn.offset(), whole(dGamma, op), whole(dBeta, op), d(dOut), dOut.offset(),
                d(in), in.offset(), whole(saveMean, op), whole(saveRstd, op), whole(gamma, op), whole(beta, op),
                accumulate, n, c, hw);
    }

    @Override
    public void batchNormReluMaxPoolTrain(Tensor out, IndexBuffer argmax, Tensor saveMean, Tensor saveRstd, Tensor in,
                                          Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, float momentum,
                                          float eps, Pool2dShape s) {
        String op = "batchNormReLUMaxPool";
        BatchNormReLUMaxPool2d.forwardTrain(d(out), out.offset(), d(argmax), whole(saveMean, op), whole(saveRstd, op),
                d(in), in.offset(), whole(gamma, op), whole(beta, op), whole(runningMean, op), whole(runningVar, op),
                momentum, eps, s);
    }

    @Override
    public void batchNormReluMaxPoolBackward(Tensor dIn, Tensor dGamma, Tensor dBeta, Tensor dOut, IndexBuffer argmax,
                                             Tensor in, Tensor saveMean, Tensor saveRstd, Tensor gamma, Tensor beta,
                                             boolean accumulate, Pool2dShape s) {
        String op = "batchNormReLUMaxPool.backward";
        BatchNormReLUMaxPool2d.backward(d(dIn), dIn.offset(), whole(dGamma, op), whole(dBeta, op), d(dOut), dOut.offset(),
                d(argmax), d(in), in.offset(), whole(saveMean, op), whole(saveRstd, op), whole(gamma, op), whole(beta, op),
                accumulate, s);
    }

    // ---- activations and normalisation ----------------------------------------------------------

    @Override public void reluForward(Tensor out, Tensor in) { Activations.reluForward(d(out), out.offset(), d(in), in.offset(), out.size()); }

    @Override
    public void reluBackward(Tensor dIn, Tensor dOut, Tensor out) {
        Activations.reluBackward(d(dIn), dIn.offset(), d(dOut), dOut.offset(), d(out), out.offset(), dIn.size());
    }

    @Override
    public void sigmoidXentForward(Tensor loss, Tensor logits, Tensor targets) {
        SigmoidCrossEntropy.forward(d(loss), loss.offset(), d(logits), logits.offset(), d(targets), targets.offset(), loss.size());
    }

    @Override
    public void sigmoidXentBackward(Tensor dLogits, Tensor dLoss, Tensor logits, Tensor targets) {
        SigmoidCrossEntropy.backward(d(dLogits), dLogits.offset(), d(dLoss), dLoss.offset(), d(logits), logits.offset(),
                d(targets), targets.offset(), dLogits.size());
    }

    @Override
    public void softmaxForward(Tensor out, Tensor in, int rows, int cols) {
        Softmax.softmaxRows(d(out), out.offset(), d(in), in.offset(), rows, cols);
    }

    @Override
    public void softmaxBackward(Tensor dIn, Tensor dOut, Tensor out, int rows, int cols) {
        Softmax.softmaxBackward(d(dIn), dIn.offset(), d(dOut), dOut.offset(), d(out), out.offset(), rows, cols);
    }

    @Override
    public void logSoftmaxForward(Tensor out, Tensor in, int rows, int cols) {
        Softmax.logSoftmaxRows(d(out), out.offset(), d(in), in.offset(), rows, cols);
    }

    @Override
    public void logSoftmaxBackward(Tensor dIn, Tensor dOut, Tensor out, int rows, int cols) {
        Softmax.logSoftmaxBackward(d(dIn), dIn.offset(), d(dOut), dOut.offset(), d(out), out.offset(), rows, cols);
    }

    @Override
    public void l2NormalizeForward(Tensor out, Tensor norms, Tensor in, int rows, int cols, float eps) {
        L2Normalize.forward(d(out), out.offset(), d(norms), norms.offset(), d(in), in.offset(), rows, cols, eps);
    }

    @Override
    public void l2NormalizeBackward(Tensor dIn, Tensor dOut, Tensor out, Tensor norms, int rows, int cols, float eps) {
        L2Normalize.backward(d(dIn), dIn.offset(), d(dOut), dOut.offset(), d(out), out.offset(),
                d(norms), norms.offset(), rows, cols, eps);
    }

    // ---- losses ---------------------------------------------------------------------------------

    @Override
    public void uploadIndex(IndexBuffer dst, int dstOff, int[] src, int srcOff, int n) {
        System.arraycopy(src, srcOff, d(dst), dstOff, n);
    }

    @Override
    public void squaredDistances(Tensor out, Tensor a, Tensor b, int rowsA, int rowsB, int cols) {
        TripletMargin.squaredDistances(d(out), out.offset(), d(a), a.offset(), rowsA, d(b), b.offset(), rowsB, cols);
    }

    @Override
    public void rowDistances(Tensor out, Tensor a, Tensor b, int rows, int cols) {
        TripletMargin.rowDistances(d(out), out.offset(), d(a), a.offset(), d(b), b.offset(), rows, cols);
    }

    @Override
    public void tripletForward(Tensor hinge, Tensor a, Tensor p, Tensor n, IndexBuffer choice, int rows, int negRows,
                               int cols, float margin) {
        TripletMargin.forward(d(hinge), hinge.offset(), d(a), a.offset(), d(p), p.offset(), d(n), n.offset(),
                d(choice), 0, rows, negRows, cols, margin);
    }

    @Override
    public void tripletBackward(Tensor dA, Tensor dP, Tensor dN, Tensor dHinge, Tensor hinge, Tensor a, Tensor p,
                                Tensor n, IndexBuffer choice, int rows, int negRows, int cols) {
        TripletMargin.backward(dOrNull(dA), off(dA), dOrNull(dP), off(dP), dOrNull(dN), off(dN), d(dHinge),
                dHinge.offset(), d(hinge), hinge.offset(), d(a), a.offset(), d(p), p.offset(), d(n), n.offset(),
                d(choice), 0, rows, negRows, cols);
    }

    @Override
    public void softmaxXentForward(Tensor loss, Tensor lse, Tensor u, Tensor w, Tensor b, IndexBuffer rowStart,
                                   IndexBuffer labels, int rows, int cols, int classes, int chunk) {
        ChunkedSoftmaxCrossEntropy.forward(d(loss), loss.offset(), d(lse), lse.offset(), d(u), u.offset(), d(w),
                w.offset(), dOrNull(b), off(b), d(rowStart), 0, d(labels), 0, rows, cols, classes, chunk);
    }

    @Override
    public void softmaxXentBackward(Tensor dU, Tensor dW, Tensor dB, Tensor dLoss, Tensor lse, Tensor u, Tensor w,
                                    Tensor b, IndexBuffer rowStart, IndexBuffer labels, int rows, int cols, int classes,
                                    int chunk) {
        ChunkedSoftmaxCrossEntropy.backward(dOrNull(dU), off(dU), dOrNull(dW), off(dW), dOrNull(dB), off(dB),
                d(dLoss)[dLoss.offset()], d(lse), lse.offset(), d(u), u.offset(), d(w), w.offset(), dOrNull(b), off(b),
                d(rowStart), 0, d(labels), 0, rows, cols, classes, chunk);
    }

    @Override
    public void softmaxXentBackwardAdam(Tensor dU, Tensor dLoss, Tensor lse, Tensor u, Tensor w, Tensor mW, Tensor vW,
                                        Tensor b, Tensor mB, Tensor vB, IndexBuffer rowStart, IndexBuffer labels,
                                        int rows, int cols, int classes, int chunk, float lr, float beta1, float beta2,
                                        float eps, float weightDecay, long step) {
        ChunkedSoftmaxCrossEntropy.backwardAdam(dOrNull(dU), off(dU), d(dLoss)[dLoss.offset()], d(lse), lse.offset(),
                d(u), u.offset(), d(w), w.offset(), d(mW), mW.offset(), d(vW), vW.offset(), dOrNull(b), off(b),
                dOrNull(mB), off(mB), dOrNull(vB), off(vB), d(rowStart), 0, d(labels), 0, rows, cols, classes, chunk,
                lr, beta1, beta2, eps, weightDecay, step);
    }

    private static int off(Tensor t) {
        return t == null ? 0 : t.offset();
    }

    // ---- optimiser ------------------------------------------------------------------------------

    @Override
    public void adamStep(Tensor param, Tensor grad, Tensor m, Tensor v, float lr, float beta1, float beta2, float eps,
                         float weightDecay, long step) {
        Adam.step(d(param), param.offset(), d(grad), grad.offset(), d(m), m.offset(), d(v), v.offset(), param.size(),
                lr, beta1, beta2, eps, weightDecay, step);
    }

    @Override
    public String toString() {
        return "CpuBackend(" + device + ")";
    }
}
