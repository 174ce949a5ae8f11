package io.colisten.train.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.colisten.nn.embed.Hit;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Search results as text lines ({@code rank  score  id}) or as JSON, for {@code similar} and {@code search}. */
final class HitsOutput {
    static final ObjectMapper JSON = new ObjectMapper();

    private HitsOutput() {}

    static void text(PrintWriter out, List<Hit> hits) {
        for (int i = 0; i < hits.size(); i++) {
            out.printf(Locale.ROOT, "%3d  %.4f  %s%n", i + 1, hits.get(i).score(), hits.get(i).id());
        }
    }

    static ArrayNode json(List<Hit> hits) {
        ArrayNode a = JSON.createArrayNode();
        for (int i = 0; i < hits.size(); i++) {
            a.addObject().put("rank", i + 1).put("id", hits.get(i).id()).put("score", hits.get(i).score());
        }
        return a;
    }

    static void print(PrintWriter out, ObjectNode json) throws Exception {
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    }

    static void checkK(CommandLine cl, int k) {
        if (k < 1) throw new CommandLine.ParameterException(cl, "-k must be >= 1, got " + k);
    }
}
