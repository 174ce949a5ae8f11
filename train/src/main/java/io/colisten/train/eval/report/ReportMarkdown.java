package io.colisten.train.eval.report;

import io.colisten.train.eval.LabelPredictionResult;
import io.colisten.train.eval.report.EvaluationReport.LabelRow;
import io.colisten.train.eval.report.EvaluationReport.LinkRow;
import io.colisten.train.eval.probe.ProbeOutcome;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.md: the tables in the paper's layout (Table 1: label prediction AUC per model; Table 2:
 * link prediction AP and AUC, random first and WMF last; Tables 4-5: per probe task, a row per
 * embedding and training set, a column per classifier), the charts, and the notes.
 */
public final class ReportMarkdown {
    private ReportMarkdown() {}

    public static String toMarkdown(EvaluationReport r, List<Path> charts) {
        StringBuilder md = new StringBuilder();
        md.append("# Evaluation report\n\n");
        md.append("Corpus: `").append(r.corpus()).append("`, seed ").append(r.seed()).append(".\n\n");
        md.append("| Model | Network | Mode | Step | Checkpoint |\n| --- | --- | --- | --- | --- |\n");
        for (EvaluationReport.Model m : r.models()) {
            md.append("| ").append(m.name()).append(" | ").append(m.architecture()).append(" | ").append(m.mode() == null ? m.stage() : m.mode())
                    .append(" | ").append(m.step()).append(" | `").append(m.checkpoint()).append("` |\n");
        }
        md.append('\n');
        labelTable(md, r);
        linkTable(md, r);
        probeTables(md, r);
        if (!charts.isEmpty()) {
            md.append("## Charts\n\n");
            for (Path c : charts) md.append("![").append(c.getFileName()).append("](").append(c.getFileName()).append(")\n\n");
        }
        if (!r.notes().isEmpty()) {
            md.append("## Notes\n\n");
            for (String n : r.notes()) md.append("- ").append(n).append('\n');
            md.append('\n');
        }
        return md.toString();
    }

    private static void labelTable(StringBuilder md, EvaluationReport r) {
        if (r.labels().isEmpty()) return;
        md.append("## Table 1. Text label prediction performance in AUC-ROC\n\n");
        md.append("| Model | AUC | Labels | Recordings | Min. count |\n| --- | --- | --- | --- | --- |\n");
        for (LabelRow row : r.labels()) {
            LabelPredictionResult lr = row.result();
            if (lr == null) {
                md.append("| ").append(row.model()).append(" | - | - | - | - |\n");
                continue;
            }
            md.append("| ").append(row.model()).append(" | ").append(f3(lr.rocAuc())).append(" | ").append(lr.labelsUsed()).append(" | ")
                    .append(lr.recordings()).append(" | ").append(lr.minPositives()).append(" |\n");
        }
        md.append('\n');
        for (LabelRow row : r.labels()) {
            if (row.skipped() != null) md.append("- ").append(row.model()).append(": ").append(row.skipped()).append('\n');
            else if (!row.topLabels().isEmpty()) md.append("- ").append(row.model()).append(", best labels: ").append(String.join(", ", row.topLabels())).append('\n');
        }
        md.append('\n');
    }

    private static void linkTable(StringBuilder md, EvaluationReport r) {
        if (r.link() == null) return;
        EvaluationReport.Link l = r.link();
        md.append("## Table 2. Link prediction performance, in average precision (AP) and AUC-ROC\n\n");
        md.append(String.format(Locale.ROOT, "Two disjoint sets of %d held-out co-listen pairs (%d requested) among the %d evaluation "
                + "recordings (%d held-out edges); figures are the means over the two sets. WMF trains on evaluation data by necessity.%n%n",
                l.perSet(), l.requested(), l.evaluationRecordings(), l.heldOutEdges()));
        md.append("| Model | AP | AUC |\n| --- | --- | --- |\n");
        for (LinkRow row : l.rows()) {
            md.append("| ").append(row.model()).append(" | ").append(f4(row.result().averagePrecision())).append(" | ")
                    .append(f3(row.result().rocAuc())).append(" |\n");
        }
        md.append('\n');
    }

    private static void probeTables(StringBuilder md, EvaluationReport r) {
        if (r.probes() == null || r.probes().outcomes().isEmpty()) return;
        md.append("## Tables 4-5. Downstream probes, class-balanced AUC-ROC on the test recordings\n\n");
        md.append("Fixed embeddings (warm-start rows: the network fine-tuned under the probe); `linear`: a logistic regression per class; `FC-1x512`: one hidden layer (")
                .append("early stopping on validation). Truth: `").append(r.probes().truth()).append("`.\n\n");
        for (EvaluationReport.Task t : r.probes().tasks()) {
            md.append(String.format(Locale.ROOT, "### %s (%d classes; %d train, %d validation, %d test recordings)%n%n",
                    t.name(), t.classes().size(), t.train(), t.validation(), t.test()));
            md.append("| Embedding | Train set | linear | FC-1x512 |\n| --- | --- | --- | --- |\n");
            // (embedding, train set) -> classifier -> auc, in outcome order
            Map<String, Map<String, Double>> cells = new LinkedHashMap<>();
            for (String set : List.of("full", "10%")) {
                for (String e : r.probes().embeddings()) cells.put(e + "\t" + set, new LinkedHashMap<>());
            }
            for (ProbeOutcome p : r.probes().outcomes()) {
                if (!p.task().equals(t.name())) continue;
                cells.get(p.embedding() + "\t" + p.trainSet()).put(p.classifier(), p.auc());
            }
            for (Map.Entry<String, Map<String, Double>> e : cells.entrySet()) {
                if (e.getValue().isEmpty()) continue; // warm-start probes run on the full training set only
                String[] k = e.getKey().split("\t");
                boolean model = isModel(r, k[0]);
                md.append("| ").append(k[0]).append(model ? " fixed" : "").append(" | ").append(k[1]).append(" | ")
                        .append(cell(e.getValue().get("linear"))).append(" | ").append(cell(e.getValue().get("mlp"))).append(" |\n");
            }
            md.append('\n');
        }
        summary(md, r);
    }

    /** Mean over tasks of each embedding's full-set AUCs, so the baselines' gap reads at a glance. */
    private static void summary(StringBuilder md, EvaluationReport r) {
        if (r.probes().tasks().size() < 2) return;
        md.append("### Mean over tasks (full training set)\n\n| Embedding | linear | FC-1x512 |\n| --- | --- | --- |\n");
        for (String e : r.probes().embeddings()) {
            List<Double> lin = new ArrayList<>(), mlp = new ArrayList<>();
            for (ProbeOutcome p : r.probes().outcomes()) {
                if (!p.embedding().equals(e) || !p.trainSet().equals("full") || !Double.isFinite(p.auc())) continue;
                (p.classifier().equals("linear") ? lin : mlp).add(p.auc());
            }
            md.append("| ").append(e).append(" | ").append(f3(mean(lin))).append(" | ").append(f3(mean(mlp))).append(" |\n");
        }
        md.append('\n');
    }

    private static boolean isModel(EvaluationReport r, String name) {
        return r.models().stream().anyMatch(m -> m.name().equals(name));
    }

    private static double mean(List<Double> v) {
        return v.isEmpty() ? Double.NaN : v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static String cell(Double v) {
        return v == null ? "" : f3(v);
    }

    static String f3(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
    }

    static String f4(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "n/a";
    }
}
