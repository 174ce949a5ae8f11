package io.colisten.train.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.colisten.nn.embed.Embedder;
import io.colisten.nn.embed.EmbeddingIndex;
import io.colisten.nn.embed.Hit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code colisten similar}: the recordings nearest to one of them, or to an audio file, by cosine similarity. */
@Command(name = "similar", mixinStandardHelpOptions = true,
        description = {"The k recordings of an embeddings folder (written by `colisten embed`) most similar to one of "
                + "them (by ID, itself left out) or to an audio file (--file, embedded with --model), by exact cosine "
                + "similarity."})
public final class SimilarCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--embeddings", required = true, paramLabel = "DIR", description = "Folder with embeddings.npy and ids.txt.")
    Path embeddings;

    @Parameters(arity = "0..1", paramLabel = "ID", description = "A recording's id in ids.txt.")
    String id;

    @Option(names = "--file", paramLabel = "AUDIO", description = "An audio file to find neighbours for (needs --model).")
    Path file;

    @Option(names = "--model", paramLabel = "M", description = "With --file: a run folder or a checkpoint file.")
    Path model;

    @Option(names = "-k", paramLabel = "K", defaultValue = "10", description = "How many (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--json", description = "Print JSON: {query, results: [{rank, id, score}]}.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        HitsOutput.checkK(cl, k);
        if ((id == null) == (file == null)) throw new CommandLine.ParameterException(cl, "give an ID or --file AUDIO (one of them)");
        if (file != null && model == null) throw new CommandLine.ParameterException(cl, "--file needs --model");
        if (file == null && model != null) throw new CommandLine.ParameterException(cl, "--model goes with --file");
        EmbeddingIndex index = EmbeddingIndex.read(embeddings);
        List<Hit> hits;
        ObjectNode query = HitsOutput.JSON.createObjectNode();
        if (id != null) {
            if (index.indexOf(id) < 0) {
                cl.getErr().println("colisten similar: no recording '" + id + "' in " + embeddings.resolve("ids.txt"));
                return 1;
            }
            hits = index.similar(id, k);
            query.put("id", id);
        } else {
            Embedder embedder = Embedder.load(model);
            if (embedder.dim() != index.dim()) {
                throw new IllegalStateException(embeddings + ": embeddings of dimension " + index.dim() + ", but "
                        + embedder.checkpoint().file() + " embeds in " + embedder.dim());
            }
            hits = index.search(embedder.embed(file).vector(), k);
            query.put("file", file.toString());
        }
        PrintWriter out = cl.getOut();
        if (json) {
            ObjectNode o = HitsOutput.JSON.createObjectNode();
            o.set("query", query);
            o.set("results", HitsOutput.json(hits));
            HitsOutput.print(out, o);
        } else {
            HitsOutput.text(out, hits);
        }
        out.flush();
        return 0;
    }
}
