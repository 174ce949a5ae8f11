package io.colisten.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lane-per-image inference forward of strided small-plane convs ({@link Conv2dImageLanes}, taken
 * by {@link Conv2d#forwardInference}) against the double reference, with Conv2dWinogradTest's
 * check: |got - want| <= 2e-6 S + 1e-6, S = sum of |w x| over the output's reduction (a direct sum:
 * the measured error is far below; the bound is shared with the other inference paths), NaN guards
 * around the output, offsets. Shapes: ResNet-18's stride-2 3x3 layers 3 and 4 (fewer channels),
 * a partial last group of images (17, 33), more than 128 taps (accumulating tap blocks), output
 * planes over 192 positions (two position blocks), strides 3 and 2x3, channel counts off the
 * 8-channel blocks; results bit-reproducible.
 */
class Conv2dImageLanesTest {
    static Stream<Conv2dShape> shapes() {
        return Stream.of(
                new Conv2dShape(16, 16, 21, 24, 24, 3, 3, 2, 2, 1, 1, 1),    // 11 x 12 = 132 outputs
                new Conv2dShape(18, 12, 20, 24, 10, 3, 3, 1, 2, 1, 1, 1),    // stride 1x2: 240 outputs, two position blocks
                new Conv2dShape(17, 32, 19, 16, 40, 3, 3, 2, 2, 1, 1, 1),    // layer3.0.conv1's plane, a one-image group
                new Conv2dShape(33, 20, 10, 8, 13, 3, 3, 2, 2, 1, 1, 1),     // layer4.0.conv1's plane: 5 x 4
                new Conv2dShape(16, 8, 13, 14, 9, 5, 3, 3, 3, 2, 1, 1),      // stride 3, 5x3 kernel
                new Conv2dShape(20, 15, 9, 12, 17, 3, 3, 2, 3, 0, 1, 1));    // 135 taps, unpadded rows
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void matchesReference(Conv2dShape s) {
        assertTrue(Conv2dImageLanes.applies(s), s.toString());
        Conv2dWinogradTest.check(s, Conv2dWinogradTest.REL);
    }

    @Test
    void takesOnlyStridedSmallPlanesOfFullGroups() {
        assertFalse(Conv2dImageLanes.applies(new Conv2dShape(15, 16, 19, 16, 16, 3, 3, 2, 2, 1, 1, 1)), "15 images");
        assertFalse(Conv2dImageLanes.applies(new Conv2dShape(16, 16, 19, 16, 16, 3, 3, 1, 1, 1, 1, 1)), "stride 1");
        assertFalse(Conv2dImageLanes.applies(new Conv2dShape(16, 16, 19, 16, 16, 1, 1, 2, 2, 0, 0, 1)), "1x1");
        assertFalse(Conv2dImageLanes.applies(new Conv2dShape(16, 16, 79, 64, 16, 3, 3, 2, 2, 1, 1, 1)), "large plane");
        assertFalse(Conv2dImageLanes.applies(new Conv2dShape(16, 16, 37, 31, 16, 3, 3, 2, 2, 1, 1, 1)), "layer2.0.conv1's input plane");
        assertFalse(Conv2dImageLanes.applies(new Conv2dShape(16, 16, 19, 16, 16, 3, 3, 2, 2, 1, 1, 2)), "groups");
    }

    @Test
    void bitReproducible() {
        Conv2dShape s = new Conv2dShape(33, 24, 19, 16, 20, 3, 3, 2, 2, 1, 1, 1);
        assertArrayEquals(Conv2dWinogradTest.run(s), Conv2dWinogradTest.run(s));
    }
}
