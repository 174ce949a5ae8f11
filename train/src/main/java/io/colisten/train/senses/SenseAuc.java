package io.colisten.train.senses;

import io.colisten.nn.models.ClassifierHead;
import io.colisten.train.eval.LabelPrediction;
import io.colisten.train.eval.LabelPredictionResult;
import io.colisten.train.eval.LabelScores;
import io.colisten.train.eval.embed.RecordingEmbeddings;
import io.colisten.train.labels.LabelMatrix;

import java.util.ArrayList;
import java.util.List;

/**
 * The heuristic's measure (paper 3.3: "select the number of clusters such that high AUC is
 * achieved with respect to the split labels"): the unweighted mean ROC-AUC on held-out recordings,
 * over the labels with at least {@code minPositives} positives among them (and a negative), of each
 * recording's mean window softmax probability (paper 4.1's label prediction, {@link LabelPrediction}).
 * Only the qualifying labels' scores are kept, so nothing recordings x |V| is held at |V| = 1M.
 */
public final class SenseAuc {
    /**
     * @param result      the AUC over the qualifying labels; its label ids are ids of {@code labels}' vocabulary
     * @param recordings  held-out recordings scored
     */
    public record Outcome(LabelPredictionResult result, int recordings) {
        public double auc() {
            return result == null ? Double.NaN : result.rocAuc();
        }

        public int labels() {
            return result == null ? 0 : result.labelsUsed();
        }
    }

    private SenseAuc() {}

    public static Outcome of(ClassifierHead head, RecordingEmbeddings heldOut, LabelMatrix labels, int minPositives) {
        int n = heldOut.size(), v = labels.vocabularySize();
        int[] count = new int[v];
        int[][] rows = new int[n][];
        for (int i = 0; i < n; i++) {
            int r = labels.row(heldOut.ids().get(i));
            if (r < 0) throw new IllegalArgumentException("label AUC: held-out recording '" + heldOut.ids().get(i) + "' has no labels row");
            rows[i] = labels.labels(r);
            for (int t : rows[i]) count[t]++;
        }
        int[] remap = new int[v];
        List<Integer> kept = new ArrayList<>();
        for (int t = 0; t < v; t++) {
            remap[t] = -1;
            if (count[t] >= minPositives && count[t] < n) {
                remap[t] = kept.size();
                kept.add(t);
            }
        }
        if (kept.isEmpty()) return new Outcome(null, n);
        int q = kept.size();
        int[] ids = kept.stream().mapToInt(Integer::intValue).toArray();
        int[] start = new int[n + 1];
        List<Integer> flat = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int t : rows[i]) if (remap[t] >= 0) flat.add(remap[t]);
            start[i + 1] = flat.size();
        }
        LabelMatrix sub = new LabelMatrix(heldOut.ids(), start, flat.stream().mapToInt(Integer::intValue).toArray(), q);
        float[][] scores = LabelScores.of(heldOut, head, ids);
        LabelPredictionResult r = LabelPrediction.evaluate(heldOut.ids(), scores, sub, minPositives);
        int[] back = new int[r.labelIds().length];
        for (int j = 0; j < back.length; j++) back[j] = ids[r.labelIds()[j]];
        return new Outcome(new LabelPredictionResult(r.rocAuc(), back, r.rocAucs(), r.recordings(), r.minPositives(), r.rareLabels(),
                r.labelsWithoutNegatives()), n);
    }
}
