package io.colisten.train.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colisten.engine.random.Rng;
import io.colisten.train.labels.LabelMatrix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The label-prediction protocol against a plain per-label reference (tolerance 1e-12). */
class LabelPredictionTest {
    private static final int VOCAB = 30;

    /** 200 recordings; label v is on each with probability (v + 1) / 60 (so rare to common), label 29 on all. */
    static LabelMatrix labels(Rng rng, int rows) {
        List<String> ids = new ArrayList<>();
        int[] start = new int[rows + 1];
        int[] flat = new int[rows * VOCAB];
        int k = 0;
        for (int r = 0; r < rows; r++) {
            ids.add("rec" + r);
            for (int v = 0; v < VOCAB; v++) {
                if (v == VOCAB - 1 || rng.nextDouble() < (v + 1) / 60.0) flat[k++] = v;
            }
            start[r + 1] = k;
        }
        return new LabelMatrix(ids, start, flat, VOCAB);
    }

    @Test
    void meanOverLabelsWithEnoughPositives() {
        Rng rng = new Rng(1);
        LabelMatrix m = labels(rng, 240);
        // Evaluate on 200 of the 240 rows, in another order.
        List<String> ids = new ArrayList<>();
        for (int r = 239; r >= 40; r--) ids.add(m.trackId(r));
        float[][] scores = new float[ids.size()][VOCAB];
        boolean[][] truth = new boolean[ids.size()][VOCAB];
        for (int i = 0; i < ids.size(); i++) {
            for (int v : m.labels(m.row(ids.get(i)))) truth[i][v] = true;
            for (int v = 0; v < VOCAB; v++) scores[i][v] = (float) Math.round(4 * (rng.nextGaussian() + (truth[i][v] ? 1 : 0))) / 4;
        }
        LabelPredictionResult r = LabelPrediction.evaluate(ids, scores, m, 10);
        int rare = 0;
        List<Integer> expected = new ArrayList<>();
        double sum = 0;
        for (int v = 0; v < VOCAB; v++) {
            int positives = 0;
            double[] col = new double[ids.size()];
            boolean[] y = new boolean[ids.size()];
            for (int i = 0; i < ids.size(); i++) {
                positives += truth[i][v] ? 1 : 0;
                col[i] = scores[i][v];
                y[i] = truth[i][v];
            }
            if (positives > 0 && positives < 10) rare++;
            if (positives < 10 || positives == ids.size()) continue;
            int k = expected.size();
            expected.add(v);
            assertEquals(v, r.labelIds()[k]);
            double auc = RankedScoresTest.referenceAuc(col, y);
            assertEquals(auc, r.rocAucs()[k], 1e-12, "label " + v);
            sum += auc;
        }
        assertTrue(expected.size() > 15 && rare > 0, "the set-up spans rare and common labels");
        assertEquals(expected.size(), r.labelsUsed());
        assertEquals(sum / expected.size(), r.rocAuc(), 1e-12);
        assertEquals(rare, r.rareLabels());
        assertEquals(1, r.labelsWithoutNegatives(), "label 29 is on every recording");
        assertEquals(200, r.recordings());
        assertTrue(r.rocAuc() > 0.7, "scores carry signal: " + r.rocAuc());

        LabelPredictionResult strict = LabelPrediction.evaluate(ids, scores, m, 40);
        assertTrue(strict.labelsUsed() < r.labelsUsed());
        for (int k = 0; k < strict.labelsUsed(); k++) {
            int at = java.util.Arrays.binarySearch(r.labelIds(), strict.labelIds()[k]);
            assertEquals(r.rocAucs()[at], strict.rocAucs()[k], 0);
        }
    }

    @Test
    void noQualifyingLabelGivesNaN() {
        LabelMatrix m = labels(new Rng(2), 5);
        List<String> ids = List.of("rec0", "rec1", "rec2");
        LabelPredictionResult r = LabelPrediction.evaluate(ids, new float[3][VOCAB], m, 10);
        assertTrue(Double.isNaN(r.rocAuc()));
        assertEquals(0, r.labelsUsed());
        assertArrayEquals(new double[0], r.rocAucs());
    }

    @Test
    void errorsNameTheRecording() {
        LabelMatrix m = labels(new Rng(3), 5);
        var missing = assertThrows(IllegalArgumentException.class,
                () -> LabelPrediction.evaluate(List.of("rec0", "nope", "gone"), new float[3][VOCAB], m, 1));
        assertTrue(missing.getMessage().contains("2 of 3") && missing.getMessage().contains("nope, gone"), missing.getMessage());
        var width = assertThrows(IllegalArgumentException.class,
                () -> LabelPrediction.evaluate(List.of("rec0", "rec1"), new float[][] {new float[VOCAB], new float[3]}, m, 1));
        assertTrue(width.getMessage().contains("'rec1'"), width.getMessage());
        float[][] nan = new float[5][VOCAB];
        for (float[] row : nan) java.util.Arrays.fill(row, Float.NaN);
        var e = assertThrows(IllegalArgumentException.class,
                () -> LabelPrediction.evaluate(List.of("rec0", "rec1", "rec2", "rec3", "rec4"), nan, m, 1));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }
}
