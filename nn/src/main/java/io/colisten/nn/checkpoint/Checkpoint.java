package io.colisten.nn.checkpoint;

import io.colisten.engine.Device;
import io.colisten.engine.io.SafeTensors;
import io.colisten.engine.io.SafeTensorsReader;
import io.colisten.engine.io.TensorData;
import io.colisten.engine.io.TensorInfo;
import io.colisten.nn.models.ClassifierHead;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.nn.models.Models;
import io.colisten.nn.modules.ModuleStateFiles;
import io.colisten.nn.modules.StateEntry;
import io.colisten.nn.text.TextFormatException;
import io.colisten.nn.text.Vocabulary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A checkpoint: one safetensors file with the embedding network's state_dict under PyTorch's names
 * (float32, {@code num_batches_tracked} as int64 scalars), the classifier head when there is one
 * ({@code classifier.weight} [|V|, d], {@code classifier.bias} [|V|]) and {@link CheckpointMetadata}.
 * A PyTorch user loads the network with {@code load_state_dict(strict=True)} after dropping the
 * two classifier tensors. Loading checks everything before it returns: the metadata, every tensor
 * the network needs (present, shape, dtype), nothing unexpected in the file, the head's shapes
 * against the metadata and the vocabulary file against the recorded size and fingerprint. Errors
 * name the file and the problem. Saving is atomic (a crash leaves the old file or the new one).
 */
public final class Checkpoint {
    private final Path file;
    private final CheckpointMetadata metadata;
    private final EmbeddingNetwork network;
    private final ClassifierHead head;
    private final Vocabulary vocabulary;

    private Checkpoint(Path file, CheckpointMetadata metadata, EmbeddingNetwork network, ClassifierHead head,
                       Vocabulary vocabulary) {
        this.file = file;
        this.metadata = metadata;
        this.network = network;
        this.head = head;
        this.vocabulary = vocabulary;
    }

    /** The file it was loaded from. */
    public Path file() { return file; }

    public CheckpointMetadata metadata() { return metadata; }

    /** The network, in training mode as built: call {@code train(false)} for inference. */
    public EmbeddingNetwork network() { return network; }

    /** The classifier head, or null when the checkpoint has none. */
    public ClassifierHead head() { return head; }

    /** The vocabulary the head was trained on, or null when the checkpoint names none. */
    public Vocabulary vocabulary() { return vocabulary; }

    /** A checkpoint without a vocabulary (and so a head, if any, whose labels have no terms). */
    public static void save(Path file, EmbeddingNetwork network, ClassifierHead head, long step, String stage)
            throws IOException {
        save(file, network, head, step, stage, null, null);
    }

    /**
     * Writes {@code network} (and {@code head} when not null) to {@code file} atomically.
     * {@code vocabularyFile} (with its contents {@code vocabulary}) is recorded relative to the
     * checkpoint's folder; both null when there is no vocabulary.
     */
    public static void save(Path file, EmbeddingNetwork network, ClassifierHead head, long step, String stage,
                            Path vocabularyFile, Vocabulary vocabulary) throws IOException {
        if ((vocabularyFile == null) != (vocabulary == null)) {
            throw new IllegalArgumentException("checkpoint " + file + ": give both the vocabulary file and its contents, or neither");
        }
        int d = network.config().embeddingSize();
        if (head != null && head.dim() != d) {
            throw new IllegalArgumentException("checkpoint " + file + ": the classifier takes " + head.dim()
                    + "-dimensional input but the network embeds in " + d);
        }
        VocabularyRef ref = vocabulary == null ? VocabularyRef.NONE : VocabularyRef.of(file, vocabularyFile, vocabulary);
        CheckpointMetadata meta = new CheckpointMetadata(network.config(), step, stage, head == null ? 0 : head.labels(), ref);
        Map<String, TensorData> tensors = new LinkedHashMap<>(ModuleStateFiles.tensors(network.state()));
        if (head != null) tensors.putAll(ModuleStateFiles.tensors(head.state()));
        SafeTensors.write(file, tensors, meta.toMap());
    }

    /** A checkpoint file, or the latest checkpoint of a run folder ({@link RunFolder#resolve}). */
    public static Checkpoint load(Path modelOrRun) throws IOException {
        return load(modelOrRun, Device.CPU);
    }

    /** The same, with the network and head on {@code device} (values copied there from the file). */
    public static Checkpoint load(Path modelOrRun, Device device) throws IOException {
        Path file = RunFolder.resolve(modelOrRun);
        try (SafeTensorsReader reader = SafeTensors.open(file)) {
            CheckpointMetadata meta = CheckpointMetadata.parse(file, reader.metadata());
            EmbeddingNetwork network = Models.build(meta.config(), device);
            requireAll(reader, names(network.state().entries()), meta.config().name() + " network");
            ClassifierHead head = null;
            if (meta.labels() > 0) {
                int d = meta.config().embeddingSize();
                requireAll(reader, List.of(ClassifierHead.WEIGHT, ClassifierHead.BIAS), "classifier head");
                requireShape(reader, ClassifierHead.WEIGHT, meta.labels(), d);
                requireShape(reader, ClassifierHead.BIAS, meta.labels());
                head = new ClassifierHead(meta.labels(), d, device);
            } else if (reader.contains(ClassifierHead.WEIGHT) || reader.contains(ClassifierHead.BIAS)) {
                throw new CheckpointException(file, "holds classifier tensors but metadata 'labels' is 0");
            }
            Set<String> extra = ModuleStateFiles.load(reader, network.state());
            if (head != null) extra.removeAll(names(head.state().entries()));
            if (!extra.isEmpty()) {
                throw new CheckpointException(file, "unexpected tensor(s) " + quoted(extra) + " (not part of a "
                        + meta.config().name() + " network with this config, nor of a classifier head)");
            }
            if (head != null) ModuleStateFiles.load(reader, head.state());
            return new Checkpoint(file, meta, network, head, vocabulary(file, meta.vocabulary()));
        }
    }

    private static Vocabulary vocabulary(Path file, VocabularyRef ref) throws IOException {
        if (!ref.isPresent()) return null;
        Path vf = ref.resolve(file);
        if (!Files.isRegularFile(vf)) {
            throw new CheckpointException(file, "its vocabulary " + vf + " (metadata 'vocabulary' = '" + ref.path()
                    + "') is missing");
        }
        Vocabulary v;
        try {
            v = Vocabulary.read(vf);
        } catch (TextFormatException e) {
            throw new CheckpointException(file, "its vocabulary cannot be read: " + e.getMessage(), e);
        }
        if (v.size() != ref.size() || !v.fingerprint().equals(ref.fingerprint())) {
            throw new CheckpointException(file, "vocabulary mismatch: " + vf + " has " + v.size() + " terms (fingerprint "
                    + v.fingerprint() + ") but the checkpoint was trained with " + ref.size() + " terms (fingerprint "
                    + ref.fingerprint() + ")");
        }
        return v;
    }

    private static List<String> names(List<StateEntry> entries) {
        List<String> out = new ArrayList<>(entries.size());
        for (StateEntry e : entries) out.add(e.name());
        return out;
    }

    private static void requireAll(SafeTensorsReader reader, List<String> names, String what) throws CheckpointException {
        Set<String> missing = new LinkedHashSet<>();
        for (String n : names) if (!reader.contains(n)) missing.add(n);
        if (!missing.isEmpty()) {
            throw new CheckpointException(reader.file(), "lacks " + missing.size() + " tensor(s) that a " + what + " needs: "
                    + quoted(missing));
        }
    }

    private static void requireShape(SafeTensorsReader reader, String name, long... shape) throws IOException {
        TensorInfo t = reader.info(name);
        if (!Arrays.equals(t.shape(), shape)) {
            throw new CheckpointException(reader.file(), "tensor '" + name + "' has shape " + Arrays.toString(t.shape())
                    + " but the metadata implies " + Arrays.toString(shape));
        }
    }

    /** Up to five names, quoted, then a count of the rest. */
    private static String quoted(Set<String> names) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (String n : names) {
            if (i == 5) return sb.append(" and ").append(names.size() - 5).append(" more").toString();
            if (i++ > 0) sb.append(", ");
            sb.append('\'').append(n).append('\'');
        }
        return sb.toString();
    }
}
