package io.colisten.train.wmf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colisten.train.graph.ColistenGraph;
import io.colisten.train.progress.Progress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ImplicitAlsTest {
    private static final float ALPHA = 2f, LAMBDA = 0.5f;

    private static WmfConfig config(int rank, WmfSolver solver) {
        return WmfConfig.defaults().withRank(rank).withAlpha(ALPHA).withLambda(LAMBDA).withSolver(solver).withSeed(7);
    }

    /** |a - b| <= atol + rtol |b| element-wise. */
    private static void assertClose(double[][] want, WmfFactors f, boolean rows, double atol, double rtol, String what) {
        for (int i = 0; i < want.length; i++) {
            for (int j = 0; j < want[i].length; j++) {
                double got = rows ? f.rowFactor(i, j) : f.columnFactor(i, j);
                assertTrue(Math.abs(got - want[i][j]) <= atol + rtol * Math.abs(want[i][j]),
                        what + " [" + i + "][" + j + "]: got " + got + ", want " + want[i][j]);
            }
        }
    }

    /** Rank 3 is padded to the vector length, so the padding path is exercised too. */
    @Test
    void exactSweepsMatchTheDenseReference() {
        ColistenGraph g = TestGraphs.tiny();
        WmfConfig cfg = config(3, WmfSolver.EXACT);
        ImplicitAls als = new ImplicitAls(g, cfg);
        DenseWmfReference ref = new DenseWmfReference(g, 3, ALPHA, LAMBDA);
        double[][] y = DenseWmfReference.matrix(als.factors(), false);
        for (int sweep = 1; sweep <= 2; sweep++) {
            SweepStats st = als.sweep();
            double[][] x = ref.exactHalf(y, true);
            y = ref.exactHalf(x, false);
            // tolerance: float32 solves of systems whose entries reach ~40 (alpha * count * |y|^2 sums)
            assertClose(x, als.factors(), true, 1e-4, 1e-3, "sweep " + sweep + " X");
            assertClose(y, als.factors(), false, 1e-4, 1e-3, "sweep " + sweep + " Y");
            double want = ref.loss(x, y);
            assertEquals(want, st.loss(), 1e-5 * want, "sweep " + sweep + " loss (Gram trick against the dense sum)");
        }
    }

    @Test
    void cgStepsMatchDenseCg() {
        ColistenGraph g = TestGraphs.tiny();
        WmfConfig cfg = config(3, WmfSolver.CG).withCgSteps(2);
        ImplicitAls als = new ImplicitAls(g, cfg);
        DenseWmfReference ref = new DenseWmfReference(g, 3, ALPHA, LAMBDA);
        double[][] x = DenseWmfReference.matrix(als.factors(), true);
        double[][] y = DenseWmfReference.matrix(als.factors(), false);
        for (int sweep = 1; sweep <= 2; sweep++) {
            SweepStats st = als.sweep();
            x = ref.cgHalf(y, x, true, 2);
            y = ref.cgHalf(x, y, false, 2);
            assertClose(x, als.factors(), true, 1e-4, 1e-3, "sweep " + sweep + " X");
            assertClose(y, als.factors(), false, 1e-4, 1e-3, "sweep " + sweep + " Y");
            double want = ref.loss(x, y);
            assertEquals(want, st.loss(), 1e-5 * want, "sweep " + sweep + " loss");
        }
    }

    /** In exact arithmetic CG solves a rank x rank system in rank steps: it must land on the exact sweep. */
    @Test
    void cgWithRankStepsReachesTheExactSolution() {
        ColistenGraph g = TestGraphs.tiny();
        ImplicitAls als = new ImplicitAls(g, config(3, WmfSolver.CG).withCgSteps(3));
        DenseWmfReference ref = new DenseWmfReference(g, 3, ALPHA, LAMBDA);
        double[][] y = DenseWmfReference.matrix(als.factors(), false);
        als.sweep();
        double[][] x = ref.exactHalf(y, true);
        y = ref.exactHalf(x, false);
        assertClose(x, als.factors(), true, 1e-3, 1e-2, "X");
        assertClose(y, als.factors(), false, 1e-3, 1e-2, "Y");
    }

    /**
     * Degrees of about 10 to 45 (whole 16-neighbour batches and remainders), ranks that fill one,
     * two (with padding) and four vectors.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"EXACT,16", "EXACT,20", "EXACT,64", "CG,16", "CG,20", "CG,64"})
    void denserGraphsMatchTheReference(WmfSolver solver, int rank) {
        ColistenGraph g = TestGraphs.random(90, 0.3, rank);
        WmfConfig cfg = config(rank, solver).withCgSteps(3);
        ImplicitAls als = new ImplicitAls(g, cfg);
        DenseWmfReference ref = new DenseWmfReference(g, rank, ALPHA, LAMBDA);
        double[][] x = DenseWmfReference.matrix(als.factors(), true);
        double[][] y = DenseWmfReference.matrix(als.factors(), false);
        for (int sweep = 1; sweep <= 2; sweep++) {
            SweepStats st = als.sweep();
            x = solver == WmfSolver.EXACT ? ref.exactHalf(y, true) : ref.cgHalf(y, x, true, 3);
            y = solver == WmfSolver.EXACT ? ref.exactHalf(x, false) : ref.cgHalf(x, y, false, 3);
            assertClose(x, als.factors(), true, 2e-4, 2e-3, solver + " sweep " + sweep + " X");
            assertClose(y, als.factors(), false, 2e-4, 2e-3, solver + " sweep " + sweep + " Y");
            double want = ref.loss(x, y);
            assertEquals(want, st.loss(), 1e-5 * want, "sweep " + sweep + " loss");
        }
    }

    @ParameterizedTest
    @EnumSource(WmfSolver.class)
    void lossNeverIncreases(WmfSolver solver) {
        ColistenGraph g = TestGraphs.random(400, 0.03, 3);
        WmfConfig cfg = WmfConfig.defaults().withRank(16).withSweeps(12).withSolver(solver).withSeed(5);
        double[] losses = ImplicitAls.train(g, cfg, Progress.NONE, null).losses();
        assertEquals(12, losses.length);
        for (int s = 1; s < losses.length; s++) {
            // 1e-6 relative: the float32 rounding of a converged sweep, far below a real step
            assertTrue(losses[s] <= losses[s - 1] * (1 + 1e-6), solver + ": sweep " + (s + 1) + " raised the loss from "
                    + losses[s - 1] + " to " + losses[s]);
        }
        assertTrue(losses[losses.length - 1] < 0.9 * losses[0], solver + ": the loss hardly fell: " + java.util.Arrays.toString(losses));
    }

    @ParameterizedTest
    @EnumSource(WmfSolver.class)
    void plantedCommunitiesSeparate(WmfSolver solver) {
        int half = 80;
        ColistenGraph g = TestGraphs.twoCommunities(half, 0.15, 0.01, 11);
        WmfConfig cfg = WmfConfig.defaults().withRank(8).withSweeps(8).withSolver(solver).withAlpha(10f).withLambda(1f);
        WmfFactors f = ImplicitAls.train(g, cfg, Progress.NONE, null).factors();
        float[] y = f.columnFactors();
        double within = 0, across = 0;
        int misplaced = 0;
        for (int i = 0; i < 2 * half; i++) {
            double own = 0, other = 0;
            for (int j = 0; j < 2 * half; j++) {
                if (j == i) continue;
                double cos = cosine(y, i, j, 8);
                if ((i < half) == (j < half)) own += cos / (half - 1);
                else other += cos / half;
            }
            within += own / (2 * half);
            across += other / (2 * half);
            if (own <= other) misplaced++;
        }
        // every recording is closer on average to its own community, and the means are far apart
        assertEquals(0, misplaced, solver + ": recordings closer to the other community");
        assertTrue(within > across + 0.3, solver + ": mean cosine within " + within + ", across " + across);
    }

    private static double cosine(float[] m, int i, int j, int d) {
        double ab = 0, aa = 0, bb = 0;
        for (int k = 0; k < d; k++) {
            ab += m[i * d + k] * m[j * d + k];
            aa += m[i * d + k] * m[i * d + k];
            bb += m[j * d + k] * m[j * d + k];
        }
        return ab / Math.sqrt(aa * bb);
    }

    @ParameterizedTest
    @EnumSource(WmfSolver.class)
    void reproducibleAcrossRunsAndThreadCounts(WmfSolver solver) {
        ColistenGraph g = TestGraphs.random(1500, 0.02, 9);
        WmfConfig cfg = WmfConfig.defaults().withRank(20).withSweeps(2).withSolver(solver);
        WmfResult a = ImplicitAls.train(g, cfg.withThreads(2), Progress.NONE, null);
        WmfResult b = ImplicitAls.train(g, cfg.withThreads(2), Progress.NONE, null);
        WmfResult one = ImplicitAls.train(g, cfg.withThreads(1), Progress.NONE, null);
        assertArrayEquals(a.factors().columnFactors(), b.factors().columnFactors());
        assertArrayEquals(a.factors().rowFactors(), b.factors().rowFactors());
        assertArrayEquals(a.losses(), b.losses());
        assertArrayEquals(a.factors().columnFactors(), one.factors().columnFactors());
        assertArrayEquals(a.losses(), one.losses());
        WmfResult other = ImplicitAls.train(g, cfg.withSeed(2), Progress.NONE, null);
        assertTrue(other.losses()[0] != a.losses()[0], "another seed should start elsewhere");
    }

    @Test
    void badInputGivesClearErrors() {
        ColistenGraph empty = new ColistenGraph(new String[0], new int[] {0}, new int[0], new int[0]);
        var e1 = assertThrows(IllegalArgumentException.class, () -> new ImplicitAls(empty, WmfConfig.defaults()));
        assertTrue(e1.getMessage().contains("no recordings"), e1.getMessage());
        ColistenGraph noEdges = ColistenGraph.fromEdges(TestGraphs.ids(5), new int[0], new int[0], new int[0], 0);
        var e2 = assertThrows(IllegalArgumentException.class, () -> new ImplicitAls(noEdges, WmfConfig.defaults()));
        assertTrue(e2.getMessage().contains("no edges"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> WmfConfig.defaults().withRank(0));
        assertTrue(e3.getMessage().contains("rank must be at least 1"), e3.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WmfConfig.defaults().withLambda(-1f));
        assertThrows(IllegalArgumentException.class, () -> WmfConfig.defaults().withAlpha(Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> WmfConfig.defaults().withCgSteps(0));
    }
}
