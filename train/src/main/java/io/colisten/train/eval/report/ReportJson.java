package io.colisten.train.eval.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.colisten.train.eval.LabelPredictionResult;
import io.colisten.train.eval.LinkPredictionResult;
import io.colisten.train.eval.report.EvaluationReport.LabelRow;
import io.colisten.train.eval.report.EvaluationReport.LinkRow;
import io.colisten.train.eval.probe.ProbeOutcome;

import java.nio.file.Path;
import java.util.List;

/**
 * report.json: every figure of the report with what it came from. Top-level keys:
 * {@code corpus}, {@code seed}, {@code models}, {@code link_prediction} (one object per row of
 * Table 2: model, kind, ap, auc, pairs, per-set figures), {@code link_prediction_setup},
 * {@code label_prediction} (one per model: auc, labels, recordings, min_label_count, or skipped),
 * {@code probes} (one per task x embedding x classifier x training set: auc, ...),
 * {@code probe_tasks}, {@code charts}, {@code notes}. Every row repeats its corpus, model,
 * checkpoint and seed. A figure that could not be computed is null.
 */
public final class ReportJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportJson() {}

    public static String toJson(EvaluationReport r, List<Path> charts) throws com.fasterxml.jackson.core.JsonProcessingException {
        ObjectNode root = JSON.createObjectNode();
        root.put("corpus", r.corpus());
        root.put("seed", r.seed());
        ArrayNode models = root.putArray("models");
        for (EvaluationReport.Model m : r.models()) {
            ObjectNode o = models.addObject();
            o.put("name", m.name());
            o.put("architecture", m.architecture());
            o.put("mode", m.mode());
            o.put("run", m.run());
            o.put("checkpoint", m.checkpoint());
            o.put("step", m.step());
            o.put("stage", m.stage());
        }
        ArrayNode link = root.putArray("link_prediction");
        if (r.link() != null) {
            ObjectNode setup = root.putObject("link_prediction_setup");
            setup.put("evaluation_recordings", r.link().evaluationRecordings());
            setup.put("held_out_edges", r.link().heldOutEdges());
            setup.put("pairs_requested", r.link().requested());
            setup.put("pairs_per_set", r.link().perSet());
            setup.put("positives", "sampled_pairs");
            for (LinkRow row : r.link().rows()) {
                ObjectNode o = link.addObject();
                common(o, r, row.model(), row.checkpoint());
                o.put("kind", row.kind());
                if (row.kind().equals("model")) o.put("step", row.step());
                LinkPredictionResult lp = row.result();
                number(o, "ap", lp.averagePrecision());
                number(o, "auc", lp.rocAuc());
                o.put("pairs", lp.perSet());
                ArrayNode sets = o.putArray("sets");
                for (LinkPredictionResult.SetResult s : lp.sets()) {
                    ObjectNode so = sets.addObject();
                    so.put("pairs", s.pairs());
                    so.put("recordings", s.recordings());
                    so.put("scored_pairs", s.scoredPairs());
                    so.put("positive_pairs", s.positivePairs());
                    number(so, "positive_rate", s.positiveRate());
                    number(so, "ap", s.averagePrecision());
                    number(so, "auc", s.rocAuc());
                }
            }
        }
        ArrayNode labels = root.putArray("label_prediction");
        for (LabelRow row : r.labels()) {
            ObjectNode o = labels.addObject();
            common(o, r, row.model(), row.checkpoint());
            o.put("step", row.step());
            LabelPredictionResult lr = row.result();
            number(o, "auc", lr == null ? Double.NaN : lr.rocAuc());
            o.put("labels", lr == null ? 0 : lr.labelsUsed());
            if (lr != null) {
                o.put("recordings", lr.recordings());
                o.put("min_label_count", lr.minPositives());
                o.put("rare_labels", lr.rareLabels());
                o.put("labels_without_negatives", lr.labelsWithoutNegatives());
            }
            if (row.skipped() != null) o.put("skipped", row.skipped());
            ArrayNode top = o.putArray("top_labels");
            row.topLabels().forEach(top::add);
        }
        ArrayNode probes = root.putArray("probes");
        if (r.probes() != null) {
            root.put("probe_truth", r.probes().truth());
            root.put("probe_recordings", r.probes().recordings());
            ArrayNode tasks = root.putArray("probe_tasks");
            for (EvaluationReport.Task t : r.probes().tasks()) {
                ObjectNode o = tasks.addObject();
                o.put("name", t.name());
                o.put("train", t.train());
                o.put("validation", t.validation());
                o.put("test", t.test());
                t.classes().forEach(o.putArray("classes")::add);
                t.droppedClasses().forEach(o.putArray("dropped_classes")::add);
            }
            for (ProbeOutcome p : r.probes().outcomes()) {
                ObjectNode o = probes.addObject();
                o.put("task", p.task());
                o.put("embedding", p.embedding());
                o.put("classifier", p.classifier());
                o.put("train_set", p.trainSet());
                number(o, "auc", p.auc());
                o.put("classes", p.classes());
                o.put("train_rows", p.trainRows());
                o.put("test_rows", p.testRows());
                o.put("best_epoch", p.bestEpoch());
                number(o, "seconds", Math.round(p.seconds() * 1000) / 1000.0);
                common(o, r, p.embedding(), checkpointOf(r, p.embedding()));
            }
        }
        ArrayNode c = root.putArray("charts");
        for (Path p : charts) c.add(p.getFileName().toString());
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static void common(ObjectNode o, EvaluationReport r, String model, String checkpoint) {
        o.put("corpus", r.corpus());
        o.put("model", model);
        o.put("checkpoint", checkpoint);
        o.put("seed", r.seed());
    }

    private static String checkpointOf(EvaluationReport r, String name) {
        for (EvaluationReport.Model m : r.models()) if (m.name().equals(name)) return m.checkpoint();
        return null;
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) o.put(key, v);
        else o.putNull(key);
    }
}
