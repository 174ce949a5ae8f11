package io.colisten.train.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.colisten.train.eval.report.EvaluationReport.Curve;
import io.colisten.train.eval.report.EvaluationReport.LinkRow;
import io.colisten.train.training.MetricsLog;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's PNG charts, drawn headless with JFreeChart: each run's training curves from its
 * metrics.jsonl (one panel per stage, since a triplet loss near 0.1 and a softmax loss near
 * log |V| share no scale: the training loss, its smoothed value and the held-out loss against the
 * step), and the ROC and precision-recall curves of link prediction's first pair set, one line per
 * row of Table 2.
 */
public final class ReportCharts {
    static final int WIDTH = 900, HEIGHT = 600;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ReportCharts() {}

    /**
     * A run's training curves into {@code png}; false (nothing written) when the run has no
     * metrics log or no step in it.
     */
    public static boolean trainingCurves(String title, Path metricsLog, Path png) throws IOException {
        if (!Files.isRegularFile(metricsLog)) return false;
        // stage -> series (loss, smoothed loss, held-out loss)
        Map<String, XYSeries[]> stages = new LinkedHashMap<>();
        for (JsonNode n : MetricsLog.read(metricsLog)) {
            String event = n.path("event").asText(), stage = n.path("stage").asText("");
            long step = n.path("step").asLong();
            if (event.equals("step") && n.has("loss")) {
                XYSeries[] s = stages.computeIfAbsent(stage, ReportCharts::stageSeries);
                add(s[0], step, n.get("loss"));
                add(s[1], step, n.get("smoothed_loss"));
            } else if (event.equals("eval")) {
                if (n.has("heldout_triplet_loss")) add(stages.computeIfAbsent("triplet", ReportCharts::stageSeries)[2], step, n.get("heldout_triplet_loss"));
                if (n.has("heldout_label_loss")) add(stages.computeIfAbsent("labels", ReportCharts::stageSeries)[2], step, n.get("heldout_label_loss"));
            }
        }
        stages.values().removeIf(s -> s[0].getItemCount() == 0 && s[2].getItemCount() == 0);
        if (stages.isEmpty()) return false;
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("step"));
        plot.setGap(12);
        for (Map.Entry<String, XYSeries[]> e : stages.entrySet()) {
            XYSeriesCollection data = new XYSeriesCollection();
            for (XYSeries s : e.getValue()) if (s.getItemCount() > 0) data.addSeries(s);
            NumberAxis y = new NumberAxis(e.getKey() + " loss");
            y.setAutoRangeIncludesZero(false);
            XYLineAndShapeRenderer r = renderer(data.getSeriesCount());
            for (int i = 0; i < data.getSeriesCount(); i++) {
                boolean heldOut = data.getSeriesKey(i).toString().endsWith("held-out");
                r.setSeriesShapesVisible(i, heldOut);
                String key = data.getSeriesKey(i).toString();
                r.setSeriesPaint(i, heldOut ? PALETTE[3] : key.endsWith(" loss") ? new Color(0xa6c8e6) : PALETTE[0]);
            }
            plot.add(new XYPlot(data, null, y, r), 1);
        }
        save(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true), png);
        return true;
    }

    /** Link prediction's ROC curves (set 1), one line per row, with the chance diagonal. */
    public static void roc(List<LinkRow> rows, Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (LinkRow r : rows) data.addSeries(series(String.format(Locale.ROOT, "%s (AUC %.3f)", r.model(), r.result().sets().get(0).rocAuc()), r.roc()));
        XYSeries chance = new XYSeries("chance", false, true);
        chance.add(0, 0);
        chance.add(1, 1);
        data.addSeries(chance);
        JFreeChart c = lineChart("Link prediction ROC (pair set 1)", "false positive rate", "true positive rate", data);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) c.getXYPlot().getRenderer();
        r.setSeriesPaint(data.getSeriesCount() - 1, Color.LIGHT_GRAY);
        r.setSeriesStroke(data.getSeriesCount() - 1, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
        unitAxes(c.getXYPlot());
        save(c, png);
    }

    /** Link prediction's precision-recall curves (set 1), one line per row. */
    public static void precisionRecall(List<LinkRow> rows, Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (LinkRow r : rows) data.addSeries(series(String.format(Locale.ROOT, "%s (AP %.3f)", r.model(), r.result().sets().get(0).averagePrecision()), r.pr()));
        JFreeChart c = lineChart("Link prediction precision-recall (pair set 1)", "recall", "precision", data);
        unitAxes(c.getXYPlot());
        save(c, png);
    }

    private static XYSeries[] stageSeries(String stage) {
        return new XYSeries[] {new XYSeries(stage + " loss", false, true), new XYSeries(stage + " smoothed", false, true),
                new XYSeries(stage + " held-out", false, true)};
    }

    private static void add(XYSeries s, long step, JsonNode v) {
        if (v != null && v.isNumber() && Double.isFinite(v.asDouble())) s.add(step, v.asDouble(), false);
    }

    private static XYSeries series(String name, Curve c) {
        XYSeries s = new XYSeries(name, false, true);
        for (int i = 0; i < c.x().length; i++) s.add(c.x()[i], c.y()[i], false);
        return s;
    }

    private static JFreeChart lineChart(String title, String x, String y, XYSeriesCollection data) {
        XYPlot plot = new XYPlot(data, new NumberAxis(x), new NumberAxis(y), renderer(data.getSeriesCount()));
        plot.setOrientation(PlotOrientation.VERTICAL);
        return new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    private static XYLineAndShapeRenderer renderer(int series) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < series; i++) {
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            r.setSeriesStroke(i, new BasicStroke(1.5f));
        }
        return r;
    }

    private static void unitAxes(XYPlot p) {
        p.getDomainAxis().setRange(0, 1);
        p.getRangeAxis().setRange(0, 1.02);
    }

    private static void save(JFreeChart chart, Path png) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof XYPlot p) styled(p);
        if (chart.getPlot() instanceof CombinedDomainXYPlot cp) for (Object o : cp.getSubplots()) styled((XYPlot) o);
        Path tmp = png.resolveSibling(png.getFileName() + ".tmp");
        ChartUtils.saveChartAsPNG(tmp.toFile(), chart, WIDTH, HEIGHT);
        Files.move(tmp, png, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void styled(XYPlot p) {
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(new Color(0xdddddd));
        p.setRangeGridlinePaint(new Color(0xdddddd));
    }

    /** A file-name-safe form of a model name. */
    static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.isEmpty() ? "model" : s;
    }

    /** The slugs of names, made distinct with a counter. */
    static List<String> slugs(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String s = slug(n), t = s;
            for (int k = 2; out.contains(t); k++) t = s + "-" + k;
            out.add(t);
        }
        return out;
    }
}
