package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.ConvTestData.assertClose;
import static io.colisten.kernels.cpu.ConvTestData.assertGuards;
import static io.colisten.kernels.cpu.ConvTestData.random;
import static io.colisten.kernels.cpu.ConvTestData.toDouble;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fused batch norm + ReLU against the unfused kernels it replaces (BatchNorm2d then
 * Activations), bit for bit: forward output, saved and running statistics; backward accumulating
 * into random gradient buffers, overwriting, and in place in dOut's own array. Then against the
 * double reference (BatchNorm2dReference with the ReLU mask applied; atol 2e-5, rtol 1e-4). Plane
 * sizes around the lane count and SmallCNN's 63, with and without gamma / beta, non-zero offsets,
 * NaN guards around every buffer; the data is centred near zero so that about half the outputs are
 * clipped.
 */
class BatchNormReLU2dTest {
    @ParameterizedTest
    @CsvSource({"3,4,17,true", "2,3,1,true", "1,1,2,false", "4,5,15,true", "2,2,16,false", "5,3,63,true",
            "2,6,1000,true", "3,2,33,false"})
    void equalsBatchNormThenReLU(int n, int c, int hw, boolean affine) {
        Random r = new Random(n * 1000 + c * 10 + hw);
        int size = n * c * hw, io = 3, oo = 5;
        float[] in = random(r, io, size);
        for (int i = 0; i < size; i++) in[io + i] = in[io + i] * 2 + 0.3f;
        float[] gamma = affine ? random(r, 0, c) : null, beta = affine ? random(r, 0, c) : null;
        float[] rm = random(r, 0, c), rv = random(r, 0, c);
        for (int i = 0; i < c; i++) rv[i] = Math.abs(rv[i]) + 0.5f;
        float[] rm2 = rm.clone(), rv2 = rv.clone();
        float eps = 1e-5f, momentum = 0.1f;

        // forward: fused vs batch norm, then ReLU in place
        float[] fused = new float[oo + size + 3], plain = new float[oo + size + 3];
        Arrays.fill(fused, Float.NaN);
        Arrays.fill(plain, Float.NaN);
        float[] mean = new float[c], rstd = new float[c], mean2 = new float[c], rstd2 = new float[c];
        BatchNormReLU2d.forwardTrain(fused, oo, mean, rstd, in, io, gamma, beta, rm, rv, momentum, eps, n, c, hw);
        BatchNorm2d.forwardTrain(plain, oo, mean2, rstd2, in, io, gamma, beta, rm2, rv2, momentum, eps, n, c, hw);
        Activations.reluForward(plain, oo, plain, oo, size);
        assertArrayEquals(plain, fused, "forward output");
        assertArrayEquals(mean2, mean, "saved mean");
        assertArrayEquals(rstd2, rstd, "saved rstd");
        assertArrayEquals(rm2, rm, "running mean");
        assertArrayEquals(rv2, rv, "running var");
        assertGuards("forward output", fused, oo, size);
        int clipped = 0;
        for (int i = 0; i < size; i++) if (fused[oo + i] == 0f) clipped++;
        assertTrue(size < 4 || (clipped > 0 && clipped < size), "some outputs clipped, some not: " + clipped + " of " + size);

        // backward, accumulating: fused vs ReLU backward into zeros, then batch norm backward
        float[] dOut = random(r, 2, size), dIn = random(r, 4, size), dInPlain = dIn.clone();
        float[] dGamma = random(r, 0, c), dBeta = random(r, 0, c), dGammaPlain = dGamma.clone(), dBetaPlain = dBeta.clone();
        float[] dz = new float[size];
        Activations.reluBackward(dz, 0, dOut, 2, plain, oo, size);
        BatchNorm2d.backward(dInPlain, 4, affine ? dGammaPlain : null, affine ? dBetaPlain : null, dz, 0, in, io, mean, rstd,
                gamma, n, c, hw);
        double[] baseIn = toDouble(dIn, 4, size), baseG = toDouble(dGamma, 0, c), baseB = toDouble(dBeta, 0, c);
        BatchNormReLU2d.backward(dIn, 4, affine ? dGamma : null, affine ? dBeta : null, dOut, 2, in, io, mean, rstd,
                gamma, beta, true, n, c, hw);
        assertArrayEquals(dInPlain, dIn, "accumulated dIn");
        assertArrayEquals(dGammaPlain, dGamma, "dGamma");
        assertArrayEquals(dBetaPlain, dBeta, "dBeta");
        assertGuards("accumulated dIn", dIn, 4, size);

        // against the double reference: g = dOut where the reference output is positive
        double[] din = toDouble(in, io, size);
        BatchNorm2dReference.Train t = BatchNorm2dReference.forwardTrain(din, toDouble(gamma), toDouble(beta), eps, n, c, hw);
        double[] g = toDouble(dOut, 2, size);
        for (int i = 0; i < size; i++) {
            if (Math.abs(t.out()[i]) < 1e-5) fail("draw too close to the ReLU kink at " + i + ": " + t.out()[i]);
            if (t.out()[i] < 0) g[i] = 0;
        }
        double[][] ref = BatchNorm2dReference.backward(g, din, toDouble(mean), toDouble(rstd), toDouble(gamma), n, c, hw);
        assertClose("dIn vs reference", ref[0], baseIn, dIn, 4, 2e-5, 1e-4);
        if (affine) {
            assertClose("dGamma vs reference", ref[1], baseG, dGamma, 0, 2e-5, 1e-4);
            assertClose("dBeta vs reference", ref[2], baseB, dBeta, 0, 2e-5, 1e-4);
        }

        // overwriting: into garbage, and in place in dOut's own array; equal to the composition into zeros
        float[] zeros = new float[4 + size + 3];
        Arrays.fill(zeros, Float.NaN);
        Arrays.fill(zeros, 4, 4 + size, 0f);
        BatchNorm2d.backward(zeros, 4, null, null, dz, 0, in, io, mean, rstd, gamma, n, c, hw);
        float[] over = random(r, 4, size);
        BatchNormReLU2d.backward(over, 4, null, null, dOut, 2, in, io, mean, rstd, gamma, beta, false, n, c, hw);
        assertEqualValues("overwritten dIn", zeros, 4, over, 4, size);
        assertGuards("overwritten dIn", over, 4, size);
        float[] inPlace = dOut.clone();
        BatchNormReLU2d.backward(inPlace, 2, null, null, inPlace, 2, in, io, mean, rstd, gamma, beta, false, n, c, hw);
        assertEqualValues("in-place dIn", zeros, 4, inPlace, 2, size);
        assertGuards("in-place dIn", inPlace, 2, size);
    }

    /** Equal as floats (0 == -0: an overwritten zero may differ in sign from 0 + 0). */
    private static void assertEqualValues(String what, float[] want, int wo, float[] got, int go, int size) {
        for (int i = 0; i < size; i++) assertEquals(want[wo + i], got[go + i], 0f, what + " at " + i);
    }
}
