package io.colisten.train.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our metrics against scikit-learn 1.2's values in golden/metrics_binary.json and
 * golden/metrics_macro.json (train/src/test/python/make_metrics_golden.py). Tolerance: 1e-12
 * absolute on every AUC, AP, rate and precision (ours and scikit-learn's differ only in rounding
 * order); thresholds are scores and must be equal exactly. "float" cases run through all four
 * entry points (float or double scores, boolean or int labels), "double" cases through the two
 * double ones.
 */
class MetricsGoldenTest {
    private static final double TOL = 1e-12;

    static JsonNode golden(String name) throws IOException {
        try (InputStream in = MetricsGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) throw new IOException("golden/" + name + " is not on the test class path");
            return new ObjectMapper().readTree(in);
        }
    }

    static Stream<Arguments> binaryCases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : golden("metrics_binary.json").get("cases")) out.add(Arguments.of(c.get("name").asText(), c));
        return out.stream();
    }

    static Stream<Arguments> macroCases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : golden("metrics_macro.json").get("cases")) out.add(Arguments.of(c.get("name").asText(), c));
        return out.stream();
    }

    static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asDouble();
        return out;
    }

    static float[] floats(JsonNode a) {
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = (float) a.get(i).asDouble();
        return out;
    }

    /** The ranked scores of a case through each entry point that fits its kind. */
    static List<RankedScores> rankings(JsonNode c) {
        int n = c.get("labels").size();
        int[] y = new int[n];
        boolean[] b = new boolean[n];
        for (int i = 0; i < n; i++) {
            y[i] = c.get("labels").get(i).asInt();
            b[i] = y[i] == 1;
        }
        List<RankedScores> out = new ArrayList<>();
        if (c.get("kind").asText().equals("float")) {
            float[] f = floats(c.get("scores"));
            double[] d = new double[n];
            for (int i = 0; i < n; i++) d[i] = f[i];
            out.add(RankedScores.of(f, b));
            out.add(RankedScores.of(f, y));
            out.add(RankedScores.of(d, b));
            out.add(RankedScores.of(d, y));
        } else {
            double[] d = doubles(c.get("scores"));
            out.add(RankedScores.of(d, b));
            out.add(RankedScores.of(d, y));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryCases")
    void rocAucAndAveragePrecision(String name, JsonNode c) {
        for (RankedScores r : rankings(c)) {
            if (c.get("roc_auc").isNull()) {
                assertThrows(IllegalArgumentException.class, () -> RocAuc.of(r), name);
            } else {
                assertEquals(c.get("roc_auc").asDouble(), RocAuc.of(r), TOL, name + " roc-auc");
            }
            if (c.get("average_precision").isNull()) {
                assertThrows(IllegalArgumentException.class, () -> AveragePrecision.of(r), name);
            } else {
                assertEquals(c.get("average_precision").asDouble(), AveragePrecision.of(r), TOL, name + " ap");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryCases")
    void curves(String name, JsonNode c) {
        if (!c.has("roc")) return;
        for (RankedScores r : rankings(c)) {
            checkRoc(name, c.get("roc"), RocCurve.of(r, false));
            checkRoc(name + " dropped", c.get("roc_dropped"), RocCurve.of(r, true));
            PrecisionRecallCurve pr = PrecisionRecallCurve.of(r);
            JsonNode g = c.get("pr");
            // scikit-learn lists high recall first and ends with the (recall 0, precision 1) point.
            assertArrayEquals(reversed(doubles(g.get("precision"))), pr.precision(), TOL, name + " precision");
            assertArrayEquals(reversed(doubles(g.get("recall"))), pr.recall(), TOL, name + " recall");
            double[] t = reversed(doubles(g.get("thresholds")));
            assertEquals(Double.POSITIVE_INFINITY, pr.thresholds()[0]);
            assertArrayEquals(t, java.util.Arrays.copyOfRange(pr.thresholds(), 1, pr.points()), 0, name + " pr thresholds");
        }
    }

    private static void checkRoc(String name, JsonNode g, RocCurve roc) {
        assertArrayEquals(doubles(g.get("fpr")), roc.fpr(), TOL, name + " fpr");
        assertArrayEquals(doubles(g.get("tpr")), roc.tpr(), TOL, name + " tpr");
        assertEquals(Double.POSITIVE_INFINITY, roc.thresholds()[0]);
        assertArrayEquals(doubles(g.get("thresholds")), java.util.Arrays.copyOfRange(roc.thresholds(), 1, roc.points()), 0,
                name + " roc thresholds");
    }

    private static double[] reversed(double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[a.length - 1 - i];
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("macroCases")
    void macro(String name, JsonNode c) {
        JsonNode s = c.get("scores"), l = c.get("labels");
        int n = s.size(), k = s.get(0).size();
        float[][] f = new float[n][];
        double[][] d = new double[n][k];
        int[][] y = new int[n][k];
        boolean[][] b = new boolean[n][k];
        for (int i = 0; i < n; i++) {
            f[i] = floats(s.get(i));
            for (int j = 0; j < k; j++) {
                d[i][j] = f[i][j];
                y[i][j] = l.get(i).get(j).asInt();
                b[i][j] = y[i][j] == 1;
            }
        }
        int[] used = new int[c.get("used").size()];
        for (int i = 0; i < used.length; i++) used[i] = c.get("used").get(i).asInt();
        for (MacroMetrics m : List.of(MacroMetrics.of(f, b), MacroMetrics.of(f, y), MacroMetrics.of(d, b), MacroMetrics.of(d, y))) {
            assertArrayEquals(used, m.usedColumns(), name);
            assertEquals(k - used.length, m.skippedColumns().length, name);
            if (used.length == 0) {
                assertTrue(Double.isNaN(m.rocAuc()) && Double.isNaN(m.averagePrecision()), name);
            } else {
                assertEquals(c.get("roc_auc_macro").asDouble(), m.rocAuc(), TOL, name + " macro roc-auc");
                assertEquals(c.get("average_precision_macro").asDouble(), m.averagePrecision(), TOL, name + " macro ap");
            }
            for (int j = 0; j < k; j++) {
                JsonNode ga = c.get("roc_auc_per_column").get(j), gp = c.get("average_precision_per_column").get(j);
                if (ga.isNull()) {
                    assertTrue(Double.isNaN(m.rocAucPerColumn()[j]) && Double.isNaN(m.averagePrecisionPerColumn()[j]), name);
                } else {
                    assertEquals(ga.asDouble(), m.rocAucPerColumn()[j], TOL, name + " column " + j);
                    assertEquals(gp.asDouble(), m.averagePrecisionPerColumn()[j], TOL, name + " column " + j);
                }
            }
        }
    }
}
