package io.colisten.nn.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.colisten.engine.Graph;
import io.colisten.engine.NoGrad;
import io.colisten.engine.StepScope;
import io.colisten.engine.Tensor;
import io.colisten.engine.random.Init;
import io.colisten.engine.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * MobileNet's channels-last inference path (MobileNetInference: batch norm folded, ReLU fused,
 * banded stem, per-image then per-group blocks) against the same network run module by module in
 * eval mode with grad recording on (the unfused path): within 1e-5 per embedding element, for one
 * window, a batch that spans two groups, an odd input plane, and with the first four layers run
 * one after the other instead of in bands; the path must actually be taken
 * (a plan exists) and must not be taken when grad is recorded or a batch norm is training.
 */
class MobileNetInferenceTest {
    private static final float TOL = 1e-5f;

    static MobileNetV1 net(int frames, int bands, long seed) {
        ModelConfig c = ModelConfig.of("mobilenet");
        MobileNetV1 net = (MobileNetV1) Models.create(new ModelConfig(c.name(), c.embeddingSize(), c.width(), frames, bands), seed);
        Rng rng = new Rng(seed + 1);
        for (var e : net.state().entries()) {   // batch norm off its defaults, so the folding matters
            String n = e.name();
            if (!n.contains("bn")) continue;
            if (n.endsWith("running_mean") || n.endsWith("bias")) Init.uniform(e.tensor(), 0.5, rng);
            if (n.endsWith("running_var") || n.endsWith("weight")) {
                Init.uniform(e.tensor(), 0.5, rng);
                float[] v = e.tensor().toArray();
                for (int i = 0; i < v.length; i++) v[i] += 1f;
                e.tensor().copyFrom(v);
            }
        }
        net.train(false);
        return net;
    }

    static Tensor windows(int n, int frames, int bands, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * frames * bands];
        for (int i = 0; i < x.length; i++) x[i] = (float) (rng.nextGaussian() * 2 - 3);
        return Tensor.of(x, n, 1, frames, bands);
    }

    private static void assertMatchesModules(int n, int frames, int bands) {
        MobileNetV1 net = net(frames, bands, 5);
        Tensor x = windows(n, frames, bands, 9);
        float[] fast;
        try (NoGrad ng = NoGrad.enter(); StepScope s = StepScope.open()) {
            fast = net.embed(x).toArray();
        }
        assertNotNull(net.inferencePlan(), "the channels-last path ran");
        assertEquals(MobileNetInference.banding, net.inferencePlan().banded(), "banded stem as configured");
        float[] plain = net.embed(x).toArray();
        Graph.clearTape();
        assertEquals(plain.length, fast.length);
        for (int i = 0; i < plain.length; i++) {
            assertEquals(plain[i], fast[i], TOL, n + " windows of " + frames + "x" + bands + ", element " + i);
        }
    }

    @Test
    void oneWindowMatchesModuleByModule() {
        assertMatchesModules(1, 112, 16);
    }

    @Test
    void batchOverTwoGroupsMatchesModuleByModule() {
        assertMatchesModules(MobileNetInference.GROUP + 1, 112, 16);
    }

    @Test
    void oddPlaneMatchesModuleByModule() {
        assertMatchesModules(3, 67, 13);
    }

    @Test
    void unbandedStemMatchesModuleByModule() {
        MobileNetInference.banding = false;
        try {
            assertMatchesModules(2, 112, 16);
        } finally {
            MobileNetInference.banding = true;
        }
    }

    @Test
    void repeatedCallsAreIdenticalAndFollowWeightChanges() {
        MobileNetV1 net = net(112, 16, 6);
        Tensor x = windows(2, 112, 16, 3);
        float[] a, b, c;
        try (NoGrad ng = NoGrad.enter()) {
            a = net.embed(x).toArray();
            b = net.embed(x).toArray();
            Tensor w = net.blocks()[4].pointwise().weight();
            float[] v = w.toArray();
            v[0] += 0.5f;
            w.copyFrom(v);
            c = net.embed(x).toArray();
        }
        assertArrayEquals(a, b, "same input, same weights: bit-identical");
        float diff = 0;
        for (int i = 0; i < a.length; i++) diff = Math.max(diff, Math.abs(a[i] - c[i]));
        assertEquals(true, diff > 1e-6, "a changed weight changes the output (weights are packed per call), diff " + diff);
    }

    @Test
    void gradRecordingOrTrainingBatchNormRunsTheModules() {
        MobileNetV1 net = net(112, 16, 7);
        Tensor x = windows(2, 112, 16, 4);
        net.embed(x);   // grad recording on
        Graph.clearTape();
        assertNull(net.inferencePlan());
        net.blocks()[3].bn2().train(true);
        try (NoGrad ng = NoGrad.enter()) {
            net.embed(x);
        }
        assertNull(net.inferencePlan());
    }
}
