package io.colisten.train.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.colisten.engine.io.AtomicFiles;
import io.colisten.kernels.cpu.Parallel;
import io.colisten.nn.checkpoint.CheckpointMetadata;
import io.colisten.nn.embed.BatchResult;
import io.colisten.nn.embed.BatchRunner;
import io.colisten.nn.embed.Embedder;
import io.colisten.nn.embed.EmbeddingFiles;
import io.colisten.train.ingest.IngestItem;
import io.colisten.train.progress.ConsoleProgress;
import io.colisten.train.progress.Progress;
import io.colisten.train.store.FeatureStore;
import io.colisten.train.store.StoreFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code colisten embed}: audio files, folders or a corpus's feature store to embeddings.npy + ids.txt. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Embed recordings with a trained model: each becomes the l2-normalised mean of its 3 s window "
                + "embeddings. Writes OUT/embeddings.npy (float32, N x 128), OUT/ids.txt (one id per line, same order) "
                + "and OUT/embed-report.json.",
                "Files are their own ids (the path as given); folders are searched recursively for audio and their files "
                + "get their paths relative to the folder. With --corpus, the recordings of the corpus's feature store "
                + "are embedded from their stored log-mel frames, under their track ids (no decoding).",
                "A file that cannot be embedded is reported and left out; the exit code is then 1."})
public final class EmbedCommand implements Callable<Integer> {
    public static final String REPORT = "embed-report.json";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DeviceOption deviceOption;

    @Option(names = "--model", required = true, paramLabel = "M",
            description = "A run folder (its latest checkpoint) or a checkpoint file.")
    Path model;

    @Parameters(arity = "0..*", paramLabel = "FILES_OR_FOLDERS", description = "Audio files and folders of audio files.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--corpus", paramLabel = "CORPUS", description = "Embed a corpus from its feature store instead.")
    Path corpus;

    @Option(names = "--store", paramLabel = "DIR", description = "The feature store with --corpus (default CORPUS/features).")
    Path store;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where embeddings.npy and ids.txt go.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Recordings embedded at once (default: the cores).")
    int threads;

    @Option(names = "--json", description = "Print the report as JSON instead of a summary.")
    boolean json;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        deviceOption.resolve("embed");
        CommandLine cl = spec.commandLine();
        if ((corpus == null) == inputs.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "give FILES_OR_FOLDERS or --corpus CORPUS (one of them)");
        }
        if (store != null && corpus == null) throw new CommandLine.ParameterException(cl, "--store goes with --corpus");
        if (threads < 0) throw new CommandLine.ParameterException(cl, "--threads must be >= 1 (or 0 for the cores)");
        int n = threads > 0 ? threads : Parallel.threads();
        Embedder embedder = Embedder.load(model);
        List<String> ids;
        BatchResult result;
        int ignored = 0;
        try (Progress progress = quiet ? Progress.NONE : ConsoleProgress.forConsole()) {
            if (corpus != null) {
                Path dir = store != null ? store : corpus.resolve(StoreFiles.DEFAULT_DIR);
                try (FeatureStore fs = FeatureStore.open(dir)) {
                    if (fs.bands() != embedder.config().bands()) {
                        throw new IllegalStateException(dir + ": the store holds " + fs.bands() + " mel bands, the model takes "
                                + embedder.config().bands());
                    }
                    ids = new ArrayList<>(fs.size());
                    for (int i = 0; i < fs.size(); i++) ids.add(fs.id(i));
                    progress.begin("embed", fs.size(), 0);
                    result = BatchRunner.run(fs.size(), n, fs::id,
                            i -> embedder.embedLogMel(fs.readAll(i), fs.frames(i)).vector(), (i, f) -> progress.advance(1, ""));
                }
            } else {
                EmbedInputs.Listing listing = EmbedInputs.list(cl, inputs, out);
                ignored = listing.ignoredFiles();
                List<Path> files = listing.items().stream().map(IngestItem::file).toList();
                ids = listing.items().stream().map(IngestItem::id).toList();
                progress.begin("embed", files.size(), 0);
                result = embedder.embedFiles(files, n, (i, f) -> progress.advance(1, ""));
            }
        }
        List<String> kept = new ArrayList<>();
        int dim = embedder.dim();
        float[] rows = new float[result.succeeded() * dim];
        for (int i = 0; i < ids.size(); i++) {
            float[] v = result.vectors()[i];
            if (v == null) continue;
            System.arraycopy(v, 0, rows, kept.size() * dim, dim);
            kept.add(ids.get(i));
        }
        EmbeddingFiles.write(out, kept, rows, dim);
        ObjectNode report = report(embedder, ids.size(), kept.size(), ignored, result);
        AtomicFiles.writeString(out.resolve(REPORT), new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
        PrintWriter o = cl.getOut();
        if (json) {
            o.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            CheckpointMetadata m = embedder.checkpoint().metadata();
            o.printf("embedded %d of %d recordings with %s (%s, step %d) into %s (%s + %s)%n", kept.size(), ids.size(),
                    embedder.checkpoint().file(), m.config().name(), m.step(), out, EmbeddingFiles.EMBEDDINGS, EmbeddingFiles.IDS);
            if (ignored > 0) o.printf("passed over %d files without an audio extension%n", ignored);
            for (BatchResult.Failure f : result.failures()) o.println("failed: " + f.message());
        }
        o.flush();
        return result.failures().isEmpty() ? 0 : 1;
    }

    private ObjectNode report(Embedder embedder, int listed, int embedded, int ignored, BatchResult result) {
        ObjectNode r = new ObjectMapper().createObjectNode();
        CheckpointMetadata m = embedder.checkpoint().metadata();
        r.put("checkpoint", embedder.checkpoint().file().toAbsolutePath().normalize().toString());
        r.put("model", m.config().name());
        r.put("step", m.step());
        r.put("dimension", embedder.dim());
        r.put("source", corpus != null ? "corpus" : "files");
        r.put("listed", listed);
        r.put("embedded", embedded);
        r.put("ignored_files", ignored);
        r.put("embeddings", out.resolve(EmbeddingFiles.EMBEDDINGS).toString());
        r.put("ids", out.resolve(EmbeddingFiles.IDS).toString());
        ArrayNode failures = r.putArray("failures");
        for (BatchResult.Failure f : result.failures()) failures.addObject().put("item", f.item()).put("error", f.message());
        return r;
    }
}
