package io.colisten.train.cli;

import io.colisten.kernels.cpu.Parallel;
import io.colisten.train.graph.ColistenGraph;
import io.colisten.train.graph.GraphSource;
import io.colisten.train.graph.Problems;
import io.colisten.train.graph.Sanitisation;
import io.colisten.train.progress.ConsoleProgress;
import io.colisten.train.split.SplitGraphs;
import io.colisten.train.split.SplitSpec;
import io.colisten.train.split.Splits;
import io.colisten.train.split.SplitsFile;
import io.colisten.train.wmf.FactorsFile;
import io.colisten.train.wmf.ImplicitAls;
import io.colisten.train.wmf.WmfConfig;
import io.colisten.train.wmf.WmfResult;
import io.colisten.train.wmf.WmfSolver;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code colisten wmf --corpus DIR --out DIR}: weighted matrix factorisation of a corpus's co-listen
 * graph (implicit ALS), written as factors.npy + ids.txt + wmf.json ({@link FactorsFile}).
 */
@Command(name = "wmf", mixinStandardHelpOptions = true,
        description = {"Factorise a corpus's co-listen graph by weighted matrix factorisation (implicit-feedback ALS, "
                + "Hu, Koren and Volinsky 2008): confidence 1 + alpha * count on each edge, 1 elsewhere.",
                "Writes OUT/factors.npy (float32, recordings x rank, the column factors), OUT/ids.txt and OUT/wmf.json "
                        + "(settings and the loss after each sweep).",
                "The graph is the one training loads (tau and the 250-neighbour cap applied); --graph train keeps the "
                        + "train split's recordings (splits.tsv, else the default seeded split), --graph full all of them "
                        + "(the paper's WMF upper bound trains on everything)."})
final class WmfCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--corpus", required = true, paramLabel = "DIR", description = "The corpus folder (tracks.jsonl and colisten.tsv or plays.tsv).")
    Path corpus;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the factors (created; files in it are replaced).")
    Path out;

    @Option(names = "--graph", defaultValue = "train", paramLabel = "PART", description = "train or full. Default: ${DEFAULT-VALUE}.")
    String graph;

    @Option(names = "--rank", defaultValue = "" + WmfConfig.DEFAULT_RANK, paramLabel = "R", description = "Factor dimension. Default: ${DEFAULT-VALUE}.")
    int rank;

    @Option(names = "--alpha", defaultValue = "" + WmfConfig.DEFAULT_ALPHA, paramLabel = "A", description = "Confidence slope. Default: ${DEFAULT-VALUE}.")
    float alpha;

    @Option(names = "--lambda", defaultValue = "" + WmfConfig.DEFAULT_LAMBDA, paramLabel = "L", description = "L2 regularisation. Default: ${DEFAULT-VALUE}.")
    float lambda;

    @Option(names = "--sweeps", defaultValue = "" + WmfConfig.DEFAULT_SWEEPS, paramLabel = "N", description = "ALS sweeps. Default: ${DEFAULT-VALUE}.")
    int sweeps;

    @Option(names = "--solver", defaultValue = "cg", paramLabel = "S", description = "cg or exact. Default: ${DEFAULT-VALUE}.")
    String solver;

    @Option(names = "--cg-steps", defaultValue = "" + WmfConfig.DEFAULT_CG_STEPS, paramLabel = "K", description = "CG steps per row. Default: ${DEFAULT-VALUE}.")
    int cgSteps;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Initial factors. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the cores). The factors do not depend on it.")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        WmfConfig cfg;
        WmfSolver s;
        try {
            s = WmfSolver.parse(solver);
            cfg = new WmfConfig(rank, alpha, lambda, sweeps, seed, s, cgSteps, threads == null ? Parallel.threads() : threads);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!graph.equals("train") && !graph.equals("full")) {
            throw new ParameterException(spec.commandLine(), "--graph: expected train or full, got '" + graph + "'");
        }
        if (!Files.isDirectory(corpus)) throw new ParameterException(spec.commandLine(), "--corpus: " + corpus + " is not a folder");
        PrintWriter err = spec.commandLine().getErr();
        GraphSource.Loaded loaded = GraphSource.load(corpus, GraphSource.From.AUTO, Sanitisation.DEFAULT,
                new Problems(20, m -> err.println("colisten wmf: " + m)), m -> err.println("colisten wmf: " + m));
        ColistenGraph g = loaded.graph();
        if (graph.equals("train")) {
            Path splitsFile = corpus.resolve(SplitsFile.NAME);
            Splits splits = Files.isRegularFile(splitsFile) ? SplitsFile.read(splitsFile) : Splits.assign(g.ids(), SplitSpec.DEFAULT);
            g = SplitGraphs.of(g, splits).train().graph();
        }
        int isolated = 0;
        for (int i = 0; i < g.tracks(); i++) if (g.degree(i) == 0) isolated++;
        err.printf(Locale.ROOT, "colisten wmf: %s graph from %s: %,d recordings (%,d without edges: their factors stay near zero), "
                + "%,d edges; rank %d, alpha %s, lambda %s, %s solver%n", graph, loaded.file().getFileName(), g.tracks(), isolated,
                g.edges(), cfg.rank(), cfg.alpha(), cfg.lambda(), s.key());
        WmfResult r;
        try (ConsoleProgress progress = ConsoleProgress.forConsole()) {
            r = ImplicitAls.train(g, cfg, progress, st -> {
                err.printf(Locale.ROOT, "colisten wmf: sweep %d/%d: loss %.8g (data %.6g, regularisation %.6g), %.2f s%n",
                        st.sweep(), cfg.sweeps(), st.loss(), st.dataLoss(), st.regularisation(), st.seconds());
                err.flush();
            });
        }
        FactorsFile.write(out, r);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "wrote %s (%,d x %d), %s, %s%n", out.resolve(FactorsFile.FACTORS), g.tracks(), cfg.rank(),
                out.resolve(FactorsFile.IDS), out.resolve(FactorsFile.META));
        o.flush();
        err.flush();
        return 0;
    }
}
