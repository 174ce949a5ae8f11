package io.colisten.nn.embed;

import io.colisten.engine.random.Rng;
import io.colisten.nn.audio.WavWriter;
import io.colisten.nn.checkpoint.Checkpoint;
import io.colisten.nn.checkpoint.RunFolder;
import io.colisten.nn.models.ClassifierHead;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.nn.models.ModelConfig;
import io.colisten.nn.models.Models;
import io.colisten.nn.modules.StateEntry;
import io.colisten.nn.text.Tokenizer;
import io.colisten.nn.text.Vocabulary;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Random-init networks, vocabularies, run folders and generated audio for the checkpoint and
 * embedder tests (public for the tests of the checkpoint package).
 */
public final class EmbedFixtures {
    private EmbedFixtures() {}

    /**
     * MobileNet at a quarter width on full 300 x 64 windows: audio-ready and the cheapest network
     * here (about 7M MACs a window against SmallCNN's 530M), which is what matters while the
     * kernels are still cold in a test JVM.
     */
    public static ModelConfig audioNetwork() {
        return ModelConfig.of(ModelConfig.MOBILENET).withWidth(0.25);
    }

    /** The paper's network on small windows (112 frames x 16 bands; all three are fully convolutional), for quick tests. */
    public static ModelConfig smallWindows(String name) {
        ModelConfig c = ModelConfig.of(name);
        return new ModelConfig(c.name(), c.embeddingSize(), c.width(), 112, 16);
    }

    /** A network with its batch norm running statistics and affine parameters moved off their defaults. */
    public static EmbeddingNetwork network(ModelConfig config, long seed) {
        EmbeddingNetwork net = Models.create(config, seed);
        Rng rng = new Rng(seed ^ 0x5DEECE66DL);
        for (StateEntry e : net.state().entries()) {
            String n = e.name();
            if (e.kind() == StateEntry.Kind.COUNTER) {
                e.counter().set(7 + rng.nextInt(100));
                continue;
            }
            boolean bn = n.endsWith("running_mean") || n.endsWith("running_var")
                    || (isNorm(net, n) && (n.endsWith(".weight") || n.endsWith(".bias")));
            if (!bn) continue;
            float[] v = e.tensor().toArray();
            for (int i = 0; i < v.length; i++) {
                double u = rng.uniform(-0.5, 0.5);
                v[i] = (float) (n.endsWith("running_var") || n.endsWith(".weight") ? 1 + u : u);
            }
            e.tensor().copyFrom(v);
        }
        return net;
    }

    /** Whether {@code name} belongs to a batch norm (it has a running_mean beside it). */
    private static boolean isNorm(EmbeddingNetwork net, String name) {
        String prefix = name.substring(0, name.lastIndexOf('.') + 1);
        return net.state().entries().stream().anyMatch(x -> x.name().equals(prefix + "running_mean"));
    }

    /** A vocabulary of these terms with counts n, n-1, ..., 1 (already in vocabulary order if the terms are sorted so). */
    public static Vocabulary vocabulary(List<String> terms) {
        long[] counts = new long[terms.size()];
        for (int i = 0; i < counts.length; i++) counts[i] = terms.size() - i;
        return new Vocabulary(terms, counts, terms.size(), "test", Tokenizer.VERSION);
    }

    /** Writes RUN/vocab.tsv (when vocabulary is not null) and RUN/checkpoints/step-N.safetensors; returns the checkpoint. */
    public static Path run(Path run, EmbeddingNetwork net, ClassifierHead head, Vocabulary vocabulary, long step)
            throws IOException {
        Path cp = RunFolder.checkpoint(run, step);
        if (vocabulary != null) {
            Path vf = run.resolve(RunFolder.VOCABULARY);
            vocabulary.write(vf);
            Checkpoint.save(cp, net, head, step, head == null ? "triplet" : "labels", vf, vocabulary);
        } else {
            Checkpoint.save(cp, net, head, step, "triplet");
        }
        return cp;
    }

    /** A mono 32-bit float WAV of a chord with noise, distinct per seed. */
    public static Path wav(Path file, double seconds, int rate, long seed) throws IOException {
        WavWriter.writeFloat32(file, signal(seconds, rate, seed), 1, rate);
        return file;
    }

    public static float[] signal(double seconds, int rate, long seed) {
        Rng rng = new Rng(seed);
        int n = (int) Math.round(seconds * rate);
        double f1 = 110 + 400 * rng.nextDouble(), f2 = 300 + 2000 * rng.nextDouble();
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * f1 * t) + 0.2 * Math.sin(2 * Math.PI * f2 * t) * (1 + Math.sin(3 * t))
                    + 0.05 * rng.nextGaussian());
        }
        return x;
    }
}
