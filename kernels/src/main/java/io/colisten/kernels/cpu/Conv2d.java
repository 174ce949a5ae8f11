package io.colisten.kernels.cpu;

/**
 * 2-D convolution (cross-correlation, as in PyTorch) on NCHW float arrays. Forward overwrites its
 * output; the two backward kernels add into their gradient buffers.
 * Shapes (see {@link Conv2dShape}): in n x cIn x h x w, weight cOut x cIn/groups x kh x kw,
 * bias cOut, out n x cOut x outH x outW.
 * Layers with strideW 1 and output rows of at least half a vector (or one input channel per
 * group) run the direct implicit-GEMM kernels ({@link Conv2dDirect}, {@link Conv2dDirectData},
 * {@link Conv2dDirectFilter}); all others run im2col + {@link Sgemm} ({@link Conv2dGemm}), 1x1
 * layers without im2col. Forward on small planes (where the direct kernels would not fill vectors)
 * runs one GEMM over a chunk of images side by side ({@link Conv2dGemmBatched}); strided layers
 * with one input channel per group run the direct kernels at strideW 1 ({@link Conv2dStridedNarrow}).
 * Arrays are checked before anything is written: too-short arrays, negative offsets and null
 * required arrays give an IllegalArgumentException naming the op and the shape.
 */
public final class Conv2d {
    /** Tests set this to run the im2col + GEMM path on shapes the direct path would take. */
    static volatile boolean forceGemm = false;
    /** Tests set this to run the forward of every shape through the batched GEMM ({@link Conv2dGemmBatched}). */
    static volatile boolean forceBatched = false;

    /** -Dcolisten.winograd=false keeps inference on the exact forward paths (A/B timing, bisecting a parity gap). */
    static final boolean WINOGRAD = !"false".equals(System.getProperty("colisten.winograd"));
    /** -Dcolisten.imageLanes=false keeps strided small-plane layers on im2col + GEMM in inference (A/B timing). */
    static final boolean IMAGE_LANES = !"false".equals(System.getProperty("colisten.imageLanes"));

    private Conv2d() {}

    private static boolean direct(Conv2dShape s) { return !forceGemm && Conv2dDirect.applies(s); }

    /** out[n, cOut, outH, outW] = conv(in, weight) + bias; bias may be null. */
    public static void forward(float[] out, int outOff, float[] in, int inOff, float[] weight, int wOff,
                               float[] bias, int bOff, Conv2dShape s) {
        String op = "conv2d forward";
        check(op, s);
        BufferChecks.range(op, "out", out, outOff, s.outputSize(), s);
        BufferChecks.range(op, "in", in, inOff, s.inputSize(), s);
        BufferChecks.range(op, "weight", weight, wOff, s.weightSize(), s);
        BufferChecks.optional(op, "bias", bias, bOff, s.cOut(), s);
        if (forceBatched || (!forceGemm && Conv2dGemmBatched.applies(s)))
            Conv2dGemmBatched.forward(out, outOff, in, inOff, weight, wOff, bias, bOff, s);
        else if (direct(s)) Conv2dDirect.forward(out, outOff, in, inOff, weight, wOff, bias, bOff, s);
        else if (!forceGemm && Conv2dStridedNarrow.applies(s))
            Conv2dStridedNarrow.forward(out, outOff, in, inOff, weight, wOff, bias, bOff, s);
        else Conv2dGemm.forward(out, outOff, in, inOff, weight, wOff, bias, bOff, s);
    }

    /**
     * The forward for inference (no gradient will be taken): the same result as {@link #forward} up to
     * rounding, but layers where a Winograd transform pays run through it: 5-wide kernels at strideW 1
     * ({@link Conv2dWinogradW}, F(4, 5) along the width) and 3x3 stride-1 layers
     * ({@link Conv2dWinograd3x3}, F(2x2, 3x3) or F(4x4, 3x3)), with a few times the rounding error of
     * the direct sum (notes/wino.md). Training keeps {@link #forward}, whose paths the backward kernels mirror.
     */
    public static void forwardInference(float[] out, int outOff, float[] in, int inOff, float[] weight, int wOff,
                                        float[] bias, int bOff, Conv2dShape s) {
        boolean width = WINOGRAD && s != null && Conv2dWinogradW.applies(s);
        boolean square = WINOGRAD && s != null && Conv2dWinograd3x3.applies(s);
        boolean lanes = IMAGE_LANES && s != null && Conv2dImageLanes.applies(s);
        if (forceGemm || forceBatched || !(width || square || lanes)) {
            forward(out, outOff, in, inOff, weight, wOff, bias, bOff, s);
            return;
        }
        String op = "conv2d forward";
        check(op, s);
        BufferChecks.range(op, "out", out, outOff, s.outputSize(), s);
        BufferChecks.range(op, "in", in, inOff, s.inputSize(), s);
        BufferChecks.range(op, "weight", weight, wOff, s.weightSize(), s);
        BufferChecks.optional(op, "bias", bias, bOff, s.cOut(), s);
        if (width) Conv2dWinogradW.forward(out, outOff, in, inOff, weight, wOff, bias, bOff, s);
        else if (square) Conv2dWinograd3x3.forward(out, outOff, in, inOff, weight, wOff, bias, bOff, s);
        else Conv2dImageLanes.forward(out, outOff, in, inOff, weight, wOff, bias, bOff, s, null, 0, false);
    }

    /**
     * {@link #forwardInference} followed by out = relu(out + res) (res null: out = relu(out)), the same
     * values as {@link Activations#addReluForward} / {@link Activations#reluForward} after it: in the
     * conv's own output pass where its path allows (the 3x3 Winograd and the lane-per-image paths;
     * ResNet's block convs, where these passes over the activations were separate), else as that
     * pass. res (n x cOut x outH x outW from resOff) must not overlap out.
     */
    public static void forwardInferenceRelu(float[] out, int outOff, float[] in, int inOff, float[] weight, int wOff,
                                            float[] bias, int bOff, Conv2dShape s, float[] res, int resOff) {
        String op = "conv2d forward+relu";
        check(op, s);
        if (res != null) BufferChecks.range(op, "residual", res, resOff, s.outputSize(), s);
        boolean square = WINOGRAD && Conv2dWinograd3x3.applies(s), lanes = IMAGE_LANES && Conv2dImageLanes.applies(s);
        if (forceGemm || forceBatched || !(square || lanes)) {
            forwardInference(out, outOff, in, inOff, weight, wOff, bias, bOff, s);
            if (res != null) Activations.addReluForward(out, outOff, out, outOff, res, resOff, s.outputSize());
            else Activations.reluForward(out, outOff, out, outOff, s.outputSize());
            return;
        }
        BufferChecks.range(op, "out", out, outOff, s.outputSize(), s);
        BufferChecks.range(op, "in", in, inOff, s.inputSize(), s);
        BufferChecks.range(op, "weight", weight, wOff, s.weightSize(), s);
        BufferChecks.optional(op, "bias", bias, bOff, s.cOut(), s);
        if (square) Conv2dWinograd3x3.forward(out, outOff, in, inOff, weight, wOff, bias, bOff, s, res, resOff, true);
        else Conv2dImageLanes.forward(out, outOff, in, inOff, weight, wOff, bias, bOff, s, res, resOff, true);
    }

    /** dIn += conv_transpose(dOut, weight). */
    public static void backwardData(float[] dIn, int dInOff, float[] dOut, int dOutOff, float[] weight, int wOff,
                                    Conv2dShape s) {
        String op = "conv2d backwardData";
        check(op, s);
        BufferChecks.range(op, "dIn", dIn, dInOff, s.inputSize(), s);
        BufferChecks.range(op, "dOut", dOut, dOutOff, s.outputSize(), s);
        BufferChecks.range(op, "weight", weight, wOff, s.weightSize(), s);
        if (direct(s)) Conv2dDirectData.backwardData(dIn, dInOff, dOut, dOutOff, weight, wOff, s, true);
        else Conv2dGemm.backwardData(dIn, dInOff, dOut, dOutOff, weight, wOff, s);
    }

    /** dIn = conv_transpose(dOut, weight): as {@link #backwardData} into a fresh buffer, without zeroing it first. */
    public static void backwardDataInto(float[] dIn, int dInOff, float[] dOut, int dOutOff, float[] weight, int wOff,
                                        Conv2dShape s) {
        String op = "conv2d backwardDataInto";
        check(op, s);
        BufferChecks.range(op, "dIn", dIn, dInOff, s.inputSize(), s);
        BufferChecks.range(op, "dOut", dOut, dOutOff, s.outputSize(), s);
        BufferChecks.range(op, "weight", weight, wOff, s.weightSize(), s);
        if (direct(s)) {
            Conv2dDirectData.backwardData(dIn, dInOff, dOut, dOutOff, weight, wOff, s, false);
        } else {
            java.util.Arrays.fill(dIn, dInOff, dInOff + s.inputSize(), 0f);
            Conv2dGemm.backwardData(dIn, dInOff, dOut, dOutOff, weight, wOff, s);
        }
    }

    /** dWeight += correlation of in with dOut; dBias (may be null) += sum of dOut over n, y, x. */
    public static void backwardFilter(float[] dWeight, int dwOff, float[] dBias, int dbOff, float[] dOut, int dOutOff,
                                      float[] in, int inOff, Conv2dShape s) {
        String op = "conv2d backwardFilter";
        check(op, s);
        BufferChecks.range(op, "dWeight", dWeight, dwOff, s.weightSize(), s);
        BufferChecks.optional(op, "dBias", dBias, dbOff, s.cOut(), s);
        BufferChecks.range(op, "dOut", dOut, dOutOff, s.outputSize(), s);
        BufferChecks.range(op, "in", in, inOff, s.inputSize(), s);
        if (direct(s)) Conv2dDirectFilter.backwardFilter(dWeight, dwOff, dBias, dbOff, dOut, dOutOff, in, inOff, s);
        else Conv2dGemm.backwardFilter(dWeight, dwOff, dBias, dbOff, dOut, dOutOff, in, inOff, s);
    }

    private static void check(String op, Conv2dShape s) {
        if (s == null) throw new IllegalArgumentException(op + ": shape is null");
        BufferChecks.fitsInt(op, (long) s.n() * s.cIn() * s.h() * s.w(), s);
        BufferChecks.fitsInt(op, (long) s.n() * s.cOut() * s.outH() * s.outW(), s);
        BufferChecks.fitsInt(op, (long) s.cOut() * s.cInPerGroup() * s.kh() * s.kw(), s);
    }
}
