package io.colisten.train.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.colisten.nn.checkpoint.RunFolder;
import io.colisten.nn.embed.EmbeddingFiles;
import io.colisten.train.training.MetricsLog;
import picocli.CommandLine;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code colisten demo}: the main job, end to end on the synthetic world: generate it, ingest it,
 * train SmallCNN in hybrid mode within a time budget, show what it learnt on held-out recordings,
 * export the embeddings, and say where everything went. Each stage is the launcher's own command,
 * run in this process, so the demo is exactly what a user would type; each one resumes, so a
 * demo that was stopped picks up where it was.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The main job: generate the synthetic world, ingest it, train SmallCNN (hybrid: triplet loss, then labels)"
                + " within a time budget, evaluate it (report.md: link prediction, label prediction, probes, beside the"
                + " baselines and the triplet-only stage), export the embeddings, and split the labels into senses"
                + " (disambiguate: the sweep of k and Table 3 in the report; tag and search then use the senses).",
                "About 20 minutes on 2 cores with the defaults. Run again to resume a stopped demo."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DeviceOption deviceOption;

    @Option(names = "--out", defaultValue = "demo", paramLabel = "DIR", description = "Where everything goes (default ./demo).")
    Path out;

    @Option(names = "--minutes", defaultValue = "9", paramLabel = "N", description = "Training budget in minutes (default 9).")
    double minutes;

    @Option(names = "--size", defaultValue = "demo", paramLabel = "SIZE", description = "World size: tiny, demo (default) or large.")
    String size;

    @Option(names = "--model", defaultValue = "smallcnn", paramLabel = "M", description = "smallcnn (default), mobilenet or resnet18.")
    String model;

    @Option(names = "--steps", defaultValue = "0", paramLabel = "N", description = "Stop after N steps too (0: the time budget alone).")
    long steps;

    @Option(names = "--batch", defaultValue = "32", paramLabel = "B",
            description = "Triplets (windows) per step (default 32: more steps in a short budget; the paper's is 132).")
    long batch;

    @Option(names = "--lr", defaultValue = "1e-3", paramLabel = "LR",
            description = "Adam's learning rate (default 1e-3: the paper's 1e-4 is for millions of steps).")
    double lr;

    @Option(names = "--classifier-lr", defaultValue = "3e-2", paramLabel = "LR",
            description = "The label classifier's learning rate (default 3e-2: its rows must grow before the softmax is confident).")
    double classifierLr;

    @Option(names = "--triplet-share", defaultValue = "0.3", paramLabel = "F",
            description = "The share of the budget for the triplet stage before the labels stage (default 0.3: label steps are"
                    + " three times cheaper, and in this budget the probes gain most from them while the triplet loss keeps falling).")
    double tripletShare;

    @Option(names = "--vocab-size", defaultValue = "1000", paramLabel = "K",
            description = "Text labels: the K most frequent n-grams (default 1000: the demo world's 2,000 recordings have about 1,400"
                    + " terms in 5 or more of them; the paper's 100,000 is for 20M recordings, where a term in the top 100K is in hundreds).")
    int vocabSize;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "World and training seed.")
    long seed;

    private int run(String... args) {
        PrintWriter err = spec.commandLine().getErr();
        err.println();
        err.println("colisten demo: colisten " + String.join(" ", args));
        err.flush();
        CommandLine cl = Colisten.commandLine();
        cl.setOut(spec.commandLine().getOut());
        cl.setErr(err);
        return cl.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        deviceOption.resolve("demo");
        if (!(minutes > 0)) throw new ParameterException(spec.commandLine(), "--minutes must be > 0");
        long started = System.nanoTime();
        Path corpus = out.resolve("corpus"), run = out.resolve("run"), embeddings = out.resolve("embeddings"),
                report = out.resolve("report");
        Files.createDirectories(out);
        if (run("world", "--size", size, "--seed", Long.toString(seed), "--out", corpus.toString()) != 0) return 1;
        if (run("ingest", corpus.toString(), "--vocab-size", Integer.toString(vocabSize)) != 0) return 1;
        List<String> train = new ArrayList<>(List.of("train", "--corpus", corpus.toString(), "--out", run.toString(),
                "--model", model, "--mode", "hybrid", "--minutes", fmt(minutes), "--steps", Long.toString(steps > 0 ? steps : 1_000_000),
                "--batch", Long.toString(batch), "--lr", fmt(lr), "--seed", Long.toString(seed),
                "--set", "classifier_lr=" + fmt(classifierLr), "--set", "eval_every=100", "--set", "eval_batches=4", "--set", "checkpoint_every=100", "--set", "plateau_window=100",
                "--set", "triplet_share=" + fmt(tripletShare)));
        if (Files.isRegularFile(run.resolve(RunFolder.CONFIG))) {
            // A stopped demo: continue its run with the same settings and a fresh budget.
            train = new ArrayList<>(List.of("train", "--out", run.toString(), "--resume", "--minutes", fmt(minutes)));
        }
        if (run(train.toArray(String[]::new)) != 0) return 1;
        // The report: the final (hybrid) checkpoint beside the triplet stage's pinned end, so the
        // tables show what the label stage added; the demo world's evaluation part is small, so
        // labels need 5 occurrences there rather than the paper's 10 (the report says so).
        // Table 2's upper bound: WMF on the whole co-listen graph, evaluation edges included (as the
        // paper's). alpha 1 and lambda 10 suit the demo world's counts (link AP 0.47 against 0.27 at
        // the command's defaults, alpha 40 and lambda 0.1: DESIGN-NOTES.md, "Evaluation").
        Path wmf = out.resolve("wmf");
        if (!Files.isRegularFile(wmf.resolve("factors.npy"))
                && run("wmf", "--corpus", corpus.toString(), "--graph", "full", "--alpha", "1", "--lambda", "10", "--out", wmf.toString(),
                "--seed", Long.toString(seed)) != 0) {
            return 1;
        }
        List<String> eval = new ArrayList<>(List.of("eval", run.toString(), "--factors", wmf.resolve("factors.npy").toString()));
        Path tripletEnd = tripletStageEnd(run);
        if (tripletEnd != null) eval.add(tripletEnd.toString());
        eval.addAll(List.of("--corpus", corpus.toString(), "--out", report.toString(), "--min-label-count", "5", "--seed", Long.toString(seed)));
        if (run(eval.toArray(String[]::new)) != 0) return 1;
        exportEmbeddings(run, embeddings);
        // Label sense disambiguation with the network frozen, into RUN/disambiguation/ and the report:
        // a short sweep and three evenly spread windows per recording keep it to a minute or two.
        boolean tiny = size.equalsIgnoreCase("tiny");
        if (run("disambiguate", run.toString(), "--report", report.toString(), "--k", tiny ? "2,4" : "8,16,32", "--steps", tiny ? "100" : "500",
                "--min-label-count", "5", "--max-windows", "3", "--seed", Long.toString(seed)) != 0) {
            return 1;
        }

        var o = spec.commandLine().getOut();
        o.println();
        o.printf(Locale.ROOT, "colisten demo: done in %.1f min%n", (System.nanoTime() - started) / 60e9);
        printLearning(o, run.resolve(MetricsLog.NAME));
        DemoSummary.print(o, report.resolve("report.json"));
        o.println("  corpus (audio, tracks.jsonl, co-listen graph, truth): " + corpus);
        o.println("  features and labels:                                 " + corpus.resolve("features") + ", " + corpus.resolve("labels"));
        o.println("  run (config, metrics.jsonl, checkpoints):             " + run);
        o.println("  embeddings (embeddings.npy, ids.txt):                 " + embeddings);
        o.println("  WMF factors of the whole graph (Table 2's upper bound): " + out.resolve("wmf"));
        o.println("  report (report.md, report.json, charts):              " + report.resolve("report.md"));
        o.println("  label senses (classifier, split vocabulary, tables):  " + run.resolve("disambiguation"));
        o.println("  next: colisten similar --embeddings " + embeddings + " ID   |   colisten search --model " + run
                + " --embeddings " + embeddings + " bebop");
        o.flush();
        return 0;
    }

    /** The pinned checkpoint where the hybrid run left the triplet stage (null if it never did). */
    private static Path tripletStageEnd(Path run) throws IOException {
        Path metrics = run.resolve(MetricsLog.NAME);
        if (!Files.isRegularFile(metrics)) return null;
        for (JsonNode n : MetricsLog.read(metrics)) {
            if (n.get("event").asText().equals("stage")) {
                Path p = RunFolder.checkpoint(run, n.get("step").asLong());
                return Files.isRegularFile(p) && !p.equals(RunFolder.latest(run)) ? p : null;
            }
        }
        return null;
    }

    /**
     * The recording embeddings of the run's latest checkpoint, which the evaluation computed from
     * the feature store (RUN/eval/step-N-store-*), copied to DIR as embeddings.npy + ids.txt.
     */
    private static void exportEmbeddings(Path run, Path dir) throws IOException {
        String prefix = RunFolder.latest(run).getFileName().toString().replace(RunFolder.EXTENSION, "") + "-store-";
        Path evalDir = run.resolve("eval");
        try (var dirs = Files.list(evalDir)) {
            Path cache = dirs.filter(d -> d.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IOException(evalDir + ": no embeddings of " + prefix + "* (did the evaluation run?)"));
            Files.createDirectories(dir);
            for (String f : List.of(EmbeddingFiles.EMBEDDINGS, EmbeddingFiles.IDS)) {
                io.colisten.engine.io.AtomicFiles.writeBytes(dir.resolve(f), Files.readAllBytes(cache.resolve(f)));
            }
        }
    }

    /** The held-out losses at the first and the last measurement of the run. */
    private static void printLearning(PrintWriter o, Path metrics) throws IOException {
        if (!Files.isRegularFile(metrics)) return;
        JsonNode first = null, last = null;
        for (JsonNode n : MetricsLog.read(metrics)) {
            if (!n.get("event").asText().equals("eval")) continue;
            if (first == null) first = n;
            last = n;
        }
        if (first == null) return;
        for (String key : List.of("heldout_triplet_loss", "heldout_label_loss")) {
            if (first.has(key) && last.has(key)) {
                o.printf(Locale.ROOT, "  %s: %.4f at step %d -> %.4f at step %d (%.0f%% lower)%n", key.replace('_', ' '),
                        first.get(key).asDouble(), first.get("step").asLong(), last.get(key).asDouble(), last.get("step").asLong(),
                        100 * (1 - last.get(key).asDouble() / first.get(key).asDouble()));
            }
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
