package io.colisten.nn.loss;

import io.colisten.engine.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The mined triplet loss on hand-made points (x, 0): its value, the mining counts, and a gradient
 * that reaches exactly the anchors, positives and chosen negatives of active triplets.
 * Tolerance 1e-6 absolute on values of order 1 (a handful of float operations).
 */
class TripletLossTest {
    private static Tensor line(boolean grad, double... x) {
        float[] v = new float[2 * x.length];
        for (int i = 0; i < x.length; i++) v[2 * i] = (float) x[i];
        return Tensor.of(v, x.length, 2).requiresGrad(grad);
    }

    @Test
    void lossStatsAndGradientOnKnownTriplets() {
        // Anchors 0, 1, 2, 3 with positives 0.1, 1.5, 2, 3.2 (d(a, p) = 0.01, 0.25, 0, 0.04);
        // negatives at 0.3, 4, -2, 3.25.
        Tensor a = line(true, 0, 1, 2, 3), p = line(true, 0.1, 1.5, 2, 3.2), n = line(true, 0.3, 4, -2, 3.25);
        TripletLoss loss = new TripletLoss(0.1f);
        Tensor l = loss.apply(a, p, n, null, null, NegativeExclusion.NONE);
        // anchor 0: d(a, n) = 0.09, 16, 4, 10.5625 -> n0 (0.09 > 0.01): hinge 0.01 - 0.09 + 0.1 = 0.02
        // anchor 1: 0.49, 9, 9, 5.0625 -> n0 (0.49 > 0.25): 0.25 - 0.49 + 0.1 < 0 -> 0
        // anchor 2: 2.89, 4, 16, 1.5625 -> n3 (1.5625 > 0): 0 - 1.5625 + 0.1 < 0 -> 0
        // anchor 3: 7.29, 1, 25, 0.0625 -> n3 (0.0625 > 0.04): 0.04 - 0.0625 + 0.1 = 0.0775
        assertEquals((0.02 + 0.0775) / 4, l.item(), 1e-6);
        MiningStats s = loss.lastStats();
        assertEquals(new MiningStats(4, 4, 0, 0, 2), s);
        assertEquals(0.5, s.zeroLossFraction());
        l.backward();
        // Active rows 0 and 3; d/da = 2 (n - p) / 4, d/dp = 2 (p - a) / 4, d/dn = 2 (a - n) / 4.
        float[] da = a.grad().toArray(), dp = p.grad().toArray(), dn = n.grad().toArray();
        assertEquals(2 * (0.3 - 0.1) / 4, da[0], 1e-6);
        assertEquals(0, da[2], 0);
        assertEquals(2 * (3.25 - 3.2) / 4, da[6], 1e-6);
        assertEquals(2 * (0.1 - 0) / 4, dp[0], 1e-6);
        assertEquals(2 * (0 - 0.3) / 4, dn[0], 1e-6);
        assertEquals(0, dn[2], 0);
        assertEquals(0, dn[4], 0);
        assertEquals(2 * (3 - 3.25) / 4, dn[6], 1e-6);
        for (int k = 1; k < 8; k += 2) assertEquals(0, da[k], 0);
    }
}
