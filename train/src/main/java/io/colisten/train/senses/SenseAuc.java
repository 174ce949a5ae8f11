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

    /**
     * The plain terms' AUC under a sense classifier: a term's score is the sum of its senses'
     * probabilities (p(term | u) when the senses partition it), measured on the unsplit labels
     * ({@code plain}, the k = 1 split) exactly as the unsplit classifier is, so the two compare on
     * the same labels and recordings. A term none of whose senses was kept scores 0.
     */
    public static Outcome ofTerms(ClassifierHead head, SenseSplit split, RecordingEmbeddings heldOut, SenseSplit plain, int minPositives) {
        LabelMatrix labels = plain.labels();
        int n = heldOut.size(), v = labels.vocabularySize();
        int[] count = new int[v];
        int[][] rows = new int[n][];
        for (int i = 0; i < n; i++) {
            int r = labels.row(heldOut.ids().get(i));
            if (r < 0) throw new IllegalArgumentException("label AUC: held-out recording '" + heldOut.ids().get(i) + "' has no labels row");
            rows[i] = labels.labels(r);
            for (int t : rows[i]) count[t]++;
        }
        List<Integer> kept = new ArrayList<>();
        int[] remap = new int[v];
        for (int t = 0; t < v; t++) {
            remap[t] = -1;
            if (count[t] >= minPositives && count[t] < n) {
                remap[t] = kept.size();
                kept.add(t);
            }
        }
        if (kept.isEmpty()) return new Outcome(null, n);
        int q = kept.size();
        // Each kept term's senses, as columns of one LabelScores call.
        java.util.Map<Integer, List<Integer>> byTerm = new java.util.HashMap<>();
        for (int s = 0; s < split.baseTerm().length; s++) byTerm.computeIfAbsent(split.baseTerm()[s], x -> new ArrayList<>()).add(s);
        int[][] senses = new int[q][];
        List<Integer> columns = new ArrayList<>();
        for (int j = 0; j < q; j++) {
            senses[j] = byTerm.getOrDefault(plain.baseTerm()[kept.get(j)], List.of()).stream().mapToInt(Integer::intValue).toArray();
            for (int s : senses[j]) columns.add(s);
        }
        float[][] sense = columns.isEmpty() ? new float[n][0] : LabelScores.of(heldOut, head, columns.stream().mapToInt(Integer::intValue).toArray());
        float[][] scores = new float[n][q];
        for (int i = 0; i < n; i++) {
            for (int j = 0, at = 0; j < q; j++) {
                double sum = 0;
                for (int k = 0; k < senses[j].length; k++) sum += sense[i][at++];
                scores[i][j] = (float) sum;
            }
        }
        int[] start = new int[n + 1];
        List<Integer> flat = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int t : rows[i]) if (remap[t] >= 0) flat.add(remap[t]);
            start[i + 1] = flat.size();
        }
        LabelMatrix sub = new LabelMatrix(heldOut.ids(), start, flat.stream().mapToInt(Integer::intValue).toArray(), q);
        return new Outcome(LabelPrediction.evaluate(heldOut.ids(), scores, sub, minPositives), n);
    }

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
