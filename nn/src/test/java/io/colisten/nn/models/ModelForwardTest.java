package io.colisten.nn.models;

import io.colisten.engine.Graph;
import io.colisten.engine.NoGrad;
import io.colisten.engine.Tensor;
import io.colisten.engine.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole networks: N x 128 unit rows, eval mode independent of the batch, the tape holding one op per
 * layer-table row, seeded weights. The networks are fully convolutional, so the forward tests use
 * small windows (SmallCNN needs at least 103 frames): most of a test's time is the JIT compiling
 * the kernels, and 300 x 64 shapes are covered by the golden layer tables.
 */
class ModelForwardTest {
    static final int T = 112, F = 16;

    static Tensor windows(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * T * F];
        for (int i = 0; i < x.length; i++) x[i] = (float) (rng.nextGaussian() * 2 - 3); // log-mel-like range
        return Tensor.of(x, n, 1, T, F);
    }

    static EmbeddingNetwork small(String name, long seed) {
        ModelConfig c = ModelConfig.of(name);
        return Models.create(new ModelConfig(c.name(), c.embeddingSize(), c.width(), T, F), seed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"smallcnn", "mobilenet", "resnet18"})
    void embeddingsAreUnitRowsAndEvalIsPerWindow(String name) {
        EmbeddingNetwork net = small(name, 3);
        net.train(false);
        Tensor x = windows(3, 5);
        float[] all, first;
        try (NoGrad ng = NoGrad.enter()) {
            Tensor y = net.embed(x);
            assertArrayEquals(new int[] {3, 128}, y.shape(), name + " output shape");
            all = y.toArray();
            // Eval mode: a window's embedding does not depend on the rest of the batch.
            Tensor one = Tensor.of(java.util.Arrays.copyOf(x.toArray(), T * F), 1, 1, T, F);
            first = net.embed(one).toArray();
        }
        for (int r = 0; r < 3; r++) {
            double norm = 0;
            for (int j = 0; j < 128; j++) norm += (double) all[r * 128 + j] * all[r * 128 + j];
            assertEquals(1.0, Math.sqrt(norm), 1e-5, name + " row " + r + " norm");
        }
        for (int j = 0; j < 128; j++) assertEquals(all[j], first[j], 1e-5f, name + " window 0 alone vs in a batch, " + j);
    }

    /**
     * Eval mode without grad takes the fused path (batch norm folded into the conv where that pays,
     * else normalised in place; ReLU in place, after the pool); with grad on, the modules run one by
     * one. Both must agree. At these sizes some layers of each network fold and some do not.
     */
    @ParameterizedTest
    @ValueSource(strings = {"smallcnn", "mobilenet", "resnet18"})
    void fusedInferenceMatchesModuleByModule(String name) {
        EmbeddingNetwork net = small(name, 8);
        Rng rng = new Rng(2);
        for (var e : net.state().entries()) { // batch norm off its defaults, so folding is exercised
            if (e.name().contains("bn") || e.name().contains("downsample.1")) {
                if (e.name().endsWith("running_mean") || e.name().endsWith("bias")) io.colisten.engine.random.Init.uniform(e.tensor(), 0.5, rng);
                if (e.name().endsWith("running_var") || e.name().endsWith("weight")) {
                    io.colisten.engine.random.Init.uniform(e.tensor(), 0.5, rng);
                    float[] v = e.tensor().toArray();
                    for (int i = 0; i < v.length; i++) v[i] += 1f;
                    e.tensor().copyFrom(v);
                }
            }
        }
        net.train(false);
        Tensor x = windows(3, 4);
        float[] fused;
        try (NoGrad ng = NoGrad.enter()) {
            fused = net.embed(x).toArray();
        }
        float[] plain = net.embed(x).toArray();
        Graph.clearTape();
        for (int i = 0; i < plain.length; i++) assertEquals(plain[i], fused[i], 2e-5f, name + " element " + i);
    }

    @Test
    void trainingModeUsesBatchStatisticsAndCountsBatches() {
        EmbeddingNetwork net = small("smallcnn", 3);
        Tensor x = windows(3, 5);
        float[] batch, alone;
        try (NoGrad ng = NoGrad.enter()) {
            batch = net.embed(x).toArray();
            alone = net.embed(Tensor.of(java.util.Arrays.copyOf(x.toArray(), 2 * T * F), 2, 1, T, F)).toArray();
        }
        double diff = 0;
        for (int j = 0; j < 128; j++) diff = Math.max(diff, Math.abs(batch[j] - alone[j]));
        assertTrue(diff > 1e-4, "training mode: batch statistics make window 0 depend on its batch, diff " + diff);
        assertEquals(2L, net.state().entry("bn1.num_batches_tracked").counter().get());
        assertNotEquals(0f, net.state().entry("bn4.running_mean").tensor().get(0), "running mean updated");
    }

    /**
     * forward and trace are written separately for the blocks: in eval mode with grad on (modules
     * run one by one), every layer-table row is one op on the tape (plus ResNet's eight residual
     * additions), so a layer that one of them skips shows up here. In training mode each batch
     * norm + ReLU (+ max-pool) runs as one fused op: SmallCNN fuses 4 pairs and 2 pools (6 rows
     * fewer), MobileNet 27 pairs (its first conv and 13 blocks x 2), ResNet-18 the stem's pair and
     * pool and the 8 blocks' first pairs (10).
     */
    @ParameterizedTest
    @CsvSource({"smallcnn,6", "mobilenet,27", "resnet18,10"})
    void tapeHasOneOpPerLayerRow(String name, int fusedAway) {
        EmbeddingNetwork net = small(name, 3);
        int adds = name.equals("resnet18") ? 8 : 0, rows = net.layerTable().rows().size();
        net.train(false);
        assertEquals(rows + adds, opsOfForward(net), name + " ops recorded by an eval-mode forward");
        net.train(true);
        assertEquals(rows + adds - fusedAway, opsOfForward(net), name + " ops recorded by a training forward");
    }

    private static int opsOfForward(EmbeddingNetwork net) {
        int before = Graph.tapeSize();
        Tensor y = net.embed(windows(2, 1));
        int ops = Graph.tapeSize() - before;
        Graph.clearTape();
        assertArrayEquals(new int[] {2, 128}, y.shape());
        return ops;
    }

    @Test
    void sameSeedSameWeightsOtherSeedOthers() {
        float[] a = Models.create("mobilenet", 11).state().entry("blocks.3.pointwise.weight").tensor().toArray();
        float[] b = Models.create("mobilenet", 11).state().entry("blocks.3.pointwise.weight").tensor().toArray();
        float[] c = Models.create("mobilenet", 12).state().entry("blocks.3.pointwise.weight").tensor().toArray();
        assertArrayEquals(a, b);
        assertNotEquals(a[0], c[0]);
    }

    /** He normal: std sqrt(2 / fan_in) on a 2.4M-value conv weight (fan_in 256 x 9); nn.Linear's bound on fc. */
    @Test
    void initialisationFollowsHeAndPyTorchDefaults() {
        EmbeddingNetwork net = Models.create("resnet18", 4);
        float[] w = net.state().entry("layer4.1.conv2.weight").tensor().toArray();
        double s2 = 0;
        for (float v : w) s2 += (double) v * v;
        assertEquals(Math.sqrt(2.0 / (512 * 9)), Math.sqrt(s2 / w.length), 2e-3 * Math.sqrt(2.0 / (512 * 9)));
        float bound = (float) (1 / Math.sqrt(512));
        float max = 0;
        for (float v : net.state().entry("fc.weight").tensor().toArray()) max = Math.max(max, Math.abs(v));
        assertTrue(max <= bound && max > 0.95f * bound, "fc weight within U(-1/sqrt(512), 1/sqrt(512)): " + max);
        assertArrayEquals(new float[] {1, 1}, java.util.Arrays.copyOf(net.state().entry("bn1.weight").tensor().toArray(), 2));
        assertArrayEquals(new float[] {1, 1}, java.util.Arrays.copyOf(net.state().entry("bn1.running_var").tensor().toArray(), 2));
    }

    @Test
    void badInputsAreNamed() {
        EmbeddingNetwork net = Models.create("smallcnn", 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.embed(Tensor.zeros(2, 3, 300, 64)));
        assertTrue(e.getMessage().contains("smallcnn") && e.getMessage().contains("[2, 3, 300, 64]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelConfig.of("vgg"));
        assertTrue(e.getMessage().contains("'vgg'"), e.getMessage());
    }
}
