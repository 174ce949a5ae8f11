package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.ConvTapKernels.L;
import static io.colisten.kernels.cpu.ConvTapKernels.S;

import jdk.incubator.vector.FloatVector;

/**
 * Transposes a band of an image's output gradient, channel-major (co planes of stride floats) to
 * position-major gT[position][cogp] for the backward-filter kernels, zero past cog.
 * With 16 lanes, 16 x 16 blocks are transposed in registers (four rounds of block swaps with
 * two-vector selectFrom); other widths and edges copy element by element.
 * Unrolled by kernels/src/test/python/gen_transpose.py.
 */
final class ConvTranspose {
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

    private ConvTranspose() {}

    /**
     * gT[p * cogp + c] = src[so + c * stride + p] for c < cog, p < n; zero for cog <= c < cogp; and
     * sums[so' + c] += the sum of the band's row c (the bias gradient, read while the data passes by).
     */
    static void band(float[] gT, int cogp, float[] src, int so, int stride, int cog, int n, float[] sums, int sumOff) {
        int c = 0;
        if (L == 16) {
            for (; c + 16 <= cog; c += 16) {
                int p = 0;
                for (; p + 16 <= n; p += 16) block16(gT, p * cogp + c, cogp, src, so + c * stride + p, stride, sums, sumOff + c);
                for (; p < n; p++)
                    for (int i = 0; i < 16; i++) {
                        float v = src[so + (c + i) * stride + p];
                        gT[p * cogp + c + i] = v;
                        sums[sumOff + c + i] += v;
                    }
            }
        }
        for (; c < cog; c++) {
            float sum = 0f;
            for (int p = 0, d = c; p < n; p++, d += cogp) {
                float v = src[so + c * stride + p];
                gT[d] = v;
                sum += v;
            }
            sums[sumOff + c] += sum;
        }
        for (c = cog; c < cogp; c++)
            for (int p = 0, d = c; p < n; p++, d += cogp) gT[d] = 0f;
    }

    /**
     * gT[go + j * cogp + i] = src[so + i * stride + j] for i, j < 16: one 16 x 16 block,
     * transposed in registers by swapping off-diagonal blocks of 8, 4, 2 and 1 lanes; sums[sumOff + i]
     * += the block's row i.
     */
    private static void block16(float[] gT, int go, int cogp, float[] src, int so, int stride, float[] sums, int sumOff) {
        FloatVector lo8 = FloatVector.fromArray(S, LO[0], 0), hi8 = FloatVector.fromArray(S, HI[0], 0);
        FloatVector lo4 = FloatVector.fromArray(S, LO[1], 0), hi4 = FloatVector.fromArray(S, HI[1], 0);
        FloatVector lo2 = FloatVector.fromArray(S, LO[2], 0), hi2 = FloatVector.fromArray(S, HI[2], 0);
        FloatVector lo1 = FloatVector.fromArray(S, LO[3], 0), hi1 = FloatVector.fromArray(S, HI[3], 0);
        FloatVector r0 = FloatVector.fromArray(S, src, so);
        FloatVector r1 = FloatVector.fromArray(S, src, so + 1 * stride);
        FloatVector r2 = FloatVector.fromArray(S, src, so + 2 * stride);
        FloatVector r3 = FloatVector.fromArray(S, src, so + 3 * stride);
        FloatVector r4 = FloatVector.fromArray(S, src, so + 4 * stride);
        FloatVector r5 = FloatVector.fromArray(S, src, so + 5 * stride);
        FloatVector r6 = FloatVector.fromArray(S, src, so + 6 * stride);
        FloatVector r7 = FloatVector.fromArray(S, src, so + 7 * stride);
        FloatVector r8 = FloatVector.fromArray(S, src, so + 8 * stride);
        FloatVector r9 = FloatVector.fromArray(S, src, so + 9 * stride);
        FloatVector r10 = FloatVector.fromArray(S, src, so + 10 * stride);
        FloatVector r11 = FloatVector.fromArray(S, src, so + 11 * stride);
        FloatVector r12 = FloatVector.fromArray(S, src, so + 12 * stride);
        FloatVector r13 = FloatVector.fromArray(S, src, so + 13 * stride);
        FloatVector r14 = FloatVector.fromArray(S, src, so + 14 * stride);
        FloatVector r15 = FloatVector.fromArray(S, src, so + 15 * stride);
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
        // After the transpose, row j holds the 16 channels at position j: their sum is per channel.
        FloatVector sum = r0.add(r1).add(r2.add(r3)).add(r4.add(r5).add(r6.add(r7)))
                .add(r8.add(r9).add(r10.add(r11)).add(r12.add(r13).add(r14.add(r15))));
        FloatVector.fromArray(S, sums, sumOff).add(sum).intoArray(sums, sumOff);
        r0.intoArray(gT, go);
        r1.intoArray(gT, go + 1 * cogp);
        r2.intoArray(gT, go + 2 * cogp);
        r3.intoArray(gT, go + 3 * cogp);
        r4.intoArray(gT, go + 4 * cogp);
        r5.intoArray(gT, go + 5 * cogp);
        r6.intoArray(gT, go + 6 * cogp);
        r7.intoArray(gT, go + 7 * cogp);
        r8.intoArray(gT, go + 8 * cogp);
        r9.intoArray(gT, go + 9 * cogp);
        r10.intoArray(gT, go + 10 * cogp);
        r11.intoArray(gT, go + 11 * cogp);
        r12.intoArray(gT, go + 12 * cogp);
        r13.intoArray(gT, go + 13 * cogp);
        r14.intoArray(gT, go + 14 * cogp);
        r15.intoArray(gT, go + 15 * cogp);
    }
}
