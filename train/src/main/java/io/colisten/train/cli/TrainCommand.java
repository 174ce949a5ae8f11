package io.colisten.train.cli;

import io.colisten.engine.Device;
import io.colisten.nn.checkpoint.RunFolder;
import io.colisten.train.progress.ConsoleProgress;
import io.colisten.train.progress.Progress;
import io.colisten.train.training.TrainConfig;
import io.colisten.train.training.Trainer;
import io.colisten.train.training.TrainingCorpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code colisten train}: trains an embedding network on a corpus (paper 3.2) into a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train an embedding network on a corpus's feature store into a run folder: RUN/config.json (the "
                + "resolved settings), RUN/metrics.jsonl (one JSON object per line: step, stage, loss, mining fractions, "
                + "windows/s, held-out losses), RUN/checkpoints/step-N.safetensors (+ .state.safetensors).",
                "Settings come from the defaults, then --config FILE (a JSON object of the keys below), then the options;"
                        + " --set KEY=VALUE sets any key: " + "model, width, mode, steps, minutes, checkpoint_every, "
                        + "keep_checkpoints, seed, batch, lr, classifier_lr, stream_threads, eval_every, eval_batches, log_every, "
                        + "plateau_window, plateau_improvement, smoothing, min_triplet_steps, max_triplet_steps, "
                        + "triplet_share, factors.",
                "Ctrl-C writes a checkpoint before exiting; --resume continues the run bit-exactly from its latest one."})
final class TrainCommand implements Callable<Integer> {
    /** Keys a resumed run may change: they decide when it stops, logs or saves, never what a step computes. */
    static final Set<String> RESUMABLE = Set.of("steps", "minutes", "checkpoint_every", "keep_checkpoints", "eval_every",
            "log_every", "stream_threads");

    @Spec
    CommandSpec spec;

    @Mixin
    DeviceOption deviceOption;

    @Option(names = "--corpus", paramLabel = "DIR", description = "The corpus folder (ingested: it has a feature store).")
    Path corpus;

    @Option(names = "--out", required = true, paramLabel = "RUN", description = "The run folder to write (or to resume).")
    Path out;

    @Option(names = "--model", paramLabel = "M", description = "smallcnn (default), mobilenet or resnet18.")
    String model;

    @Option(names = "--mode", paramLabel = "MODE", description = "triplet, labels, hybrid (default: triplet until the loss levels off, then labels) or cf-regression.")
    String mode;

    @Option(names = "--steps", paramLabel = "N", description = "Optimiser steps in all (default 10000).")
    Long steps;

    @Option(names = "--minutes", paramLabel = "M", description = "Stop after this much training time (with a checkpoint).")
    Double minutes;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Steps between checkpoints (default 500).")
    Long checkpointEvery;

    @Option(names = "--seed", paramLabel = "S", description = "Initialisation and sampling seed (default 1).")
    Long seed;

    @Option(names = "--batch", paramLabel = "B", description = "Windows (triplets) per step (default 132, the paper's).")
    Long batch;

    @Option(names = "--lr", paramLabel = "LR", description = "Adam's learning rate (default 1e-4, the paper's).")
    Double lr;

    @Option(names = "--factors", paramLabel = "NPY", description = "cf-regression: WMF factors (.npy with ids.txt beside it).")
    String factors;

    @Option(names = "--store", paramLabel = "STORE", description = "The feature store (default: DIR/features).")
    String store;

    @Option(names = "--config", paramLabel = "FILE", description = "A JSON object of settings (keys as above).")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Sets any key (repeatable).")
    List<String> sets;

    @Option(names = "--resume", description = "Continue RUN from its latest checkpoint.")
    boolean resume;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    /** The command line's settings, keyed as in config.json. */
    Map<String, Object> overrides() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (corpus != null) m.put("corpus", corpus.toString());
        if (store != null) m.put("store", store);
        if (model != null) m.put("model", model);
        if (mode != null) m.put("mode", mode);
        if (steps != null) m.put("steps", steps);
        if (minutes != null) m.put("minutes", minutes);
        if (checkpointEvery != null) m.put("checkpoint_every", checkpointEvery);
        if (seed != null) m.put("seed", seed);
        if (batch != null) m.put("batch", batch);
        if (lr != null) m.put("lr", lr);
        if (factors != null) m.put("factors", factors);
        Map<String, Object> defaults = TrainConfig.defaults();
        for (String s : sets == null ? List.<String>of() : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) throw new ParameterException(spec.commandLine(), "--set " + s + ": expected KEY=VALUE");
            String key = s.substring(0, eq), value = s.substring(eq + 1);
            if (!defaults.containsKey(key)) {
                throw new ParameterException(spec.commandLine(), "--set " + s + ": unknown key '" + key + "' (known: "
                        + String.join(", ", defaults.keySet()) + ")");
            }
            Object d = defaults.get(key);
            try {
                if (d instanceof Long) m.put(key, Long.parseLong(value));
                else if (d instanceof Double) m.put(key, Double.parseDouble(value));
                else m.put(key, value.isEmpty() ? null : value);
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "--set " + s + ": '" + value + "' is not "
                        + (d instanceof Long ? "an integer" : "a number"));
            }
        }
        return m;
    }

    /** The resolved settings: a new run's from defaults, file and options; a resumed run's from RUN/config.json. */
    TrainConfig resolve() throws IOException {
        Map<String, Object> over = overrides();
        Map<String, Object> m = TrainConfig.defaults();
        Path saved = out.resolve(RunFolder.CONFIG);
        if (resume) {
            if (!Files.isRegularFile(saved)) {
                throw new ParameterException(spec.commandLine(), "--resume: " + saved + " does not exist (is " + out + " a run folder?)");
            }
            if (configFile != null) throw new ParameterException(spec.commandLine(), "--resume takes the settings of " + saved + "; drop --config");
            TrainConfig.overlay(m, saved);
            for (Map.Entry<String, Object> e : over.entrySet()) {
                Object before = m.get(e.getKey());
                boolean same = before == null ? e.getValue() == null
                        : before.equals(e.getValue()) || (before instanceof Number a && e.getValue() instanceof Number b && a.doubleValue() == b.doubleValue());
                if (!same && !RESUMABLE.contains(e.getKey())) {
                    throw new ParameterException(spec.commandLine(), "--resume: " + e.getKey() + " was " + before + " in " + saved
                            + "; a resumed run can change only " + String.join(", ", RESUMABLE.stream().sorted().toList()));
                }
                m.put(e.getKey(), e.getValue());
            }
        } else {
            if (RunFolder.hasCheckpoint(out)) {
                throw new ParameterException(spec.commandLine(), "--out " + out + " already holds a run (" + RunFolder.checkpoints(out)
                        + "): pass --resume to continue it, or choose another folder");
            }
            if (configFile != null) TrainConfig.overlay(m, configFile);
            m.putAll(over);
            if (m.get("corpus") == null) throw new ParameterException(spec.commandLine(), "--corpus DIR is required (or corpus in --config)");
        }
        try {
            return TrainConfig.fromMap(m);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        Device device = deviceOption.resolve("train");
        TrainConfig config = resolve();
        PrintWriter err = spec.commandLine().getErr();
        Path storeDir = config.store() == null ? null : Path.of(config.store());
        try (TrainingCorpus data = TrainingCorpus.open(Path.of(config.corpus()), storeDir, m -> err.println("colisten train: " + m))) {
            Progress progress = quiet ? Progress.NONE : ConsoleProgress.forConsole();
            Trainer trainer = new Trainer(config, out, data, progress, m -> {
                if (!quiet) {
                    err.println(m);
                    err.flush();
                }
            }).onDevice(device);
            Thread hook = new Thread(() -> {
                trainer.requestStop();
                try {
                    trainer.awaitFinished(10, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "colisten-train-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            Trainer.Outcome o;
            try {
                o = trainer.run(resume);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the hook is running and waits for us; nothing to remove
                }
            }
            var outWriter = spec.commandLine().getOut();
            outWriter.printf("trained %d steps (%s, stopped: %s); checkpoint %s%n", o.steps(), o.stage().word(), o.reason(), o.checkpoint());
            if (!Double.isNaN(o.heldOutTriplet())) outWriter.printf("held-out triplet loss %.4f%n", o.heldOutTriplet());
            if (!Double.isNaN(o.heldOutLabels())) outWriter.printf("held-out label loss %.4f%n", o.heldOutLabels());
            outWriter.flush();
            return 0;
        }
    }
}
