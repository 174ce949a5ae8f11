package io.colisten.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sgemm against the double-precision {@link SgemmReference}. Tolerance per element:
 * |got - ref| <= 1e-6 + (k + 4) * 2^-23 * magnitude, magnitude = sum_p |alpha a b| + |beta c|, the
 * worst-case fp32 rounding of a k-term sum (any bug in indexing or blocking gives errors of order
 * magnitude itself). Elements of the C array outside the m x n block must come back unchanged.
 */
class SgemmTest {
    /** Sizes around the micro-tile (12 x 32), the vector width (16) and 1. */
    private static final int[] EDGE_SIZES = {1, 2, 11, 12, 13, 15, 16, 17, 31, 32, 33};

    @FunctionalInterface
    interface Gemm {
        void run(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                 float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc);
    }

    private static final Gemm PUBLIC = Sgemm::sgemm;
    private static final Gemm PACKED = (ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc) ->
            SgemmBlocked.gemm(ta, tb, 0, m, 0, n, 0, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                    SgemmWorkspace.local());
    /** The packed path with the B panel starting at an odd float index (as B_SHIFT does under G1). */
    private static final Gemm PACKED_SHIFTED = (ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff,
                                                ldc) -> SgemmBlocked.gemm(ta, tb, 0, m, 0, n, 0, k, alpha, a, aOff, lda,
            b, bOff, ldb, beta, c, cOff, ldc, new SgemmWorkspace(13));
    private static final Gemm SMALL = (ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc) ->
            SgemmSmall.gemm(ta, tb, m, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);

    static Stream<Arguments> transposes() {
        return Stream.of(Arguments.of(false, false), Arguments.of(false, true),
                Arguments.of(true, false), Arguments.of(true, true));
    }

    /** The packed kernel alone on every edge size in m and n, a few k (1, odd, across a vector). */
    @ParameterizedTest(name = "transA={0} transB={1}")
    @MethodSource("transposes")
    void packedPathOnEdgeSizes(boolean ta, boolean tb) {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int m : EDGE_SIZES) {
            for (int n : EDGE_SIZES) {
                for (int k : new int[] {1, 7, 17}) {
                    check(PACKED, rnd, ta, tb, m, n, k, 1.5f, 0.5f, 3);
                }
            }
        }
    }

    /** The unpacked path alone on the same sizes, since Sgemm sends tiny and single-row products there. */
    @ParameterizedTest(name = "transA={0} transB={1}")
    @MethodSource("transposes")
    void smallPathOnEdgeSizes(boolean ta, boolean tb) {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int m : EDGE_SIZES) {
            for (int n : new int[] {1, 15, 16, 17, 63, 64, 65, 81}) {
                for (int k : new int[] {1, 15, 16, 17, 33}) {
                    check(SMALL, rnd, ta, tb, m, n, k, -0.75f, 1f, 2);
                }
            }
        }
    }

    /** The public entry on random odd shapes (both paths, every split), alpha and beta varied. */
    @ParameterizedTest(name = "transA={0} transB={1}")
    @MethodSource("transposes")
    void randomShapes(boolean ta, boolean tb) {
        SplittableRandom rnd = new SplittableRandom(3 + (ta ? 2 : 0) + (tb ? 1 : 0));
        float[] alphas = {1f, -2f, 0.3f};
        float[] betas = {0f, 1f, -0.5f};
        for (int t = 0; t < 30; t++) {
            int m = 1 + rnd.nextInt(90), n = 1 + rnd.nextInt(90), k = 1 + rnd.nextInt(90);
            check(PUBLIC, rnd, ta, tb, m, n, k, alphas[t % 3], betas[(t / 3) % 3], rnd.nextInt(5));
        }
    }

    /** beta == 0 must overwrite C without reading it: NaN already in C must not come through. */
    @ParameterizedTest(name = "transA={0} transB={1}")
    @MethodSource("transposes")
    void betaZeroIgnoresNaNInC(boolean ta, boolean tb) {
        SplittableRandom rnd = new SplittableRandom(4);
        for (Gemm g : new Gemm[] {PUBLIC, PACKED, SMALL}) {
            for (int[] s : new int[][] {{13, 33, 9}, {40, 70, 50}, {1, 100, 20}}) {
                Operands o = new Operands(rnd, ta, tb, s[0], s[1], s[2], 2);
                o.fillBlockOfC(Float.NaN);
                o.runAndCheck(g, 1.25f, 0f);
            }
        }
    }

    /** Shapes crossing the cache blocks: KC = 256, MC = 504 (at kc 256), NC = 1024 (at kc 256), 2048 (at kc 128). */
    @ParameterizedTest(name = "transA={0} transB={1}")
    @MethodSource("transposes")
    void crossesCacheBlocks(boolean ta, boolean tb) {
        SplittableRandom rnd = new SplittableRandom(5);
        check(PUBLIC, rnd, ta, tb, 253, 2081, 41, 1f, 0.5f, 1);
        check(PUBLIC, rnd, ta, tb, 131, 67, 531, -1f, 0f, 3);
        check(PACKED_SHIFTED, rnd, ta, tb, 61, 1100, 300, 1f, 0.5f, 2);
    }

    /** Each split of SgemmSplit: rows (B shared or packed per part), columns (wide), k (small C, long k). */
    @Test
    void everySplitMatchesReference() {
        SplittableRandom rnd = new SplittableRandom(6);
        Gemm independentRows = (ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc) ->
                SgemmSplit.rowsIndependent(2, ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        Gemm sharedRows = (ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc) ->
                SgemmSplit.rowsSharingB(3, (m + 11) / 12, ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta,
                        c, cOff, ldc);
        check(independentRows, rnd, false, true, 150, 1100, 300, 1f, 0.5f, 1);
        check(sharedRows, rnd, true, false, 150, 1100, 300, 1f, 0f, 1);
        check(PUBLIC, rnd, false, false, 300, 310, 530, 1f, 0.5f, 1);
        check(PUBLIC, rnd, true, true, 301, 290, 300, -1f, 0f, 2);
        check(PUBLIC, rnd, true, false, 1500, 40, 37, 1f, 0f, 0);
        check(PUBLIC, rnd, false, true, 30, 1500, 40, 1f, 1f, 1);
        check(PUBLIC, rnd, false, false, 30, 45, 6000, 0.5f, 2f, 2);
        check(PUBLIC, rnd, true, true, 27, 33, 3000, 1f, 0f, 0);
    }

    @Test
    void alphaZeroOrKZeroOnlyScalesC() {
        SplittableRandom rnd = new SplittableRandom(7);
        Operands o = new Operands(rnd, false, false, 20, 30, 10, 1);
        java.util.Arrays.fill(o.a, Float.NaN);
        o.runAndCheck(PUBLIC, 0f, 0.5f);
        Operands z = new Operands(rnd, true, true, 20, 30, 0, 1);
        z.runAndCheck(PUBLIC, 2f, -1f);
        Operands zb = new Operands(rnd, false, true, 20, 30, 0, 1);
        zb.fillBlockOfC(Float.NaN);
        zb.runAndCheck(PUBLIC, 2f, 0f);
    }

    /** Same inputs twice give bit-identical C, for each split and the small path. */
    @Test
    void deterministic() {
        int[][] shapes = {{1500, 40, 37}, {30, 1500, 40}, {30, 45, 6000}, {300, 300, 300}, {2, 500, 70}};
        for (int[] s : shapes) {
            Operands o = new Operands(new SplittableRandom(8), false, false, s[0], s[1], s[2], 1);
            float[] c0 = o.c.clone();
            Sgemm.sgemm(false, false, s[0], s[1], s[2], 0.7f, o.a, o.aOff, o.lda, o.b, o.bOff, o.ldb, 0.3f,
                    o.c, o.cOff, o.ldc);
            float[] first = o.c.clone();
            System.arraycopy(c0, 0, o.c, 0, c0.length);
            Sgemm.sgemm(false, false, s[0], s[1], s[2], 0.7f, o.a, o.aOff, o.lda, o.b, o.bOff, o.ldb, 0.3f,
                    o.c, o.cOff, o.ldc);
            assertArrayEquals(first, o.c, "shape " + s[0] + "x" + s[1] + "x" + s[2]);
        }
    }

    @Test
    void badArgumentsAreRejectedBeforeComputing() {
        float[] a = new float[6], b = new float[6], c = new float[4];
        float[] cBefore = c.clone();
        List<Runnable> bad = new ArrayList<>();
        bad.add(() -> Sgemm.sgemm(false, false, -1, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2));
        bad.add(() -> Sgemm.sgemm(false, false, 2, 2, -3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2));
        bad.add(() -> Sgemm.sgemm(false, false, 2, 2, 3, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2)); // lda < k
        bad.add(() -> Sgemm.sgemm(true, false, 2, 2, 3, 1f, a, 0, 1, b, 0, 2, 0f, c, 0, 2)); // lda < m
        bad.add(() -> Sgemm.sgemm(false, true, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2)); // ldb < k
        bad.add(() -> Sgemm.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 1)); // ldc < n
        bad.add(() -> Sgemm.sgemm(false, false, 2, 2, 3, 1f, a, 1, 3, b, 0, 2, 0f, c, 0, 2)); // a too short
        bad.add(() -> Sgemm.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 3, 0f, c, 0, 2)); // b too short
        bad.add(() -> Sgemm.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 1, 2)); // c too short
        bad.add(() -> Sgemm.sgemm(false, false, 2, 2, 3, 1f, a, -1, 3, b, 0, 2, 0f, c, 0, 2));
        bad.add(() -> Sgemm.sgemm(false, false, 2, 2, 3, 1f, null, 0, 3, b, 0, 2, 0f, c, 0, 2));
        for (Runnable r : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
            assertTrue(e.getMessage().startsWith("sgemm(") && e.getMessage().contains("m=")
                    && e.getMessage().contains("k="), e.getMessage());
        }
        assertArrayEquals(cBefore, c);
        // The exact fit is accepted.
        Sgemm.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2);
    }

    private static void check(Gemm g, SplittableRandom rnd, boolean ta, boolean tb, int m, int n, int k,
                              float alpha, float beta, int pad) {
        new Operands(rnd, ta, tb, m, n, k, pad).runAndCheck(g, alpha, beta);
    }

    /** Random operands with offsets and leading dimensions {@code pad} larger than the minimum. */
    static final class Operands {
        final boolean ta, tb;
        final int m, n, k, aOff, lda, bOff, ldb, cOff, ldc;
        final float[] a, b, c;

        Operands(SplittableRandom rnd, boolean ta, boolean tb, int m, int n, int k, int pad) {
            this.ta = ta;
            this.tb = tb;
            this.m = m;
            this.n = n;
            this.k = k;
            int aRows = ta ? k : m, aCols = ta ? m : k, bRows = tb ? n : k, bCols = tb ? k : n;
            aOff = pad * 3;
            bOff = pad * 5;
            cOff = pad * 7;
            lda = Math.max(1, aCols) + pad;
            ldb = Math.max(1, bCols) + pad;
            ldc = Math.max(1, n) + pad;
            a = random(rnd, aOff + aRows * lda + pad);
            b = random(rnd, bOff + bRows * ldb + pad);
            c = random(rnd, cOff + m * ldc + pad);
        }

        void fillBlockOfC(float v) {
            for (int i = 0; i < m; i++) java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, v);
        }

        void runAndCheck(Gemm g, float alpha, float beta) {
            double[] mag = new double[m * n];
            double[] ref = SgemmReference.sgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff,
                    ldc, mag);
            float[] before = c.clone();
            g.run(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            String where = "transA=" + ta + " transB=" + tb + " m=" + m + " n=" + n + " k=" + k
                    + " alpha=" + alpha + " beta=" + beta + " lda=" + lda + " ldb=" + ldb + " ldc=" + ldc;
            boolean[] inBlock = new boolean[c.length];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int ci = cOff + i * ldc + j;
                    inBlock[ci] = true;
                    double want = ref[i * n + j];
                    double tol = 1e-6 + (k + 4) * 0x1p-23 * mag[i * n + j];
                    double got = c[ci];
                    if (!(Math.abs(got - want) <= tol)) {
                        assertEquals(want, got, tol, where + " at C[" + i + ", " + j + "]");
                    }
                }
            }
            for (int x = 0; x < c.length; x++) {
                if (!inBlock[x] && Float.floatToRawIntBits(c[x]) != Float.floatToRawIntBits(before[x])) {
                    throw new AssertionError(where + ": wrote outside the C block at index " + x);
                }
            }
        }

        private static float[] random(SplittableRandom rnd, int size) {
            float[] x = new float[size];
            for (int i = 0; i < size; i++) x[i] = (float) (rnd.nextDouble() * 2 - 1);
            return x;
        }
    }
}
