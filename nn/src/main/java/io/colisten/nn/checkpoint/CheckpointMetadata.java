package io.colisten.nn.checkpoint;

import io.colisten.nn.models.ModelConfig;
import io.colisten.nn.text.Tokenizer;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A checkpoint's {@code __metadata__} (all values are strings, as safetensors requires):
 * <pre>
 * format                  colisten-checkpoint
 * version                 1
 * model                   smallcnn | mobilenet | resnet18
 * config                  the ModelConfig as JSON ({@link ModelConfigJson})
 * embedding_size          128 (repeats the config, for tools that read no JSON)
 * step                    optimiser steps taken when it was written (0 for a fresh network)
 * stage                   what training stage wrote it ("init", "triplet", "labels", ...)
 * labels                  classifier outputs |V|; 0 when the file holds no classifier head
 * vocabulary              vocab.tsv relative to the checkpoint's folder, or empty
 * vocabulary_size         its number of terms (0 when none)
 * vocabulary_fingerprint  Vocabulary.fingerprint() (empty when none)
 * tokenizer               the Tokenizer.VERSION the vocabulary was built with (empty when none)
 * </pre>
 */
public record CheckpointMetadata(ModelConfig config, long step, String stage, int labels, VocabularyRef vocabulary) {
    public static final String FORMAT = "colisten-checkpoint";
    public static final int VERSION = 1;

    public CheckpointMetadata {
        if (config == null || vocabulary == null) throw new IllegalArgumentException("checkpoint metadata: null field");
        if (step < 0) throw new IllegalArgumentException("checkpoint metadata: step must be >= 0, got " + step);
        if (stage == null || stage.isEmpty() || stage.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("checkpoint metadata: stage must be a non-empty line of text, got '" + stage + "'");
        }
        if (labels < 0) throw new IllegalArgumentException("checkpoint metadata: labels must be >= 0, got " + labels);
        if (labels > 0 && vocabulary.isPresent() && vocabulary.size() != labels) {
            throw new IllegalArgumentException("checkpoint metadata: the classifier has " + labels
                    + " outputs but the vocabulary has " + vocabulary.size() + " terms");
        }
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("version", Integer.toString(VERSION));
        m.put("model", config.name());
        m.put("config", ModelConfigJson.write(config));
        m.put("embedding_size", Integer.toString(config.embeddingSize()));
        m.put("step", Long.toString(step));
        m.put("stage", stage);
        m.put("labels", Integer.toString(labels));
        m.put("vocabulary", vocabulary.path());
        m.put("vocabulary_size", Integer.toString(vocabulary.size()));
        m.put("vocabulary_fingerprint", vocabulary.fingerprint());
        m.put("tokenizer", vocabulary.isPresent() ? Tokenizer.VERSION : "");
        return m;
    }

    /** Reads and checks the metadata of {@code file}; every problem names the file and the key. */
    public static CheckpointMetadata parse(Path file, Map<String, String> m) throws CheckpointException {
        String format = m.get("format");
        if (!FORMAT.equals(format)) {
            throw new CheckpointException(file, "not a Colisten checkpoint (metadata 'format' is "
                    + (format == null ? "missing" : "'" + format + "'") + ", expected '" + FORMAT + "')");
        }
        long version = number(file, m, "version");
        if (version != VERSION) {
            throw new CheckpointException(file, "checkpoint version " + version + " is not readable by this program (it reads "
                    + VERSION + ")");
        }
        String model = required(file, m, "model");
        if (!ModelConfig.NAMES.contains(model)) {
            throw new CheckpointException(file, "unknown model '" + model + "' (known: " + String.join(", ", ModelConfig.NAMES) + ")");
        }
        ModelConfig config;
        try {
            config = ModelConfigJson.read(required(file, m, "config"));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "metadata 'config': " + e.getMessage());
        }
        if (!config.name().equals(model)) {
            throw new CheckpointException(file, "metadata 'model' is '" + model + "' but the config names '" + config.name() + "'");
        }
        long embedding = number(file, m, "embedding_size");
        if (embedding != config.embeddingSize()) {
            throw new CheckpointException(file, "metadata 'embedding_size' is " + embedding + " but the config says "
                    + config.embeddingSize());
        }
        long step = number(file, m, "step");
        long labels = number(file, m, "labels");
        if (labels > Integer.MAX_VALUE) throw new CheckpointException(file, "metadata 'labels' is too large: " + labels);
        String vocab = m.getOrDefault("vocabulary", "");
        VocabularyRef ref = VocabularyRef.NONE;
        if (!vocab.isEmpty()) {
            long size = number(file, m, "vocabulary_size");
            String fingerprint = required(file, m, "vocabulary_fingerprint");
            String tokenizer = m.getOrDefault("tokenizer", "");
            if (!Tokenizer.VERSION.equals(tokenizer)) {
                throw new CheckpointException(file, "its vocabulary was built with tokenizer '" + tokenizer
                        + "', this program tokenises with '" + Tokenizer.VERSION + "'");
            }
            if (size > Integer.MAX_VALUE) throw new CheckpointException(file, "metadata 'vocabulary_size' is too large: " + size);
            ref = new VocabularyRef(vocab, (int) size, fingerprint);
        }
        try {
            return new CheckpointMetadata(config, step, required(file, m, "stage"), (int) labels, ref);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, e.getMessage());
        }
    }

    private static String required(Path file, Map<String, String> m, String key) throws CheckpointException {
        String v = m.get(key);
        if (v == null) throw new CheckpointException(file, "metadata '" + key + "' is missing");
        return v;
    }

    private static long number(Path file, Map<String, String> m, String key) throws CheckpointException {
        String v = required(file, m, key);
        try {
            long n = Long.parseLong(v);
            if (n >= 0 && v.equals(Long.toString(n))) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CheckpointException(file, "metadata '" + key + "' must be a non-negative integer, found '" + v + "'");
    }
}
