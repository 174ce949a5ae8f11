package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.ConvTapKernels.L;
import static io.colisten.kernels.cpu.ConvTapKernels.MR;
import static io.colisten.kernels.cpu.ConvTapKernels.NS;
import static io.colisten.kernels.cpu.ConvTapKernels.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Inference forward of strided convolutions on small planes (ResNet-18's stride-2 3x3 convs of
 * layers 3 and 4: 10 x 8 and 5 x 4 outputs) as a direct conv with a vector lane per image. The
 * batch goes in groups of 16 images through image-minor zero-padded planes
 * P[y][x][ci][image] (channel-minor: a tap row's channels are one contiguous run), so that any output position (y, x) of
 * 16 images is one vector and every tap (ci, ky, kx) reads P at (y sh + ky, x sw + kx): plain
 * vector loads whatever the stride, no lane left empty by narrow rows, no im2col. The product runs
 * on the direct conv's 8 x 3 kernel (its inference copy {@link WinogradTapKernels#taps8x3}: 8 output channels x 3
 * positions, taps = cIn kh kw), into M[co][position][image], which 16 x 16 transposes turn back into
 * NCHW rows (output positions are contiguous there). Before, these layers ran im2col + SGEMM
 * (Conv2dGemmBatched): the column matrix (9x the input) written, packed and read again.
 * <p>Units: (group of 16 images, block of positions), claimed dynamically; each output element is
 * computed by one unit, its taps summed in a fixed order from the bias, so results do not depend on
 * threads. Rounding differs from {@link Conv2d#forward}'s (another summation order): inference only.
 */
final class Conv2dImageLanes {
    static final int G = 16;
    /** Positions per unit: whole slot groups (48), so only a group's last unit has a partial block of 16. */
    static final int POSITIONS = 4 * NS * G;
    /** Taps per product pass. */
    static final int KB = 128;

    private Conv2dImageLanes() {}

    /**
     * 16-lane vectors, a batch of at least one group, one group of channels, strided (stride-1 layers
     * have the direct and Winograd paths), kernels larger than 1x1 and small input planes. Measured
     * in ResNet-18 (single thread, batch 64, ms per batch, this path vs im2col + SGEMM): layer3.0.conv1
     * (19 x 16 input) 24.8 vs 29-31, layer4.0.conv1 (10 x 8) 24-25 vs 29.5, but layer2.0.conv1 (37 x 31:
     * transposing its 18.8 MB input into the image-minor planes reads 16 scattered rows at a time)
     * 33-34 vs 31.5-32, and the 1x1 downsamples (a quarter of their input read) 5-8 vs 3.5-6.
     */
    static boolean applies(Conv2dShape s) {
        return Transpose16.WORKS && L == G && s.n() >= G && s.groups() == 1 && s.cIn() >= 8 && s.strideW() > 1
                && s.kh() * s.kw() > 1 && s.h() * s.w() <= MAX_INPUT_PLANE && s.outH() * s.outW() <= Conv2dGemmBatched.SMALL_PLANE;
    }

    /** Input positions per plane up to which this path pays (see applies). */
    static final int MAX_INPUT_PLANE = 512;

    /**
     * Padded row y of channel ci for images b0.. (16, zeros past the batch): dst[d + x ps + j], x < wp,
     * from NCHW rows (masked loads, one 16 x 16 transpose per 16 positions).
     */
    private static void row(float[] dst, int d, int ps, float[] tmp, float[] in, int inOff, Conv2dShape s, int wp, int b0,
                            int ci, int y) {
        int h = s.h(), w = s.w(), cin = s.cIn(), hw = h * w, images = Math.min(G, s.n() - b0), iy = y - s.padH();
        FloatVector zero = FloatVector.zero(S);
        for (int xb = 0; xb < wp; xb += L) {
            int x = xb - s.padW(), lo = Math.max(0, -x), hi = Math.min(L, w - x), cols = Math.min(L, wp - xb);
            if (iy < 0 || iy >= h || hi <= lo) {
                for (int i = 0; i < cols; i++) zero.intoArray(dst, d + (xb + i) * ps);
                continue;
            }
            VectorMask<Float> k = S.indexInRange(0, hi).andNot(S.indexInRange(0, lo));
            for (int j = 0; j < G; j++) {
                int from = inOff + ((b0 + j) * cin + ci) * hw + iy * w + x;
                if (j >= images) zero.intoArray(tmp, j * G);
                else if (from >= 0 && from + L <= in.length) FloatVector.fromArray(S, in, from, k).intoArray(tmp, j * G);
                else for (int i = 0; i < L; i++) tmp[j * G + i] = i >= lo && i < hi ? in[from + i] : 0f;
            }
            Transpose16.block(tmp, 0, G, tmp, G * G, G);
            for (int i = 0; i < cols; i++) FloatVector.fromArray(S, tmp, G * G + i * G).intoArray(dst, d + (xb + i) * ps);
        }
    }

    /** out = conv + bias, then (when relu) out = relu(out [+ res]) in the output pass; res may be null. */
    static void forward(float[] out, int outOff, float[] in, int inOff, float[] wt, int wOff,
                        float[] bias, int bOff, Conv2dShape s, float[] res, int resOff, boolean relu) {
        int cin = s.cIn(), cout = s.cOut(), kh = s.kh(), kw = s.kw(), k = cin * kh * kw, blocks = (cout + MR - 1) / MR;
        int hp = Math.max(s.h() + 2 * s.padH(), (s.outH() - 1) * s.strideH() + kh);
        int wp = Math.max(s.w() + 2 * s.padW(), (s.outW() - 1) * s.strideW() + kw);
        int ohw = s.outH() * s.outW(), groups = (s.n() + G - 1) / G, planeFloats = hp * wp * cin * G;
        // Caller-side tables: taps, slots (one per position, padded to whole slot groups), packed weights.
        int[] toff = ConvScratch.ints(ConvScratch.TAPS, k);
        for (int ky = 0, t = 0; ky < kh; ky++)
            for (int kx = 0; kx < kw; kx++)
                for (int ci = 0; ci < cin; ci++) toff[t++] = ((ky * wp + kx) * cin + ci) * G;
        int slots = ConvPlanes.roundUp(ohw, NS);
        int[] sq = ConvScratch.ints(ConvScratch.SLOT_Q, slots), so = ConvScratch.ints(ConvScratch.SLOT_O, slots);
        int[] sn = ConvScratch.ints(ConvScratch.SLOT_N, slots);
        for (int i = 0; i < slots; i++) {
            boolean real = i < ohw;
            int y = real ? i / s.outW() : 0, x = real ? i % s.outW() : 0;
            sq[i] = (y * s.strideH() * wp + x * s.strideW()) * cin * G;
            so[i] = (i % POSITIONS) * G;   // within the unit's block of positions
            sn[i] = real ? G : 0;
        }
        float[] wpk = ConvScratch.get(ConvScratch.PACK, blocks * k * MR);
        int khw = kh * kw, wParts = Math.max(1, Math.min(Parallel.threads(), blocks));
        Parallel.forEach(wParts, part -> {
            for (int cb = blocks * part / wParts; cb < blocks * (part + 1) / wParts; cb++)
                for (int j = 0; j < MR; j++) {
                    int co = cb * MR + j;
                    for (int ci = 0; ci < cin; ci++)
                        for (int kk = 0; kk < khw; kk++)   // tap t = (ky kw + kx) cin + ci
                            wpk[(cb * k + kk * cin + ci) * MR + j] = co < cout ? wt[wOff + (co * cin + ci) * khw + kk] : 0f;
                }
        });
        float[] planes = Conv2dWinograd3x3Batch.Planes.get((long) groups * planeFloats);
        // One padded row of a group per unit, all channels: its channel-minor vectors are one contiguous run.
        Parallel.forEach(groups * hp, unit -> {
            float[] tmp = ConvScratch.get(ConvScratch.ROW, 2 * G * G);
            int g = unit / hp, y = unit % hp;
            for (int ci = 0; ci < cin; ci++) row(planes, g * planeFloats + (y * wp * cin + ci) * G, cin * G, tmp, in, inOff, s, wp, g * G, ci, y);
        });
        int posBlocks = (ohw + POSITIONS - 1) / POSITIONS, cs = POSITIONS * G + L;
        Parallel.forEach(groups * posBlocks, unit -> {
            int g = unit / posBlocks, p0 = unit % posBlocks * POSITIONS, p1 = Math.min(ohw, p0 + POSITIONS);
            float[] mm = ConvScratch.get(ConvScratch.BATCH_OUT, cout * cs);
            float[] tmp = ConvScratch.get(ConvScratch.ROW, G * G);
            int base = g * planeFloats, i1 = ConvPlanes.roundUp(p1, NS);
            // Slot triples outside, then blocks of KB taps, channel blocks inside: a block's input vectors
            // (KB x 3 x 64 B = 24 KB) stay in L1 for all the channel blocks (from L2, the loads, two cache
            // lines each, were the limit); the first block starts from the bias, later ones accumulate.
            for (int i = p0; i < i1; i += NS)
                for (int k0 = 0; k0 < k; k0 += KB) {
                    int nk = Math.min(KB, k - k0);
                    for (int cb = 0; cb < blocks; cb++) {
                        int nc = Math.min(MR, cout - cb * MR), w = (cb * k + k0) * MR;
                        if (k0 == 0) WinogradTapKernels.taps8x3(mm, cb * MR * cs, cs, nc, so, sn, sq, i, base, bias,
                                bOff + cb * MR, planes, toff, 0, nk, wpk, w);
                        else WinogradTapKernels.taps8x3AddFull(mm, cb * MR * cs, cs, nc, so, sn, sq, i, base, planes, toff,
                                k0, nk, wpk, w);
                    }
                }
            int images = Math.min(G, s.n() - g * G);
            for (int co = 0; co < cout; co++) {
                int ob = outOff + (g * G * cout + co) * ohw;
                for (int q = p0; q < p1; q += G) {
                    Transpose16.block(mm, co * cs + (q - p0) * G, G, tmp, 0, G);
                    int nq = Math.min(G, p1 - q);
                    VectorMask<Float> m = S.indexInRange(0, nq);
                    for (int j = 0; j < images; j++) {
                        int o = ob + j * cout * ohw + q;
                        FloatVector v = FloatVector.fromArray(S, tmp, j * G);
                        if (res != null) v = v.add(FloatVector.fromArray(S, res, o - outOff + resOff, m));
                        if (relu) v = v.blend(0f, v.compare(VectorOperators.LE, 0f));   // as Activations' ReLU
                        if (nq == G) v.intoArray(out, o);
                        else v.intoArray(out, o, m);
                    }
                }
            }
        });
    }
}
