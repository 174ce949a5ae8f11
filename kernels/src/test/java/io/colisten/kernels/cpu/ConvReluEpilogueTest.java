package io.colisten.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Conv2d#forwardInferenceRelu}: the ReLU (and residual sum) fused into the output pass of the
 * 3x3 Winograd paths (lane per tile, lane per image) and the lane-per-image strided path equals
 * {@link Conv2d#forwardInference} followed by {@link Activations#reluForward} /
 * {@link Activations#addReluForward} bit for bit (the same conv values, the same float sum, the same
 * ReLU), including signed zeros; shapes no fused path takes run the passes. Offsets on every buffer,
 * NaN guards around the output.
 */
class ConvReluEpilogueTest {
    static Stream<Conv2dShape> shapes() {
        return Stream.of(
                new Conv2dShape(3, 16, 37, 31, 17, 3, 3, 1, 1, 1, 1, 1),    // Winograd, lane per tile (F(4x4))
                new Conv2dShape(2, 24, 5, 4, 16, 3, 3, 1, 1, 1, 1, 1),      // Winograd, lane per tile (F(2x2))
                new Conv2dShape(17, 32, 10, 8, 24, 3, 3, 1, 1, 1, 1, 1),    // Winograd, lane per image, partial group
                new Conv2dShape(17, 16, 19, 16, 20, 3, 3, 2, 2, 1, 1, 1),   // strided, lane per image
                new Conv2dShape(2, 4, 12, 20, 6, 3, 3, 2, 2, 1, 1, 1));     // no fused path: conv, then the pass
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void equalsTheConvThenThePass(Conv2dShape s) {
        Random r = new Random(s.hashCode());
        int io = 3, wo = 5, bo = 2, oo = 7, ro = 11, size = s.outputSize();
        float[] in = ConvTestData.random(r, io, s.inputSize()), w = ConvTestData.random(r, wo, s.weightSize());
        float[] b = ConvTestData.random(r, bo, s.cOut()), res = ConvTestData.random(r, ro, size);
        res[ro] = -0f;
        float[] want = new float[size], got = new float[oo + size + 5];
        for (boolean withRes : new boolean[] {true, false}) {
            Conv2d.forwardInference(want, 0, in, io, w, wo, b, bo, s);
            if (withRes) Activations.addReluForward(want, 0, want, 0, res, ro, size);
            else Activations.reluForward(want, 0, want, 0, size);
            java.util.Arrays.fill(got, Float.NaN);
            Conv2d.forwardInferenceRelu(got, oo, in, io, w, wo, b, bo, s, withRes ? res : null, ro);
            int zeros = 0;
            for (int i = 0; i < size; i++) {
                assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(got[oo + i]), s + " residual " + withRes + ": element " + i);
                if (want[i] == 0f) zeros++;
            }
            assertTrue(zeros > 0, "the ReLU must clip something");
            ConvTestData.assertGuards("forwardInferenceRelu out", got, oo, size);
        }
    }

    @Test
    void shortResidualIsRejected() {
        Conv2dShape s = new Conv2dShape(2, 16, 5, 4, 16, 3, 3, 1, 1, 1, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Conv2d.forwardInferenceRelu(
                new float[s.outputSize()], 0, new float[s.inputSize()], 0, new float[s.weightSize()], 0, null, 0, s,
                new float[s.outputSize() - 1], 0));
        assertTrue(e.getMessage().contains("residual"), e.getMessage());
    }
}
