package io.colisten.train.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's closing lines: the headline figures of report.json (link prediction against random,
 * label prediction, and each embedding's probe AUC averaged over the tasks), so that what training
 * added reads at a glance without opening report.md.
 */
final class DemoSummary {
    private DemoSummary() {}

    static void print(PrintWriter o, Path reportJson) throws IOException {
        if (!Files.isRegularFile(reportJson)) return;
        JsonNode r = new ObjectMapper().readTree(reportJson.toFile());
        JsonNode link = r.get("link_prediction");
        if (link != null && link.isArray() && !link.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode row : link) {
                parts.add(String.format(Locale.ROOT, "%s %.3f (AUC %.3f)", row.get("model").asText(), row.get("ap").asDouble(),
                        row.get("auc").asDouble()));
            }
            o.println("  link prediction AP: " + String.join(", ", parts));
        }
        JsonNode labels = r.get("label_prediction");
        if (labels != null && labels.isArray() && !labels.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode row : labels) {
                if (row.get("labels").asInt() == 0) continue;
                parts.add(String.format(Locale.ROOT, "%s %.3f over %d labels", row.get("model").asText(), row.get("auc").asDouble(),
                        row.get("labels").asInt()));
            }
            if (!parts.isEmpty()) o.println("  label prediction AUC: " + String.join(", ", parts));
        }
        JsonNode d = r.get("disambiguation");
        if (d != null && d.has("chosen_k")) {
            String planted = d.path("planted_terms").isInt()
                    ? String.format(Locale.ROOT, "; planted polysemous terms separated: %d of %d", d.get("planted_terms_separated").asInt(),
                    d.get("planted_terms").asInt())
                    : "";
            o.printf(Locale.ROOT, "  label senses: k = %d clusters, held-out AUC split %.3f against unsplit %.3f%s%n", d.get("chosen_k").asInt(),
                    d.path("auc_split").asDouble(Double.NaN), d.path("auc_unsplit").asDouble(Double.NaN), planted);
        }
        JsonNode probes = r.get("probes");
        if (probes != null && probes.isArray() && !probes.isEmpty()) {
            // embedding -> "classifier train set" -> [sum, count]
            Map<String, Map<String, double[]>> means = new LinkedHashMap<>();
            for (JsonNode p : probes) {
                double auc = p.get("auc").asDouble(Double.NaN);
                if (!Double.isFinite(auc)) continue;
                String key = p.get("classifier").asText() + " " + p.get("train_set").asText();
                double[] acc = means.computeIfAbsent(p.get("embedding").asText(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(key, k -> new double[2]);
                acc[0] += auc;
                acc[1]++;
            }
            o.println("  probes, class-balanced AUC averaged over the tasks (linear full / MLP full / linear 10% / MLP 10%):");
            for (Map.Entry<String, Map<String, double[]>> e : means.entrySet()) {
                List<String> cells = new ArrayList<>();
                for (String key : List.of("linear full", "mlp full", "linear 10%", "mlp 10%")) {
                    double[] acc = e.getValue().get(key);
                    cells.add(acc == null ? "  -  " : String.format(Locale.ROOT, "%.3f", acc[0] / acc[1]));
                }
                o.printf(Locale.ROOT, "    %-36s %s%n", e.getKey(), String.join(" / ", cells));
            }
        }
    }
}
