package io.colisten.train.cli;

import io.colisten.train.eval.Evaluation;
import io.colisten.train.eval.EvaluationOptions;
import io.colisten.train.eval.LabelPrediction;
import io.colisten.train.eval.LinkPairSampler;
import io.colisten.train.eval.datasets.AudioSet;
import io.colisten.train.eval.datasets.MagnaTagATune;
import io.colisten.train.eval.probe.ProbeDataset;
import io.colisten.train.eval.report.EvaluationReport;
import io.colisten.train.progress.ConsoleProgress;
import io.colisten.train.progress.Progress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code colisten eval}: the paper's tables for trained models, as report.json, report.md and charts. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate trained models (paper section 4) and write OUT/report.json, OUT/report.md and PNG charts "
                + "(training curves, link-prediction ROC and precision-recall).",
                "colisten eval RUN [RUN...] [--corpus DIR]: link prediction on the split's evaluation part (Table 2, with the "
                        + "random baseline, and WMF with --factors), label prediction per model with a classifier head (Table 1), "
                        + "and probes on fixed embeddings (Tables 4-5) for the tasks of CORPUS/truth.tsv (or --truth), beside the "
                        + "logmel_stats and random_net baselines.",
                "colisten eval --probe TRUTH.tsv --audio DIR --model RUN --out DIR: the probes alone on any folder of audio "
                        + "(id TAB tag lines; a file's id is its name without the extension). --mtat annotations_final.csv or "
                        + "--audioset CSV... take the place of --probe for MagnaTagATune and AudioSet.",
                "Embeddings are computed from the feature store and cached per checkpoint in RUN/eval/."})
public final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DeviceOption deviceOption;

    @Parameters(arity = "0..*", paramLabel = "RUN", description = "Run folders (their latest checkpoint) or checkpoint files.")
    List<Path> runs = new ArrayList<>();

    @Option(names = "--model", paramLabel = "RUN", description = "A run to probe (repeatable); the same as a RUN argument.")
    List<Path> models = new ArrayList<>();

    @Option(names = "--corpus", paramLabel = "DIR", description = "The corpus (default: the one the first run trained on).")
    Path corpus;

    @Option(names = "--store", paramLabel = "DIR", description = "The corpus's feature store (default CORPUS/features).")
    Path store;

    @Option(names = "--out", paramLabel = "DIR", description = "The report folder (default: FIRST_RUN/report).")
    Path out;

    @Option(names = "--factors", paramLabel = "NPY", description = "WMF factors (.npy, ids.txt beside it) for the upper bound of Table 2.")
    Path factors;

    @Option(names = "--truth", paramLabel = "TSV", description = "Probe ground truth, id TAB tag lines (default CORPUS/truth.tsv).")
    Path truth;

    @Option(names = "--min-label-count", paramLabel = "N", defaultValue = "" + LabelPrediction.PAPER_MIN_POSITIVES,
            description = "Label prediction: labels with at least N positives among the evaluation recordings (default ${DEFAULT-VALUE}, the paper's).")
    int minLabelCount;

    @Option(names = "--pairs", paramLabel = "N", defaultValue = "" + LinkPairSampler.PAPER_PAIRS,
            description = "Link prediction: pairs per set (default ${DEFAULT-VALUE}; fewer when the evaluation part is small).")
    int pairs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of pair sampling, baselines and probes (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--probe-tasks", paramLabel = "NAMES", split = ",", description = "Only these probe tasks (comma-separated).")
    List<String> probeTasks;

    @Option(names = "--probe-min-positives", paramLabel = "N", defaultValue = "5",
            description = "A probe class needs N training positives (default ${DEFAULT-VALUE}).")
    int probeMinPositives;

    @Option(names = "--probe-hidden", paramLabel = "N", defaultValue = "512", description = "The MLP probe's hidden units (default ${DEFAULT-VALUE}).")
    int probeHidden;

    @Option(names = "--probe-epochs", paramLabel = "N", defaultValue = "200", description = "At most N epochs per probe (default ${DEFAULT-VALUE}; early stopping on validation).")
    int probeEpochs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32", description = "Windows per forward pass when embedding (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--probe", paramLabel = "TRUTH", description = "Probes alone: a truth file over the audio of --audio.")
    Path probe;

    @Option(names = "--mtat", paramLabel = "CSV", description = "Probes alone: MagnaTagATune's annotations_final.csv (mp3s under --audio).")
    Path mtat;

    @Option(names = "--audioset", paramLabel = "CSV", split = ",", description = "Probes alone: AudioSet segment CSVs (audio named by YTID under --audio; *eval* files are the test part).")
    List<Path> audioset;

    @Option(names = "--audioset-labels", paramLabel = "CSV", description = "AudioSet: limit and name the classes (class_labels_indices.csv rows).")
    Path audiosetLabels;

    @Option(names = "--audio", paramLabel = "DIR", description = "The audio folder of --probe, --mtat or --audioset.")
    Path audio;

    @Option(names = "--warm-start-epochs", defaultValue = "0", paramLabel = "N",
            description = "Also warm-start probes: each model's network fine-tuned under every probe (full training set),"
                    + " at most N epochs of one random window per training recording (default 0: none; costly: a training run per task and classifier).")
    int warmStartEpochs;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        deviceOption.resolve("eval");
        CommandLine cl = spec.commandLine();
        List<Path> all = new ArrayList<>(runs);
        all.addAll(models);
        if (all.isEmpty()) throw new CommandLine.ParameterException(cl, "give at least one RUN (a run folder or a checkpoint file)");
        int sources = (probe != null ? 1 : 0) + (mtat != null ? 1 : 0) + (audioset != null ? 1 : 0);
        if (sources > 1) throw new CommandLine.ParameterException(cl, "--probe, --mtat and --audioset are alternatives: give one");
        boolean probesOnly = sources == 1;
        if (probesOnly && audio == null) throw new CommandLine.ParameterException(cl, "--probe, --mtat and --audioset need --audio DIR");
        if (!probesOnly && audio != null) throw new CommandLine.ParameterException(cl, "--audio goes with --probe, --mtat or --audioset");
        if (probesOnly && (corpus != null || factors != null || truth != null || store != null)) {
            throw new CommandLine.ParameterException(cl, "--corpus, --store, --factors and --truth are for a corpus evaluation, not with --probe/--mtat/--audioset");
        }
        if (audiosetLabels != null && audioset == null) throw new CommandLine.ParameterException(cl, "--audioset-labels goes with --audioset");
        if (probesOnly && out == null) throw new CommandLine.ParameterException(cl, "--out DIR is required with --probe, --mtat or --audioset");
        Path outDir = out != null ? out : all.get(0).resolve("report");
        EvaluationOptions o;
        try {
            o = new EvaluationOptions(corpus, store, outDir, factors, truth, minLabelCount, pairs, seed, probeMinPositives, probeHidden,
                    probeTasks, probeEpochs, batch, warmStartEpochs);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        PrintWriter err = cl.getErr(), outWriter = cl.getOut();
        Consumer<String> notes = m -> {
            if (!quiet) {
                err.println("colisten eval: " + m);
                err.flush();
            }
        };
        Evaluation.Outcome result;
        try (Progress progress = quiet ? Progress.NONE : ConsoleProgress.forConsole()) {
            if (probesOnly) {
                ProbeDataset dataset = probe != null ? ProbeDataset.truthFolder(probe, audio, seed)
                        : mtat != null ? MagnaTagATune.read(mtat, audio, MagnaTagATune.TOP_TAGS, notes)
                        : AudioSet.read(audioset, audiosetLabels, audio, seed, notes);
                result = Evaluation.probeAudio(all, dataset, o, progress, notes);
            } else {
                result = Evaluation.run(all, o, progress, notes);
            }
        }
        summary(outWriter, result);
        return 0;
    }

    /** The headline figures and where the report is. */
    static void summary(PrintWriter w, Evaluation.Outcome r) {
        EvaluationReport rep = r.report();
        if (rep.link() != null) {
            w.printf(Locale.ROOT, "link prediction (%d pairs per set):%n", rep.link().perSet());
            for (EvaluationReport.LinkRow row : rep.link().rows()) {
                w.printf(Locale.ROOT, "  %-32s AP %.4f  AUC %.3f%n", row.model(), row.result().averagePrecision(), row.result().rocAuc());
            }
        }
        for (EvaluationReport.LabelRow row : rep.labels()) {
            if (row.result() != null && row.result().labelsUsed() > 0) {
                w.printf(Locale.ROOT, "label prediction: %-32s AUC %.3f over %d labels%n", row.model(), row.result().rocAuc(), row.result().labelsUsed());
            }
        }
        if (rep.probes() != null) {
            w.printf(Locale.ROOT, "probes: %d tasks, %d results (%d recordings)%n", rep.probes().tasks().size(), rep.probes().outcomes().size(),
                    rep.probes().recordings());
        }
        w.println("report: " + r.markdown());
        w.println("json: " + r.json());
        w.println("charts: " + r.charts().size() + " in " + r.json().getParent());
        w.flush();
    }
}
