package io.colisten.train.senses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.colisten.engine.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The disambiguation's report: the {@code disambiguation} object of report.json ({@code k_sweep},
 * {@code chosen_k}, {@code auc_split}, {@code auc_unsplit}, {@code tables}, {@code planted_terms},
 * {@code planted_terms_separated}, ...) and a report.md section. Written to RUN/disambiguation/,
 * and merged into an evaluation report folder when one is given: its report.json gains the key
 * (replacing an older one) and its report.md the section (between markers, replaced on a rerun).
 */
public final class DisambiguationReport {
    public static final String JSON_FILE = "report.json", MD_FILE = "report.md";
    static final String BEGIN = "<!-- disambiguation -->", END = "<!-- /disambiguation -->";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DisambiguationReport() {}

    public static ObjectNode toJson(DisambiguationResult r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("run", r.run());
        o.put("checkpoint", r.checkpoint());
        o.put("corpus", r.corpus());
        o.put("seed", r.seed());
        o.put("clustered_recordings", r.clustered());
        o.put("recordings_without_edges", r.withoutEdges());
        o.put("train_recordings", r.train());
        o.put("heldout_recordings", r.heldOut());
        o.put("min_count", r.minCount());
        o.put("min_label_count", r.minPositives());
        ArrayNode sweep = o.putArray("k_sweep");
        for (DisambiguationResult.SweepRow s : r.sweep()) {
            ObjectNode n = sweep.addObject();
            n.put("k", s.k());
            n.put("unsplit", s.k() == 1);
            n.put("labels", s.senses());
            n.put("terms_with_several_senses", s.severalSenses());
            n.put("occurrences_kept", s.kept());
            n.put("occurrences_dropped", s.dropped());
            if (s.k() > 1) n.put("inertia", s.inertia());
            number(n, "train_loss", s.trainLoss());
            number(n, "heldout_loss", s.heldOutLoss());
            number(n, "auc", s.auc());
            n.put("auc_labels", s.aucLabels());
            number(n, "term_auc", s.termAuc());
            if (r.plantedByK().containsKey(s.k())) n.put("planted_terms_separated", r.plantedByK().get(s.k()));
            n.put("seconds", Math.round(s.seconds() * 10) / 10.0);
        }
        o.put("chosen_k", r.chosenK());
        number(o, "auc_split", r.aucSplit());
        number(o, "auc_unsplit", r.aucUnsplit());
        number(o, "term_auc_split", r.row(r.chosenK()) == null ? Double.NaN : r.row(r.chosenK()).termAuc());
        ArrayNode tables = o.putArray("tables");
        for (DisambiguationResult.Table t : r.tables()) {
            ObjectNode tn = tables.addObject();
            tn.put("term", t.term());
            ArrayNode cols = tn.putArray("columns");
            for (DisambiguationResult.Column c : t.columns()) {
                ObjectNode cn = cols.addObject();
                cn.put("label", c.label());
                cn.put("unsplit", c.unsplit());
                cn.put("count", c.count());
                ArrayNode nb = cn.putArray("nearest");
                for (DisambiguationResult.Cell cell : c.neighbours()) {
                    nb.addObject().put("label", cell.label()).put("cosine", Math.round(cell.cosine() * 10000) / 10000.0);
                }
            }
        }
        if (r.planted() == null) {
            o.putNull("planted_terms");
            o.putNull("planted_terms_separated");
        } else {
            o.put("planted_terms", r.planted().size());
            o.put("planted_terms_separated", r.plantedSeparated());
            ArrayNode p = o.putArray("planted");
            for (PlantedSenses.TermVerdict v : r.planted()) {
                ObjectNode pn = p.addObject();
                pn.put("term", v.planted().term());
                pn.putArray("scenes").add(v.planted().sceneA()).add(v.planted().sceneB());
                pn.put("separated", v.separated());
                ArrayNode senses = pn.putArray("senses");
                for (PlantedSenses.SenseVerdict s : v.senses()) {
                    ObjectNode sn = senses.addObject().put("label", s.label()).put("votes", s.votes());
                    if (s.scene() == null) sn.putNull("scene");
                    else sn.put("scene", s.scene());
                    s.neighbours().forEach(sn.putArray("nearest")::add);
                }
            }
            o.put("separated_rule", PlantedSenses.RULE);
        }
        ArrayNode notes = o.putArray("notes");
        r.notes().forEach(notes::add);
        return o;
    }

    public static String toMarkdown(DisambiguationResult r) {
        StringBuilder md = new StringBuilder();
        md.append("## Label sense disambiguation (paper 3.3, Table 3)\n\n");
        md.append(String.format(Locale.ROOT, "Network frozen at `%s`; classifier retrained over the cluster-prefixed labels of %,d training"
                + " recordings (senses with at least %d of them); AUC on %,d held-out recordings over labels with at least %d positives."
                + " k = 1 is the unsplit vocabulary, trained the same way.%n%n", r.checkpoint(), r.train(), r.minCount(), r.heldOut(),
                r.minPositives()));
        boolean world = r.planted() != null;
        md.append("| k | Labels | Terms with several senses | Dropped occurrences | Train loss | Held-out loss | Held-out AUC | AUC labels"
                + " | Plain terms' AUC |" + (world ? " Planted terms separated |" : "") + "\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |" + (world ? " --- |" : "") + "\n");
        for (DisambiguationResult.SweepRow s : r.sweep()) {
            md.append(String.format(Locale.ROOT, "| %s%s | %,d | %,d | %,d | %s | %s | %s | %d | %s |", s.k() == 1 ? "1 (unsplit)" : Integer.toString(s.k()),
                    s.k() == r.chosenK() ? " **chosen**" : "", s.senses(), s.severalSenses(), s.dropped(), f4(s.trainLoss()),
                    f4(s.heldOutLoss()), f4(s.auc()), s.aucLabels(), f4(s.termAuc())));
            if (world) md.append(' ').append(s.k() == 1 ? "-" : r.plantedByK().getOrDefault(s.k(), 0) + " of " + r.planted().size()).append(" |");
            md.append('\n');
        }
        DisambiguationResult.SweepRow chosen = r.row(r.chosenK());
        md.append(String.format(Locale.ROOT, "%nChosen k = %d (highest held-out AUC of the split labels): AUC %s split against %s unsplit."
                + " On the same plain terms (a term scored by the sum of its senses' probabilities) the split classifier gives %s.%n%n",
                r.chosenK(), f4(r.aucSplit()), f4(r.aucUnsplit()), f4(chosen == null ? Double.NaN : chosen.termAuc())));
        for (DisambiguationResult.Table t : r.tables()) {
            if (t.columns().isEmpty()) continue;
            md.append("**").append(t.term()).append("**\n\n|");
            int rows = 0;
            for (DisambiguationResult.Column c : t.columns()) {
                md.append(' ').append(c.label()).append(c.unsplit() ? " (unsplit)" : "").append(" [").append(c.count()).append("] |");
                rows = Math.max(rows, c.neighbours().size());
            }
            md.append("\n|").append(" --- |".repeat(t.columns().size())).append('\n');
            for (int i = 0; i < rows; i++) {
                md.append('|');
                for (DisambiguationResult.Column c : t.columns()) {
                    md.append(' ').append(i < c.neighbours().size() ? c.neighbours().get(i).label() : "").append(" |");
                }
                md.append('\n');
            }
            md.append('\n');
        }
        if (r.planted() != null) {
            md.append(String.format(Locale.ROOT, "Planted polysemous terms separated: %d of %d (%s).%n%n", r.plantedSeparated(),
                    r.planted().size(), PlantedSenses.RULE));
            md.append("| Term | Scenes | Senses -> scene (votes) | Separated |\n| --- | --- | --- | --- |\n");
            for (PlantedSenses.TermVerdict v : r.planted()) {
                StringBuilder s = new StringBuilder();
                for (PlantedSenses.SenseVerdict sv : v.senses()) {
                    if (!s.isEmpty()) s.append(", ");
                    s.append(sv.label()).append(" -> ").append(sv.scene() == null ? "?" : sv.scene()).append(" (").append(sv.votes()).append(')');
                }
                md.append("| ").append(v.planted().term()).append(" | ").append(v.planted().sceneA()).append(", ").append(v.planted().sceneB())
                        .append(" | ").append(s).append(" | ").append(v.separated() ? "yes" : "no").append(" |\n");
            }
            md.append('\n');
        }
        for (String n : r.notes()) md.append("- ").append(n).append('\n');
        if (!r.notes().isEmpty()) md.append('\n');
        return md.toString();
    }

    /** RUN/disambiguation/report.{json,md}, and the merge into {@code evalReport} when not null. */
    public static void write(Path dir, DisambiguationResult r, Path evalReport) throws IOException {
        ObjectNode o = toJson(r);
        ObjectNode root = JSON.createObjectNode();
        root.set("disambiguation", o);
        AtomicFiles.writeString(dir.resolve(JSON_FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        String section = toMarkdown(r);
        AtomicFiles.writeString(dir.resolve(MD_FILE), "# Label sense disambiguation\n\n" + section.substring(section.indexOf("\n\n") + 2));
        if (evalReport == null) return;
        Path json = evalReport.resolve(JSON_FILE), md = evalReport.resolve(MD_FILE);
        ObjectNode eval = Files.isRegularFile(json) ? (ObjectNode) JSON.readTree(json.toFile()) : JSON.createObjectNode();
        eval.set("disambiguation", o);
        Files.createDirectories(evalReport);
        AtomicFiles.writeString(json, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(eval) + "\n");
        String old = Files.isRegularFile(md) ? Files.readString(md, StandardCharsets.UTF_8) : "";
        AtomicFiles.writeString(md, withSection(old, BEGIN + "\n" + section + END + "\n"));
    }

    /** {@code text} with its marked section replaced by {@code section}, or the section appended. */
    static String withSection(String text, String section) {
        int a = text.indexOf(BEGIN), b = text.indexOf(END);
        if (a >= 0 && b > a) return text.substring(0, a) + section + text.substring(b + END.length()).replaceFirst("^\n", "");
        return text + (text.isEmpty() || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n") + section;
    }

    static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) o.put(key, v);
        else o.putNull(key);
    }

    private static String f4(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
    }
}
