package io.colisten.engine;

import io.colisten.engine.io.SafeTensorsReader;
import io.colisten.engine.io.SafeTensors;
import io.colisten.engine.io.StateDict;
import io.colisten.engine.io.TrainingState;
import io.colisten.engine.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run stopped after a few steps, saved (weights + training state), and resumed in fresh objects
 * continues bit for bit like the run that never stopped: same losses, parameters, running
 * statistics, Adam moments and step count, same sampler stream.
 */
class ResumeTrainingTest {
    static final int TOTAL = 8, SAVE_AT = 3;

    /**
     * The "sampler": each step's inputs and targets come from the generator (plus one extra normal,
     * so that a normal is left pending at odd steps); the net's seed only sets its initial weights.
     */
    private static float step(TinyConvNet net, Rng sampler) {
        float[] x = new float[TinyConvNet.N * TinyConvNet.H * TinyConvNet.W];
        for (int i = 0; i < x.length; i++) x[i] = (float) sampler.nextGaussian();
        x[0] += (float) sampler.nextGaussian();
        net.x.copyFrom(x);
        float[] t = new float[TinyConvNet.N * TinyConvNet.CLASSES];
        for (int i = 0; i < TinyConvNet.N; i++) t[i * TinyConvNet.CLASSES + sampler.nextInt(TinyConvNet.CLASSES)] = 1f;
        net.targets.copyFrom(t);
        return net.step();
    }

    @Test
    void resumedRunMatchesTheUninterruptedOneBitForBit(@TempDir Path dir) throws IOException {
        TinyConvNet straight = new TinyConvNet(5);
        Rng straightSampler = new Rng(99);
        float[] losses = new float[TOTAL];
        for (int i = 0; i < TOTAL; i++) losses[i] = step(straight, straightSampler);

        TinyConvNet first = new TinyConvNet(5);
        Rng sampler = new Rng(99);
        for (int i = 0; i < SAVE_AT; i++) assertEquals(Float.floatToRawIntBits(losses[i]), Float.floatToRawIntBits(step(first, sampler)));
        assertEquals(1, sampler.state()[4], "a normal is pending at the save: the test covers it");
        Path weights = dir.resolve("weights.safetensors"), state = dir.resolve("state.safetensors");
        StateDict.save(weights, first.params, Map.of("model", "tiny"));
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("stage", "labels");
        progress.put("epoch", 1L);
        progress.put("step", (long) SAVE_AT);
        TrainingState.save(state, first.adam, Map.of("sampler", sampler), progress);

        TinyConvNet resumed = new TinyConvNet(12345); // other initial weights: everything must come from the files
        Set<String> extra = StateDict.load(weights, resumed.params);
        assertTrue(extra.isEmpty(), extra.toString());
        TrainingState ts = TrainingState.read(state);
        ts.restore(resumed.adam);
        Rng resumedSampler = ts.rng("sampler");
        assertEquals(progress, ts.progress());
        assertEquals(SAVE_AT, resumed.adam.stepCount());
        for (int i = SAVE_AT; i < TOTAL; i++) {
            assertEquals(Float.floatToRawIntBits(losses[i]), Float.floatToRawIntBits(step(resumed, resumedSampler)), "loss at step " + i);
        }

        assertEquals(TOTAL, resumed.adam.stepCount());
        for (String name : straight.params.parameters().keySet()) {
            assertBitEqual(straight.params.get(name), resumed.params.get(name), name);
            assertBitEqual(straight.adam.firstMoment(name), resumed.adam.firstMoment(name), name + " m");
            assertBitEqual(straight.adam.secondMoment(name), resumed.adam.secondMoment(name), name + " v");
        }
        for (String name : straight.params.buffers().keySet()) {
            assertBitEqual(straight.params.get(name), resumed.params.get(name), name);
        }
        assertEquals(straightSampler.nextLong(), resumedSampler.nextLong());
        try (SafeTensorsReader r = SafeTensors.open(weights)) {
            assertEquals("tiny", r.metadata().get("model"));
        }
    }

    /** Without the training state (weights only) the continuation differs: the test can fail. */
    @Test
    void weightsAloneDoNotResumeExactly(@TempDir Path dir) throws IOException {
        TinyConvNet straight = new TinyConvNet(5), first = new TinyConvNet(5), resumed = new TinyConvNet(5);
        Rng a = new Rng(99), b = new Rng(99);
        float last = 0;
        for (int i = 0; i < TOTAL; i++) last = step(straight, a);
        for (int i = 0; i < SAVE_AT; i++) step(first, b);
        Path weights = dir.resolve("w.safetensors");
        StateDict.save(weights, first.params, null);
        StateDict.load(weights, resumed.params);
        float other = 0;
        for (int i = SAVE_AT; i < TOTAL; i++) other = step(resumed, b);
        assertFalse(Float.floatToRawIntBits(last) == Float.floatToRawIntBits(other), "fresh Adam moments change the path");
    }

    private static void assertBitEqual(Tensor a, Tensor b, String what) {
        float[] x = a.toArray(), y = b.toArray();
        assertEquals(x.length, y.length, what);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToRawIntBits(x[i]), Float.floatToRawIntBits(y[i]), what + " element " + i);
        }
    }
}
