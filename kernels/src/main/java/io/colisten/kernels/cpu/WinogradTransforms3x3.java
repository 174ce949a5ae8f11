package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.ConvTapKernels.MR;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 1-D transforms of F(2, 3) and F(4, 3) on 16 lanes at a time, array in, array out (vectors
 * never cross a method boundary), and the weight transform (G g G^T) packed for the 8 x 3 kernel;
 * shared by the two 3x3 Winograd forwards ({@link Conv2dWinograd3x3}: a lane per tile,
 * {@link Conv2dWinograd3x3Batch}: a lane per image). Matrices: Lavin and Gray's,
 * kernels/src/test/python/gen_winograd.py.
 * <pre>
 *   F(2, 3): BT = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1], AT = [1 1 1 0; 0 1 -1 -1],
 *            G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1]
 *   F(4, 3): BT = [4 0 -5 0 1 0; 0 -4 -4 1 1 0; 0 4 -4 -1 1 0; 0 -2 -1 2 1 0; 0 2 -1 -2 1 0; 0 4 0 -5 0 1],
 *            AT = [1 1 1 1 1 0; 0 1 -1 2 -2 0; 0 1 1 4 4 0; 0 1 -1 8 -8 1],
 *            G = [1/4 0 0; -1/6 -1/6 -1/6; -1/6 1/6 -1/6; 1/24 1/12 1/6; 1/24 -1/12 1/6; 0 0 1]
 * </pre>
 */
final class WinogradTransforms3x3 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private WinogradTransforms3x3() {}

    /** F(2, 3) input transform of 4 vectors: dst[d + i ds] = sum_k BT[i][k] src[s + k ss]. */
    static void bt4(float[] src, int s, int ss, float[] dst, int d, int ds) {
        FloatVector x0 = FloatVector.fromArray(S, src, s), x1 = FloatVector.fromArray(S, src, s + ss);
        FloatVector x2 = FloatVector.fromArray(S, src, s + 2 * ss), x3 = FloatVector.fromArray(S, src, s + 3 * ss);
        x0.sub(x2).intoArray(dst, d);
        x1.add(x2).intoArray(dst, d + ds);
        x2.sub(x1).intoArray(dst, d + 2 * ds);
        x1.sub(x3).intoArray(dst, d + 3 * ds);
    }

    /** F(4, 3) input transform of 6 vectors. */
    static void bt6(float[] src, int s, int ss, float[] dst, int d, int ds) {
        FloatVector x0 = FloatVector.fromArray(S, src, s), x1 = FloatVector.fromArray(S, src, s + ss);
        FloatVector x2 = FloatVector.fromArray(S, src, s + 2 * ss), x3 = FloatVector.fromArray(S, src, s + 3 * ss);
        FloatVector x4 = FloatVector.fromArray(S, src, s + 4 * ss), x5 = FloatVector.fromArray(S, src, s + 5 * ss);
        x0.mul(4f).add(x4).sub(x2.mul(5f)).intoArray(dst, d);
        FloatVector p = x4.sub(x2.mul(4f)), q = x3.sub(x1.mul(4f));
        p.add(q).intoArray(dst, d + ds);
        p.sub(q).intoArray(dst, d + 2 * ds);
        p = x4.sub(x2);
        q = x3.sub(x1).mul(2f);
        p.add(q).intoArray(dst, d + 3 * ds);
        p.sub(q).intoArray(dst, d + 4 * ds);
        x1.mul(4f).add(x5).sub(x3.mul(5f)).intoArray(dst, d + 5 * ds);
    }

    /** bt4 of the 4 vectors gathered at src[s + k + idx[col + lane]], k < 4. */
    static void bt4(float[] src, int s, int[] idx, int col, float[] dst, int d, int ds) {
        FloatVector x0 = FloatVector.fromArray(S, src, s, idx, col), x1 = FloatVector.fromArray(S, src, s + 1, idx, col);
        FloatVector x2 = FloatVector.fromArray(S, src, s + 2, idx, col), x3 = FloatVector.fromArray(S, src, s + 3, idx, col);
        x0.sub(x2).intoArray(dst, d);
        x1.add(x2).intoArray(dst, d + ds);
        x2.sub(x1).intoArray(dst, d + 2 * ds);
        x1.sub(x3).intoArray(dst, d + 3 * ds);
    }

    /** bt6 of the 6 vectors gathered at src[s + k + idx[col + lane]], k < 6. */
    static void bt6(float[] src, int s, int[] idx, int col, float[] dst, int d, int ds) {
        FloatVector x0 = FloatVector.fromArray(S, src, s, idx, col), x1 = FloatVector.fromArray(S, src, s + 1, idx, col);
        FloatVector x2 = FloatVector.fromArray(S, src, s + 2, idx, col), x3 = FloatVector.fromArray(S, src, s + 3, idx, col);
        FloatVector x4 = FloatVector.fromArray(S, src, s + 4, idx, col), x5 = FloatVector.fromArray(S, src, s + 5, idx, col);
        x0.mul(4f).add(x4).sub(x2.mul(5f)).intoArray(dst, d);
        FloatVector p = x4.sub(x2.mul(4f)), q = x3.sub(x1.mul(4f));
        p.add(q).intoArray(dst, d + ds);
        p.sub(q).intoArray(dst, d + 2 * ds);
        p = x4.sub(x2);
        q = x3.sub(x1).mul(2f);
        p.add(q).intoArray(dst, d + 3 * ds);
        p.sub(q).intoArray(dst, d + 4 * ds);
        x1.mul(4f).add(x5).sub(x3.mul(5f)).intoArray(dst, d + 5 * ds);
    }

    /** F(2, 3) output transform of 4 vectors to 2: dst[d + r ds] = b + sum_k AT[r][k] src[s + k ss]. */
    static void at4(float[] src, int s, int ss, float[] dst, int d, int ds, float b) {
        FloatVector x0 = FloatVector.fromArray(S, src, s), x1 = FloatVector.fromArray(S, src, s + ss);
        FloatVector x2 = FloatVector.fromArray(S, src, s + 2 * ss), x3 = FloatVector.fromArray(S, src, s + 3 * ss);
        FloatVector bv = FloatVector.broadcast(S, b);
        bv.add(x0).add(x1).add(x2).intoArray(dst, d);
        bv.add(x1).sub(x2).sub(x3).intoArray(dst, d + ds);
    }

    /** F(4, 3) output transform of 6 vectors to 4. */
    static void at6(float[] src, int s, int ss, float[] dst, int d, int ds, float b) {
        FloatVector x0 = FloatVector.fromArray(S, src, s), x1 = FloatVector.fromArray(S, src, s + ss);
        FloatVector x2 = FloatVector.fromArray(S, src, s + 2 * ss), x3 = FloatVector.fromArray(S, src, s + 3 * ss);
        FloatVector x4 = FloatVector.fromArray(S, src, s + 4 * ss), x5 = FloatVector.fromArray(S, src, s + 5 * ss);
        FloatVector bv = FloatVector.broadcast(S, b);
        FloatVector p12 = x1.add(x2), m12 = x1.sub(x2), p34 = x3.add(x4), m34 = x3.sub(x4);
        bv.add(x0).add(p12).add(p34).intoArray(dst, d);
        bv.add(m12).add(m34.mul(2f)).intoArray(dst, d + ds);
        bv.add(p12).add(p34.mul(4f)).intoArray(dst, d + 2 * ds);
        bv.add(m12).add(m34.mul(8f)).add(x5).intoArray(dst, d + 3 * ds);
    }

    /**
     * Floats between the transformed weights of consecutive points xi: blocks cin 8, plus 32 so that the
     * weight transform's alpha^2 write streams (one per point) do not fall on the same cache sets
     * (unpadded, 1 MiB apart in ResNet's layer4: the transform took a fifth of the layer's time).
     */
    static int weightPointStride(int cin, int cout) {
        return (cout + MR - 1) / MR * cin * MR + 2 * L;
    }

    /**
     * The transformed weights packed for the 8 x 3 kernel, for input channels [ci0, ci1):
     * u[xi xs + (cb cin + ci) 8 + c] = (G g G^T)[i][j] of filter w[8 cb + c][ci] (zero past cOut),
     * xs = {@link #weightPointStride}.
     * 16 output channels (two blocks) at a time by gathers (stride 9 cin), the rest in double precision.
     */
    static void transformWeights(float[] u, float[] wt, int wOff, int cin, int cout, int m, int ci0, int ci1) {
        int a = m + 2, a2 = a * a, blocks = (cout + MR - 1) / MR, xiStride = weightPointStride(cin, cout);
        float[] tmp = ConvScratch.get(ConvScratch.COL, (9 + 3 * a) * L);
        int[] idx = ConvScratch.ints(ConvScratch.PHASE, L);
        for (int i = 0; i < L; i++) idx[i] = 9 * cin * i;
        double[] g = new double[9];
        // Output channels in groups of 16 outer, input channels inner: each gather reads 16 filter rows
        // that advance by 36 bytes per step, so every line fetched serves the next channels too.
        int full = cout / L * L;
        for (int co = 0; co < full; co += L) {
            int dst0 = (co / MR) * cin * MR;
            for (int ci = ci0; ci < ci1; ci++) {
                int src = wOff + (co * cin + ci) * 9, dst = dst0 + ci * MR;
                for (int t = 0; t < 9; t++) FloatVector.fromArray(S, wt, src + t, idx, 0).intoArray(tmp, t * L);
                // Columns kx: A[i][kx] = sum_ky G[i][ky] g[ky][kx]; then rows: U[i][j] = sum_kx G[j][kx] A[i][kx].
                for (int kx = 0; kx < 3; kx++) gt(tmp, kx * L, 3 * L, tmp, 9 * L + kx * L, 3 * L, m);
                for (int i = 0; i < a; i++) gtSplit(tmp, 9 * L + i * 3 * L, L, u, dst + i * a * xiStride, cin * MR, xiStride, m);
            }
        }
        for (int co = full; co < blocks * MR; co++)
            for (int ci = ci0; ci < ci1; ci++) {
                for (int t = 0; t < 9; t++) g[t] = co < cout ? wt[wOff + (co * cin + ci) * 9 + t] : 0;
                for (int xi = 0; xi < a2; xi++)
                    u[xi * xiStride + ((co / MR) * cin + ci) * MR + co % MR] = (float) transformedWeight(g, m, xi / a, xi % a);
            }
    }

    /** {@link #gt} whose outputs are 16 channels split into two 8-channel blocks: lanes 0-7 at d + i ds, 8-15 at d + half + i ds. */
    static void gtSplit(float[] src, int s, int ss, float[] dst, int d, int half, int ds, int m) {
        FloatVector g0 = FloatVector.fromArray(S, src, s), g1 = FloatVector.fromArray(S, src, s + ss);
        FloatVector g2 = FloatVector.fromArray(S, src, s + 2 * ss);
        FloatVector e = g0.add(g2);
        VectorMask<Float> lo = S.indexInRange(0, MR), hi = lo.not();
        int h = half - MR;
        if (m == 2) {
            FloatVector y1 = e.add(g1).mul(0.5f), y2 = e.sub(g1).mul(0.5f);
            g0.intoArray(dst, d, lo); g0.intoArray(dst, d + h, hi);
            y1.intoArray(dst, d + ds, lo); y1.intoArray(dst, d + ds + h, hi);
            y2.intoArray(dst, d + 2 * ds, lo); y2.intoArray(dst, d + 2 * ds + h, hi);
            g2.intoArray(dst, d + 3 * ds, lo); g2.intoArray(dst, d + 3 * ds + h, hi);
        } else {
            FloatVector y0 = g0.mul(0.25f), y1 = e.add(g1).mul(-1f / 6), y2 = e.sub(g1).mul(-1f / 6);
            FloatVector f = g0.mul(1f / 24).add(g2.mul(1f / 6)), hh = g1.mul(1f / 12), y3 = f.add(hh), y4 = f.sub(hh);
            y0.intoArray(dst, d, lo); y0.intoArray(dst, d + h, hi);
            y1.intoArray(dst, d + ds, lo); y1.intoArray(dst, d + ds + h, hi);
            y2.intoArray(dst, d + 2 * ds, lo); y2.intoArray(dst, d + 2 * ds + h, hi);
            y3.intoArray(dst, d + 3 * ds, lo); y3.intoArray(dst, d + 3 * ds + h, hi);
            y4.intoArray(dst, d + 4 * ds, lo); y4.intoArray(dst, d + 4 * ds + h, hi);
            g2.intoArray(dst, d + 5 * ds, lo); g2.intoArray(dst, d + 5 * ds + h, hi);
        }
    }

    /** G of F(m, 3) applied to 3 vectors: dst[d + i ds] = sum_k G[i][k] src[s + k ss], i < m + 2. */
    static void gt(float[] src, int s, int ss, float[] dst, int d, int ds, int m) {
        FloatVector g0 = FloatVector.fromArray(S, src, s), g1 = FloatVector.fromArray(S, src, s + ss);
        FloatVector g2 = FloatVector.fromArray(S, src, s + 2 * ss);
        FloatVector e = g0.add(g2);
        if (m == 2) {
            g0.intoArray(dst, d);
            e.add(g1).mul(0.5f).intoArray(dst, d + ds);
            e.sub(g1).mul(0.5f).intoArray(dst, d + 2 * ds);
            g2.intoArray(dst, d + 3 * ds);
        } else {
            g0.mul(0.25f).intoArray(dst, d);
            e.add(g1).mul(-1f / 6).intoArray(dst, d + ds);
            e.sub(g1).mul(-1f / 6).intoArray(dst, d + 2 * ds);
            FloatVector f = g0.mul(1f / 24).add(g2.mul(1f / 6)), h = g1.mul(1f / 12);
            f.add(h).intoArray(dst, d + 3 * ds);
            f.sub(h).intoArray(dst, d + 4 * ds);
            g2.intoArray(dst, d + 5 * ds);
        }
    }

    /** G coefficients, in double: (G g G^T)[i][j] for the 3x3 filter g (row-major). */
    static double transformedWeight(double[] g, int m, int i, int j) {
        double[][] gm = m == 2
                ? new double[][] {{1, 0, 0}, {.5, .5, .5}, {.5, -.5, .5}, {0, 0, 1}}
                : new double[][] {{.25, 0, 0}, {-1 / 6.0, -1 / 6.0, -1 / 6.0}, {-1 / 6.0, 1 / 6.0, -1 / 6.0},
                        {1 / 24.0, 1 / 12.0, 1 / 6.0}, {1 / 24.0, -1 / 12.0, 1 / 6.0}, {0, 0, 1}};
        double acc = 0;
        for (int ky = 0; ky < 3; ky++)
            for (int kx = 0; kx < 3; kx++) acc += gm[i][ky] * g[ky * 3 + kx] * gm[j][kx];
        return acc;
    }
}
