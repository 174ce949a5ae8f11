package io.colisten.nn.models;

import io.colisten.engine.NoGrad;
import io.colisten.engine.Tensor;
import io.colisten.engine.random.Init;
import io.colisten.engine.random.Rng;
import io.colisten.nn.modules.StateEntry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The |V|-way classifier: names, chunked init, logits of a label range, tag embeddings. */
class ClassifierHeadTest {
    @Test
    void namesShapesAndNoGradientBuffers() {
        ClassifierHead h = ClassifierHead.create(1000, 128, 1);
        List<StateEntry> e = h.state().entries();
        assertEquals(2, e.size());
        assertEquals("classifier.weight", e.get(0).name());
        assertArrayEquals(new int[] {1000, 128}, e.get(0).shape());
        assertEquals("classifier.bias", e.get(1).name());
        assertArrayEquals(new int[] {1000}, e.get(1).shape());
        assertNull(h.weight().grad(), "no |V|-sized gradient buffer");
        assertEquals(0, h.state().parameters().list().length, "not handed to a dense optimiser");
        assertEquals(1000L * 128 + 1000, h.state().parameters().count());
    }

    /** Chunked initialisation draws exactly what Init.linearDefault draws over the whole tensors (5000 rows: 3 chunks). */
    @Test
    void initialisationEqualsPyTorchDefaultDrawnWhole() {
        ClassifierHead h = ClassifierHead.create(5000, 16, 7);
        Tensor w = Tensor.zeros(5000, 16), b = Tensor.zeros(5000);
        Init.linearDefault(w, b, new Rng(7));
        assertArrayEquals(w.toArray(), h.weight().toArray());
        assertArrayEquals(b.toArray(), h.bias().toArray());
    }

    @Test
    void logitsOfALabelRangeAndTagEmbeddings() {
        int labels = 300, d = 8, n = 3;
        ClassifierHead h = ClassifierHead.create(labels, d, 2);
        float[] u = new float[n * d];
        Rng rng = new Rng(5);
        for (int i = 0; i < u.length; i++) u[i] = (float) rng.nextGaussian();
        float[] w = h.weight().toArray(), b = h.bias().toArray();
        int from = 37, to = 251;
        float[] logits, tags;
        try (NoGrad ng = NoGrad.enter()) {
            Tensor l = h.logits(Tensor.of(u, n, d), from, to);
            assertArrayEquals(new int[] {n, to - from}, l.shape());
            logits = l.toArray();
            tags = h.tagEmbeddings(from, to).toArray();
        }
        for (int i = 0; i < n; i++) {
            for (int j = from; j < to; j++) {
                double s = b[j];
                for (int k = 0; k < d; k++) s += (double) u[i * d + k] * w[j * d + k];
                assertEquals(s, logits[i * (to - from) + j - from], 1e-5, "logit " + i + ", " + j);
            }
        }
        for (int j = from; j < to; j++) {
            double norm = 0;
            for (int k = 0; k < d; k++) norm += (double) w[j * d + k] * w[j * d + k];
            norm = Math.sqrt(norm);
            for (int k = 0; k < d; k++) assertEquals(w[j * d + k] / norm, tags[(j - from) * d + k], 1e-6, "tag " + j);
        }
        assertArrayEquals(java.util.Arrays.copyOfRange(tags, 0, d), h.tagEmbedding(from), 0f);
    }

    @Test
    void badRangesAndShapesAreNamed() {
        ClassifierHead h = ClassifierHead.create(10, 4, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.logits(Tensor.zeros(2, 4), 5, 11));
        assertTrue(e.getMessage().contains("[5, 11)") && e.getMessage().contains("[0, 10)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> h.logits(Tensor.zeros(2, 5), 0, 3));
        assertTrue(e.getMessage().contains("[2, 5]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ClassifierHead(20_000_000, 128));
    }
}
