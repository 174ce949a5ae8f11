package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.SimdMath.L;
import static io.colisten.kernels.cpu.SimdMath.S;
import static io.colisten.kernels.cpu.SimdMath.XOR_1;
import static io.colisten.kernels.cpu.SimdMath.XOR_16;
import static io.colisten.kernels.cpu.SimdMath.XOR_2;
import static io.colisten.kernels.cpu.SimdMath.XOR_32;
import static io.colisten.kernels.cpu.SimdMath.XOR_4;
import static io.colisten.kernels.cpu.SimdMath.XOR_8;

import jdk.incubator.vector.FloatVector;

/**
 * The triplet margin loss of paper eq. 1 on squared Euclidean distances, with each anchor's
 * negative chosen from a pool of negative rows (semi-hard mining picks the choice):
 * hinge[i] = max(0, |a_i - p_i|^2 - |a_i - n_choice[i]|^2 + margin). Shapes: a, p [rows x dim],
 * n [negRows x dim], choice[rows] in [0, negRows). Every distance, in the mining matrix and in the
 * loss, comes from the same function (one summation order), so a negative chosen as "farther than
 * the positive" is farther in the loss too. Work is rows x negRows x dim at most (132^2 x 128 for a
 * batch): serial.
 */
public final class TripletMargin {
    private TripletMargin() {}

    /** out[i * rowsB + j] = |a_i - b_j|^2 for a[rowsA x dim], b[rowsB x dim]. */
    public static void squaredDistances(float[] out, int oo, float[] a, int ao, int rowsA, float[] b, int bo, int rowsB,
                                        int dim) {
        String op = "squaredDistances";
        Check.count(op, "rowsA", rowsA);
        Check.count(op, "rowsB", rowsB);
        Check.count(op, "dim", dim);
        Check.span(op, "out", out, oo, (long) rowsA * rowsB);
        Check.span(op, "a", a, ao, (long) rowsA * dim);
        Check.span(op, "b", b, bo, (long) rowsB * dim);
        for (int i = 0; i < rowsA; i++) {
            for (int j = 0; j < rowsB; j++) out[oo + i * rowsB + j] = distance(a, ao + i * dim, b, bo + j * dim, dim);
        }
    }

    /** out[i] = |a_i - b_i|^2. */
    public static void rowDistances(float[] out, int oo, float[] a, int ao, float[] b, int bo, int rows, int dim) {
        String op = "rowDistances";
        Check.count(op, "rows", rows);
        Check.count(op, "dim", dim);
        Check.span(op, "out", out, oo, rows);
        Check.span(op, "a", a, ao, (long) rows * dim);
        Check.span(op, "b", b, bo, (long) rows * dim);
        for (int i = 0; i < rows; i++) out[oo + i] = distance(a, ao + i * dim, b, bo + i * dim, dim);
    }

    /** hinge[i] = max(0, |a_i - p_i|^2 - |a_i - n_choice[i]|^2 + margin). */
    public static void forward(float[] hinge, int ho, float[] a, int ao, float[] p, int po, float[] n, int no,
                               int[] choice, int co, int rows, int negRows, int dim, float margin) {
        check("tripletMargin.forward", hinge, ho, a, ao, p, po, n, no, choice, co, rows, negRows, dim);
        for (int i = 0; i < rows; i++) {
            int ai = ao + i * dim;
            float h = distance(a, ai, p, po + i * dim, dim) - distance(a, ai, n, no + choice[co + i] * dim, dim) + margin;
            hinge[ho + i] = h > 0f || h != h ? h : 0f; // NaN passes through (as PyTorch's clamp): a broken batch must not read as a zero loss
        }
    }

    /**
     * For each row with hinge[i] > 0 (the kink counts as inactive), with g = dHinge[i]:
     * dA_i += 2g (n_c - p_i), dP_i += 2g (p_i - a_i), dN_c += 2g (a_i - n_c), c = choice[i]. Rows are
     * taken in order, so a negative chosen by several anchors sums their terms in row order. Any of
     * dA, dP, dN may be null.
     */
    public static void backward(float[] dA, int dao, float[] dP, int dpo, float[] dN, int dno, float[] dHinge, int dho,
                                float[] hinge, int ho, float[] a, int ao, float[] p, int po, float[] n, int no,
                                int[] choice, int co, int rows, int negRows, int dim) {
        String op = "tripletMargin.backward";
        check(op, hinge, ho, a, ao, p, po, n, no, choice, co, rows, negRows, dim);
        Check.span(op, "dHinge", dHinge, dho, rows);
        if (dA != null) Check.span(op, "dA", dA, dao, (long) rows * dim);
        if (dP != null) Check.span(op, "dP", dP, dpo, (long) rows * dim);
        if (dN != null) Check.span(op, "dN", dN, dno, (long) negRows * dim);
        for (int i = 0; i < rows; i++) {
            if (!(hinge[ho + i] > 0f)) continue;
            float g2 = 2f * dHinge[dho + i];
            int ai = ao + i * dim, pi = po + i * dim, ni = no + choice[co + i] * dim;
            for (int k = 0; k < dim; k++) {
                float av = a[ai + k], pv = p[pi + k], nv = n[ni + k];
                if (dA != null) dA[dao + i * dim + k] += g2 * (nv - pv);
                if (dP != null) dP[dpo + i * dim + k] += g2 * (pv - av);
                if (dN != null) dN[dno + choice[co + i] * dim + k] += g2 * (av - nv);
            }
        }
    }

    /** |x - y|^2 over dim elements: lanes, then the fixed lane tree, then the scalar tail. */
    static float distance(float[] x, int xo, float[] y, int yo, int dim) {
        FloatVector acc = FloatVector.zero(S);
        int k = 0;
        for (int end = dim - L; k <= end; k += L) {
            FloatVector d = FloatVector.fromArray(S, x, xo + k).sub(FloatVector.fromArray(S, y, yo + k));
            acc = d.fma(d, acc);
        }
        if (L > 32) acc = acc.add(acc.rearrange(XOR_32));
        if (L > 16) acc = acc.add(acc.rearrange(XOR_16));
        if (L > 8) acc = acc.add(acc.rearrange(XOR_8));
        if (L > 4) acc = acc.add(acc.rearrange(XOR_4));
        if (L > 2) acc = acc.add(acc.rearrange(XOR_2));
        if (L > 1) acc = acc.add(acc.rearrange(XOR_1));
        float s = acc.lane(0);
        for (; k < dim; k++) {
            float d = x[xo + k] - y[yo + k];
            s = Math.fma(d, d, s);
        }
        return s;
    }

    private static void check(String op, float[] hinge, int ho, float[] a, int ao, float[] p, int po, float[] n, int no,
                              int[] choice, int co, int rows, int negRows, int dim) {
        Check.count(op, "rows", rows);
        Check.count(op, "negRows", negRows);
        Check.count(op, "dim", dim);
        Check.span(op, "hinge", hinge, ho, rows);
        Check.span(op, "a", a, ao, (long) rows * dim);
        Check.span(op, "p", p, po, (long) rows * dim);
        Check.span(op, "n", n, no, (long) negRows * dim);
        if (choice == null || co < 0 || (long) co + rows > choice.length) {
            throw new IllegalArgumentException(op + ": choice needs offset " + co + " + " + rows + " entries but has "
                    + (choice == null ? "none" : choice.length));
        }
        for (int i = 0; i < rows; i++) {
            if (choice[co + i] < 0 || choice[co + i] >= negRows) {
                throw new IllegalArgumentException(op + ": row " + i + " chose negative " + choice[co + i]
                        + ", outside [0, " + negRows + ")");
            }
        }
    }
}
