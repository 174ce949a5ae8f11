package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.ConvTestData.assertClose;
import static io.colisten.kernels.cpu.ConvTestData.assertGuards;
import static io.colisten.kernels.cpu.ConvTestData.random;
import static io.colisten.kernels.cpu.ConvTestData.toDouble;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fast batch norm against {@link BatchNorm2dReference}: training forward (output, saved mean
 * and rstd, running-stat update with the unbiased variance), inference forward, and backward
 * adding into random gradient buffers; with and without gamma/beta, data offset from zero (mean 3)
 * to exercise centring, plane sizes around the lane count. Tolerances: outputs and gradients
 * atol 2e-5, rtol 1e-4; statistics rtol 1e-5.
 */
class BatchNorm2dTest {
    @ParameterizedTest
    @CsvSource({"3,4,17,true", "2,3,1,true", "1,1,2,false", "4,5,15,true", "2,2,16,false", "6,8,1000,true", "5,3,37,false"})
    void matchesReference(int n, int c, int hw, boolean affine) {
        Random r = new Random(n * 100 + c * 10 + hw);
        int size = n * c * hw, io = 3, oo = 5;
        float[] in = random(r, io, size);
        for (int i = 0; i < size; i++) in[io + i] = in[io + i] * 2 + 3;
        float[] gamma = affine ? random(r, 0, c) : null, beta = affine ? random(r, 0, c) : null;
        float[] rm = random(r, 0, c), rv = random(r, 0, c);
        for (int i = 0; i < c; i++) rv[i] = Math.abs(rv[i]) + 0.5f;
        double[] rm0 = toDouble(rm, 0, c), rv0 = toDouble(rv, 0, c);
        float eps = 1e-5f, momentum = 0.1f;

        float[] out = new float[oo + size + 3];
        java.util.Arrays.fill(out, Float.NaN);
        float[] mean = new float[c], rstd = new float[c];
        BatchNorm2d.forwardTrain(out, oo, mean, rstd, in, io, gamma, beta, rm, rv, momentum, eps, n, c, hw);
        double[] din = toDouble(in, io, size);
        BatchNorm2dReference.Train t = BatchNorm2dReference.forwardTrain(din, toDouble(gamma), toDouble(beta), eps, n, c, hw);
        assertClose("train out", t.out(), null, out, oo, 2e-5, 1e-4);
        assertGuards("train out", out, oo, size);
        assertClose("mean", t.mean(), null, mean, 0, 1e-6, 1e-5);
        assertClose("rstd", t.rstd(), null, rstd, 0, 1e-6, 1e-5);
        double[] wantRm = new double[c], wantRv = new double[c];
        for (int i = 0; i < c; i++) {
            wantRm[i] = 0.9 * rm0[i] + 0.1 * t.mean()[i];
            wantRv[i] = 0.9 * rv0[i] + 0.1 * t.unbiasedVar()[i];
        }
        assertClose("running mean", wantRm, null, rm, 0, 1e-6, 1e-5);
        assertClose("running var", wantRv, null, rv, 0, 1e-6, 1e-5);

        BatchNorm2d.forwardEval(out, oo, in, io, gamma, beta, rm, rv, eps, n, c, hw);
        assertClose("eval out", BatchNorm2dReference.forwardEval(din, toDouble(gamma), toDouble(beta), toDouble(rm),
                toDouble(rv), eps, n, c, hw), null, out, oo, 2e-5, 1e-4);
        assertGuards("eval out", out, oo, size);

        float[] dOut = random(r, 2, size), dIn = random(r, 4, size);
        float[] dGamma = random(r, 0, c), dBeta = random(r, 0, c);
        double[] baseIn = toDouble(dIn, 4, size), baseG = toDouble(dGamma, 0, c), baseB = toDouble(dBeta, 0, c);
        BatchNorm2d.backward(dIn, 4, affine ? dGamma : null, affine ? dBeta : null, dOut, 2, in, io, mean, rstd, gamma, n, c, hw);
        double[][] g = BatchNorm2dReference.backward(toDouble(dOut, 2, size), din, toDouble(mean), toDouble(rstd),
                toDouble(gamma), n, c, hw);
        assertClose("dIn", g[0], baseIn, dIn, 4, 2e-5, 1e-4);
        assertGuards("dIn", dIn, 4, size);
        if (affine) {
            assertClose("dGamma", g[1], baseG, dGamma, 0, 2e-5, 1e-4);
            assertClose("dBeta", g[2], baseB, dBeta, 0, 2e-5, 1e-4);
        }
    }
}
