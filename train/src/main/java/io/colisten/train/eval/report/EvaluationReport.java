package io.colisten.train.eval.report;

import io.colisten.train.eval.LabelPredictionResult;
import io.colisten.train.eval.LinkPredictionResult;
import io.colisten.train.eval.probe.ProbeOutcome;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything one evaluation measured, as the report writers ({@link ReportJson},
 * {@link ReportMarkdown}, {@link ReportCharts}) read it. Sections a corpus cannot support are null
 * (no co-listen data, no labels, no truth) and {@link #notes} say why.
 *
 * @param corpus  the corpus folder (or, for probes on a folder of audio, that folder)
 * @param seed    the seed of every random choice
 * @param models  the trained models, in the order given
 * @param link    Table 2, or null
 * @param labels  Table 1 rows, one per model (empty when the corpus has no labels)
 * @param probes  Tables 4-5, or null
 * @param notes   what was left out or reduced, and why
 */
public record EvaluationReport(String corpus, long seed, List<Model> models, Link link, List<LabelRow> labels, Probes probes,
                               List<String> notes) {

    /** A model: its table name, run folder, checkpoint file, step, stage, network and training mode. */
    public record Model(String name, String run, String checkpoint, long step, String stage, String architecture, String mode) {}

    /** A curve for a chart, already thinned to a few thousand points. */
    public record Curve(double[] x, double[] y) {}

    /**
     * Link prediction (Table 2).
     *
     * @param evaluationRecordings recordings in the split's evaluation part
     * @param heldOutEdges          co-listen edges among them
     * @param requested             pairs per set asked for
     * @param perSet                pairs per set drawn
     */
    public record Link(int evaluationRecordings, long heldOutEdges, int requested, int perSet, List<LinkRow> rows) {}

    /**
     * A row of Table 2.
     *
     * @param kind       "random", "model" or "wmf"
     * @param checkpoint the checkpoint file (models), the factors file (WMF) or null (random)
     * @param roc        set 1's ROC curve (false positive rate, true positive rate)
     * @param pr         set 1's precision-recall curve (recall, precision)
     */
    public record LinkRow(String model, String kind, String checkpoint, long step, LinkPredictionResult result, Curve roc, Curve pr) {}

    /**
     * A row of Table 1; {@code result} null when the model cannot predict labels ({@code skipped} says why).
     *
     * @param topLabels the best-predicted labels used, as "term (auc)", for the report
     */
    public record LabelRow(String model, String checkpoint, long step, LabelPredictionResult result, String skipped,
                           List<String> topLabels) {}

    /**
     * The probes (Tables 4-5).
     *
     * @param truth       the ground-truth source (a truth file, an annotations CSV, ...)
     * @param recordings  recordings with truth and features
     * @param tasks       each task's shape
     * @param embeddings  the features compared, models first, then logmel_stats and random_net
     * @param outcomes    one per task x embedding x classifier x training set
     */
    public record Probes(String truth, int recordings, List<Task> tasks, List<String> embeddings, List<ProbeOutcome> outcomes) {}

    /** A probe task's shape. */
    public record Task(String name, List<String> classes, List<String> droppedClasses, int train, int validation, int test) {}
}
