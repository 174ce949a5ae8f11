package io.colisten.train.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.colisten.nn.embed.Embedder;
import io.colisten.nn.embed.EmbeddingIndex;
import io.colisten.nn.embed.Hit;
import io.colisten.nn.embed.SenseHits;
import io.colisten.nn.embed.TextQuery;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code colisten search}: text to music through the classifier's tag embeddings. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Text-to-music search: the text is tokenised like the training labels (n-grams of 1 to 3 words), "
                + "the vocabulary terms found are mapped to their tag embeddings (the classifier's normalised rows), and "
                + "the k recordings of an embeddings folder closest to their mean are printed. Needs a checkpoint with a "
                + "classifier head and its vocabulary. A run folder with a sense classifier (colisten disambiguate) answers a term "
                + "with several senses once per sense."})
public final class SearchCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M", description = "A run folder or a checkpoint file.")
    Path model;

    @Option(names = "--embeddings", required = true, paramLabel = "DIR", description = "Folder with embeddings.npy and ids.txt.")
    Path embeddings;

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "The query (several words are joined with spaces).")
    List<String> words;

    @Option(names = "-k", paramLabel = "K", defaultValue = "10", description = "How many (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--json", description = "Print JSON: {query, terms, results: [{rank, id, score}]}, or with senses"
            + " {query, terms, senses: [{sense, term, results}]}.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        HitsOutput.checkK(cl, k);
        String text = String.join(" ", words);
        Embedder embedder = Embedder.load(model);
        if (embedder.hasSenses()) {
            // A sense classifier beside the checkpoint (colisten disambiguate): a term of several senses, once per sense.
            EmbeddingIndex index = EmbeddingIndex.read(embeddings);
            List<SenseHits> groups;
            try {
                groups = embedder.searchSenses(text, index, k);
            } catch (IllegalArgumentException e) {
                cl.getErr().println("colisten search: " + e.getMessage());
                return 1;
            }
            PrintWriter out = cl.getOut();
            boolean own = embedder.hasClassifier() && embedder.vocabulary() != null;
            printSenses(out, text, groups.get(0).sense() == null && own ? embedder.textQuery(text).terms() : embedder.senseTerms(text), groups);
            out.flush();
            return 0;
        }
        if (!embedder.hasClassifier() || embedder.vocabulary() == null) {
            cl.getErr().println("colisten search: " + embedder.checkpoint().file() + " has no "
                    + (embedder.hasClassifier() ? "vocabulary" : "classifier head")
                    + ": text search needs a checkpoint of the labels stage");
            return 1;
        }
        EmbeddingIndex index = EmbeddingIndex.read(embeddings);
        TextQuery q = embedder.textQuery(text);
        if (!q.matched()) {
            cl.getErr().println("colisten search: no term of \"" + text + "\" is in the vocabulary ("
                    + embedder.vocabulary().size() + " terms) of " + embedder.checkpoint().file());
            return 1;
        }
        PrintWriter out = cl.getOut();
        List<Hit> hits = embedder.search(text, index, k);
        if (json) {
            ObjectNode o = HitsOutput.JSON.createObjectNode();
            o.put("query", text);
            q.terms().forEach(o.putArray("terms")::add);
            o.set("results", HitsOutput.json(hits));
            HitsOutput.print(out, o);
        } else {
            out.println("terms: " + String.join(", ", q.terms()));
            HitsOutput.text(out, hits);
        }
        out.flush();
        return 0;
    }

    /** Sense search's answer: one result list per sense of the split term, or one list (null sense) as an ordinary search prints it. */
    private void printSenses(PrintWriter out, String text, List<String> terms, List<SenseHits> groups) throws Exception {
        boolean split = groups.get(0).sense() != null;
        if (json) {
            ObjectNode o = HitsOutput.JSON.createObjectNode();
            o.put("query", text);
            terms.forEach(o.putArray("terms")::add);
            if (!split) {
                o.set("results", HitsOutput.json(groups.get(0).hits()));
            } else {
                var senses = o.putArray("senses");
                for (SenseHits g : groups) {
                    ObjectNode so = senses.addObject();
                    so.put("sense", g.sense());
                    so.put("term", g.term());
                    so.set("results", HitsOutput.json(g.hits()));
                }
            }
            HitsOutput.print(out, o);
            return;
        }
        if (!split) {
            out.println("terms: " + String.join(", ", terms));
            HitsOutput.text(out, groups.get(0).hits());
            return;
        }
        out.println("terms: " + String.join(", ", terms) + " ('" + groups.get(0).term() + "' has " + groups.size() + " senses)");
        for (SenseHits g : groups) {
            out.println("sense " + g.sense() + ":");
            HitsOutput.text(out, g.hits());
        }
    }
}
