package io.colisten.train.cli;

import io.colisten.kernels.cpu.Parallel;
import io.colisten.nn.audio.AudioDecoder;
import io.colisten.nn.audio.LogMelFrontEnd;
import io.colisten.nn.audio.ShortRecordingPolicy;
import io.colisten.train.ingest.IngestReport;
import io.colisten.train.labels.CorpusLabels;
import io.colisten.train.ingest.IngestRunner;
import io.colisten.train.ingest.IngestSources;
import io.colisten.train.ingest.IngestSummary;
import io.colisten.train.progress.ConsoleProgress;
import io.colisten.train.progress.Progress;
import io.colisten.train.store.FeatureStoreWriter;
import io.colisten.train.store.StoreFiles;
import io.colisten.train.store.StoreManifest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code colisten ingest}: audio to log-mel frames in a crash-safe feature store. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Decode a corpus's audio (or a folder of audio files) into 16 kHz log-mel frames "
                + "(64 bands, 10 ms hop) in an append-only feature store.",
                "Rerun after an interruption to continue where it stopped; recordings already in the store are skipped.",
                "Unreadable files are reported (summary and ingest-report.json) and skipped.",
                "For a corpus, also builds its text labels in CORPUS/labels/ (vocab.tsv, labels.tsv) when missing or stale."})
public final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CORPUS",
            description = "Corpus folder with tracks.jsonl naming the audio files.")
    Path corpus;

    @Option(names = "--audio", paramLabel = "DIR",
            description = "A bare folder of audio files instead of a corpus (recursive; ids are the paths relative to DIR).")
    Path audioDir;

    @Option(names = "--store", paramLabel = "DIR",
            description = "Where the feature store goes (default: the corpus or audio folder's features/).")
    Path store;

    @Option(names = "--threads", paramLabel = "N", description = "Decoding threads (default: the cores, ${DEFAULT-VALUE} means all).",
            defaultValue = "0")
    int threads;

    @Option(names = "--short", paramLabel = "pad|skip", defaultValue = "pad",
            description = "Recordings shorter than one 3 s window: pad with silence or skip (default ${DEFAULT-VALUE}).")
    String shortPolicy;

    @Option(names = "--max-seconds", paramLabel = "S", defaultValue = "600",
            description = "Use at most the first S seconds of each recording (default ${DEFAULT-VALUE}).")
    double maxSeconds;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Option(names = "--vocab-size", paramLabel = "K", defaultValue = "100000",
            description = "Text labels: keep the K most frequent n-grams of titles and descriptions (default ${DEFAULT-VALUE}).")
    int vocabSize;

    @Option(names = "--no-labels", description = "Skip the text labels (CORPUS/labels/vocab.tsv and labels.tsv).")
    boolean noLabels;

    @Override
    public Integer call() throws Exception {
        if ((corpus == null) == (audioDir == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either CORPUS or --audio DIR (one of them)");
        }
        ShortRecordingPolicy policy = switch (shortPolicy.toLowerCase(Locale.ROOT)) {
            case "pad" -> ShortRecordingPolicy.PAD;
            case "skip" -> ShortRecordingPolicy.SKIP;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--short must be pad or skip, not '" + shortPolicy + "'");
        };
        if (vocabSize < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--vocab-size must be >= 1");
        }
        if (!(maxSeconds > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-seconds must be > 0");
        }
        Path root = corpus != null ? corpus : audioDir;
        if (!Files.isDirectory(root)) {
            throw new CommandLine.ParameterException(spec.commandLine(), root + ": no such folder");
        }
        Path storeDir = store != null ? store : root.resolve(StoreFiles.DEFAULT_DIR);
        IngestSources.Listing listing = corpus != null ? IngestSources.corpus(corpus)
                : IngestSources.audioFolder(audioDir, storeDir);
        int n = threads > 0 ? threads : Parallel.threads();
        AudioDecoder decoder = new AudioDecoder(maxSeconds);
        IngestRunner runner = new IngestRunner(StoreManifest.vggish(), () -> new LogMelFrontEnd(decoder, policy), n);
        IngestSummary summary;
        try (FeatureStoreWriter writer = FeatureStoreWriter.openOrCreate(storeDir, StoreManifest.vggish());
             Progress progress = quiet ? Progress.NONE : ConsoleProgress.forConsole()) {
            summary = runner.run(listing.items(), writer, progress);
        }
        IngestReport.RunSettings settings = new IngestReport.RunSettings(corpus != null ? "corpus" : "audio",
                root.toAbsolutePath().normalize().toString(), policy.name().toLowerCase(Locale.ROOT), maxSeconds, n,
                listing.ignoredFiles());
        Path report = IngestReport.write(storeDir, settings, summary);
        var out = spec.commandLine().getOut();
        out.print(IngestReport.summaryText(summary, report));
        out.flush();
        if (corpus != null && !noLabels) {
            CorpusLabels.Outcome l = CorpusLabels.ensure(corpus, vocabSize, n, !quiet);
            out.printf(Locale.ROOT, "labels: %s %d-term vocabulary, %d labels over %d recordings (%d without labels)%s: %s%n",
                    l.rebuilt() ? "built a" : "up to date:", l.vocabularySize(), l.labels(), l.recordings(),
                    l.withoutLabels(), l.rebuilt() ? String.format(Locale.ROOT, " in %.1f s", l.seconds()) : "",
                    CorpusLabels.dir(corpus));
            out.flush();
        }
        boolean nothingUsable = summary.ingested() == 0 && summary.alreadyPresent() == 0 && summary.listed() > 0;
        return nothingUsable ? 1 : 0;
    }
}
