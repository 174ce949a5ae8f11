package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.ConvTapKernels.L;
import static io.colisten.kernels.cpu.ConvTapKernels.MR;
import static io.colisten.kernels.cpu.ConvTapKernels.NS;
import static io.colisten.kernels.cpu.ConvTapKernels.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Inference stem: out = relu(maxpool(conv(in) + bias)) on NCHW, for a one-input-channel conv at
 * strideW 1 (ResNet-18's 7x5 stride 2x1 conv before its 5x3 stride 4x2 pool, SmallCNN's conv1
 * before its 4x2 stride 2x1 pool) and an unpadded pool. Unfused, the conv wrote its output (64 x
 * 150 x 64 floats per image, 2.4 MB, 157 MB per batch of 64) to memory and the pool read it back:
 * two memory-bound passes that took as long as the conv's multiply-adds and did not speed up with a
 * second thread. Here each unit (one image, a band of pool rows) computes the conv rows its pool
 * rows need into a per-thread buffer sized for L2, then pools them from there; the rows shared by
 * neighbouring bands (pool windows overlap by kh - sh rows) are computed twice.
 * <p>Values equal Conv2d.forward then MaxPool2d.forward then ReLU bit for bit: the conv runs the
 * direct path's arithmetic ({@link WinogradTapKernels#taps8x3}, the same as ConvTapKernels.taps8x3) with the same packed weights and tap order;
 * max and ReLU are exact (ReLU first, max(relu(x)) = relu(max(x)), then an unsigned max of the bit
 * patterns of values that are +0, positive or NaN, so a NaN wins as in MaxPool2d).
 * Shapes: in n x 1 x h x w, weight cOut x 1 x kh x kw, bias cOut (may be null), pool over the conv
 * output cOut x outH x outW, out n x cOut x pool outH x pool outW.
 */
public final class ConvPoolReLU {
    /** Floats of conv output per band buffer (1 MiB: half the L2). */
    static final int BAND_FLOATS = 1 << 18;
    /** Lane i picks element 2 i of v1 ++ v2: the even columns of 2 L. */
    private static final FloatVector EVEN;

    static {
        float[] idx = new float[L];
        for (int i = 0; i < L; i++) idx[i] = 2 * i;
        EVEN = FloatVector.fromArray(S, idx, 0);
    }

    private ConvPoolReLU() {}

    /** The shapes this kernel takes: one input channel, strideW 1, an unpadded pool over the conv's output. */
    public static boolean applies(Conv2dShape c, Pool2dShape p) {
        return c != null && p != null && c.cIn() == 1 && c.groups() == 1 && c.strideW() == 1 && p.padH() == 0
                && p.padW() == 0 && p.n() == c.n() && p.c() == c.cOut() && p.h() == c.outH() && p.w() == c.outW()
                && BAND_FLOATS / ((long) c.cOut() * c.outW()) >= p.kh();
    }

    public static void forward(float[] out, int outOff, float[] in, int inOff, float[] wt, int wOff,
                               float[] bias, int bOff, Conv2dShape c, Pool2dShape p) {
        String op = "conv2d+maxpool+relu forward";
        if (!applies(c, p)) throw new IllegalArgumentException(op + ": unsupported shapes " + c + ", " + p);
        BufferChecks.range(op, "out", out, outOff, p.outputSize(), p);
        BufferChecks.range(op, "in", in, inOff, c.inputSize(), c);
        BufferChecks.range(op, "weight", wt, wOff, c.weightSize(), c);
        BufferChecks.optional(op, "bias", bias, bOff, c.cOut(), c);
        int cout = c.cOut(), k = c.kh() * c.kw(), ow = c.outW(), ph = p.outH(), pw = p.outW();
        int blocks = (cout + MR - 1) / MR, wp = ConvPlanes.wp(c);
        // Pool rows per band: conv rows (band - 1) sh + kh within BAND_FLOATS per thread; bands even.
        int maxRows = BAND_FLOATS / (cout * ow), band = Math.max(1, Math.min(ph, (maxRows - p.kh()) / p.strideH() + 1));
        int bands = (ph + band - 1) / band;
        band = (ph + bands - 1) / bands;
        int rowsFull = (band - 1) * p.strideH() + p.kh();
        int lastBand = ph - (bands - 1) * band, rowsLast = (lastBand - 1) * p.strideH() + p.kh();
        // Caller-side tables: taps, then slots of a full band at [0, nFull) and of the last at [nFull, ..).
        int[] toff = ConvScratch.ints(ConvScratch.TAPS, k);
        for (int ky = 0, t = 0; ky < c.kh(); ky++)
            for (int kx = 0; kx < c.kw(); kx++) toff[t++] = ky * wp + kx;
        int per = (ow + L - 1) / L, nFull = ConvPlanes.roundUp(rowsFull * per, NS), nLast = ConvPlanes.roundUp(rowsLast * per, NS);
        int[] sq = ConvScratch.ints(ConvScratch.SLOT_Q, nFull + nLast), so = ConvScratch.ints(ConvScratch.SLOT_O, nFull + nLast);
        int[] sn = ConvScratch.ints(ConvScratch.SLOT_N, nFull + nLast);
        slots(sq, so, sn, 0, nFull, rowsFull, ow, c.strideH() * wp);
        slots(sq, so, sn, nFull, nLast, rowsLast, ow, c.strideH() * wp);
        float[] wpk = ConvScratch.get(ConvScratch.PACK, blocks * k * MR);
        for (int cb = 0; cb < blocks; cb++)
            for (int j = 0; j < MR; j++) {
                int co = cb * MR + j;
                for (int t = 0; t < k; t++) wpk[(cb * k + t) * MR + j] = co < cout ? wt[wOff + co * k + t] : 0f;
            }
        int finalBand = band, bandCount = bands;
        Parallel.forRangeBalanced(c.n() * bands, 1, (from, to) -> {
            int padRows = (rowsFull - 1) * c.strideH() + c.kh();
            float[] pad = ConvScratch.get(ConvScratch.PLANE, padRows * wp + L);
            float[] buf = ConvScratch.get(ConvScratch.BATCH_OUT, cout * rowsFull * ow + 2 * L);
            float[] tmp = ConvScratch.get(ConvScratch.ROW, 2 * (ow + 2 * L) + p.kw());
            for (int u = from; u < to; u++) {
                int b = u / bandCount, q = u % bandCount, p0 = q * finalBand, p1 = Math.min(ph, p0 + finalBand);
                boolean last = q == bandCount - 1;
                int rows = last ? rowsLast : rowsFull, slot0 = last ? nFull : 0, slotN = last ? nLast : nFull;
                int y0 = p0 * p.strideH(), cs = rows * ow;
                padRows(pad, in, inOff + b * c.h() * c.w(), c, y0, (rows - 1) * c.strideH() + c.kh(), wp);
                for (int cb = 0; cb < blocks; cb++) {
                    int nc = Math.min(MR, cout - cb * MR);
                    for (int i = slot0; i < slot0 + slotN; i += NS)
                        WinogradTapKernels.taps8x3(buf, cb * MR * cs, cs, nc, so, sn, sq, i, 0, bias, bOff + cb * MR, pad, toff, 0, k,
                                wpk, cb * k * MR);
                }
                for (int co = 0; co < cout; co++)
                    for (int r = p0; r < p1; r++)
                        poolRow(out, outOff + ((b * cout + co) * ph + r) * pw, buf, co * cs + (r - p0) * p.strideH() * ow, ow, p, tmp);
            }
        });
    }

    /** Slots of `rows` conv rows at table index [i0, i0 + count): band-relative output and source offsets. */
    private static void slots(int[] sq, int[] so, int[] sn, int i0, int count, int rows, int ow, int srcRow) {
        int i = i0;
        for (int y = 0; y < rows; y++)
            for (int x0 = 0; x0 < ow; x0 += L, i++) {
                sq[i] = y * srcRow + x0;
                so[i] = y * ow + x0;
                sn[i] = Math.min(L, ow - x0);
            }
        for (; i < i0 + count; i++) {
            sq[i] = sq[i0];
            so[i] = 0;
            sn[i] = 0;
        }
    }

    /** Zero-padded input rows for conv rows from y0: dst[r][wp] = padded input row y0 sh + r, r < n. */
    private static void padRows(float[] dst, float[] in, int src, Conv2dShape c, int y0, int n, int wp) {
        int h = c.h(), w = c.w(), pw = c.padW();
        for (int r = 0; r < n; r++) {
            int y = y0 * c.strideH() + r - c.padH(), d = r * wp;
            if (y < 0 || y >= h) {
                java.util.Arrays.fill(dst, d, d + wp, 0f);
                continue;
            }
            java.util.Arrays.fill(dst, d, d + pw, 0f);
            System.arraycopy(in, src + y * w, dst, d + pw, w);
            java.util.Arrays.fill(dst, d + pw + w, d + wp, 0f);
        }
    }

    /**
     * One pooled row: the kh conv rows from buf[src] (row stride ow) through ReLU and an unsigned max
     * of the bits into tmp, then kw-wide windows at strideW along tmp into out[o, o + pool outW).
     * Lanes past ow hold garbage that only outputs past the row would read.
     */
    private static void poolRow(float[] out, int o, float[] buf, int src, int ow, Pool2dShape p, float[] tmp) {
        FloatVector zero = FloatVector.zero(S);
        for (int x = 0; x < ow; x += L) {
            FloatVector v = FloatVector.fromArray(S, buf, src + x);
            IntVector m = v.blend(zero, v.compare(VectorOperators.LE, 0f)).reinterpretAsInts();
            for (int ky = 1; ky < p.kh(); ky++) {
                v = FloatVector.fromArray(S, buf, src + ky * ow + x);
                m = m.lanewise(VectorOperators.UMAX, v.blend(zero, v.compare(VectorOperators.LE, 0f)).reinterpretAsInts());
            }
            m.reinterpretAsFloats().intoArray(tmp, x);
        }
        int pw = p.outW(), kw = p.kw(), sw = p.strideW();
        if (sw == 1 || sw == 2) {
            for (int x = 0; x < pw; x += L) {
                int n = Math.min(L, pw - x), base = x * sw;
                FloatVector r = windowMax(tmp, base, kw);
                if (sw == 2) r = EVEN.selectFrom(r, windowMax(tmp, base + L, kw));
                if (n == L) r.intoArray(out, o + x);
                else r.intoArray(out, o + x, S.indexInRange(0, n));
            }
        } else {
            for (int x = 0; x < pw; x++) {
                int m = Float.floatToRawIntBits(tmp[x * sw]);
                for (int dx = 1; dx < kw; dx++) m = Integer.compareUnsigned(m, Float.floatToRawIntBits(tmp[x * sw + dx])) >= 0
                        ? m : Float.floatToRawIntBits(tmp[x * sw + dx]);
                out[o + x] = Float.intBitsToFloat(m);
            }
        }
    }

    /** Lane i: the unsigned-bits max of tmp[base + i + dx], dx < kw. */
    private static FloatVector windowMax(float[] tmp, int base, int kw) {
        IntVector m = FloatVector.fromArray(S, tmp, base).reinterpretAsInts();
        for (int dx = 1; dx < kw; dx++) m = m.lanewise(VectorOperators.UMAX, FloatVector.fromArray(S, tmp, base + dx).reinterpretAsInts());
        return m.reinterpretAsFloats();
    }
}
