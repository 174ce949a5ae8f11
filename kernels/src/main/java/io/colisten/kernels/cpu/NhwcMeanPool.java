package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.ChannelsLast.L;
import static io.colisten.kernels.cpu.ChannelsLast.S;

import jdk.incubator.vector.FloatVector;

/**
 * Mean over the positions of channels-last images (time-frequency pooling):
 * out[i][c] = (sum over q < positions of in[i][q][c]) / positions for c < c, written at
 * outOff + i outStride + c. Sums run in position order, one float lane per channel (the same
 * order as a scalar loop), then one division in double.
 */
public final class NhwcMeanPool {
    private NhwcMeanPool() {}

    /** sums: scratch of at least cp floats. */
    public static void forward(float[] out, int outOff, int outStride, float[] in, int inOff, int inImage, int images,
                               int positions, int c, int cp, float[] sums) {
        String op = "meanPool forward";
        if (images < 0 || positions <= 0 || c <= 0 || cp < c || cp % L != 0) {
            throw new IllegalArgumentException(op + ": bad shape images " + images + " positions " + positions + " c " + c
                    + " cp " + cp);
        }
        Check.span(op, "out", out, outOff, images == 0 ? 0 : (long) (images - 1) * outStride + c);
        Check.span(op, "in", in, inOff, images == 0 ? 0 : (long) (images - 1) * inImage + (long) positions * cp);
        Check.span(op, "sums", sums, 0, cp);
        for (int img = 0; img < images; img++) {
            int base = inOff + img * inImage;
            for (int j = 0; j < cp; j += L) {
                FloatVector s = FloatVector.fromArray(S, in, base + j);
                for (int q = 1; q < positions; q++) s = s.add(FloatVector.fromArray(S, in, base + q * cp + j));
                s.intoArray(sums, j);
            }
            for (int ch = 0; ch < c; ch++) out[outOff + img * outStride + ch] = (float) (sums[ch] / (double) positions);
        }
    }
}
