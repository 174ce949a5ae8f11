package io.colisten.bench;

import io.colisten.engine.NoGrad;
import io.colisten.engine.Tensor;
import io.colisten.engine.io.SafeTensors;
import io.colisten.engine.io.TensorData;
import io.colisten.engine.random.Init;
import io.colisten.engine.random.Rng;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.nn.models.ModelConfig;
import io.colisten.nn.models.Models;
import io.colisten.nn.modules.ModuleStateFiles;
import io.colisten.nn.modules.StateEntry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Java half of {@code bench/run parity}: for each network, seeded random weights (batch norm's
 * affine parameters drawn too, and running statistics moved by two training-mode batches so that
 * eval mode is not the identity), written as {@code DIR/<name>.safetensors} (the state_dict,
 * loadable by PyTorch's {@code load_state_dict}); a batch of log-mel windows and our eval-mode
 * embeddings of it as {@code DIR/<name>.io.safetensors} ("logmel" [n, 1, 300, 64], "embeddings"
 * [n, 128]). bench/peer/parity.py rebuilds each network in PyTorch from these files.
 * Usage: ParityExport DIR [windows]
 */
public final class ParityExport {
    private ParityExport() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ParityExport DIR [windows]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Files.createDirectories(dir);
        long seed = 2026;
        for (String name : ModelConfig.NAMES) {
            EmbeddingNetwork net = Models.create(name, seed);
            Rng rng = new Rng(seed + 1);
            for (StateEntry e : net.state().entries()) {
                if (e.kind() != StateEntry.Kind.PARAMETER || e.tensor().rank() != 1 || e.name().endsWith("fc.bias")) continue;
                Init.uniform(e.tensor(), 0.5, rng); // batch norm weight and bias: U(-0.5, 0.5), then weights shifted by 1
                if (e.name().endsWith(".weight")) shift(e.tensor(), 1f);
            }
            try (NoGrad ng = NoGrad.enter()) {
                net.train(true);
                for (int b = 0; b < 2; b++) net.embed(logMel(4, rng));
                net.train(false);
                Tensor x = logMel(n, rng);
                float[] y = net.embed(x).toArray();
                ModelConfig c = net.config();
                Map<String, String> meta = Map.of("model", name, "width", Double.toString(c.width()),
                        "embedding", Integer.toString(c.embeddingSize()), "seed", Long.toString(seed));
                ModuleStateFiles.save(dir.resolve(name + ".safetensors"), net.state(), meta);
                Map<String, TensorData> io = new LinkedHashMap<>();
                io.put("logmel", TensorData.of(x));
                io.put("embeddings", TensorData.f32(y, n, c.embeddingSize()));
                SafeTensors.write(dir.resolve(name + ".io.safetensors"), io, meta);
            }
            System.out.printf("ours: %s: %d windows, weights and embeddings in %s%n", name, n, dir);
        }
    }

    /** Log-mel-like values: log(mel + 0.01) of our front end lies in about [-4.6, 8]. */
    private static Tensor logMel(int n, Rng rng) {
        float[] v = new float[n * 300 * 64];
        for (int i = 0; i < v.length; i++) v[i] = (float) (rng.nextGaussian() * 2 - 2);
        return Tensor.of(v, n, 1, 300, 64);
    }

    private static void shift(Tensor t, float by) {
        float[] v = t.toArray();
        for (int i = 0; i < v.length; i++) v[i] += by;
        t.copyFrom(v);
    }
}
