package io.colisten.nn.modules;

import io.colisten.engine.NoGrad;
import io.colisten.engine.Tensor;
import io.colisten.engine.ops.Ops;
import io.colisten.engine.random.Rng;

import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gradient check of a whole module in float32: for L = sum(r (.) f()) with a fixed random r, the
 * gradients our autograd puts into each leaf must match central differences of L, accumulated in
 * double over the float outputs. The engine checks every op against a double reference; this
 * checks how modules wire ops together (which tensors reach which op, train / eval paths).
 *
 * <p>A probe whose one-sided differences disagree straddles a kink (a ReLU or a max-pool winner
 * changing inside +-h) and is skipped; at most a tenth of the probes may be skipped.
 */
final class FiniteDifferences {
    static final double H = 3e-3, ATOL = 3e-3, RTOL = 2e-2;
    static final int MAX_PROBES = 24;

    private FiniteDifferences() {}

    /** Checks d L / d leaf for each leaf (names for messages); f must read the leaves' current values. */
    static void check(String what, Supplier<Tensor> f, Tensor[] leaves, String[] names, long seed) {
        for (Tensor t : leaves) {
            if (t.grad() != null) t.backend().fill(t.grad(), 0f);
        }
        Tensor y = f.get();
        Rng rng = new Rng(seed);
        float[] r = new float[y.size()];
        for (int i = 0; i < r.length; i++) r[i] = (float) rng.nextGaussian();
        Ops.sum(Ops.mul(y, Tensor.of(r, y.shape()))).backward();

        int probes = 0, skipped = 0;
        for (int k = 0; k < leaves.length; k++) {
            Tensor leaf = leaves[k];
            assertNotNull(leaf.grad(), what + ": " + names[k] + " received no gradient");
            float[] analytic = leaf.grad().toArray();
            float[] v = leaf.toArray();
            double base = project(f, r);
            int step = Math.max(1, v.length / MAX_PROBES);
            for (int j = (int) (seed % step); j < v.length; j += step) {
                float saved = v[j];
                v[j] = (float) (saved + H);
                double hUp = v[j] - saved;
                leaf.copyFrom(v);
                double up = project(f, r);
                v[j] = (float) (saved - H);
                double hDown = saved - v[j];
                leaf.copyFrom(v);
                double down = project(f, r);
                v[j] = saved;
                leaf.copyFrom(v);
                double central = (up - down) / (hUp + hDown);
                double fwd = (up - base) / hUp, bwd = (base - down) / hDown;
                probes++;
                double tol = ATOL + RTOL * Math.abs(central);
                if (Math.abs(fwd - bwd) > 4 * tol) {
                    skipped++;
                    continue;
                }
                double err = Math.abs(analytic[j] - central);
                assertTrue(err <= tol, what + ": d/d " + names[k] + "[" + j + "] autograd " + analytic[j]
                        + ", finite differences " + central + " (one-sided " + fwd + ", " + bwd + ")");
            }
        }
        assertTrue(skipped * 10 <= probes, what + ": " + skipped + " of " + probes + " probes straddled a kink");
    }

    private static double project(Supplier<Tensor> f, float[] r) {
        try (NoGrad ng = NoGrad.enter()) {
            float[] y = f.get().toArray();
            double s = 0;
            for (int i = 0; i < y.length; i++) s += (double) r[i] * y[i];
            return s;
        }
    }
}
