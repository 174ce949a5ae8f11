package io.colisten.train.cli;

import io.colisten.train.progress.ConsoleProgress;
import io.colisten.train.senses.Disambiguation;
import io.colisten.train.senses.DisambiguationOptions;
import io.colisten.train.senses.DisambiguationReport;
import io.colisten.train.senses.DisambiguationResult;
import io.colisten.train.wmf.WmfConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code colisten disambiguate RUN}: label sense disambiguation (paper 3.3) from a training run. */
@Command(name = "disambiguate", mixinStandardHelpOptions = true,
        description = {"Label sense disambiguation (paper 3.3, Table 3) from a training run: WMF of the co-listen graph, k-means of the"
                + " normalised factors for each k, cluster-prefixed labels (\"17_bebop\"), the classifier retrained over them with the"
                + " run's network frozen, the held-out AUC of split against unsplit labels, k chosen by the highest AUC, and the"
                + " nearest-label tables. Writes RUN/disambiguation/ (senses.safetensors + sense-vocab.tsv, which tag and search then"
                + " use, report.json, report.md); rerun to resume."})
public final class DisambiguateCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A training run folder (its corpus and latest checkpoint).")
    Path run;

    @Option(names = "--k", split = ",", paramLabel = "LIST", description = "Numbers of clusters to sweep (default 8,16,32,64); k = 1, the unsplit baseline, is always run.")
    List<Integer> ks = DisambiguationOptions.DEFAULT_KS;

    @Option(names = "--restarts", defaultValue = "5", paramLabel = "N", description = "k-means++ starts per k (default ${DEFAULT-VALUE}).")
    int restarts;

    @Option(names = "--iterations", defaultValue = "100", paramLabel = "N", description = "Lloyd iterations per start at most (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--terms", split = ",", paramLabel = "TERMS", description = "Terms for the nearest-label tables (default: the planted polysemous"
            + " terms of a synthetic world, else the terms split into the most senses).")
    List<String> terms = List.of();

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "k-means and classifier seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--min-count", defaultValue = "3", paramLabel = "N", description = "Training recordings a sense needs (default ${DEFAULT-VALUE}).")
    int minCount;

    @Option(names = "--min-label-count", defaultValue = "10", paramLabel = "N",
            description = "Held-out positives a label needs to enter the AUC (default ${DEFAULT-VALUE}, the paper's).")
    int minPositives;

    @Option(names = "--steps", defaultValue = "1000", paramLabel = "N", description = "Classifier steps per k (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", defaultValue = "132", paramLabel = "B", description = "Windows per classifier step (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-2", paramLabel = "LR", description = "The classifier's Adam learning rate (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--neighbours", defaultValue = "8", paramLabel = "N", description = "Labels per table column (default ${DEFAULT-VALUE}).")
    int neighbours;

    @Option(names = "--max-windows", defaultValue = "0", paramLabel = "N",
            description = "Windows per recording embedded for the classifier, evenly spread (default 0: all of them).")
    int maxWindows;

    @Option(names = "--wmf-rank", defaultValue = "32", paramLabel = "R", description = "WMF rank (default ${DEFAULT-VALUE}).")
    int wmfRank;

    @Option(names = "--wmf-lambda", defaultValue = "10", paramLabel = "L", description = "WMF regularisation (default ${DEFAULT-VALUE}).")
    float wmfLambda;

    @Option(names = "--wmf-sweeps", defaultValue = "10", paramLabel = "N", description = "WMF sweeps (default ${DEFAULT-VALUE}).")
    int wmfSweeps;

    @Option(names = "--report", paramLabel = "DIR", description = "Also merge into this evaluation report (its report.json gains"
            + " 'disambiguation', its report.md the section).")
    Path report;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        DisambiguationOptions o;
        try {
            WmfConfig wmf = DisambiguationOptions.DEFAULT_WMF.withRank(wmfRank).withLambda(wmfLambda).withSweeps(wmfSweeps).withSeed(seed);
            o = new DisambiguationOptions(ks, restarts, iterations, seed, terms, minCount, minPositives, steps, batch, lr, neighbours, maxWindows, wmf);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, e.getMessage());
        }
        if (!Files.isDirectory(run)) throw new ParameterException(cl, "RUN: " + run + " is not a folder");
        PrintWriter err = cl.getErr();
        long t0 = System.nanoTime();
        DisambiguationResult r;
        try (ConsoleProgress progress = quiet ? null : ConsoleProgress.forConsole()) {
            r = Disambiguation.run(run, o, progress == null ? io.colisten.train.progress.Progress.NONE : progress, m -> {
                if (!quiet) {
                    err.println("colisten disambiguate: " + m);
                    err.flush();
                }
            });
        }
        Path dir = run.resolve(Disambiguation.DIR);
        DisambiguationReport.write(dir, r, report);
        PrintWriter out = cl.getOut();
        out.printf(Locale.ROOT, "colisten disambiguate: chosen k = %d: held-out AUC %.4f split, %.4f unsplit (%.1f s)%n", r.chosenK(),
                r.aucSplit(), r.aucUnsplit(), (System.nanoTime() - t0) / 1e9);
        if (r.planted() != null) out.printf(Locale.ROOT, "  planted polysemous terms separated: %d of %d%n", r.plantedSeparated(), r.planted().size());
        out.println("  " + dir.resolve(DisambiguationReport.MD_FILE) + ", " + dir.resolve(Disambiguation.SENSES)
                + (report == null ? "" : ", " + report.resolve(DisambiguationReport.JSON_FILE)));
        out.flush();
        return 0;
    }
}
