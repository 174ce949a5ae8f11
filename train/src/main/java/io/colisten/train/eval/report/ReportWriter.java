package io.colisten.train.eval.report;

import io.colisten.engine.io.AtomicFiles;
import io.colisten.train.training.MetricsLog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes an evaluation's report folder: the charts first, then report.json and report.md that name them. */
public final class ReportWriter {
    public static final String JSON = "report.json", MARKDOWN = "report.md";
    public static final String ROC = "link-roc.png", PR = "link-pr.png";

    /** The files written. */
    public record Files(Path json, Path markdown, List<Path> charts) {}

    private ReportWriter() {}

    public static Files write(EvaluationReport r, Path out) throws IOException {
        java.nio.file.Files.createDirectories(out);
        List<Path> charts = new ArrayList<>();
        List<String> slugs = ReportCharts.slugs(r.models().stream().map(EvaluationReport.Model::name).toList());
        java.util.Set<String> drawn = new java.util.HashSet<>();
        for (int i = 0; i < r.models().size(); i++) {
            EvaluationReport.Model m = r.models().get(i);
            if (!drawn.add(Path.of(m.run()).toAbsolutePath().normalize().toString())) continue; // one chart per run
            Path png = out.resolve("training-" + slugs.get(i) + ".png");
            if (ReportCharts.trainingCurves("Training: " + m.name(), Path.of(m.run()).resolve(MetricsLog.NAME), png)) charts.add(png);
        }
        if (r.link() != null && !r.link().rows().isEmpty()) {
            ReportCharts.roc(r.link().rows(), out.resolve(ROC));
            ReportCharts.precisionRecall(r.link().rows(), out.resolve(PR));
            charts.add(out.resolve(ROC));
            charts.add(out.resolve(PR));
        }
        Path json = out.resolve(JSON), md = out.resolve(MARKDOWN);
        AtomicFiles.writeString(json, ReportJson.toJson(r, charts));
        AtomicFiles.writeString(md, ReportMarkdown.toMarkdown(r, charts));
        return new Files(json, md, List.copyOf(charts));
    }
}
