package io.colisten.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 16 x 16 float block transposed in registers: four rounds of swapping off-diagonal blocks of 8,
 * 4, 2 and 1 lanes with two-vector permutes ({@code selectFrom(v1, v2)}, vpermt2ps), 64 permutes
 * per 256 floats. Needs 16 lanes (AVX-512); callers check {@link #WORKS}.
 */
final class Transpose16 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** True where vectors have 16 float lanes. */
    static final boolean WORKS = S.length() == 16;
    private static final float[][] LO = new float[4][16], HI = new float[4][16];

    static {
        for (int k = 0; k < 4; k++) {
            int b = 8 >> k;
            for (int j = 0; j < 16; j++) {
                LO[k][j] = (j & b) == 0 ? j : j - b + 16;
                HI[k][j] = (j & b) == 0 ? j + b : j + 16;
            }
        }
    }

    private Transpose16() {}

    /** dst[d + j ds + i] = src[s + i ss + j] for i, j < 16 (full vectors read and written). */
    static void block(float[] src, int s, int ss, float[] dst, int d, int ds) {
        FloatVector lo8 = FloatVector.fromArray(S, LO[0], 0), hi8 = FloatVector.fromArray(S, HI[0], 0);
        FloatVector lo4 = FloatVector.fromArray(S, LO[1], 0), hi4 = FloatVector.fromArray(S, HI[1], 0);
        FloatVector lo2 = FloatVector.fromArray(S, LO[2], 0), hi2 = FloatVector.fromArray(S, HI[2], 0);
        FloatVector lo1 = FloatVector.fromArray(S, LO[3], 0), hi1 = FloatVector.fromArray(S, HI[3], 0);
        FloatVector r0 = FloatVector.fromArray(S, src, s), r1 = FloatVector.fromArray(S, src, s + ss);
        FloatVector r2 = FloatVector.fromArray(S, src, s + 2 * ss), r3 = FloatVector.fromArray(S, src, s + 3 * ss);
        FloatVector r4 = FloatVector.fromArray(S, src, s + 4 * ss), r5 = FloatVector.fromArray(S, src, s + 5 * ss);
        FloatVector r6 = FloatVector.fromArray(S, src, s + 6 * ss), r7 = FloatVector.fromArray(S, src, s + 7 * ss);
        FloatVector r8 = FloatVector.fromArray(S, src, s + 8 * ss), r9 = FloatVector.fromArray(S, src, s + 9 * ss);
        FloatVector r10 = FloatVector.fromArray(S, src, s + 10 * ss), r11 = FloatVector.fromArray(S, src, s + 11 * ss);
        FloatVector r12 = FloatVector.fromArray(S, src, s + 12 * ss), r13 = FloatVector.fromArray(S, src, s + 13 * ss);
        FloatVector r14 = FloatVector.fromArray(S, src, s + 14 * ss), r15 = FloatVector.fromArray(S, src, s + 15 * ss);
        FloatVector t, u;
        t = lo8.selectFrom(r0, r8); u = hi8.selectFrom(r0, r8); r0 = t; r8 = u;
        t = lo8.selectFrom(r1, r9); u = hi8.selectFrom(r1, r9); r1 = t; r9 = u;
        t = lo8.selectFrom(r2, r10); u = hi8.selectFrom(r2, r10); r2 = t; r10 = u;
        t = lo8.selectFrom(r3, r11); u = hi8.selectFrom(r3, r11); r3 = t; r11 = u;
        t = lo8.selectFrom(r4, r12); u = hi8.selectFrom(r4, r12); r4 = t; r12 = u;
        t = lo8.selectFrom(r5, r13); u = hi8.selectFrom(r5, r13); r5 = t; r13 = u;
        t = lo8.selectFrom(r6, r14); u = hi8.selectFrom(r6, r14); r6 = t; r14 = u;
        t = lo8.selectFrom(r7, r15); u = hi8.selectFrom(r7, r15); r7 = t; r15 = u;
        t = lo4.selectFrom(r0, r4); u = hi4.selectFrom(r0, r4); r0 = t; r4 = u;
        t = lo4.selectFrom(r1, r5); u = hi4.selectFrom(r1, r5); r1 = t; r5 = u;
        t = lo4.selectFrom(r2, r6); u = hi4.selectFrom(r2, r6); r2 = t; r6 = u;
        t = lo4.selectFrom(r3, r7); u = hi4.selectFrom(r3, r7); r3 = t; r7 = u;
        t = lo4.selectFrom(r8, r12); u = hi4.selectFrom(r8, r12); r8 = t; r12 = u;
        t = lo4.selectFrom(r9, r13); u = hi4.selectFrom(r9, r13); r9 = t; r13 = u;
        t = lo4.selectFrom(r10, r14); u = hi4.selectFrom(r10, r14); r10 = t; r14 = u;
        t = lo4.selectFrom(r11, r15); u = hi4.selectFrom(r11, r15); r11 = t; r15 = u;
        t = lo2.selectFrom(r0, r2); u = hi2.selectFrom(r0, r2); r0 = t; r2 = u;
        t = lo2.selectFrom(r1, r3); u = hi2.selectFrom(r1, r3); r1 = t; r3 = u;
        t = lo2.selectFrom(r4, r6); u = hi2.selectFrom(r4, r6); r4 = t; r6 = u;
        t = lo2.selectFrom(r5, r7); u = hi2.selectFrom(r5, r7); r5 = t; r7 = u;
        t = lo2.selectFrom(r8, r10); u = hi2.selectFrom(r8, r10); r8 = t; r10 = u;
        t = lo2.selectFrom(r9, r11); u = hi2.selectFrom(r9, r11); r9 = t; r11 = u;
        t = lo2.selectFrom(r12, r14); u = hi2.selectFrom(r12, r14); r12 = t; r14 = u;
        t = lo2.selectFrom(r13, r15); u = hi2.selectFrom(r13, r15); r13 = t; r15 = u;
        t = lo1.selectFrom(r0, r1); u = hi1.selectFrom(r0, r1); r0 = t; r1 = u;
        t = lo1.selectFrom(r2, r3); u = hi1.selectFrom(r2, r3); r2 = t; r3 = u;
        t = lo1.selectFrom(r4, r5); u = hi1.selectFrom(r4, r5); r4 = t; r5 = u;
        t = lo1.selectFrom(r6, r7); u = hi1.selectFrom(r6, r7); r6 = t; r7 = u;
        t = lo1.selectFrom(r8, r9); u = hi1.selectFrom(r8, r9); r8 = t; r9 = u;
        t = lo1.selectFrom(r10, r11); u = hi1.selectFrom(r10, r11); r10 = t; r11 = u;
        t = lo1.selectFrom(r12, r13); u = hi1.selectFrom(r12, r13); r12 = t; r13 = u;
        t = lo1.selectFrom(r14, r15); u = hi1.selectFrom(r14, r15); r14 = t; r15 = u;
        r0.intoArray(dst, d);
        r1.intoArray(dst, d + ds);
        r2.intoArray(dst, d + 2 * ds);
        r3.intoArray(dst, d + 3 * ds);
        r4.intoArray(dst, d + 4 * ds);
        r5.intoArray(dst, d + 5 * ds);
        r6.intoArray(dst, d + 6 * ds);
        r7.intoArray(dst, d + 7 * ds);
        r8.intoArray(dst, d + 8 * ds);
        r9.intoArray(dst, d + 9 * ds);
        r10.intoArray(dst, d + 10 * ds);
        r11.intoArray(dst, d + 11 * ds);
        r12.intoArray(dst, d + 12 * ds);
        r13.intoArray(dst, d + 13 * ds);
        r14.intoArray(dst, d + 14 * ds);
        r15.intoArray(dst, d + 15 * ds);
    }
}
