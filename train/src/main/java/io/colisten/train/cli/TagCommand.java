package io.colisten.train.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.colisten.kernels.cpu.Parallel;
import io.colisten.nn.embed.BatchResult;
import io.colisten.nn.embed.BatchRunner;
import io.colisten.nn.embed.Embedder;
import io.colisten.nn.embed.Tag;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code colisten tag}: the most probable vocabulary tags of audio files. */
@Command(name = "tag", mixinStandardHelpOptions = true,
        description = {"The k most probable tags of each audio file: the softmax over the classifier head's logits for "
                + "the recording embedding. Needs a checkpoint with a classifier head (the labels stage). A run folder with a sense "
                + "classifier (colisten disambiguate) gives sense tags (\"17_bebop\")."})
public final class TagCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M", description = "A run folder or a checkpoint file.")
    Path model;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Audio files.")
    List<Path> files;

    @Option(names = "-k", paramLabel = "K", defaultValue = "10", description = "How many tags (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--json", description = "Print JSON: [{file, tags: [{rank, label, term, probability, logit}]}].")
    boolean json;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        HitsOutput.checkK(cl, k);
        Embedder embedder = Embedder.load(model);
        if (!embedder.hasClassifier() && !embedder.hasSenses()) {
            cl.getErr().println("colisten tag: " + embedder.checkpoint().file()
                    + " has no classifier head: tags need a checkpoint of the labels stage");
            return 1;
        }
        BatchResult r = embedder.embedFiles(files, Parallel.threads(), BatchRunner.Listener.NONE);
        PrintWriter out = cl.getOut();
        ArrayNode all = HitsOutput.JSON.createArrayNode();
        for (int i = 0; i < files.size(); i++) {
            float[] v = r.vectors()[i];
            if (v == null) continue;
            // With a sense classifier beside the checkpoint (colisten disambiguate), tags name senses ("17_bebop").
            List<Tag> tags = embedder.hasSenses() ? embedder.senseTags(v, k) : embedder.tags(v, k);
            if (json) {
                ObjectNode o = all.addObject().put("file", files.get(i).toString());
                ArrayNode a = o.putArray("tags");
                for (int t = 0; t < tags.size(); t++) {
                    Tag tag = tags.get(t);
                    a.addObject().put("rank", t + 1).put("label", tag.label()).put("term", tag.term())
                            .put("probability", tag.probability()).put("logit", tag.logit());
                }
            } else {
                out.println(files.get(i));
                for (int t = 0; t < tags.size(); t++) {
                    Tag tag = tags.get(t);
                    out.printf(Locale.ROOT, "%3d  %.4f  %s%n", t + 1, tag.probability(),
                            tag.term() != null ? tag.term() : "#" + tag.label());
                }
            }
        }
        if (json) out.println(HitsOutput.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all));
        out.flush();
        for (BatchResult.Failure f : r.failures()) cl.getErr().println("colisten tag: " + f.message());
        return r.failures().isEmpty() ? 0 : 1;
    }
}
