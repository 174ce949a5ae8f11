package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.ConvTapKernels.L;
import static io.colisten.kernels.cpu.ConvTapKernels.S;

import jdk.incubator.vector.FloatVector;

/**
 * Register-blocked kernels of the direct backward-filter for groups of at least one vector of
 * output channels. With a band of the output gradient transposed to gT[position][cogp], a block
 * of taps x channel vectors accumulates over the band's positions i (source offsets qt[i]):
 * acc[a + tap * cs + v * L + lane] += p[qt[i] + t_tap] (broadcast) x gT[go + i * cogp + v * L + lane].
 * The accumulators hold dW^T directly, so no horizontal reductions are needed.
 * <p>Measured (one core, 16 lanes): 6 taps x 4 vectors 172 GF/s, 12 x 2 161, 12 x 1 101; 4 x 4
 * only 134. The positions run as one flat loop over a table of offsets: with nested row / column
 * loops C2's loop optimisations (superword unrolling around the scalar broadcast loads) made the
 * 24-accumulator kernels 2x to 50x slower at some row lengths.
 * Unrolled by kernels/src/test/python/gen_filter_kernels.py.
 */
final class ConvFilterKernels {
    private ConvFilterKernels() {}

    static void f6x4(float[] acc, int a, int cs, int nt, float[] gT, int go, int cogp, int i0, int i1, int[] qt,
                       float[] p, int t0, int t1, int t2, int t3, int t4, int t5) {
        FloatVector s00 = FloatVector.zero(S), s0_1 = s00, s0_2 = s00, s0_3 = s00, s1_0 = s00, s1_1 = s00, s1_2 = s00, s1_3 = s00, s2_0 = s00, s2_1 = s00, s2_2 = s00, s2_3 = s00, s3_0 = s00, s3_1 = s00, s3_2 = s00, s3_3 = s00, s4_0 = s00, s4_1 = s00, s4_2 = s00, s4_3 = s00, s5_0 = s00, s5_1 = s00, s5_2 = s00, s5_3 = s00;
        for (int i = i0, gr = go; i < i1; i++, gr += cogp) {
            int q = qt[i];
            FloatVector g0 = FloatVector.fromArray(S, gT, gr + 0 * L);
            FloatVector g1 = FloatVector.fromArray(S, gT, gr + 1 * L);
            FloatVector g2 = FloatVector.fromArray(S, gT, gr + 2 * L);
            FloatVector g3 = FloatVector.fromArray(S, gT, gr + 3 * L);
            FloatVector b = FloatVector.broadcast(S, p[q + t0]);
            s00 = b.fma(g0, s00); s0_1 = b.fma(g1, s0_1); s0_2 = b.fma(g2, s0_2); s0_3 = b.fma(g3, s0_3);
            b = FloatVector.broadcast(S, p[q + t1]);
            s1_0 = b.fma(g0, s1_0); s1_1 = b.fma(g1, s1_1); s1_2 = b.fma(g2, s1_2); s1_3 = b.fma(g3, s1_3);
            b = FloatVector.broadcast(S, p[q + t2]);
            s2_0 = b.fma(g0, s2_0); s2_1 = b.fma(g1, s2_1); s2_2 = b.fma(g2, s2_2); s2_3 = b.fma(g3, s2_3);
            b = FloatVector.broadcast(S, p[q + t3]);
            s3_0 = b.fma(g0, s3_0); s3_1 = b.fma(g1, s3_1); s3_2 = b.fma(g2, s3_2); s3_3 = b.fma(g3, s3_3);
            b = FloatVector.broadcast(S, p[q + t4]);
            s4_0 = b.fma(g0, s4_0); s4_1 = b.fma(g1, s4_1); s4_2 = b.fma(g2, s4_2); s4_3 = b.fma(g3, s4_3);
            b = FloatVector.broadcast(S, p[q + t5]);
            s5_0 = b.fma(g0, s5_0); s5_1 = b.fma(g1, s5_1); s5_2 = b.fma(g2, s5_2); s5_3 = b.fma(g3, s5_3);
        }
            FloatVector.fromArray(S, acc, a + 0 * cs + 0 * L).add(s00).intoArray(acc, a + 0 * cs + 0 * L);
            FloatVector.fromArray(S, acc, a + 0 * cs + 1 * L).add(s0_1).intoArray(acc, a + 0 * cs + 1 * L);
            FloatVector.fromArray(S, acc, a + 0 * cs + 2 * L).add(s0_2).intoArray(acc, a + 0 * cs + 2 * L);
            FloatVector.fromArray(S, acc, a + 0 * cs + 3 * L).add(s0_3).intoArray(acc, a + 0 * cs + 3 * L);
        if (nt > 1) {
            FloatVector.fromArray(S, acc, a + 1 * cs + 0 * L).add(s1_0).intoArray(acc, a + 1 * cs + 0 * L);
            FloatVector.fromArray(S, acc, a + 1 * cs + 1 * L).add(s1_1).intoArray(acc, a + 1 * cs + 1 * L);
            FloatVector.fromArray(S, acc, a + 1 * cs + 2 * L).add(s1_2).intoArray(acc, a + 1 * cs + 2 * L);
            FloatVector.fromArray(S, acc, a + 1 * cs + 3 * L).add(s1_3).intoArray(acc, a + 1 * cs + 3 * L);
        }
        if (nt > 2) {
            FloatVector.fromArray(S, acc, a + 2 * cs + 0 * L).add(s2_0).intoArray(acc, a + 2 * cs + 0 * L);
            FloatVector.fromArray(S, acc, a + 2 * cs + 1 * L).add(s2_1).intoArray(acc, a + 2 * cs + 1 * L);
            FloatVector.fromArray(S, acc, a + 2 * cs + 2 * L).add(s2_2).intoArray(acc, a + 2 * cs + 2 * L);
            FloatVector.fromArray(S, acc, a + 2 * cs + 3 * L).add(s2_3).intoArray(acc, a + 2 * cs + 3 * L);
        }
        if (nt > 3) {
            FloatVector.fromArray(S, acc, a + 3 * cs + 0 * L).add(s3_0).intoArray(acc, a + 3 * cs + 0 * L);
            FloatVector.fromArray(S, acc, a + 3 * cs + 1 * L).add(s3_1).intoArray(acc, a + 3 * cs + 1 * L);
            FloatVector.fromArray(S, acc, a + 3 * cs + 2 * L).add(s3_2).intoArray(acc, a + 3 * cs + 2 * L);
            FloatVector.fromArray(S, acc, a + 3 * cs + 3 * L).add(s3_3).intoArray(acc, a + 3 * cs + 3 * L);
        }
        if (nt > 4) {
            FloatVector.fromArray(S, acc, a + 4 * cs + 0 * L).add(s4_0).intoArray(acc, a + 4 * cs + 0 * L);
            FloatVector.fromArray(S, acc, a + 4 * cs + 1 * L).add(s4_1).intoArray(acc, a + 4 * cs + 1 * L);
            FloatVector.fromArray(S, acc, a + 4 * cs + 2 * L).add(s4_2).intoArray(acc, a + 4 * cs + 2 * L);
            FloatVector.fromArray(S, acc, a + 4 * cs + 3 * L).add(s4_3).intoArray(acc, a + 4 * cs + 3 * L);
        }
        if (nt > 5) {
            FloatVector.fromArray(S, acc, a + 5 * cs + 0 * L).add(s5_0).intoArray(acc, a + 5 * cs + 0 * L);
            FloatVector.fromArray(S, acc, a + 5 * cs + 1 * L).add(s5_1).intoArray(acc, a + 5 * cs + 1 * L);
            FloatVector.fromArray(S, acc, a + 5 * cs + 2 * L).add(s5_2).intoArray(acc, a + 5 * cs + 2 * L);
            FloatVector.fromArray(S, acc, a + 5 * cs + 3 * L).add(s5_3).intoArray(acc, a + 5 * cs + 3 * L);
        }
    }

    static void f12x2(float[] acc, int a, int cs, int nt, float[] gT, int go, int cogp, int i0, int i1, int[] qt,
                       float[] p, int t0, int t1, int t2, int t3, int t4, int t5, int t6, int t7, int t8, int t9, int t10, int t11) {
        FloatVector s00 = FloatVector.zero(S), s0_1 = s00, s1_0 = s00, s1_1 = s00, s2_0 = s00, s2_1 = s00, s3_0 = s00, s3_1 = s00, s4_0 = s00, s4_1 = s00, s5_0 = s00, s5_1 = s00, s6_0 = s00, s6_1 = s00, s7_0 = s00, s7_1 = s00, s8_0 = s00, s8_1 = s00, s9_0 = s00, s9_1 = s00, s10_0 = s00, s10_1 = s00, s11_0 = s00, s11_1 = s00;
        for (int i = i0, gr = go; i < i1; i++, gr += cogp) {
            int q = qt[i];
            FloatVector g0 = FloatVector.fromArray(S, gT, gr + 0 * L);
            FloatVector g1 = FloatVector.fromArray(S, gT, gr + 1 * L);
            FloatVector b = FloatVector.broadcast(S, p[q + t0]);
            s00 = b.fma(g0, s00); s0_1 = b.fma(g1, s0_1);
            b = FloatVector.broadcast(S, p[q + t1]);
            s1_0 = b.fma(g0, s1_0); s1_1 = b.fma(g1, s1_1);
            b = FloatVector.broadcast(S, p[q + t2]);
            s2_0 = b.fma(g0, s2_0); s2_1 = b.fma(g1, s2_1);
            b = FloatVector.broadcast(S, p[q + t3]);
            s3_0 = b.fma(g0, s3_0); s3_1 = b.fma(g1, s3_1);
            b = FloatVector.broadcast(S, p[q + t4]);
            s4_0 = b.fma(g0, s4_0); s4_1 = b.fma(g1, s4_1);
            b = FloatVector.broadcast(S, p[q + t5]);
            s5_0 = b.fma(g0, s5_0); s5_1 = b.fma(g1, s5_1);
            b = FloatVector.broadcast(S, p[q + t6]);
            s6_0 = b.fma(g0, s6_0); s6_1 = b.fma(g1, s6_1);
            b = FloatVector.broadcast(S, p[q + t7]);
            s7_0 = b.fma(g0, s7_0); s7_1 = b.fma(g1, s7_1);
            b = FloatVector.broadcast(S, p[q + t8]);
            s8_0 = b.fma(g0, s8_0); s8_1 = b.fma(g1, s8_1);
            b = FloatVector.broadcast(S, p[q + t9]);
            s9_0 = b.fma(g0, s9_0); s9_1 = b.fma(g1, s9_1);
            b = FloatVector.broadcast(S, p[q + t10]);
            s10_0 = b.fma(g0, s10_0); s10_1 = b.fma(g1, s10_1);
            b = FloatVector.broadcast(S, p[q + t11]);
            s11_0 = b.fma(g0, s11_0); s11_1 = b.fma(g1, s11_1);
        }
            FloatVector.fromArray(S, acc, a + 0 * cs + 0 * L).add(s00).intoArray(acc, a + 0 * cs + 0 * L);
            FloatVector.fromArray(S, acc, a + 0 * cs + 1 * L).add(s0_1).intoArray(acc, a + 0 * cs + 1 * L);
        if (nt > 1) {
            FloatVector.fromArray(S, acc, a + 1 * cs + 0 * L).add(s1_0).intoArray(acc, a + 1 * cs + 0 * L);
            FloatVector.fromArray(S, acc, a + 1 * cs + 1 * L).add(s1_1).intoArray(acc, a + 1 * cs + 1 * L);
        }
        if (nt > 2) {
            FloatVector.fromArray(S, acc, a + 2 * cs + 0 * L).add(s2_0).intoArray(acc, a + 2 * cs + 0 * L);
            FloatVector.fromArray(S, acc, a + 2 * cs + 1 * L).add(s2_1).intoArray(acc, a + 2 * cs + 1 * L);
        }
        if (nt > 3) {
            FloatVector.fromArray(S, acc, a + 3 * cs + 0 * L).add(s3_0).intoArray(acc, a + 3 * cs + 0 * L);
            FloatVector.fromArray(S, acc, a + 3 * cs + 1 * L).add(s3_1).intoArray(acc, a + 3 * cs + 1 * L);
        }
        if (nt > 4) {
            FloatVector.fromArray(S, acc, a + 4 * cs + 0 * L).add(s4_0).intoArray(acc, a + 4 * cs + 0 * L);
            FloatVector.fromArray(S, acc, a + 4 * cs + 1 * L).add(s4_1).intoArray(acc, a + 4 * cs + 1 * L);
        }
        if (nt > 5) {
            FloatVector.fromArray(S, acc, a + 5 * cs + 0 * L).add(s5_0).intoArray(acc, a + 5 * cs + 0 * L);
            FloatVector.fromArray(S, acc, a + 5 * cs + 1 * L).add(s5_1).intoArray(acc, a + 5 * cs + 1 * L);
        }
        if (nt > 6) {
            FloatVector.fromArray(S, acc, a + 6 * cs + 0 * L).add(s6_0).intoArray(acc, a + 6 * cs + 0 * L);
            FloatVector.fromArray(S, acc, a + 6 * cs + 1 * L).add(s6_1).intoArray(acc, a + 6 * cs + 1 * L);
        }
        if (nt > 7) {
            FloatVector.fromArray(S, acc, a + 7 * cs + 0 * L).add(s7_0).intoArray(acc, a + 7 * cs + 0 * L);
            FloatVector.fromArray(S, acc, a + 7 * cs + 1 * L).add(s7_1).intoArray(acc, a + 7 * cs + 1 * L);
        }
        if (nt > 8) {
            FloatVector.fromArray(S, acc, a + 8 * cs + 0 * L).add(s8_0).intoArray(acc, a + 8 * cs + 0 * L);
            FloatVector.fromArray(S, acc, a + 8 * cs + 1 * L).add(s8_1).intoArray(acc, a + 8 * cs + 1 * L);
        }
        if (nt > 9) {
            FloatVector.fromArray(S, acc, a + 9 * cs + 0 * L).add(s9_0).intoArray(acc, a + 9 * cs + 0 * L);
            FloatVector.fromArray(S, acc, a + 9 * cs + 1 * L).add(s9_1).intoArray(acc, a + 9 * cs + 1 * L);
        }
        if (nt > 10) {
            FloatVector.fromArray(S, acc, a + 10 * cs + 0 * L).add(s10_0).intoArray(acc, a + 10 * cs + 0 * L);
            FloatVector.fromArray(S, acc, a + 10 * cs + 1 * L).add(s10_1).intoArray(acc, a + 10 * cs + 1 * L);
        }
        if (nt > 11) {
            FloatVector.fromArray(S, acc, a + 11 * cs + 0 * L).add(s11_0).intoArray(acc, a + 11 * cs + 0 * L);
            FloatVector.fromArray(S, acc, a + 11 * cs + 1 * L).add(s11_1).intoArray(acc, a + 11 * cs + 1 * L);
        }
    }

    static void f12x1(float[] acc, int a, int cs, int nt, float[] gT, int go, int cogp, int i0, int i1, int[] qt,
                       float[] p, int t0, int t1, int t2, int t3, int t4, int t5, int t6, int t7, int t8, int t9, int t10, int t11) {
        FloatVector s00 = FloatVector.zero(S), s1_0 = s00, s2_0 = s00, s3_0 = s00, s4_0 = s00, s5_0 = s00, s6_0 = s00, s7_0 = s00, s8_0 = s00, s9_0 = s00, s10_0 = s00, s11_0 = s00;
        for (int i = i0, gr = go; i < i1; i++, gr += cogp) {
            int q = qt[i];
            FloatVector g0 = FloatVector.fromArray(S, gT, gr + 0 * L);
            FloatVector b = FloatVector.broadcast(S, p[q + t0]);
            s00 = b.fma(g0, s00);
            b = FloatVector.broadcast(S, p[q + t1]);
            s1_0 = b.fma(g0, s1_0);
            b = FloatVector.broadcast(S, p[q + t2]);
            s2_0 = b.fma(g0, s2_0);
            b = FloatVector.broadcast(S, p[q + t3]);
            s3_0 = b.fma(g0, s3_0);
            b = FloatVector.broadcast(S, p[q + t4]);
            s4_0 = b.fma(g0, s4_0);
            b = FloatVector.broadcast(S, p[q + t5]);
            s5_0 = b.fma(g0, s5_0);
            b = FloatVector.broadcast(S, p[q + t6]);
            s6_0 = b.fma(g0, s6_0);
            b = FloatVector.broadcast(S, p[q + t7]);
            s7_0 = b.fma(g0, s7_0);
            b = FloatVector.broadcast(S, p[q + t8]);
            s8_0 = b.fma(g0, s8_0);
            b = FloatVector.broadcast(S, p[q + t9]);
            s9_0 = b.fma(g0, s9_0);
            b = FloatVector.broadcast(S, p[q + t10]);
            s10_0 = b.fma(g0, s10_0);
            b = FloatVector.broadcast(S, p[q + t11]);
            s11_0 = b.fma(g0, s11_0);
        }
            FloatVector.fromArray(S, acc, a + 0 * cs + 0 * L).add(s00).intoArray(acc, a + 0 * cs + 0 * L);
        if (nt > 1) {
            FloatVector.fromArray(S, acc, a + 1 * cs + 0 * L).add(s1_0).intoArray(acc, a + 1 * cs + 0 * L);
        }
        if (nt > 2) {
            FloatVector.fromArray(S, acc, a + 2 * cs + 0 * L).add(s2_0).intoArray(acc, a + 2 * cs + 0 * L);
        }
        if (nt > 3) {
            FloatVector.fromArray(S, acc, a + 3 * cs + 0 * L).add(s3_0).intoArray(acc, a + 3 * cs + 0 * L);
        }
        if (nt > 4) {
            FloatVector.fromArray(S, acc, a + 4 * cs + 0 * L).add(s4_0).intoArray(acc, a + 4 * cs + 0 * L);
        }
        if (nt > 5) {
            FloatVector.fromArray(S, acc, a + 5 * cs + 0 * L).add(s5_0).intoArray(acc, a + 5 * cs + 0 * L);
        }
        if (nt > 6) {
            FloatVector.fromArray(S, acc, a + 6 * cs + 0 * L).add(s6_0).intoArray(acc, a + 6 * cs + 0 * L);
        }
        if (nt > 7) {
            FloatVector.fromArray(S, acc, a + 7 * cs + 0 * L).add(s7_0).intoArray(acc, a + 7 * cs + 0 * L);
        }
        if (nt > 8) {
            FloatVector.fromArray(S, acc, a + 8 * cs + 0 * L).add(s8_0).intoArray(acc, a + 8 * cs + 0 * L);
        }
        if (nt > 9) {
            FloatVector.fromArray(S, acc, a + 9 * cs + 0 * L).add(s9_0).intoArray(acc, a + 9 * cs + 0 * L);
        }
        if (nt > 10) {
            FloatVector.fromArray(S, acc, a + 10 * cs + 0 * L).add(s10_0).intoArray(acc, a + 10 * cs + 0 * L);
        }
        if (nt > 11) {
            FloatVector.fromArray(S, acc, a + 11 * cs + 0 * L).add(s11_0).intoArray(acc, a + 11 * cs + 0 * L);
        }
    }
}
