package io.colisten.nn.checkpoint;

import io.colisten.engine.io.SafeTensors;
import io.colisten.engine.io.SafeTensorsException;
import io.colisten.engine.io.TensorData;
import io.colisten.nn.embed.EmbedFixtures;
import io.colisten.nn.models.ClassifierHead;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.nn.text.Vocabulary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each way a checkpoint can be wrong is refused on load with a message that starts with the file
 * and names the problem. The files are made by saving a valid checkpoint and rewriting its
 * tensors or metadata.
 */
class CheckpointValidationTest {
    @TempDir
    Path dir;

    private Path run, cp;
    private Vocabulary vocab;

    @BeforeEach
    void saveValid() throws IOException {
        run = dir.resolve("run");
        EmbeddingNetwork net = EmbedFixtures.network(CheckpointRoundTripTest.small("smallcnn"), 4);
        vocab = EmbedFixtures.vocabulary(List.of("rock", "pop", "jazz"));
        cp = EmbedFixtures.run(run, net, ClassifierHead.create(3, 128, 5), vocab, 10);
        Checkpoint.load(cp); // valid as saved
    }

    /** Rewrites the checkpoint with its tensors and metadata edited. */
    private void rewrite(Consumer<Map<String, TensorData>> tensors, Consumer<Map<String, String>> metadata) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(cp);
        Map<String, TensorData> t = new LinkedHashMap<>(c.tensors());
        Map<String, String> m = new LinkedHashMap<>(c.metadata());
        tensors.accept(t);
        metadata.accept(m);
        SafeTensors.write(cp, t, m);
    }

    private void metadata(String key, String value) throws IOException {
        rewrite(t -> {}, m -> {
            if (value == null) m.remove(key); else m.put(key, value);
        });
    }

    private String refused() {
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> Checkpoint.load(cp));
        assertTrue(e.getMessage().startsWith(cp.toString() + ": "), e.getMessage());
        return e.getMessage();
    }

    private static void contains(String message, String part) {
        assertTrue(message.contains(part), "'" + part + "' not in: " + message);
    }

    @Test
    void wrongModelName() throws IOException {
        metadata("model", "vgg16");
        contains(refused(), "unknown model 'vgg16' (known: smallcnn, mobilenet, resnet18)");
    }

    @Test
    void modelNameThatDisagreesWithTheConfig() throws IOException {
        metadata("model", "resnet18");
        contains(refused(), "metadata 'model' is 'resnet18' but the config names 'smallcnn'");
    }

    @Test
    void tensorsOfAnotherNetwork() throws IOException {
        metadata("model", "mobilenet");
        metadata("config", "{\"name\":\"mobilenet\",\"embedding_size\":128,\"width\":0.4375,\"frames\":112,\"bands\":16}");
        contains(refused(), "tensor(s) that a mobilenet network needs");
    }

    @Test
    void missingTensor() throws IOException {
        rewrite(t -> t.remove("conv2.weight"), m -> {});
        contains(refused(), "lacks 1 tensor(s) that a smallcnn network needs: 'conv2.weight'");
    }

    @Test
    void shapeMismatch() throws IOException {
        rewrite(t -> t.put("fc.weight", TensorData.f32(new float[128 * 7], 128, 7)), m -> {});
        contains(refused(), "tensor 'fc.weight' has shape [128, 7] but the model expects [128, 128]");
    }

    @Test
    void classifierShapeAgainstTheMetadata() throws IOException {
        rewrite(t -> t.put("classifier.bias", TensorData.f32(new float[4], 4)), m -> {});
        contains(refused(), "tensor 'classifier.bias' has shape [4] but the metadata implies [3]");
    }

    @Test
    void classifierTensorsWithoutLabels() throws IOException {
        rewrite(t -> {}, m -> {
            m.put("labels", "0");
            m.put("vocabulary", "");
        });
        contains(refused(), "holds classifier tensors but metadata 'labels' is 0");
    }

    @Test
    void unexpectedTensor() throws IOException {
        rewrite(t -> t.put("projection.weight", TensorData.f32(new float[4], 2, 2)), m -> {});
        contains(refused(), "unexpected tensor(s) 'projection.weight'");
    }

    @Test
    void vocabularyMismatch() throws IOException {
        EmbedFixtures.vocabulary(List.of("rock", "pop", "blues")).write(run.resolve("vocab.tsv"));
        String m = refused();
        contains(m, "vocabulary mismatch: " + run.resolve("vocab.tsv").toAbsolutePath().normalize());
        contains(m, "trained with 3 terms (fingerprint " + vocab.fingerprint() + ")");
    }

    @Test
    void vocabularyFileMissing() throws IOException {
        Files.delete(run.resolve("vocab.tsv"));
        contains(refused(), "(metadata 'vocabulary' = '../vocab.tsv') is missing");
    }

    @Test
    void vocabularySizeDisagreesWithTheHead() throws IOException {
        metadata("vocabulary_size", "4");
        contains(refused(), "the classifier has 3 outputs but the vocabulary has 4 terms");
    }

    @Test
    void notAColistenCheckpoint() throws IOException {
        rewrite(t -> {}, m -> {
            m.clear();
            m.put("format", "pt");
        });
        contains(refused(), "not a Colisten checkpoint (metadata 'format' is 'pt', expected 'colisten-checkpoint')");
    }

    @Test
    void newerVersionOrBadNumbers() throws IOException {
        metadata("version", "2");
        contains(refused(), "checkpoint version 2 is not readable");
        metadata("version", "1");
        metadata("step", "-3");
        contains(refused(), "metadata 'step' must be a non-negative integer, found '-3'");
        metadata("step", null);
        contains(refused(), "metadata 'step' is missing");
    }

    @Test
    void configJsonProblems() throws IOException {
        metadata("config", "{\"name\":\"smallcnn\",\"embedding_size\":128,\"width\":1.0,\"frames\":112,\"bands\":16,\"dropout\":0.1}");
        contains(refused(), "metadata 'config': unknown key 'dropout'");
        metadata("config", "{\"name\":\"smallcnn\",\"width\":1.0,\"frames\":112,\"bands\":16}");
        contains(refused(), "metadata 'config': key 'embedding_size' is missing");
        metadata("config", "{\"name\":\"smallcnn\"");
        contains(refused(), "metadata 'config': not valid JSON");
        metadata("config", "{\"name\":\"smallcnn\",\"embedding_size\":64,\"width\":1.0,\"frames\":112,\"bands\":16}");
        contains(refused(), "metadata 'embedding_size' is 128 but the config says 64");
    }

    @Test
    void savingRefusesAHeadOfTheWrongWidth() {
        EmbeddingNetwork net = EmbedFixtures.network(CheckpointRoundTripTest.small("smallcnn"), 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.save(dir.resolve("x.safetensors"), net, ClassifierHead.create(3, 64, 1), 0, "labels"));
        contains(e.getMessage(), "the classifier takes 64-dimensional input but the network embeds in 128");
        assertEquals(false, Files.exists(dir.resolve("x.safetensors")));
    }
}
