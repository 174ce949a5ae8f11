package io.colisten.engine.ops;

import io.colisten.engine.Backend;
import io.colisten.engine.Device;
import io.colisten.engine.Graph;
import io.colisten.engine.StepScope;
import io.colisten.engine.Tensor;
import io.colisten.engine.optim.Adam;
import io.colisten.engine.optim.ClassifierAdam;
import io.colisten.engine.param.ParameterSet;
import io.colisten.engine.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loss ops beyond the gradient check: fused against their composition from primitives
 * (|a - b| <= 1e-5 + 1e-4 |b|, float32 on both sides), the fused classifier Adam equal to the
 * plain gradient plus the engine's Adam bit for bit, the gradient-check draws away from the hinge,
 * pooled buffers in a steady state, and bad input refused before anything runs.
 */
class LossOpsTest {
    private static final double ATOL = 1e-5, RTOL = 1e-4;

    private final Rng rng = new Rng(5);

    private Tensor randn(boolean grad, double sd, int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (rng.nextGaussian() * sd);
        return Tensor.of(v, shape).requiresGrad(grad);
    }

    private static Tensor copyLeaf(Tensor t) {
        return Tensor.of(t.toArray(), t.shape()).requiresGrad(t.requiresGrad());
    }

    @Test
    void gradCheckTripletDrawsStayAwayFromTheKink() {
        for (GradCase c : GradCases.all()) {
            if (!c.name().startsWith("triplet")) continue;
            Rng r = new Rng(c.name().hashCode());
            double[][] x = new double[3][];
            for (int i = 0; i < 3; i++) {
                float[] v = GradCheckTest.draw(c.inputs()[i], r);
                x[i] = new double[v.length];
                for (int j = 0; j < v.length; j++) x[i][j] = v[j];
            }
            double margin = LossGradCases.MARGIN;
            if (c.name().contains("l2")) {
                for (int i = 0; i < 3; i++) x[i] = RefOps.l2Normalize(x[i], 6, 1e-12);
                margin = 0.1;
            }
            int active = 0;
            double nearest = Double.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                double arg = RefLosses.tripletArgument(x[0], x[1], x[2], LossGradCases.CHOICE, i, 6, margin);
                nearest = Math.min(nearest, Math.abs(arg));
                if (arg > 0) active++;
            }
            assertTrue(nearest > 0.01, c.name() + ": a hinge argument lies within " + nearest + " of the kink");
            assertTrue(active > 0 && active < 5, c.name() + ": needs active and inactive rows, has " + active + " active");
        }
    }

    @Test
    void tripletEqualsItsCompositionFromPrimitives() {
        int b = 6, n = 8, d = 5;
        int[] choice = {7, 0, 3, 3, 5, 1};
        Tensor a = randn(true, 0.5, b, d), p = randn(true, 0.5, b, d), neg = randn(true, 0.5, n, d);
        Tensor a2 = copyLeaf(a), p2 = copyLeaf(p), n2 = copyLeaf(neg);
        Tensor fused = Ops.tripletLoss(a, p, neg, choice, 0.3f);
        float[] oneHot = new float[b * n], ones = new float[d];
        for (int i = 0; i < b; i++) oneHot[i * n + choice[i]] = 1f;
        java.util.Arrays.fill(ones, 1f);
        Tensor sel = Tensor.of(oneHot, b, n), col = Tensor.of(ones, d, 1);
        Tensor dp = Ops.sub(a2, p2), dn = Ops.sub(a2, Ops.matmul(sel, n2));
        Tensor arg = Ops.addRowBias(Ops.sub(Ops.matmul(Ops.mul(dp, dp), col), Ops.matmul(Ops.mul(dn, dn), col)),
                Tensor.of(new float[] {0.3f}, 1));
        Tensor composed = Ops.mean(Ops.relu(arg));
        close("triplet loss", fused.toArray(), composed.toArray());
        fused.backward();
        composed.backward();
        close("d anchors", a.grad().toArray(), a2.grad().toArray());
        close("d positives", p.grad().toArray(), p2.grad().toArray());
        close("d negatives", neg.grad().toArray(), n2.grad().toArray());
    }

    @Test
    void softmaxCrossEntropyEqualsLinearLogSoftmaxAndDenseTargets() {
        int b = 5, d = 7, v = 37;
        int[][] labels = {{1, 36}, {0}, {}, {5, 6, 7}, {20}};
        Tensor u = randn(true, 1, b, d), w = randn(true, 0.5, v, d), bias = randn(true, 0.5, v);
        Tensor u2 = copyLeaf(u), w2 = copyLeaf(w), bias2 = copyLeaf(bias);
        Tensor fused = LossOps.softmaxCrossEntropy(u, w, bias, LabelTargets.of(labels), null, 8);
        float[] dense = new float[b * v];
        for (int i = 0; i < b; i++) for (int l : labels[i]) dense[i * v + l] = 1f / labels[i].length;
        Tensor composed = Ops.scale(Ops.sum(Ops.mul(Ops.logSoftmax(Ops.linear(u2, w2, bias2)), Tensor.of(dense, b, v))),
                -1f / 4); // four rows have labels
        close("loss", fused.toArray(), composed.toArray());
        fused.backward();
        composed.backward();
        close("d u", u.grad().toArray(), u2.grad().toArray());
        close("d w", w.grad().toArray(), w2.grad().toArray());
        close("d b", bias.grad().toArray(), bias2.grad().toArray());
    }

    @Test
    void fusedClassifierAdamEqualsPlainGradientAndEngineAdam() {
        int b = 9, d = 20, v = 300;
        int[][] labels = new int[b][];
        for (int i = 0; i < b; i++) labels[i] = i == 4 ? new int[0] : new int[] {(i * 37) % v, (i * 91 + 5) % v};
        LabelTargets targets = LabelTargets.of(labels);
        Tensor uF = randn(true, 1, b, d), uP = copyLeaf(uF);
        Tensor wF = randn(false, 0.2, v, d), bF = randn(false, 0.2, v);
        ParameterSet ps = new ParameterSet();
        Tensor wP = ps.parameter("w", v, d).copyFrom(wF.toArray()), bP = ps.parameter("b", v).copyFrom(bF.toArray());
        float lr = 3e-3f;
        ClassifierAdam fused = new ClassifierAdam(wF, bF, lr, 0.9f, 0.999f, 1e-8f, 0f);
        Adam plain = new Adam(ps, lr, 0.9f, 0.999f, 1e-8f, 0f);
        for (int step = 1; step <= 3; step++) {
            try (StepScope s = StepScope.open()) {
                Tensor lf = LossOps.softmaxCrossEntropy(uF, wF, bF, targets, fused, 64);
                Tensor lp = LossOps.softmaxCrossEntropy(uP, wP, bP, targets, null, 64);
                assertEquals(lp.item(), lf.item(), "loss at step " + step);
                lf.backward();
                lp.backward();
                plain.step();
                plain.zeroGrad();
            }
            assertArrayEquals(uP.grad().toArray(), uF.grad().toArray(), "d u at step " + step);
            assertArrayEquals(wP.toArray(), wF.toArray(), "w at step " + step);
            assertArrayEquals(bP.toArray(), bF.toArray(), "b at step " + step);
            assertArrayEquals(plain.secondMoment("w").toArray(), fused.weightSecondMoment().toArray(), "v(w) at step " + step);
            uF.backend().fill(uF.grad(), 0f);
            uP.backend().fill(uP.grad(), 0f);
        }
        assertEquals(3, fused.stepCount());
    }

    @Test
    void steadyStateStepsReusePooledBuffers() {
        Tensor u = randn(true, 1, 4, 16), w = randn(false, 0.3, 50, 16), bias = randn(false, 0.3, 50);
        ClassifierAdam adam = new ClassifierAdam(w, bias);
        LabelTargets t = LabelTargets.of(new int[][] {{1}, {2, 3}, {49}, {}});
        Tensor a = randn(true, 1, 6, 16), p = randn(true, 1, 6, 16), n = randn(true, 1, 6, 16);
        int[] choice = {1, 2, 3, 4, 5, 0};
        Backend be = Device.CPU.backend();
        long created = 0;
        for (int step = 0; step < 3; step++) {
            try (StepScope s = StepScope.open()) {
                Ops.add(LossOps.softmaxCrossEntropy(u, w, bias, t, adam, 16), Ops.tripletLoss(a, p, n, choice, 0.1f)).backward();
            }
            if (step == 0) created = be.pooledBuffersCreated();
        }
        assertEquals(created, be.pooledBuffersCreated(), "later steps take every buffer from the pool");
        assertEquals(0, Graph.tapeSize(), "the scope leaves no tape");
    }

    @Test
    void badInputIsRefusedBeforeAnythingRuns() {
        Tensor u = randn(true, 1, 2, 4), w = randn(true, 1, 5, 4), bias = randn(true, 1, 5);
        LabelTargets two = LabelTargets.of(new int[][] {{0}, {4}});
        refused(() -> LossOps.softmaxCrossEntropy(u, w, bias, LabelTargets.of(new int[][] {{0}, {5}})), "label id 5", "[5, 4]");
        refused(() -> LossOps.softmaxCrossEntropy(u, w, bias, LabelTargets.of(new int[][] {{0}})), "targets for 2 rows");
        refused(() -> LossOps.softmaxCrossEntropy(u, randn(true, 1, 5, 3), null, two), "do not match weight");
        refused(() -> LossOps.softmaxCrossEntropy(u, w, randn(true, 1, 4), two), "bias");
        Tensor wf = randn(false, 1, 5, 4);
        ClassifierAdam adam = new ClassifierAdam(wf, null);
        refused(() -> LossOps.softmaxCrossEntropy(u, w, null, two, adam), "fused update was made for another weight");
        refused(() -> new ClassifierAdam(w, null), "must not require grad");
        refused(() -> LabelTargets.of(new int[][] {{3, 1, 3}}), "row 0 lists label 3 twice");
        refused(() -> LabelTargets.of(new int[][] {{1}, {-2}}), "row 1 has label id -2");
        Tensor a = randn(true, 1, 3, 4), n = randn(true, 1, 2, 4);
        refused(() -> Ops.tripletHinge(a, a, n, new int[] {0, 1, 2}, 0.1f), "anchor 2 chose negative 2");
        refused(() -> Ops.tripletHinge(a, a, n, new int[] {0}, 0.1f), "for each of 3 anchors");
        refused(() -> Ops.tripletHinge(a, randn(true, 1, 3, 5), n, new int[] {0, 0, 0}, 0.1f), "[3, 4] and [3, 5] differ");
        refused(() -> Ops.rows(a, 2, 2), "rows [2, 2)");
    }

    private static void refused(Executable call, String... mentions) {
        int tape = Graph.tapeSize();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), "message '" + e.getMessage() + "' should mention '" + m + "'");
        }
        assertEquals(tape, Graph.tapeSize(), "nothing recorded");
    }

    private static void close(String what, float[] a, float[] b) {
        assertEquals(b.length, a.length, what + ": lengths");
        for (int i = 0; i < a.length; i++) {
            assertTrue(Math.abs(a[i] - b[i]) <= ATOL + RTOL * Math.abs(b[i]), what + " differs at " + i + ": " + a[i] + " vs " + b[i]);
        }
    }
}
