package io.colisten.train.wmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The row kernels against plain double loops; degrees around the 16-neighbour batches, several strides. */
class RowKernelsTest {
    private static final int L = RowKernels.L;

    private static float[] random(SplittableRandom r, int size) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) a[i] = (float) (r.nextDouble() * 2 - 1);
        return a;
    }

    private static void close(double want, double got, double atol, double rtol, String what) {
        assertTrue(Math.abs(got - want) <= atol + rtol * Math.abs(want), what + ": got " + got + ", want " + want);
    }

    @ParameterizedTest
    @CsvSource({"1,16", "15,16", "16,16", "17,32", "33,64", "48,64", "250,64", "40,128"})
    void neighbourPassMatchesScalar(int degree, int stride) {
        int n = stride - stride % L;
        SplittableRandom r = new SplittableRandom(degree * 31L + stride);
        int rows = 300, from = 5;
        float[] o = random(r, rows * n), v = random(r, 3 + n), scale = random(r, degree), shift = random(r, degree);
        int[] nbr = new int[from + degree];
        for (int k = 0; k < nbr.length; k++) nbr[k] = r.nextInt(rows);
        float[] acc = random(r, n), dots = new float[degree], coef = new float[NeighbourPass.SCRATCH];
        float[] acc0 = acc.clone();
        NeighbourPass.run(acc, dots, o, nbr, from, from + degree, v, 3, n, scale, shift, coef);
        double[] want = new double[n];
        for (int j = 0; j < n; j++) want[j] = acc0[j];
        for (int k = 0; k < degree; k++) {
            double s = 0;
            for (int j = 0; j < n; j++) s += (double) o[nbr[from + k] * n + j] * v[3 + j];
            // float32 dot of n terms of size ~1: error ~ sqrt(n) * 6e-8 * typical |term|
            close(s, dots[k], 1e-5, 1e-5, "dot " + k);
            double c = scale[k] * s + shift[k];
            for (int j = 0; j < n; j++) want[j] += c * o[nbr[from + k] * n + j];
        }
        for (int j = 0; j < n; j++) close(want[j], acc[j], 1e-4 * Math.sqrt(degree), 1e-5, "acc " + j);
        // without shift, and dots only
        float[] acc2 = new float[n], dots2 = new float[degree];
        NeighbourPass.run(acc2, null, o, nbr, from, from + degree, v, 3, n, scale, null, coef);
        NeighbourPass.run(null, dots2, o, nbr, from, from + degree, v, 3, n, null, null, coef);
        for (int k = 0; k < degree; k++) assertEquals(dots[k], dots2[k], "dots alone: same bits");
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int k = 0; k < degree; k++) s += scale[k] * (double) dots[k] * o[nbr[from + k] * n + j];
            close(s, acc2[j], 1e-4 * Math.sqrt(degree), 1e-5, "no shift " + j);
        }
    }

    @ParameterizedTest
    @CsvSource({"16,1", "16,20", "32,7", "64,250", "64,300", "128,40"})
    void weightedGramMatchesScalarOnTheUpperBlocks(int n, int degree) {
        SplittableRandom r = new SplittableRandom(n * 7L + degree);
        int rows = 400;
        float[] o = random(r, rows * n), w = random(r, degree), a = random(r, n * n);
        float[] a0 = a.clone();
        int[] nbr = new int[degree + 2];
        for (int k = 0; k < nbr.length; k++) nbr[k] = r.nextInt(rows);
        WeightedGram.add(a, o, nbr, 2, 2 + degree, w, new float[WeightedGram.BLOCK * n], n);
        for (int i = 0; i < n; i++) {
            for (int j = i / L * L; j < n; j++) {
                double s = a0[i * n + j];
                for (int k = 0; k < degree; k++) s += (double) w[k] * o[nbr[2 + k] * n + i] * o[nbr[2 + k] * n + j];
                close(s, a[i * n + j], 1e-5 * degree, 1e-5, "a[" + i + "][" + j + "]");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 32, 64, 128})
    void choleskySolvesSpdSystems(int n) {
        SplittableRandom r = new SplittableRandom(n);
        float[] m = random(r, n * n);
        // a = m m^T / n + I: symmetric positive definite, condition number ~ 5
        float[] a = new float[n * n];
        double[][] ad = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? 1 : 0;
                for (int k = 0; k < n; k++) s += (double) m[i * n + k] * m[j * n + k] / n;
                a[i * n + j] = (float) s;
                ad[i][j] = a[i * n + j];
            }
        }
        float[] b = random(r, n), x = new float[n + 3], w = new float[n];
        double[] bd = new double[n];
        for (int i = 0; i < n; i++) bd[i] = b[i];
        double[] want = DenseWmfReference.gauss(ad, bd);
        assertTrue(Cholesky.factor(a, n));
        Cholesky.solve(a, n, b, w, x, 3);
        for (int i = 0; i < n; i++) close(want[i], x[3 + i], 1e-5, 1e-4, "x[" + i + "]");
        float[] notSpd = new float[n * n];
        for (int i = 0; i < n; i++) notSpd[i * n + i] = i == n / 2 ? -1f : 1f;
        assertTrue(!Cholesky.factor(notSpd, n), "a negative pivot must be refused");
    }
}
