package io.colisten.engine.io;

import com.fasterxml.jackson.core.JsonParser;
import io.colisten.engine.Tensor;
import io.colisten.engine.optim.Adam;
import io.colisten.engine.optim.ClassifierAdam;
import io.colisten.engine.random.Rng;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a run needs besides the weights to continue bit-exactly, in a safetensors file of its own:
 * tensors {@code adam.m.<param>} and {@code adam.v.<param>} (F32, the parameter's shape) and
 * {@code rng.<stream>} (I64 [6], {@link Rng#state()}); metadata strings {@code format},
 * {@code adam.step}, {@code adam.lr}, {@code adam.beta1}, {@code adam.beta2}, {@code adam.eps},
 * {@code adam.weight_decay} (Java's shortest exact decimal forms) and {@code progress}, a JSON
 * object of the caller's counters (stage, epoch, ...).
 */
public final class TrainingState {
    public static final String FORMAT = "colisten.training-state/1";
    private static final String M = "adam.m.", V = "adam.v.", RNG = "rng.";
    /** The label classifier's fused Adam ({@link ClassifierAdam}): its moments and counters. */
    private static final String C = "classifier_adam.";
    private static final String[] C_TENSORS = {"m.weight", "v.weight", "m.bias", "v.bias"};
    private static final String[] HYPER = {"adam.beta1", "adam.beta2", "adam.eps", "adam.weight_decay"};

    private final Path file;
    private final Map<String, TensorData> tensors;
    private final Map<String, String> metadata;
    private final Map<String, Object> progress;

    private TrainingState(Path file, Map<String, TensorData> tensors, Map<String, String> metadata, Map<String, Object> progress) {
        this.file = file;
        this.tensors = tensors;
        this.metadata = metadata;
        this.progress = progress;
    }

    /**
     * Saves the optimiser's moments, step and hyperparameters, the generators' states and the
     * progress map (values: strings, numbers, booleans, lists and maps of them) atomically.
     */
    public static void save(Path file, Adam adam, Map<String, Rng> rngs, Map<String, ?> progress) throws IOException {
        save(file, adam, null, rngs, progress);
    }

    /**
     * The same, with the label classifier's optimiser when not null: tensors
     * {@code classifier_adam.m.weight}, {@code .v.weight} (and {@code .m.bias}, {@code .v.bias} when
     * it has a bias), metadata {@code classifier_adam.step}, {@code .lr}, {@code .beta1},
     * {@code .beta2}, {@code .eps}, {@code .weight_decay}.
     */
    public static void save(Path file, Adam adam, ClassifierAdam classifier, Map<String, Rng> rngs, Map<String, ?> progress)
            throws IOException {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (String name : adam.parameterNames()) {
            tensors.put(M + name, TensorData.of(adam.firstMoment(name)));
            tensors.put(V + name, TensorData.of(adam.secondMoment(name)));
        }
        rngs.forEach((stream, rng) -> tensors.put(RNG + stream, TensorData.ofLongs(Dtype.I64, rng.state(), Rng.STATE_LENGTH)));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("adam.step", Long.toString(adam.stepCount()));
        meta.put("adam.lr", Float.toString(adam.lr()));
        meta.put("adam.beta1", Float.toString(adam.beta1()));
        meta.put("adam.beta2", Float.toString(adam.beta2()));
        meta.put("adam.eps", Float.toString(adam.eps()));
        meta.put("adam.weight_decay", Float.toString(adam.weightDecay()));
        if (classifier != null) {
            tensors.put(C + "m.weight", TensorData.of(classifier.weightFirstMoment()));
            tensors.put(C + "v.weight", TensorData.of(classifier.weightSecondMoment()));
            if (classifier.bias() != null) {
                tensors.put(C + "m.bias", TensorData.of(classifier.biasFirstMoment()));
                tensors.put(C + "v.bias", TensorData.of(classifier.biasSecondMoment()));
            }
            meta.put(C + "step", Long.toString(classifier.stepCount()));
            meta.put(C + "lr", Float.toString(classifier.lr()));
            meta.put(C + "beta1", Float.toString(classifier.beta1()));
            meta.put(C + "beta2", Float.toString(classifier.beta2()));
            meta.put(C + "eps", Float.toString(classifier.eps()));
            meta.put(C + "weight_decay", Float.toString(classifier.weightDecay()));
        }
        byte[] json = Json.write(g -> Json.writeTree(g, progress == null ? Map.of() : progress));
        meta.put("progress", new String(json, StandardCharsets.UTF_8));
        SafeTensors.write(file, tensors, meta);
    }

    /** Reads and checks a training-state file (format, numbers, tensor kinds). */
    public static TrainingState read(Path file) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, String> meta = c.metadata();
        if (!FORMAT.equals(meta.get("format"))) {
            throw new SafeTensorsException(file, "not a training-state file (metadata format is "
                    + (meta.get("format") == null ? "missing" : SafeTensorsHeader.quote(meta.get("format"))) + ", expected \"" + FORMAT + "\")");
        }
        String progressJson = required(file, meta, "progress");
        Object progress;
        try (JsonParser r = Json.parser(progressJson)) {
            r.nextToken();
            progress = Json.readTree(r);
            Json.expectEnd(r, "text after the progress object");
        } catch (IOException e) { // Jackson's parse errors and ours (Json.error)
            throw new SafeTensorsException(file, "metadata \"progress\" is not valid JSON: " + JsonErrors.describe(e, progressJson), e);
        }
        if (!(progress instanceof Map<?, ?>)) throw new SafeTensorsException(file, "metadata \"progress\" is not a JSON object");
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) progress;
        TrainingState s = new TrainingState(file, c.tensors(), meta, Collections.unmodifiableMap(p));
        s.step();
        s.lr();
        for (String h : HYPER) s.floatMeta(h);
        for (Map.Entry<String, TensorData> e : c.tensors().entrySet()) {
            String name = e.getKey();
            TensorData d = e.getValue();
            if (name.startsWith(RNG)) {
                s.rng(name.substring(RNG.length()));
            } else if (name.startsWith(M) || name.startsWith(V) || name.startsWith(C)) {
                if (d.dtype() != Dtype.F32) throw new SafeTensorsException(file, "tensor " + SafeTensorsHeader.quote(name) + " is " + d.dtype() + ", not F32");
            } else {
                throw new SafeTensorsException(file, "unexpected tensor " + SafeTensorsHeader.quote(name) + " in a training-state file");
            }
        }
        return s;
    }

    /** The optimiser step count saved. */
    public long step() throws SafeTensorsException {
        String v = required(file, metadata, "adam.step");
        try {
            long step = Long.parseLong(v);
            if (step < 0) throw new NumberFormatException();
            return step;
        } catch (NumberFormatException e) {
            throw new SafeTensorsException(file, "metadata \"adam.step\" is not a step count: " + SafeTensorsHeader.quote(v));
        }
    }

    /** The learning rate when saved. */
    public float lr() throws SafeTensorsException {
        return floatMeta("adam.lr");
    }

    /** The progress object (read-only): integers as Long, other numbers as Double, JSON null as null. */
    public Map<String, Object> progress() { return progress; }

    /** Names of the saved generator streams. */
    public Set<String> rngStreams() {
        Set<String> out = new TreeSet<>();
        for (String name : tensors.keySet()) if (name.startsWith(RNG)) out.add(name.substring(RNG.length()));
        return out;
    }

    /** A generator continuing the saved stream {@code stream}. */
    public Rng rng(String stream) throws SafeTensorsException {
        TensorData d = tensors.get(RNG + stream);
        if (d == null) throw new SafeTensorsException(file, "no generator stream " + SafeTensorsHeader.quote(stream) + "; saved: " + rngStreams());
        if (d.dtype() != Dtype.I64 || !Arrays.equals(d.shape(), new long[] {Rng.STATE_LENGTH})) {
            throw new SafeTensorsException(file, "tensor \"" + RNG + stream + "\" must be I64 [" + Rng.STATE_LENGTH + "], got "
                    + d.dtype() + Arrays.toString(d.shape()));
        }
        try {
            return Rng.fromState(d.longs());
        } catch (IllegalArgumentException e) {
            throw new SafeTensorsException(file, "tensor \"" + RNG + stream + "\": " + e.getMessage());
        }
    }

    /**
     * Puts the saved moments, step and learning rate into {@code adam}. Its parameters must be
     * the saved ones (same names and shapes) and its betas, eps and weight decay the saved values;
     * otherwise nothing is changed and the error names the file and the difference.
     */
    public void restore(Adam adam) throws SafeTensorsException {
        List<String> names = adam.parameterNames();
        Set<String> saved = new TreeSet<>(), wanted = new HashSet<>(names);
        for (String t : tensors.keySet()) if (t.startsWith(M)) saved.add(t.substring(M.length()));
        for (String n : names) {
            if (!saved.contains(n)) throw new SafeTensorsException(file, "no optimiser state for parameter " + SafeTensorsHeader.quote(n));
            if (!tensors.containsKey(V + n)) throw new SafeTensorsException(file, "no tensor \"" + V + n + "\"");
            long[] want = Arrays.stream(adam.firstMoment(n).shape()).asLongStream().toArray();
            for (String prefix : new String[] {M, V}) {
                if (!Arrays.equals(tensors.get(prefix + n).shape(), want)) {
                    throw new SafeTensorsException(file, "tensor \"" + prefix + n + "\" has shape " + Arrays.toString(tensors.get(prefix + n).shape())
                            + " but the parameter has " + Arrays.toString(want));
                }
            }
        }
        for (String s : saved) {
            if (!wanted.contains(s)) throw new SafeTensorsException(file, "optimiser state for " + SafeTensorsHeader.quote(s) + ", which the model does not have");
        }
        float[] have = {adam.beta1(), adam.beta2(), adam.eps(), adam.weightDecay()};
        for (int i = 0; i < HYPER.length; i++) {
            float v = floatMeta(HYPER[i]);
            if (Float.floatToIntBits(v) != Float.floatToIntBits(have[i])) {
                throw new SafeTensorsException(file, HYPER[i] + " was " + v + " when saved but the optimiser has " + have[i]);
            }
        }
        long step = step();
        float lr = lr();
        if (!(lr >= 0)) throw new SafeTensorsException(file, "metadata \"adam.lr\" is negative: " + lr);
        for (String n : names) {
            copy(adam.firstMoment(n), tensors.get(M + n));
            copy(adam.secondMoment(n), tensors.get(V + n));
        }
        adam.setStepCount(step);
        adam.setLr(lr);
    }

    /** True when the file holds a label classifier's optimiser state. */
    public boolean hasClassifier() {
        return tensors.containsKey(C + "m.weight");
    }

    /**
     * Puts the saved classifier moments, step and learning rate into {@code c}: the same checks as
     * {@link #restore(Adam)} (shapes, bias present on both sides or neither, hyperparameters).
     */
    public void restore(ClassifierAdam c) throws SafeTensorsException {
        if (!hasClassifier()) throw new SafeTensorsException(file, "no label-classifier optimiser state (tensor \"" + C + "m.weight\")");
        boolean bias = c.bias() != null;
        Tensor[] dst = {c.weightFirstMoment(), c.weightSecondMoment(), c.biasFirstMoment(), c.biasSecondMoment()};
        for (int i = 0; i < C_TENSORS.length; i++) {
            String name = C + C_TENSORS[i];
            TensorData d = tensors.get(name);
            if (dst[i] == null) {
                if (d != null) throw new SafeTensorsException(file, "tensor \"" + name + "\" but the classifier has no bias");
                continue;
            }
            if (d == null) throw new SafeTensorsException(file, "no tensor \"" + name + "\"" + (bias && i >= 2 ? " (the classifier has a bias)" : ""));
            long[] want = Arrays.stream(dst[i].shape()).asLongStream().toArray();
            if (!Arrays.equals(d.shape(), want)) {
                throw new SafeTensorsException(file, "tensor \"" + name + "\" has shape " + Arrays.toString(d.shape())
                        + " but the classifier has " + Arrays.toString(want));
            }
        }
        float[] have = {c.beta1(), c.beta2(), c.eps(), c.weightDecay()};
        for (int i = 0; i < HYPER.length; i++) {
            String key = C + HYPER[i].substring("adam.".length());
            float v = floatMeta(key);
            if (Float.floatToIntBits(v) != Float.floatToIntBits(have[i])) {
                throw new SafeTensorsException(file, key + " was " + v + " when saved but the optimiser has " + have[i]);
            }
        }
        long step = longMeta(C + "step");
        float lr = floatMeta(C + "lr");
        if (!(lr >= 0)) throw new SafeTensorsException(file, "metadata \"" + C + "lr\" is negative: " + lr);
        for (int i = 0; i < C_TENSORS.length; i++) if (dst[i] != null) copy(dst[i], tensors.get(C + C_TENSORS[i]));
        c.setStepCount(step);
        c.setLr(lr);
    }

    private long longMeta(String key) throws SafeTensorsException {
        String v = required(file, metadata, key);
        try {
            long n = Long.parseLong(v);
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new SafeTensorsException(file, "metadata \"" + key + "\" is not a step count: " + SafeTensorsHeader.quote(v));
        }
    }

    private static void copy(Tensor dst, TensorData src) {
        dst.copyFrom(src.floats());
    }

    private float floatMeta(String key) throws SafeTensorsException {
        String v = required(file, metadata, key);
        try {
            float f = Float.parseFloat(v);
            if (!Float.isFinite(f) || v.isBlank() || Character.isLetter(v.charAt(v.length() - 1))) throw new NumberFormatException();
            return f;
        } catch (NumberFormatException e) {
            throw new SafeTensorsException(file, "metadata \"" + key + "\" is not a number: " + SafeTensorsHeader.quote(v));
        }
    }

    private static String required(Path file, Map<String, String> meta, String key) throws SafeTensorsException {
        String v = meta.get(key);
        if (v == null) throw new SafeTensorsException(file, "metadata \"" + key + "\" is missing");
        return v;
    }
}
