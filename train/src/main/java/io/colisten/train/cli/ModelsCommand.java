package io.colisten.train.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.nn.models.ModelConfig;
import io.colisten.nn.models.Models;
import io.colisten.nn.models.PaperBudget;
import io.colisten.nn.modules.LayerTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code colisten models}: each network's layer table with counted parameters and MACs beside the paper's figures. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"Print the layer tables of the embedding networks (smallcnn, mobilenet, resnet18): each layer's "
                + "output shape (channels x time x mel for one 1 x 300 x 64 window), parameters and multiply-accumulates, "
                + "and the counted totals beside the paper's figures."})
public final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "NAME", description = "One network: smallcnn, mobilenet or resnet18 (default: all three).")
    String model;

    @Option(names = "--json", description = "Print a JSON list of {name, parameters, macs}, one per network.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<String> names = ModelConfig.NAMES;
        if (model != null) {
            String m = model.toLowerCase(Locale.ROOT);
            if (!ModelConfig.NAMES.contains(m)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--model: unknown network '" + model
                        + "' (known: " + String.join(", ", ModelConfig.NAMES) + ")");
            }
            names = List.of(m);
        }
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode list = mapper.createArrayNode();
        for (String name : names) {
            EmbeddingNetwork net = Models.build(ModelConfig.of(name));
            LayerTable table = net.layerTable();
            if (json) {
                ObjectNode o = list.addObject();
                o.put("name", name);
                o.put("parameters", table.parameters());
                o.put("macs", table.macs());
                continue;
            }
            ModelConfig c = net.config();
            out.printf(Locale.ROOT, "%s (width %s, input 1 x %d x %d, embedding %d)%n", name, fmt(c.width()), c.frames(),
                    c.bands(), c.embeddingSize());
            out.print(table.format());
            PaperBudget p = net.paperBudget();
            out.printf(Locale.ROOT, "counted: %,d parameters, %,d MACs per window%n", table.parameters(), table.macs());
            out.printf(Locale.ROOT, "paper:   %,d parameters, %,d multiplies (counted / paper: %.2f, %.2f)%n%n", p.parameters(),
                    p.macs(), (double) table.parameters() / p.parameters(), (double) table.macs() / p.macs());
        }
        if (json) out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(list));
        out.flush();
        return 0;
    }

    private static String fmt(double w) {
        return w == Math.rint(w) ? Long.toString((long) w) : Double.toString(w);
    }
}
