package io.colisten.train.eval;

import io.colisten.nn.checkpoint.Checkpoint;
import io.colisten.nn.text.TextFormatException;
import io.colisten.nn.text.Vocabulary;
import io.colisten.train.eval.embed.RecordingEmbeddings;
import io.colisten.train.eval.report.EvaluationReport.LabelRow;
import io.colisten.train.labels.LabelMatrix;
import io.colisten.train.labels.LabelsFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Table 1's row for one model: the corpus's labels of the evaluation recordings (read against the
 * checkpoint's own vocabulary, so a model trained on other labels is refused, not misread), the
 * labels with enough positives there, each window's softmax scores averaged per recording
 * ({@link LabelScores}), and {@link LabelPrediction}'s mean AUC. Only the qualifying labels are
 * scored and kept: n x (qualifying labels), never n x |V|.
 */
final class LabelTable {
    private static final int TOP = 10;

    private LabelTable() {}

    static LabelRow row(EvaluatedModel m, Path labelsFile, List<String> evaluationIds, RecordingEmbeddings embeddings,
                        int minCount) throws IOException {
        Checkpoint c = m.checkpoint();
        String ckpt = m.checkpointFile().toString();
        if (c.head() == null) return skipped(m, "no classifier head (trained without the label stage)");
        if (c.vocabulary() == null) return skipped(m, "the checkpoint names no vocabulary for its classifier");
        if (labelsFile == null) return skipped(m, "the corpus has no labels (labels/labels.tsv)");
        LabelMatrix labels;
        try {
            labels = LabelsFile.read(labelsFile, c.vocabulary());
        } catch (TextFormatException e) {
            return skipped(m, "the corpus's labels do not match the checkpoint's vocabulary: " + e.getMessage());
        }
        List<String> ids = new ArrayList<>();
        for (String id : evaluationIds) if (labels.row(id) >= 0) ids.add(id);
        int n = ids.size(), vocab = labels.vocabularySize();
        int[] count = new int[vocab];
        for (String id : ids) for (int v : labels.labels(labels.row(id))) count[v]++;
        int rare = 0, noNegatives = 0;
        List<Integer> used = new ArrayList<>();
        for (int v = 0; v < vocab; v++) {
            if (count[v] == 0) continue;
            if (count[v] < minCount) rare++;
            else if (count[v] == n) noNegatives++;
            else used.add(v);
        }
        if (used.isEmpty()) {
            return new LabelRow(m.name(), ckpt, m.step(), new LabelPredictionResult(Double.NaN, new int[0], new double[0], n, minCount,
                    rare, noNegatives), "no label has " + minCount + " or more positives (and a negative) among the " + n
                    + " evaluation recordings", List.of());
        }
        int[] q = used.stream().mapToInt(Integer::intValue).toArray();
        // The evaluation recordings' labels restricted to the qualifying ones, renumbered 0..q-1.
        int[] rowStart = new int[n + 1];
        List<Integer> flat = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int v : labels.labels(labels.row(ids.get(i)))) {
                int k = Arrays.binarySearch(q, v);
                if (k >= 0) flat.add(k);
            }
            rowStart[i + 1] = flat.size();
        }
        LabelMatrix reduced = new LabelMatrix(ids, rowStart, flat.stream().mapToInt(Integer::intValue).toArray(), q.length);
        float[][] scores = LabelScores.of(embeddings.select(ids), c.head(), q);
        LabelPredictionResult r = LabelPrediction.evaluate(ids, scores, reduced, minCount);
        int[] vocabIds = new int[r.labelIds().length];
        for (int k = 0; k < vocabIds.length; k++) vocabIds[k] = q[r.labelIds()[k]];
        LabelPredictionResult full = new LabelPredictionResult(r.rocAuc(), vocabIds, r.rocAucs(), n, minCount, rare, noNegatives);
        return new LabelRow(m.name(), ckpt, m.step(), full, null, top(full, c.vocabulary()));
    }

    private static LabelRow skipped(EvaluatedModel m, String why) {
        return new LabelRow(m.name(), m.checkpointFile().toString(), m.step(), null, why, List.of());
    }

    /** The best-predicted labels as "term (auc)". */
    private static List<String> top(LabelPredictionResult r, Vocabulary vocabulary) {
        Integer[] order = new Integer[r.labelIds().length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -r.rocAucs()[i]).thenComparingInt(i -> r.labelIds()[i]));
        List<String> out = new ArrayList<>();
        for (int k = 0; k < Math.min(TOP, order.length); k++) {
            int i = order[k];
            out.add(String.format(Locale.ROOT, "%s (%.3f)", vocabulary.term(r.labelIds()[i]), r.rocAucs()[i]));
        }
        return out;
    }
}
