package io.colisten.nn.checkpoint;

import io.colisten.engine.NoGrad;
import io.colisten.engine.Tensor;
import io.colisten.engine.io.SafeTensors;
import io.colisten.engine.io.SafeTensorsReader;
import io.colisten.engine.random.Rng;
import io.colisten.nn.embed.EmbedFixtures;
import io.colisten.nn.models.ClassifierHead;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.nn.models.ModelConfig;
import io.colisten.nn.modules.StateEntry;
import io.colisten.nn.text.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Save and load each network with a classifier head and a vocabulary: every tensor and counter comes
 * back bit for bit, the loaded network gives bit-identical embeddings, and the metadata says what
 * was saved. The networks are fully convolutional, so small windows (112 x 16) keep this quick.
 */
class CheckpointRoundTripTest {
    static final int T = 112, F = 16;

    @TempDir
    Path dir;

    static ModelConfig small(String name) {
        return EmbedFixtures.smallWindows(name);
    }

    /** Narrower still, for the round trips: ResNet-18 at a quarter width (0.7M parameters, not 11M). */
    static ModelConfig narrow(String name) {
        ModelConfig c = small(name);
        return name.equals(ModelConfig.RESNET18) ? c.withWidth(0.25) : name.equals(ModelConfig.SMALLCNN) ? c.withWidth(0.5) : c;
    }

    static Tensor windows(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * T * F];
        for (int i = 0; i < x.length; i++) x[i] = (float) (rng.nextGaussian() * 2 - 3);
        return Tensor.of(x, n, 1, T, F);
    }

    static float[] embed(EmbeddingNetwork net, Tensor x) {
        net.train(false);
        try (NoGrad ng = NoGrad.enter()) {
            return net.embed(x).toArray();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"smallcnn", "mobilenet", "resnet18"})
    void everyNetworkRoundTripsWithIdenticalOutputs(String name) throws IOException {
        EmbeddingNetwork net = EmbedFixtures.network(narrow(name), 11);
        ClassifierHead head = ClassifierHead.create(5, 128, 12);
        Vocabulary vocab = EmbedFixtures.vocabulary(List.of("rock", "pop", "love song", "jazz", "night"));
        Path cp = EmbedFixtures.run(dir.resolve(name), net, head, vocab, 1200);
        assertEquals(dir.resolve(name + "/checkpoints/step-00001200.safetensors"), cp);

        Checkpoint loaded = Checkpoint.load(dir.resolve(name)); // the run folder: its latest checkpoint
        assertEquals(cp, loaded.file());
        List<StateEntry> a = net.state().entries(), b = loaded.network().state().entries();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).name(), b.get(i).name());
            if (a.get(i).kind() == StateEntry.Kind.COUNTER) {
                assertEquals(a.get(i).counter().get(), b.get(i).counter().get(), a.get(i).name());
            } else {
                assertArrayEquals(a.get(i).tensor().toArray(), b.get(i).tensor().toArray(), 0f, a.get(i).name());
            }
        }
        assertArrayEquals(head.weight().toArray(), loaded.head().weight().toArray(), 0f);
        assertArrayEquals(head.bias().toArray(), loaded.head().bias().toArray(), 0f);
        Tensor x = windows(1, 3);
        assertArrayEquals(embed(net, x), embed(loaded.network(), x), 0f, name + " embeddings after the round trip");

        CheckpointMetadata m = loaded.metadata();
        assertEquals(narrow(name), m.config());
        assertEquals(1200, m.step());
        assertEquals("labels", m.stage());
        assertEquals(5, m.labels());
        assertEquals(new VocabularyRef("../vocab.tsv", 5, vocab.fingerprint()), m.vocabulary());
        assertEquals(vocab.terms(), loaded.vocabulary().terms());
    }

    @Test
    void metadataAndTensorNamesAreWhatAPyTorchUserExpects() throws IOException {
        EmbeddingNetwork net = EmbedFixtures.network(small("smallcnn"), 1);
        Path cp = dir.resolve("plain.safetensors");
        Checkpoint.save(cp, net, null, 0, "init");
        try (SafeTensorsReader r = SafeTensors.open(cp)) {
            Map<String, String> m = r.metadata();
            assertEquals("colisten-checkpoint", m.get("format"));
            assertEquals("1", m.get("version"));
            assertEquals("smallcnn", m.get("model"));
            assertEquals("{\"name\":\"smallcnn\",\"embedding_size\":128,\"width\":1.0,\"frames\":112,\"bands\":16}", m.get("config"));
            assertEquals("128", m.get("embedding_size"));
            assertEquals("0", m.get("labels"));
            assertEquals("", m.get("vocabulary"));
            assertEquals("I64", r.info("bn1.num_batches_tracked").dtype().name());
            assertEquals(0, r.info("bn1.num_batches_tracked").rank());
            assertEquals("F32", r.info("conv1.weight").dtype().name());
            assertTrue(!r.contains("classifier.weight"));
        }
        Checkpoint c = Checkpoint.load(cp);
        assertNull(c.head());
        assertNull(c.vocabulary());
    }

    @Test
    void latestPicksTheHighestStepNotTheLastName() throws IOException {
        Path run = dir.resolve("run");
        EmbeddingNetwork net = EmbedFixtures.network(small("smallcnn"), 1);
        Checkpoint.save(RunFolder.checkpoint(run, 9), net, null, 9, "triplet");
        Checkpoint.save(RunFolder.checkpoint(run, 100_000_000), net, null, 100_000_000, "triplet"); // 9 digits
        Checkpoint.save(RunFolder.checkpoint(run, 80), net, null, 80, "triplet");
        Files.writeString(run.resolve("checkpoints/step-99999999999.state.safetensors"), "not a checkpoint");
        Files.writeString(run.resolve("checkpoints/notes.txt"), "x");
        assertEquals(RunFolder.checkpoint(run, 100_000_000), RunFolder.latest(run));
        assertEquals(100_000_000, Checkpoint.load(run).metadata().step());
        assertEquals(run.resolve("checkpoints/step-00000080.state.safetensors"), RunFolder.state(RunFolder.checkpoint(run, 80)));

        NoSuchFileException none = assertThrows(NoSuchFileException.class, () -> RunFolder.latest(dir));
        assertTrue(none.getMessage().contains("not a run folder"), none.getMessage());
        Files.createDirectories(dir.resolve("empty/checkpoints"));
        NoSuchFileException empty = assertThrows(NoSuchFileException.class, () -> Checkpoint.load(dir.resolve("empty")));
        assertTrue(empty.getMessage().contains("no checkpoint"), empty.getMessage());
        NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> Checkpoint.load(dir.resolve("nope.safetensors")));
        assertTrue(missing.getMessage().contains("nope.safetensors"), missing.getMessage());
    }
}
