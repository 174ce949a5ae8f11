package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.ConvTestData.assertGuards;
import static io.colisten.kernels.cpu.ConvTestData.random;
import static io.colisten.kernels.cpu.ConvTestData.toDouble;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Winograd inference forwards ({@link Conv2d#forwardInference}) against the double reference
 * {@link Conv2dReference}: the width transform F(4, 5) on 5-wide kernels (odd widths, tiles past the
 * row end, several vectors of tiles, padding 0..4 along the width, any kh / strideH / padH) and the
 * 3x3 transforms F(2x2, 3x3) and F(4x4, 3x3) (ResNet's planes, one pixel, unpadded and wide padding,
 * one to 40 images, short last chunks, chunks of tile rows; batches of 16 or more through both the
 * lane-per-image and the lane-per-tile variant); channel counts that are not multiples of 8 or 16, non-zero
 * offsets and NaN guards around every buffer.
 * Tolerance: |got - want| <= rel * S + 1e-6, S = sum over the output's reduction of |w x| (+1 for
 * the bias), inputs in [-1, 1). rel = 2e-6 for F(4, 5) and F(2x2, 3x3) (measured worst 9e-7 and
 * 2e-7: the transforms scale terms by up to 8), 1e-5 for F(4x4, 3x3) (measured worst 2.5e-6); the
 * direct kernels' tests allow 2e-7 per term.
 */
class Conv2dWinogradTest {
    static Stream<Conv2dShape> widthShapes() {
        List<Conv2dShape> list = new ArrayList<>(List.of(
                new Conv2dShape(2, 32, 20, 63, 40, 7, 5, 2, 1, 3, 2, 1),    // SmallCNN conv2 (fewer rows and channels)
                new Conv2dShape(2, 8, 9, 32, 5, 7, 5, 2, 1, 3, 2, 1),       // 32 outputs: half a vector of tiles
                new Conv2dShape(1, 9, 7, 65, 17, 3, 5, 1, 1, 1, 2, 1),      // one image: channel blocks split
                new Conv2dShape(2, 12, 6, 130, 9, 1, 5, 1, 1, 0, 2, 1),     // 130 outputs: 33 tiles, 3 vectors
                new Conv2dShape(2, 10, 11, 40, 8, 5, 5, 3, 1, 0, 0, 1),     // no width padding: 36 outputs
                new Conv2dShape(5, 8, 5, 33, 3, 2, 5, 1, 1, 4, 4, 1),       // padding wider than the kernel
                new Conv2dShape(4, 16, 4, 47, 24, 7, 5, 2, 1, 3, 1, 1)));   // asymmetric: 45 outputs
        Random r = new Random(77);
        for (int i = 0; i < 8; i++) {
            int kh = 1 + r.nextInt(7), sh = 1 + r.nextInt(3), ph = r.nextInt(kh / 2 + 2), pw = r.nextInt(5);
            int w = 36 - 2 * pw + r.nextInt(60), h = Math.max(1, kh - 2 * ph) + r.nextInt(10);
            list.add(new Conv2dShape(1 + r.nextInt(4), 8 + r.nextInt(13), h, w, 1 + r.nextInt(20), kh, 5, sh, 1, ph, pw, 1));
        }
        return list.stream();
    }

    @ParameterizedTest
    @MethodSource("widthShapes")
    void widthTransformMatchesReference(Conv2dShape s) {
        assertTrue(Conv2dWinogradW.applies(s), "shape should take the width transform: " + s);
        check(s);
    }

    static Stream<Conv2dShape> squareShapes() {
        List<Conv2dShape> list = new ArrayList<>(List.of(
                new Conv2dShape(3, 16, 37, 31, 16, 3, 3, 1, 1, 1, 1, 1),    // ResNet layer1 plane, odd sizes
                new Conv2dShape(7, 32, 5, 4, 24, 3, 3, 1, 1, 1, 1, 1),      // layer4 plane: several images per chunk
                new Conv2dShape(5, 20, 10, 8, 17, 3, 3, 1, 1, 1, 1, 1),     // layer3 plane, short last chunk
                new Conv2dShape(2, 16, 19, 16, 40, 3, 3, 1, 1, 1, 1, 1),    // layer2 plane
                new Conv2dShape(1, 17, 1, 1, 16, 3, 3, 1, 1, 1, 1, 1),      // one pixel
                new Conv2dShape(2, 16, 9, 23, 18, 3, 3, 1, 1, 0, 2, 1),     // unpadded rows, wide padded columns
                new Conv2dShape(40, 16, 3, 2, 16, 3, 3, 1, 1, 2, 1, 1),     // many images, 40 x 3 x 2 -> 5 x 2
                new Conv2dShape(2, 64, 37, 31, 64, 3, 3, 1, 1, 1, 1, 1),    // layer1: chunks of tile rows
                new Conv2dShape(1, 48, 45, 20, 40, 3, 3, 1, 1, 1, 1, 1)));  // uneven row blocks
        Random r = new Random(78);
        for (int i = 0; i < 6; i++) {
            int ph = r.nextInt(3), pw = r.nextInt(3), h = Math.max(1, 3 - 2 * ph) + r.nextInt(20), w = Math.max(1, 3 - 2 * pw) + r.nextInt(40);
            list.add(new Conv2dShape(1 + r.nextInt(9), 16 + r.nextInt(20), h, w, 16 + r.nextInt(20), 3, 3, 1, 1, ph, pw, 1));
        }
        return list.stream();
    }

    @ParameterizedTest
    @MethodSource("squareShapes")
    void tile2MatchesReference(Conv2dShape s) {
        assertTrue(Conv2dWinograd3x3.applies(s), "shape should take the 3x3 transform: " + s);
        Conv2dWinograd3x3.forceTile = 2;
        try {
            check(s, REL);
        } finally {
            Conv2dWinograd3x3.forceTile = 0;
        }
    }

    @ParameterizedTest
    @MethodSource("squareShapes")
    void tile4MatchesReference(Conv2dShape s) {
        Conv2dWinograd3x3.forceTile = 4;
        try {
            check(s, TILE4_REL);
        } finally {
            Conv2dWinograd3x3.forceTile = 0;
        }
    }

    /** Batches of 16 and more: the lane-per-image variant, and again forced onto the lane-per-tile one. */
    static Stream<Conv2dShape> batchShapes() {
        return Stream.of(
                new Conv2dShape(16, 16, 21, 31, 16, 3, 3, 1, 1, 1, 1, 1),    // layer1's width
                new Conv2dShape(17, 64, 2, 31, 96, 3, 3, 1, 1, 1, 1, 1),     // a one-image second group, tile-column blocks
                new Conv2dShape(17, 136, 5, 4, 24, 3, 3, 1, 1, 1, 1, 1),     // cin > 128: accumulating blocks, one-image group
                new Conv2dShape(33, 16, 10, 9, 17, 3, 3, 1, 1, 0, 2, 1),     // unpadded rows, wide padded columns
                new Conv2dShape(16, 24, 3, 40, 16, 3, 3, 1, 1, 2, 1, 1),     // more than 16 padded columns per plane row
                new Conv2dShape(64, 16, 5, 4, 16, 3, 3, 1, 1, 1, 1, 1));     // small planes: several groups per chunk
    }

    @ParameterizedTest
    @MethodSource("batchShapes")
    void batchVariantMatchesReference(Conv2dShape s) {
        assertTrue(Conv2dWinograd3x3Batch.applies(s), s.toString());
        for (int tile : new int[] {2, 4}) {
            Conv2dWinograd3x3.forceTile = tile;
            try {
                Conv2dWinograd3x3.forceImageLanes = true;
                check(s, tile == 2 ? REL : TILE4_REL);
                Conv2dWinograd3x3.forceTileLanes = true;
                check(s, tile == 2 ? REL : TILE4_REL);
            } finally {
                Conv2dWinograd3x3.forceTile = 0;
                Conv2dWinograd3x3.forceTileLanes = false;
                Conv2dWinograd3x3.forceImageLanes = false;
            }
        }
    }

    static void check(Conv2dShape s) { check(s, REL); }

    static void check(Conv2dShape s, double rel) {
        Random r = new Random(s.hashCode());
        int io = 3, wo = 5, bo = 2, oo = 7;
        float[] in = random(r, io, s.inputSize()), w = random(r, wo, s.weightSize()), b = random(r, bo, s.cOut());
        float[] out = random(r, oo, s.outputSize());
        java.util.Arrays.fill(out, Float.NaN);
        Conv2d.forwardInference(out, oo, in, io, w, wo, b, bo, s);
        double[] din = toDouble(in, io, s.inputSize()), dw = toDouble(w, wo, s.weightSize());
        double[] ref = Conv2dReference.forward(din, dw, toDouble(b, bo, s.cOut()), s);
        double[] mag = magnitude(din, dw, s);
        assertWithin("forwardInference " + s, ref, mag, out, oo, rel);
        assertGuards("forwardInference out", out, oo, s.outputSize());
        Conv2d.forwardInference(out, oo, in, io, w, wo, null, 0, s);
        assertWithin("forwardInference without bias " + s, Conv2dReference.forward(din, dw, null, s), mag, out, oo, rel);
    }

    /** sum over each output's reduction of |w x| (+1 for the bias), from the reference on absolute values. */
    static double[] magnitude(double[] in, double[] w, Conv2dShape s) {
        double[] ai = in.clone(), aw = w.clone(), ones = new double[s.cOut()];
        for (int i = 0; i < ai.length; i++) ai[i] = Math.abs(ai[i]);
        for (int i = 0; i < aw.length; i++) aw[i] = Math.abs(aw[i]);
        java.util.Arrays.fill(ones, 1);
        return Conv2dReference.forward(ai, aw, ones, s);
    }

    static final double REL = 2e-6, TILE4_REL = 1e-5;

    static void assertWithin(String what, double[] ref, double[] mag, float[] got, int off, double rel) {
        for (int i = 0; i < ref.length; i++) {
            double err = Math.abs(got[off + i] - ref[i]);
            if (!(err <= rel * mag[i] + 1e-6)) {
                fail(what + ": element " + i + " is " + got[off + i] + ", want " + ref[i] + " (scale " + mag[i] + ")");
            }
        }
    }

    @Test
    void transformsAreBitReproducible() {
        for (Conv2dShape s : new Conv2dShape[] {
                new Conv2dShape(5, 16, 12, 63, 24, 7, 5, 2, 1, 3, 2, 1),     // width transform, a unit per image
                new Conv2dShape(1, 16, 12, 63, 40, 7, 5, 2, 1, 3, 2, 1),     // one image: channel blocks split
                new Conv2dShape(9, 32, 10, 8, 24, 3, 3, 1, 1, 1, 1, 1),      // 3x3: several chunks, a short last one
                new Conv2dShape(4, 16, 37, 31, 16, 3, 3, 1, 1, 1, 1, 1),     // 3x3: a chunk per image
                new Conv2dShape(20, 136, 5, 4, 24, 3, 3, 1, 1, 1, 1, 1)}) {  // 3x3, lane per image (6 tiles): two groups
            assertTrue(Conv2dWinogradW.applies(s) || Conv2dWinograd3x3.applies(s), s.toString());
            assertArrayEquals(run(s), run(s), s.toString());
        }
    }

    static float[] run(Conv2dShape s) {
        Random r = new Random(9);
        float[] in = random(r, 0, s.inputSize()), w = random(r, 0, s.weightSize()), out = new float[s.outputSize()];
        Conv2d.forwardInference(out, 0, in, 0, w, 0, null, 0, s);
        return out;
    }
}
