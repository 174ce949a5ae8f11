package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.ConvTestData.assertClose;
import static io.colisten.kernels.cpu.ConvTestData.assertGuards;
import static io.colisten.kernels.cpu.ConvTestData.random;
import static io.colisten.kernels.cpu.ConvTestData.toDouble;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast conv2d kernels against {@link Conv2dReference} on hand-picked edge shapes, each on the
 * path Conv2d picks and again forced onto im2col + GEMM (shapes widths 1, lanes - 1, lanes + 1, stride > 1, padding wider than
 * the kernel, groups, depthwise, 1x1, 7x5, several row bands) and on seeded random shapes, with
 * non-zero array offsets and NaN guards around every buffer. Backward kernels must add into
 * gradient buffers that start with random values; backward-data's overwriting form must write every
 * element of a buffer that starts as NaN. Tolerance: atol 2e-7 * R + 1e-5, rtol 1e-5,
 * where R is the number of products summed per element (inputs in [-1, 1)).
 */
class Conv2dTest {
    static final int L = ConvTapKernels.L;

    static Stream<Conv2dShape> shapes() {
        List<Conv2dShape> list = new ArrayList<>(List.of(
                // direct path (strideW == 1): one input channel per group
                new Conv2dShape(2, 1, 20, L + 1, 8, 7, 5, 2, 1, 3, 2, 1),
                new Conv2dShape(3, 1, 9, L - 1, 6, 3, 3, 2, 1, 1, 1, 1),
                new Conv2dShape(2, 1, 7, 64, 32, 7, 5, 2, 1, 3, 2, 1),
                new Conv2dShape(1, 1, 5, 1, 3, 3, 3, 1, 1, 1, 1, 1),
                new Conv2dShape(2, 5, 8, 2 * L + 1, 5, 3, 3, 1, 1, 1, 1, 5),
                new Conv2dShape(2, 4, 6, 70, 8, 3, 3, 2, 1, 1, 1, 4),
                new Conv2dShape(1, 1, 4, 4, 1, 1, 1, 1, 1, 0, 0, 1),
                new Conv2dShape(1, 1, 3, 3, 2, 2, 2, 1, 1, 3, 3, 1),
                new Conv2dShape(1, 1, 300, 64, 4, 7, 5, 2, 1, 3, 2, 1),
                // several input channels per group: direct where strideW == 1 and outW >= lanes / 2
                new Conv2dShape(2, 3, 9, 5, 5, 3, 3, 1, 1, 1, 1, 1),
                new Conv2dShape(2, 6, 12, L + 3, 9, 7, 5, 2, 1, 3, 2, 3),
                new Conv2dShape(1, 5, 9, 64, 6, 3, 3, 3, 1, 1, 1, 1),
                new Conv2dShape(2, 32, 11, 2 * L, 8, 1, 1, 1, 1, 0, 0, 1),
                // groups with >= L output channels: transposed backward-filter, 1, 2 and 4 channel vectors
                new Conv2dShape(2, 3, 10, 21, 24, 3, 5, 2, 1, 1, 2, 1),
                new Conv2dShape(1, 4, 9, 17, 80, 3, 3, 1, 1, 1, 1, 2),
                new Conv2dShape(2, 2, 8, 40, 128, 1, 3, 1, 1, 0, 1, 1),
                new Conv2dShape(2, 16, 12, 64, 16, 1, 1, 1, 1, 0, 0, 1),
                new Conv2dShape(2, 3, 9, 11, 5, 7, 5, 2, 1, 3, 2, 1),
                new Conv2dShape(1, 3, 9, 11, 5, 7, 5, 2, 1, 3, 2, 1),
                new Conv2dShape(2, 4, 8, 9, 6, 3, 3, 1, 2, 1, 1, 2),
                new Conv2dShape(2, 6, 5, 7, 4, 1, 1, 1, 1, 0, 0, 1),
                new Conv2dShape(3, 6, 5, L + 1, 4, 1, 1, 1, 1, 0, 0, 2),
                new Conv2dShape(1, 3, 6, 6, 4, 1, 1, 2, 2, 0, 0, 1),
                new Conv2dShape(2, 3, 9, 7, 3, 3, 3, 2, 2, 1, 1, 3),
                new Conv2dShape(1, 2, 3, 3, 2, 3, 3, 1, 1, 2, 2, 1),
                new Conv2dShape(2, 8, 74, 32, 4, 7, 5, 2, 1, 3, 2, 1),    // two row bands
                // SmallCNN-like rows of 63 (backward-data accumulates in aligned planes): channel
                // blocks with a partial last block, one image (blocks split over threads), a phase
                // without taps (kh 1, stride 3)
                new Conv2dShape(2, 9, 13, 63, 10, 7, 5, 2, 1, 3, 2, 1),
                new Conv2dShape(1, 17, 9, 47, 8, 7, 5, 2, 1, 3, 2, 1),
                new Conv2dShape(2, 10, 10, 2 * L - 1, 9, 1, 5, 3, 1, 0, 2, 1),
                // small planes, several images: batched GEMM forward (ResNet layer3/4, MobileNet pointwise)
                new Conv2dShape(5, 9, 10, 8, 11, 3, 3, 1, 1, 1, 1, 1),
                new Conv2dShape(7, 12, 5, 4, 17, 3, 3, 1, 1, 1, 1, 1),
                new Conv2dShape(6, 10, 9, 7, 13, 3, 3, 2, 2, 1, 1, 1),
                new Conv2dShape(9, 20, 5, 3, 6, 1, 1, 1, 1, 0, 0, 1),
                new Conv2dShape(4, 6, 10, 8, 10, 1, 1, 2, 2, 0, 0, 2),
                new Conv2dShape(70, 3, 5, 4, 5, 3, 3, 1, 1, 1, 1, 1),
                // strided, one input channel per group: direct at strideW 1, then every strideW-th column
                new Conv2dShape(2, 5, 15, 2 * L + 3, 5, 3, 3, 2, 2, 1, 1, 5),
                new Conv2dShape(3, 4, 9, L - 1, 8, 3, 5, 1, 3, 1, 2, 4),
                new Conv2dShape(1, 1, 12, 40, 6, 5, 3, 2, 2, 2, 1, 1)));   // several chunks of images
        Random r = new Random(2024);
        for (int i = 0; i < 30; i++) {
            int groups = 1 + r.nextInt(3), cig = 1 + r.nextInt(3), cog = 1 + r.nextInt(5);
            int kh = 1 + r.nextInt(7), kw = 1 + r.nextInt(7), sh = 1 + r.nextInt(3), sw = r.nextInt(3) == 0 ? 2 : 1;
            int ph = r.nextInt(kh / 2 + 2), pw = r.nextInt(kw / 2 + 2);
            int h = Math.max(1, kh - 2 * ph) + r.nextInt(12), w = Math.max(1, kw - 2 * pw) + r.nextInt(40);
            if (i % 3 == 0) cig = 1;
            list.add(new Conv2dShape(1 + r.nextInt(3), groups * cig, h, w, groups * cog, kh, kw, sh, sw, ph, pw, groups));
        }
        return list.stream();
    }

    /** Every shape on the path Conv2d picks, then forced onto im2col + GEMM. */
    static Stream<org.junit.jupiter.params.provider.Arguments> cases() {
        return shapes().flatMap(s -> Stream.of(org.junit.jupiter.params.provider.Arguments.of(s, false),
                org.junit.jupiter.params.provider.Arguments.of(s, true)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void forwardMatchesReference(Conv2dShape s, boolean gemm) {
        Conv2d.forceGemm = gemm;
        try {
            forward(s);
        } finally {
            Conv2d.forceGemm = false;
        }
    }

    /** Every shape's forward through the batched GEMM (images side by side), whatever Conv2d would pick. */
    @ParameterizedTest
    @MethodSource("shapes")
    void batchedForwardMatchesReference(Conv2dShape s) {
        Conv2d.forceBatched = true;
        try {
            forward(s);
        } finally {
            Conv2d.forceBatched = false;
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void backwardDataMatchesReference(Conv2dShape s, boolean gemm) {
        Conv2d.forceGemm = gemm;
        try {
            backwardData(s);
        } finally {
            Conv2d.forceGemm = false;
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void backwardFilterMatchesReference(Conv2dShape s, boolean gemm) {
        Conv2d.forceGemm = gemm;
        try {
            backwardFilter(s);
        } finally {
            Conv2d.forceGemm = false;
        }
    }

    void forward(Conv2dShape s) {
        Random r = new Random(s.hashCode());
        int io = 3, wo = 5, bo = 2, oo = 7;
        float[] in = random(r, io, s.inputSize()), w = random(r, wo, s.weightSize()), b = random(r, bo, s.cOut());
        float[] out = random(r, oo, s.outputSize());
        java.util.Arrays.fill(out, Float.NaN);    // forward overwrites everything it owns
        Conv2d.forward(out, oo, in, io, w, wo, b, bo, s);
        double[] ref = Conv2dReference.forward(toDouble(in, io, s.inputSize()), toDouble(w, wo, s.weightSize()),
                toDouble(b, bo, s.cOut()), s);
        assertClose("forward " + s, ref, null, out, oo, tol(s.cInPerGroup() * s.kh() * s.kw() + 1), 1e-5);
        assertGuards("forward out", out, oo, s.outputSize());
        Conv2d.forward(out, oo, in, io, w, wo, null, 0, s);
        double[] noBias = Conv2dReference.forward(toDouble(in, io, s.inputSize()), toDouble(w, wo, s.weightSize()), null, s);
        assertClose("forward without bias " + s, noBias, null, out, oo, tol(s.cInPerGroup() * s.kh() * s.kw()), 1e-5);
    }

    void backwardData(Conv2dShape s) {
        Random r = new Random(s.hashCode() + 1);
        int go = 4, wo = 1, io = 9;
        float[] dOut = random(r, go, s.outputSize()), w = random(r, wo, s.weightSize()), dIn = random(r, io, s.inputSize());
        double[] base = toDouble(dIn, io, s.inputSize());
        Conv2d.backwardData(dIn, io, dOut, go, w, wo, s);
        double[] ref = Conv2dReference.backwardData(toDouble(dOut, go, s.outputSize()), toDouble(w, wo, s.weightSize()), s);
        assertClose("backwardData " + s, ref, base, dIn, io, tol(s.cOutPerGroup() * s.kh() * s.kw() + 1), 1e-5);
        assertGuards("backwardData dIn", dIn, io, s.inputSize());
        // Overwriting: into a buffer of garbage (here: NaN, which any stale element would keep).
        float[] fresh = random(r, io, s.inputSize());
        java.util.Arrays.fill(fresh, io, io + s.inputSize(), Float.NaN);
        Conv2d.backwardDataInto(fresh, io, dOut, go, w, wo, s);
        assertClose("backwardDataInto " + s, ref, null, fresh, io, tol(s.cOutPerGroup() * s.kh() * s.kw()), 1e-5);
        assertGuards("backwardDataInto dIn", fresh, io, s.inputSize());
    }

    void backwardFilter(Conv2dShape s) {
        Random r = new Random(s.hashCode() + 2);
        int go = 2, io = 6, wo = 3, bo = 1;
        float[] dOut = random(r, go, s.outputSize()), in = random(r, io, s.inputSize());
        float[] dW = random(r, wo, s.weightSize()), dB = random(r, bo, s.cOut());
        double[] baseW = toDouble(dW, wo, s.weightSize()), baseB = toDouble(dB, bo, s.cOut());
        Conv2d.backwardFilter(dW, wo, dB, bo, dOut, go, in, io, s);
        double[] g = toDouble(dOut, go, s.outputSize());
        int reduction = s.n() * s.outH() * s.outW() + 1;
        assertClose("backwardFilter dW " + s, Conv2dReference.backwardFilter(g, toDouble(in, io, s.inputSize()), s), baseW,
                dW, wo, tol(reduction), 1e-5);
        assertClose("backwardFilter dB " + s, Conv2dReference.backwardBias(g, s), baseB, dB, bo, tol(reduction), 1e-5);
        assertGuards("backwardFilter dW", dW, wo, s.weightSize());
        assertGuards("backwardFilter dB", dB, bo, s.cOut());
        // Without a bias gradient the weight gradient is the same.
        float[] dW2 = new float[dW.length];
        Conv2d.backwardFilter(dW2, wo, null, 0, dOut, go, in, io, s);
        assertClose("backwardFilter without dB " + s, Conv2dReference.backwardFilter(g, toDouble(in, io, s.inputSize()), s),
                null, dW2, wo, tol(reduction), 1e-5);
    }

    static double tol(int reduction) { return 2e-7 * reduction + 1e-5; }
}
