package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.TestArrays.assertClose;
import static io.colisten.kernels.cpu.TestArrays.assertUntouchedOutside;
import static io.colisten.kernels.cpu.TestArrays.gaussian;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Squared distances and the triplet hinge against double references, at dims around the 16 lanes
 * (tails) and at non-zero offsets; the backward adds into what is there and sums a negative chosen
 * twice. Tolerance 1e-5 / 1e-5 (a dot product of up to 129 float terms). The gradient itself is
 * checked against finite differences in the engine's GradCheckTest.
 */
class TripletMarginTest {
    @ParameterizedTest(name = "dim={0}")
    @ValueSource(ints = {1, 15, 16, 17, 33, 128, 129})
    void distancesMatchDoubleReference(int dim) {
        SplittableRandom rnd = new SplittableRandom(dim);
        int ra = 3, rb = 5, ao = 3, bo = 17, oo = 1;
        float[] a = gaussian(rnd, ao, ra * dim, 1), b = gaussian(rnd, bo, rb * dim, 1);
        float[] out = new float[oo + ra * rb + 4], before = out.clone();
        TripletMargin.squaredDistances(out, oo, a, ao, ra, b, bo, rb, dim);
        double[] ref = new double[ra * rb];
        for (int i = 0; i < ra; i++) {
            for (int j = 0; j < rb; j++) {
                double s = 0;
                for (int k = 0; k < dim; k++) {
                    double d = (double) a[ao + i * dim + k] - b[bo + j * dim + k];
                    s += d * d;
                }
                ref[i * rb + j] = s;
            }
        }
        assertClose("squaredDistances", ref, out, oo, 1e-5, 1e-5);
        assertUntouchedOutside("squaredDistances", before, out, oo, ra * rb);
        float[] rows = new float[3];
        TripletMargin.rowDistances(rows, 0, a, ao, b, bo, 3, dim);
        assertClose("rowDistances", new double[] {ref[0], ref[rb + 1], ref[2 * rb + 2]}, rows, 0, 1e-5, 1e-5);
    }

    @Test
    void hingeAndItsGradientOnKnownPoints() {
        // dim 1: anchors 0, 1, 3; positives 0.5, 1, 3.1; negatives 0.6, 5, -2; choices 0, 0, 1
        // (n0 chosen twice, row 2 inactive).
        float[] a = {0, 1, 3}, p = {0.5f, 1, 3.1f}, n = {0.6f, 5, -2}, hinge = new float[3];
        int[] choice = {0, 0, 1};
        TripletMargin.forward(hinge, 0, a, 0, p, 0, n, 0, choice, 0, 3, 3, 1, 0.2f);
        assertEquals(0.25f - 0.36f + 0.2f, hinge[0], 1e-6f);
        assertEquals(0f - 0.16f + 0.2f, hinge[1], 1e-6f);
        assertEquals(0f, hinge[2]); // 0.01 - 4 + 0.2 < 0
        float[] dA = {1, 1, 1}, dP = new float[3], dN = new float[3], g = {1, 2, 5};
        TripletMargin.backward(dA, 0, dP, 0, dN, 0, g, 0, hinge, 0, a, 0, p, 0, n, 0, choice, 0, 3, 3, 1);
        assertEquals(1 + 2 * (0.6f - 0.5f), dA[0], 1e-6f);
        assertEquals(1 + 2 * 2 * (0.6f - 1f), dA[1], 1e-6f);
        assertEquals(1f, dA[2]); // inactive: only what was there
        assertEquals(2 * (0.5f - 0f), dP[0], 1e-6f);
        assertEquals(0f, dP[2]);
        assertEquals(2 * (0f - 0.6f) + 2 * 2 * (1f - 0.6f), dN[0], 1e-6f);
        assertEquals(0f, dN[1]);
        assertEquals(0f, dN[2]);
    }

    @Test
    void aNanInputGivesANanHingeNotZero() {
        // Row 0 is clean and inactive (hinge 0); row 1's positive is NaN: its hinge must stay NaN so
        // that the batch loss is NaN and training stops, where max(0, NaN) = 0 would hide it.
        float[] a = {0, 0}, p = {0, Float.NaN}, n = {3, 3}, hinge = new float[2];
        TripletMargin.forward(hinge, 0, a, 0, p, 0, n, 0, new int[] {0, 1}, 0, 2, 2, 1, 0.1f);
        assertEquals(0f, hinge[0]);
        assertTrue(Float.isNaN(hinge[1]), "hinge " + hinge[1]);
    }

    @Test
    void badChoicesAreNamed() {
        float[] x = new float[4];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TripletMargin.forward(new float[2], 0, x, 0, x, 0, x, 0, new int[] {0, 2}, 0, 2, 2, 2, 0.1f));
        assertTrue(e.getMessage().contains("row 1 chose negative 2"), e.getMessage());
    }
}
