package io.colisten.train.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colisten.engine.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * Downstream probes on synthetic tasks: classes that are half-spaces of the features (linearly
 * separable: test macro AUC near 1 for both classifiers), and classes independent of the features
 * (near 0.5, with early stopping cutting training short). Features are offset and scaled per
 * dimension so that standardisation matters.
 */
class ProbeTrainerTest {
    private static final int N = 500, DIM = 12, CLASSES = 4;

    private static float[][] features(Rng rng) {
        float[][] x = new float[N][DIM];
        for (float[] row : x) for (int j = 0; j < DIM; j++) row[j] = (float) (100 + (j + 1) * 30 * rng.nextGaussian());
        return x;
    }

    private static ProbeSplit split() {
        int[] train = new int[300], val = new int[100], test = new int[100];
        for (int i = 0; i < 300; i++) train[i] = i;
        for (int i = 0; i < 100; i++) {
            val[i] = 300 + i;
            test[i] = 400 + i;
        }
        return new ProbeSplit(train, val, test);
    }

    private static boolean[][] separable(float[][] x, Rng rng) {
        double[][] w = new double[CLASSES][DIM];
        for (double[] v : w) for (int j = 0; j < DIM; j++) v[j] = rng.nextGaussian() / ((j + 1) * 30);
        boolean[][] y = new boolean[N][CLASSES];
        for (int i = 0; i < N; i++) {
            for (int c = 0; c < CLASSES; c++) {
                double s = 0;
                for (int j = 0; j < DIM; j++) s += w[c][j] * (x[i][j] - 100);
                y[i][c] = s > 0.3 * (c - 1.5);
            }
        }
        return y;
    }

    @Test
    void separableClassesAreLearnedByBoth() {
        Rng rng = new Rng(1);
        float[][] x = features(rng);
        boolean[][] y = separable(x, rng);
        for (ProbeClassifier kind : ProbeClassifier.values()) {
            ProbeSpec spec = new ProbeSpec(kind, 64, 1e-2f, 32, 60, 8, 0f, 2);
            ProbeResult r = ProbeTrainer.train(x, y, split(), spec);
            assertEquals(CLASSES, r.test().columnsUsed());
            assertTrue(r.testRocAuc() > 0.97, kind + ": test auc " + r.testRocAuc());
            assertTrue(r.trainLoss()[r.epochs() - 1] < r.trainLoss()[0], kind + ": training loss falls");
        }
    }

    @Test
    void randomClassesStayAtChanceAndStopEarly() {
        Rng rng = new Rng(3);
        float[][] x = features(rng);
        boolean[][] y = new boolean[N][CLASSES];
        for (boolean[] row : y) for (int c = 0; c < CLASSES; c++) row[c] = rng.nextDouble() < 0.3;
        ProbeSpec spec = new ProbeSpec(ProbeClassifier.MLP, 64, 1e-2f, 32, 100, 5, 0f, 4);
        ProbeResult r = ProbeTrainer.train(x, y, split(), spec);
        assertEquals(0.5, r.testRocAuc(), 0.1);
        assertTrue(r.epochs() < 100, "early stopping: " + r.epochs() + " epochs");
        assertEquals(r.epochs() - spec.patience(), r.bestEpoch());
        double best = Double.POSITIVE_INFINITY;
        for (double v : r.validationLoss()) best = Math.min(best, v);
        assertEquals(best, r.validationLoss()[r.bestEpoch() - 1]);
    }

    @Test
    void sameSeedSameResultAndATenthOfTheTrainingRows() {
        Rng rng = new Rng(5);
        float[][] x = features(rng);
        boolean[][] y = separable(x, rng);
        ProbeSpec spec = new ProbeSpec(ProbeClassifier.LOGISTIC, 1, 1e-2f, 16, 10, 3, 0f, 6);
        ProbeSplit tenth = split().withTrainingFraction(0.1);
        assertEquals(30, tenth.train().length);
        ProbeResult a = ProbeTrainer.train(x, y, tenth, spec), b = ProbeTrainer.train(x, y, tenth, spec);
        assertArrayEquals(a.validationLoss(), b.validationLoss());
        assertEquals(a.testRocAuc(), b.testRocAuc());
        assertEquals(30, a.trainRows());
    }

    @Test
    void badSplitsAreNamed() {
        float[][] x = new float[10][3];
        boolean[][] y = new boolean[10][2];
        var overlap = assertThrows(IllegalArgumentException.class, () -> ProbeTrainer.train(x, y,
                new ProbeSplit(new int[] {0, 1, 2}, new int[] {2, 3}, new int[] {4}), ProbeSpec.defaults(ProbeClassifier.LOGISTIC, 1)));
        assertTrue(overlap.getMessage().contains("row 2"), overlap.getMessage());
        var outside = assertThrows(IllegalArgumentException.class, () -> ProbeTrainer.train(x, y,
                new ProbeSplit(new int[] {0, 1}, new int[] {12}, new int[0]), ProbeSpec.defaults(ProbeClassifier.MLP, 1)));
        assertTrue(outside.getMessage().contains("row 12"), outside.getMessage());
    }
}
