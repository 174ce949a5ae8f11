package io.colisten.train.eval;

import io.colisten.nn.checkpoint.Checkpoint;
import io.colisten.nn.checkpoint.RunFolder;
import io.colisten.nn.models.ModelConfig;
import io.colisten.train.training.TrainConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model under evaluation: its run folder, the checkpoint evaluated (the run's latest, or
 * the file given), the run's settings when its config.json is there, and the name the report's
 * tables give it, in the paper's style ("SmallCNN hybrid", "ResNet-18 triplet-only"; a checkpoint
 * file given by itself adds its step: "SmallCNN hybrid step 2000", e.g. a hybrid run's triplet stage).
 */
public record EvaluatedModel(String name, Path run, Path checkpointFile, Checkpoint checkpoint, TrainConfig config) {

    /** Loads the checkpoint of each run (a run folder, or a checkpoint file inside one) and names them uniquely. */
    public static List<EvaluatedModel> load(List<Path> runs) throws IOException {
        if (runs.isEmpty()) throw new IllegalArgumentException("eval: no run folder given");
        EvaluatedModel[] models = new EvaluatedModel[runs.size()];
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            models[i] = load(runs.get(i));
            seen.merge(models[i].name, 1, Integer::sum);
        }
        for (int i = 0; i < models.length; i++) {
            EvaluatedModel m = models[i];
            if (seen.get(m.name) > 1) {
                Path base = m.run.getFileName() != null ? m.run.getFileName() : m.run;
                models[i] = new EvaluatedModel(m.name + " (" + base + ")", m.run, m.checkpointFile, m.checkpoint, m.config);
            }
        }
        return List.of(models);
    }

    static EvaluatedModel load(Path runOrCheckpoint) throws IOException {
        if (!Files.exists(runOrCheckpoint)) {
            throw new NoSuchFileException(runOrCheckpoint.toString(), null, "no such run folder or checkpoint");
        }
        Path file;
        try {
            file = RunFolder.resolve(runOrCheckpoint);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(e.getFile(), null, e.getReason() + " (train it first: colisten train --out "
                    + runOrCheckpoint + ")");
        }
        Path run = Files.isDirectory(runOrCheckpoint) ? runOrCheckpoint
                : file.toAbsolutePath().getParent() != null && file.toAbsolutePath().getParent().getParent() != null
                ? file.toAbsolutePath().getParent().getParent() : file.toAbsolutePath().getParent();
        Checkpoint c = Checkpoint.load(file);
        Path configFile = run.resolve(RunFolder.CONFIG);
        TrainConfig config = Files.isRegularFile(configFile) ? TrainConfig.read(configFile) : null;
        String name = name(c.metadata().config(), config, c.metadata().stage());
        if (!Files.isDirectory(runOrCheckpoint)) name += " step " + c.metadata().step();
        return new EvaluatedModel(name, run, file, c, config);
    }

    /** "SmallCNN hybrid": the paper's network name, the training mode (or the checkpoint's stage), the width when not the paper's. */
    static String name(ModelConfig mc, TrainConfig config, String stage) {
        String arch = architecture(mc);
        String mode = config != null ? config.mode() : stage;
        String how = switch (mode) {
            case "triplet" -> "triplet-only";
            case "labels" -> "label-only";
            case "cf-regression" -> "CF regression";
            default -> mode;
        };
        return arch + " " + how;
    }

    /** The paper's spelling of a network, with its width when it is not the paper's. */
    public static String architecture(ModelConfig mc) {
        String arch = switch (mc.name()) {
            case ModelConfig.SMALLCNN -> "SmallCNN";
            case ModelConfig.MOBILENET -> "MobileNet";
            case ModelConfig.RESNET18 -> "ResNet-18";
            default -> mc.name();
        };
        double paper = ModelConfig.of(mc.name()).width();
        return mc.width() == paper ? arch : arch + " x" + trim(mc.width());
    }

    private static String trim(double w) {
        return w == Math.rint(w) ? Long.toString((long) w) : Double.toString(w);
    }

    public long step() {
        return checkpoint.metadata().step();
    }

    public ModelConfig modelConfig() {
        return checkpoint.metadata().config();
    }
}
