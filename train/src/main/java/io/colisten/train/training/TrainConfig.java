package io.colisten.train.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.colisten.engine.io.AtomicFiles;
import io.colisten.nn.models.ModelConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A training run's settings, resolved from three layers: the defaults here, a JSON config file
 * (optional), then command-line options; the result is written to RUN/config.json and a resumed
 * run reads it back from there (command-line options then only extend the run: --steps, --minutes).
 * Keys are snake_case; an unknown key or a value of the wrong kind is an error naming the source.
 *
 * @param corpus         the corpus folder
 * @param store          its feature store (null: CORPUS/features)
 * @param model          smallcnn, mobilenet or resnet18
 * @param width          channel multiplier (0: the network's paper width)
 * @param mode           triplet, labels, hybrid or cf-regression
 * @param steps          optimiser steps in all (0: no step limit, then minutes must be set)
 * @param minutes        wall-clock training budget of this invocation (0: none); stops at a step boundary with a checkpoint
 * @param checkpointEvery steps between checkpoints (each stage's end and the run's end always get one)
 * @param keepCheckpoints checkpoints kept on disk (the newest; stage ends are kept as well)
 * @param seed           initialisation and stream seed
 * @param batch          windows (triplets) per step; the paper's 132
 * @param lr             Adam's learning rate for the network and the classifier (paper: 1e-4)
 * @param classifierLr   the classifier's own learning rate (0: lr). Its logits are W u + b with u a
 *                       unit vector, so W's rows must grow to several units before the softmax can
 *                       be confident; a short run (the demo) gets there sooner with a larger rate
 * @param streamThreads  background threads building batches
 * @param evalEvery      steps between held-out losses (0: only at stage ends)
 * @param evalBatches    held-out batches per measurement (fixed: the same windows every time)
 * @param logEvery       steps between metrics lines
 * @param plateauWindow  hybrid: steps over which the smoothed triplet loss must keep improving
 * @param plateauImprovement hybrid: the relative improvement over a window below which the triplet loss has levelled off
 * @param smoothing      the exponential smoothing factor of the reported loss (0.98: about 50 steps)
 * @param minTripletSteps hybrid: the triplet stage runs at least this long
 * @param maxTripletSteps hybrid: and at most this long (0: half of steps)
 * @param tripletShare   hybrid with a time budget: the triplet stage's largest share of the minutes
 * @param factors        cf-regression: the WMF factors (.npy beside ids.txt; null: computed into the run)
 */
public record TrainConfig(String corpus, String store, String model, double width, String mode, long steps, double minutes,
                          long checkpointEvery, int keepCheckpoints, long seed, int batch, double lr, double classifierLr, int streamThreads,
                          long evalEvery, int evalBatches, int logEvery, int plateauWindow, double plateauImprovement,
                          double smoothing, long minTripletSteps, long maxTripletSteps, double tripletShare, String factors) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The defaults, in the order config.json lists them. */
    public static Map<String, Object> defaults() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("corpus", null);
        m.put("store", null);
        m.put("model", ModelConfig.SMALLCNN);
        m.put("width", 0.0);
        m.put("mode", "hybrid");
        m.put("steps", 10_000L);
        m.put("minutes", 0.0);
        m.put("checkpoint_every", 500L);
        m.put("keep_checkpoints", 3L);
        m.put("seed", 1L);
        m.put("batch", 132L);
        m.put("lr", 1e-4);
        m.put("classifier_lr", 0.0);
        m.put("stream_threads", 2L);
        m.put("eval_every", 500L);
        m.put("eval_batches", 4L);
        m.put("log_every", 10L);
        m.put("plateau_window", 200L);
        m.put("plateau_improvement", 0.01);
        m.put("smoothing", 0.98);
        m.put("min_triplet_steps", 0L);
        m.put("max_triplet_steps", 0L);
        m.put("triplet_share", 0.5);
        m.put("factors", null);
        return m;
    }

    public TrainConfig {
        if (corpus == null || corpus.isBlank()) throw new IllegalArgumentException("config: corpus is not set");
        ModelConfig.of(model); // validates the name
        TrainMode.ofWord(mode);
        if (!(width >= 0) || width > 16) throw new IllegalArgumentException("config: width must be in [0, 16], got " + width);
        if (steps < 0) throw new IllegalArgumentException("config: steps must be >= 0, got " + steps);
        if (!(minutes >= 0)) throw new IllegalArgumentException("config: minutes must be >= 0, got " + minutes);
        if (steps == 0 && minutes == 0) throw new IllegalArgumentException("config: set steps or minutes (both are 0: the run would never end)");
        if (checkpointEvery < 1) throw new IllegalArgumentException("config: checkpoint_every must be >= 1, got " + checkpointEvery);
        if (keepCheckpoints < 1) throw new IllegalArgumentException("config: keep_checkpoints must be >= 1, got " + keepCheckpoints);
        if (batch < 2) throw new IllegalArgumentException("config: batch must be >= 2 (batch norm and in-batch mining), got " + batch);
        if (!(lr > 0) || !Double.isFinite(lr)) throw new IllegalArgumentException("config: lr must be > 0, got " + lr);
        if (!(classifierLr >= 0) || !Double.isFinite(classifierLr)) throw new IllegalArgumentException("config: classifier_lr must be >= 0, got " + classifierLr);
        if (streamThreads < 1) throw new IllegalArgumentException("config: stream_threads must be >= 1, got " + streamThreads);
        if (evalEvery < 0 || evalBatches < 0) throw new IllegalArgumentException("config: eval_every and eval_batches must be >= 0");
        if (logEvery < 1) throw new IllegalArgumentException("config: log_every must be >= 1, got " + logEvery);
        if (plateauWindow < 1) throw new IllegalArgumentException("config: plateau_window must be >= 1, got " + plateauWindow);
        if (!(plateauImprovement >= 0)) throw new IllegalArgumentException("config: plateau_improvement must be >= 0, got " + plateauImprovement);
        if (!(smoothing >= 0 && smoothing < 1)) throw new IllegalArgumentException("config: smoothing must be in [0, 1), got " + smoothing);
        if (minTripletSteps < 0 || maxTripletSteps < 0) throw new IllegalArgumentException("config: triplet step bounds must be >= 0");
        if (!(tripletShare > 0 && tripletShare <= 1)) throw new IllegalArgumentException("config: triplet_share must be in (0, 1], got " + tripletShare);
    }

    public TrainMode trainMode() {
        return TrainMode.ofWord(mode);
    }

    /** The network's configuration: the paper's, at {@link #width} when set. */
    public ModelConfig modelConfig() {
        ModelConfig c = ModelConfig.of(model);
        return width > 0 ? c.withWidth(width) : c;
    }

    /** The triplet stage's step cap in hybrid mode. */
    public long tripletStepCap() {
        if (maxTripletSteps > 0) return maxTripletSteps;
        return steps > 0 ? Math.max(1, steps / 2) : Long.MAX_VALUE;
    }

    /** The settings as config.json holds them. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("corpus", corpus);
        m.put("store", store);
        m.put("model", model);
        m.put("width", width);
        m.put("mode", mode);
        m.put("steps", steps);
        m.put("minutes", minutes);
        m.put("checkpoint_every", checkpointEvery);
        m.put("keep_checkpoints", (long) keepCheckpoints);
        m.put("seed", seed);
        m.put("batch", (long) batch);
        m.put("lr", lr);
        m.put("classifier_lr", classifierLr);
        m.put("stream_threads", (long) streamThreads);
        m.put("eval_every", evalEvery);
        m.put("eval_batches", (long) evalBatches);
        m.put("log_every", (long) logEvery);
        m.put("plateau_window", (long) plateauWindow);
        m.put("plateau_improvement", plateauImprovement);
        m.put("smoothing", smoothing);
        m.put("min_triplet_steps", minTripletSteps);
        m.put("max_triplet_steps", maxTripletSteps);
        m.put("triplet_share", tripletShare);
        m.put("factors", factors);
        return m;
    }

    /** The record from a complete map of values (defaults, then the layers put over them). */
    public static TrainConfig fromMap(Map<String, Object> m) {
        return new TrainConfig(str(m, "corpus"), str(m, "store"), str(m, "model"), num(m, "width"), str(m, "mode"),
                lng(m, "steps"), num(m, "minutes"), lng(m, "checkpoint_every"), integer(m, "keep_checkpoints"), lng(m, "seed"),
                integer(m, "batch"), num(m, "lr"), num(m, "classifier_lr"), integer(m, "stream_threads"), lng(m, "eval_every"), integer(m, "eval_batches"),
                integer(m, "log_every"), integer(m, "plateau_window"), num(m, "plateau_improvement"), num(m, "smoothing"),
                lng(m, "min_triplet_steps"), lng(m, "max_triplet_steps"), num(m, "triplet_share"), str(m, "factors"));
    }

    /**
     * Puts the keys of the JSON object in {@code file} over {@code into}: every key must be a known
     * one and its value of the default's kind (a number, a string, or null where the default is null).
     */
    public static void overlay(Map<String, Object> into, Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) throw new IOException(file + ": a config file is one JSON object");
        Map<String, Object> defaults = defaults();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (!defaults.containsKey(key)) {
                throw new IOException(file + ": unknown key \"" + key + "\" (known: " + String.join(", ", defaults.keySet()) + ")");
            }
            JsonNode v = e.getValue();
            Object d = defaults.get(key);
            if (v.isNull()) into.put(key, null);
            else if (d instanceof Long && v.canConvertToExactIntegral()) into.put(key, v.longValue());
            else if (d instanceof Double && v.isNumber()) into.put(key, v.doubleValue());
            else if ((d == null || d instanceof String) && v.isTextual()) into.put(key, v.textValue());
            else {
                String want = d instanceof Long ? "an integer" : d instanceof Double ? "a number" : "a string";
                throw new IOException(file + ": \"" + key + "\" must be " + want + ", got " + v);
            }
        }
    }

    /** Reads a run's config.json (what {@link #write} wrote) back. */
    public static TrainConfig read(Path file) throws IOException {
        Map<String, Object> m = defaults();
        overlay(m, file);
        try {
            return fromMap(m);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the resolved settings atomically, pretty-printed. */
    public void write(Path file) throws IOException {
        ObjectNode o = JSON.valueToTree(toMap());
        AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n");
    }

    private static String str(Map<String, Object> m, String k) {
        Object v = m.get(k);
        if (v == null) return null;
        if (v instanceof String s) return s;
        return v.toString();
    }

    private static double num(Map<String, Object> m, String k) {
        Object v = m.get(k);
        if (!(v instanceof Number n)) throw new IllegalArgumentException("config: " + k + " must be a number, got " + v);
        return n.doubleValue();
    }

    private static long lng(Map<String, Object> m, String k) {
        Object v = m.get(k);
        if (v instanceof Long || v instanceof Integer) return ((Number) v).longValue();
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) return d.longValue();
        throw new IllegalArgumentException("config: " + k + " must be an integer, got " + v);
    }

    private static int integer(Map<String, Object> m, String k) {
        long v = lng(m, k);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw new IllegalArgumentException("config: " + k + " is out of range: " + v);
        return (int) v;
    }
}
