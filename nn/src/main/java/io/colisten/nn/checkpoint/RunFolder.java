package io.colisten.nn.checkpoint;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layout of a training run's folder, as far as checkpoints go:
 * <pre>
 * RUN/config.json                                  the resolved run configuration (written by training)
 * RUN/vocab.tsv                                    the label vocabulary (optional)
 * RUN/checkpoints/step-00001200.safetensors        weights (+ head) and metadata: {@link Checkpoint}
 * RUN/checkpoints/step-00001200.state.safetensors  optimiser moments, RNG streams: engine.io.TrainingState
 * </pre>
 * Steps have at least 8 digits, so a folder listing sorts in step order; {@link #latest} compares
 * the numbers, not the names, so wider steps are fine too.
 */
public final class RunFolder {
    public static final String CHECKPOINTS = "checkpoints";
    public static final String CONFIG = "config.json";
    public static final String VOCABULARY = "vocab.tsv";
    public static final String EXTENSION = ".safetensors";
    public static final String STATE_EXTENSION = ".state.safetensors";
    private static final Pattern CHECKPOINT = Pattern.compile("step-([0-9]{1,18})\\.safetensors");

    private RunFolder() {}

    public static Path checkpoints(Path run) {
        return run.resolve(CHECKPOINTS);
    }

    /** {@code RUN/checkpoints/step-<NNNNNNNN>.safetensors}. */
    public static Path checkpoint(Path run, long step) {
        if (step < 0) throw new IllegalArgumentException("step must be >= 0, got " + step);
        return checkpoints(run).resolve(String.format("step-%08d%s", step, EXTENSION));
    }

    /** The training-state file beside a checkpoint: step-N.safetensors -> step-N.state.safetensors. */
    public static Path state(Path checkpoint) {
        String name = checkpoint.getFileName().toString();
        if (!name.endsWith(EXTENSION) || name.endsWith(STATE_EXTENSION)) {
            throw new IllegalArgumentException(checkpoint + ": not a checkpoint file name (step-N" + EXTENSION + ")");
        }
        return checkpoint.resolveSibling(name.substring(0, name.length() - EXTENSION.length()) + STATE_EXTENSION);
    }

    /** The step of a checkpoint file name, or -1 when the name is not step-N.safetensors. */
    public static long step(Path checkpoint) {
        Matcher m = CHECKPOINT.matcher(checkpoint.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The checkpoint with the highest step in {@code run}/checkpoints; an error when there is none. */
    public static Path latest(Path run) throws IOException {
        Path dir = checkpoints(run);
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(run.toString(), null, "not a run folder (no " + CHECKPOINTS + "/ folder in it)");
        }
        Path best = null;
        long bestStep = -1;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                long s = step(p);
                if (s > bestStep && Files.isRegularFile(p)) {
                    best = p;
                    bestStep = s;
                }
            }
        }
        if (best == null) {
            throw new NoSuchFileException(dir.toString(), null, "no checkpoint (step-N" + EXTENSION + ") in this run folder");
        }
        return best;
    }

    /** Whether {@code run} holds at least one checkpoint (a fresh or empty folder does not). */
    public static boolean hasCheckpoint(Path run) throws IOException {
        try {
            latest(run);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** What {@code --model} means: a run folder gives its latest checkpoint, a file is itself. */
    public static Path resolve(Path modelOrRun) throws IOException {
        if (Files.isDirectory(modelOrRun)) return latest(modelOrRun);
        if (Files.isRegularFile(modelOrRun)) return modelOrRun;
        throw new NoSuchFileException(modelOrRun.toString(), null, "no such checkpoint file or run folder");
    }
}
