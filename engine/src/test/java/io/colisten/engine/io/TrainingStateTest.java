package io.colisten.engine.io;

import io.colisten.engine.optim.Adam;
import io.colisten.engine.param.ParameterSet;
import io.colisten.engine.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training-state file: what it holds, and the mismatches it refuses (the resume itself: ResumeTrainingTest). */
class TrainingStateTest {
    @TempDir
    Path dir;

    private static Adam adam(float lr, float beta1, int... biasShape) {
        ParameterSet ps = new ParameterSet();
        ps.parameter("layer.weight", 3, 2);
        ps.parameter("layer.bias", biasShape);
        ps.buffer("bn.running_mean", 0f, 2); // buffers have no optimiser state
        return new Adam(ps, lr, beta1, 0.999f, 1e-8f, 0.01f);
    }

    private Path saved(Adam adam) throws IOException {
        float[] m = new float[6], v = new float[6];
        for (int i = 0; i < 6; i++) {
            m[i] = i * 0.1f - 0.2f;
            v[i] = i * 1e-3f;
        }
        adam.firstMoment("layer.weight").copyFrom(m);
        adam.secondMoment("layer.weight").copyFrom(v);
        adam.setStepCount(41);
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("stage", "triplet");
        progress.put("epoch", 2L);
        progress.put("best_map", 0.3125);
        progress.put("done", false);
        progress.put("history", List.of(1L, 2.5, "x"));
        Path file = dir.resolve("state.safetensors");
        Rng a = new Rng(1), b = new Rng(2);
        a.nextGaussian();
        TrainingState.save(file, adam, Map.of("sampler", a, "negatives", b), progress);
        return file;
    }

    @Test
    void holdsMomentsStepRngsAndProgress() throws IOException {
        Path file = saved(adam(3e-4f, 0.9f, 2));
        TrainingState s = TrainingState.read(file);
        assertEquals(41, s.step());
        assertEquals(3e-4f, s.lr());
        assertEquals(List.of("negatives", "sampler"), List.copyOf(s.rngStreams()));
        Rng a = new Rng(1);
        a.nextGaussian();
        assertArrayEquals(a.state(), s.rng("sampler").state());
        assertEquals(Map.of("stage", "triplet", "epoch", 2L, "best_map", 0.3125, "done", false, "history", List.of(1L, 2.5, "x")),
                s.progress());

        Adam fresh = adam(1e-2f, 0.9f, 2);
        s.restore(fresh);
        assertEquals(41, fresh.stepCount());
        assertEquals(3e-4f, fresh.lr());
        assertEquals(4 * 0.1f - 0.2f, fresh.firstMoment("layer.weight").get(4), 0f);
        assertEquals(5 * 1e-3f, fresh.secondMoment("layer.weight").get(5), 0f);

        try (SafeTensorsReader r = SafeTensors.open(file)) {
            assertEquals(Dtype.I64, r.info("rng.sampler").dtype());
            assertArrayEquals(new long[] {3, 2}, r.info("adam.m.layer.weight").shape());
            assertEquals(TrainingState.FORMAT, r.metadata().get("format"));
            assertEquals("0.01", r.metadata().get("adam.weight_decay"));
        }
    }

    @Test
    void refusesMismatches() throws IOException {
        Path file = saved(adam(3e-4f, 0.9f, 2));
        TrainingState s = TrainingState.read(file);
        refused(() -> s.restore(adam(3e-4f, 0.8f, 2)), file, "adam.beta1 was 0.9 when saved but the optimiser has 0.8");
        refused(() -> s.restore(adam(3e-4f, 0.9f, 3)), file, "\"adam.m.layer.bias\" has shape [2] but the parameter has [3]");
        ParameterSet other = new ParameterSet();
        other.parameter("layer.weight", 3, 2);
        other.parameter("other.bias", 2);
        refused(() -> s.restore(new Adam(other, 3e-4f, 0.9f, 0.999f, 1e-8f, 0.01f)), file, "no optimiser state for parameter \"other.bias\"");
        ParameterSet fewer = new ParameterSet();
        fewer.parameter("layer.weight", 3, 2);
        Adam few = new Adam(fewer, 3e-4f, 0.9f, 0.999f, 1e-8f, 0.01f);
        refused(() -> s.restore(few), file, "optimiser state for \"layer.bias\", which the model does not have");
        assertEquals(0, few.stepCount(), "a refused restore changes nothing");
        refused(() -> s.rng("nope"), file, "no generator stream \"nope\"");
    }

    @Test
    void refusesFilesThatAreNotTrainingStates() throws IOException {
        Path weights = dir.resolve("weights.safetensors");
        SafeTensors.write(weights, Map.of("w", TensorData.f32(new float[] {1})), Map.of("format", "pt"));
        refused(() -> TrainingState.read(weights), weights, "not a training-state file");

        Map<String, String> meta = new LinkedHashMap<>(Map.of("format", TrainingState.FORMAT, "adam.step", "3", "adam.lr", "1e-4",
                "adam.beta1", "0.9", "adam.beta2", "0.999", "adam.eps", "1e-8", "adam.weight_decay", "0", "progress", "{}"));
        Path ok = dir.resolve("ok.safetensors");
        SafeTensors.write(ok, Map.of(), meta);
        assertEquals(3, TrainingState.read(ok).step());

        Path bad = dir.resolve("bad.safetensors");
        for (String[] c : new String[][] {{"adam.step", "-3", "not a step count"}, {"adam.lr", "fast", "\"adam.lr\" is not a number"},
                {"progress", "[1]", "not a JSON object"}, {"progress", "{\"a\":", "not valid JSON"}}) {
            Map<String, String> m = new LinkedHashMap<>(meta);
            m.put(c[0], c[1]);
            SafeTensors.write(bad, Map.of(), m);
            refused(() -> TrainingState.read(bad), bad, c[2]);
        }
        SafeTensors.write(bad, Map.of("rng.s", TensorData.ofLongs(Dtype.I64, new long[6], 6)), meta);
        refused(() -> TrainingState.read(bad), bad, "all-zero");
        SafeTensors.write(bad, Map.of("rng.s", TensorData.ofLongs(Dtype.I64, new long[5], 5)), meta);
        refused(() -> TrainingState.read(bad), bad, "must be I64 [6]");
        SafeTensors.write(bad, Map.of("adam.m.w", TensorData.ofFloats(Dtype.F16, new float[1], 1)), meta);
        refused(() -> TrainingState.read(bad), bad, "is F16, not F32");
        SafeTensors.write(bad, Map.of("w", TensorData.f32(new float[1], 1)), meta);
        refused(() -> TrainingState.read(bad), bad, "unexpected tensor \"w\"");
    }

    private interface Call {
        void run() throws IOException;
    }

    private static void refused(Call call, Path file, String mention) {
        SafeTensorsException e = assertThrows(SafeTensorsException.class, call::run);
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(mention), e.getMessage());
    }

    @Test
    void holdsTheClassifierOptimiserAndRefusesAMismatchedOne() throws IOException {
        io.colisten.engine.Tensor w = io.colisten.engine.Tensor.zeros(5, 3), b = io.colisten.engine.Tensor.zeros(5);
        io.colisten.engine.optim.ClassifierAdam c = new io.colisten.engine.optim.ClassifierAdam(w, b, 2e-3f, 0.9f, 0.999f, 1e-8f, 0f);
        float[] mw = new float[15], vb = new float[5];
        for (int i = 0; i < 15; i++) mw[i] = i * 0.25f - 1;
        for (int i = 0; i < 5; i++) vb[i] = i * 1e-4f;
        c.weightFirstMoment().copyFrom(mw);
        c.biasSecondMoment().copyFrom(vb);
        c.setStepCount(7);
        Path file = dir.resolve("with-classifier.safetensors");
        TrainingState.save(file, adam(1e-3f, 0.9f, 2), c, Map.of(), Map.of());
        TrainingState s = TrainingState.read(file);
        assertTrue(s.hasClassifier());
        io.colisten.engine.optim.ClassifierAdam back = new io.colisten.engine.optim.ClassifierAdam(
                io.colisten.engine.Tensor.zeros(5, 3), io.colisten.engine.Tensor.zeros(5), 1e-4f, 0.9f, 0.999f, 1e-8f, 0f);
        s.restore(back);
        assertArrayEquals(mw, back.weightFirstMoment().toArray());
        assertArrayEquals(vb, back.biasSecondMoment().toArray());
        assertEquals(7, back.stepCount());
        assertEquals(2e-3f, back.lr());
        // Another vocabulary size, or no bias where one was saved: refused, nothing changed.
        io.colisten.engine.optim.ClassifierAdam wider = new io.colisten.engine.optim.ClassifierAdam(
                io.colisten.engine.Tensor.zeros(6, 3), io.colisten.engine.Tensor.zeros(6), 2e-3f, 0.9f, 0.999f, 1e-8f, 0f);
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> s.restore(wider));
        assertTrue(e.getMessage().contains("classifier_adam.m.weight") && e.getMessage().contains("[5, 3]"), e.getMessage());
        assertEquals(0, wider.stepCount());
        io.colisten.engine.optim.ClassifierAdam noBias = new io.colisten.engine.optim.ClassifierAdam(
                io.colisten.engine.Tensor.zeros(5, 3), null, 2e-3f, 0.9f, 0.999f, 1e-8f, 0f);
        assertThrows(SafeTensorsException.class, () -> s.restore(noBias));
        // A file without one says so.
        TrainingState plain = TrainingState.read(saved(adam(3e-4f, 0.9f, 2)));
        assertTrue(!plain.hasClassifier());
        assertThrows(SafeTensorsException.class, () -> plain.restore(back));
    }
}
