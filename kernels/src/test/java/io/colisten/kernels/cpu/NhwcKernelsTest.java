package io.colisten.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The channels-last inference kernels against {@link NhwcReference}: random shapes (sizes 1, around
 * the lane count and odd), non-zero offsets, outputs written into the interior of padded planes
 * with a NaN sentinel everywhere else (the sentinel must survive: no write outside the positions),
 * padding channels (must come out 0), with and without ReLU; max-pool on any input (NaN, -inf, -0)
 * and on non-negative input (its unsigned-integer path, NaNs of either sign). Tolerance: atol 2e-5 +
 * rtol 1e-5 for sums; max-pool exact.
 */
class NhwcKernelsTest {
    static final int L = ChannelsLast.L;
    static final float SENTINEL = Float.NaN;

    @Test
    void stemConvMatchesReference() {
        Random r = new Random(11);
        for (int trial = 0; trial < 40; trial++) {
            int h = 1 + r.nextInt(30), w = 1 + r.nextInt(2 * L + 3), kh = 1 + r.nextInt(7), kw = 1 + r.nextInt(5);
            int sh = 1 + r.nextInt(3), sw = 1 + r.nextInt(3), ph = r.nextInt(kh / 2 + 1), pw = r.nextInt(kw / 2 + 1);
            if (h + 2 * ph < kh || w + 2 * pw < kw) continue;
            if (trial == 0) { h = 300; w = 64; kh = 3; kw = 3; sh = 2; sw = 1; ph = 1; pw = 1; }
            if (trial == 1 || trial == 2) { kh = 3; kw = 3; sw = trial; w = 2 * L + 5; ph = 1; pw = trial - 1; }   // the 3x3 paths, tails
            int cOut = trial == 0 ? 14 : 1 + r.nextInt(2 * L + 3), cp = ChannelsLast.padChannels(cOut);
            boolean relu = r.nextBoolean();
            int oh = (h + 2 * ph - kh) / sh + 1, ow = (w + 2 * pw - kw) / sw + 1;
            float[] x = random(r, h * w), weight = random(r, cOut * kh * kw), bias = random(r, cOut), scale = random(r, cOut);
            int xo = r.nextInt(5), po = r.nextInt(7), wo = r.nextInt(5), bo = r.nextInt(3) * L + r.nextInt(2);
            float[] xs = new float[xo + h * w];
            System.arraycopy(x, 0, xs, xo, h * w);
            int pinRow = w + 2 * pw;
            float[] pin = new float[po + (h + 2 * ph) * pinRow];
            java.util.Arrays.fill(pin, 7f);
            ChannelsLast.padPlane(pin, po, xs, xo, h, w, ph, pw);
            float[] packed = new float[wo + kh * kw * cp];
            NhwcStemConv.pack(packed, wo, weight, 0, scale, 0, cOut, kh, kw, cp);
            float[] folded = weight.clone();
            for (int c = 0; c < cOut; c++) for (int t = 0; t < kh * kw; t++) folded[c * kh * kw + t] *= scale[c];
            float[] bp = new float[bo + cp];
            System.arraycopy(bias, 0, bp, bo, cOut);
            Plane out = new Plane(r, 1, oh, ow, cp, 1);
            NhwcStemConv.forward(out.a, out.off, out.row, pin, po, pinRow, oh, ow, kh, kw, sh, sw, cp, packed, wo, bp, bo, relu);
            double[] ref = NhwcReference.stem(x, h, w, folded, bias, cOut, kh, kw, sh, sw, ph, pw, relu);
            out.check(ref, cOut, 2e-5, "stem " + h + "x" + w + " k" + kh + "x" + kw + " s" + sh + "x" + sw + " c" + cOut);
        }
    }

    @Test
    void depthwiseMatchesReference() {
        Random r = new Random(12);
        for (int trial = 0; trial < 60; trial++) {
            int n = 1 + r.nextInt(3), h = 1 + r.nextInt(20), w = 1 + r.nextInt(2 * L + 3);
            int sh = 1 + r.nextInt(2), sw = trial % 3 == 0 ? 2 + r.nextInt(2) : 1, c = 1 + r.nextInt(3 * L + 2);
            if (trial == 0) { n = 2; h = 10; w = 8; sh = 1; sw = 1; c = 224; }
            if (trial == 1) { n = 1; h = 74; w = 63; sh = 2; sw = 2; c = 28; }
            if (trial == 2) { n = 2; h = 7; w = 13; sh = 1; sw = 1; c = L; }   // one channel vector (stride1Narrow)
            int cp = trial == 2 ? L : ChannelsLast.padChannels(c) + (r.nextInt(4) == 0 ? L : 0);
            boolean relu = r.nextBoolean();
            int oh = (h - 1) / sh + 1, ow = (w - 1) / sw + 1;
            float[] x = random(r, n * h * w * c), weight = random(r, c * 9), bias = random(r, c), scale = random(r, c);
            Plane in = new Plane(r, n, h + 2, w + 2, cp, 0);
            in.fill(0f);
            int inner = in.off + in.row + cp;   // position (1, 1): the interior of the padded plane
            for (int i = 0; i < n; i++)
                for (int y = 0; y < h; y++)
                    for (int xx = 0; xx < w; xx++)
                        System.arraycopy(x, ((i * h + y) * w + xx) * c, in.a, inner + i * in.image + y * in.row + xx * cp, c);
            float[] packed = new float[3 + 9 * cp];
            NhwcDepthwise3x3.pack(packed, 3, weight, 0, scale, 0, c, cp);
            float[] folded = weight.clone();
            for (int ch = 0; ch < c; ch++) for (int t = 0; t < 9; t++) folded[ch * 9 + t] *= scale[ch];
            float[] bp = new float[1 + cp];
            System.arraycopy(bias, 0, bp, 1, c);
            Plane out = new Plane(r, n, oh, ow, cp, 1);
            NhwcDepthwise3x3.forward(out.a, out.off, out.image, out.row, in.a, in.off, in.image, in.row, n, oh, ow, sh, sw,
                    cp, packed, 3, bp, 1, relu);
            out.check(NhwcReference.depthwise(x, n, h, w, c, folded, bias, sh, sw, relu), c, 2e-5,
                    "depthwise n" + n + " " + h + "x" + w + " s" + sh + "x" + sw + " c" + c);
        }
    }

    @Test
    void pointwiseMatchesReference() {
        Random r = new Random(13);
        for (int trial = 0; trial < 60; trial++) {
            int n = 1 + r.nextInt(3), h = 1 + r.nextInt(8), w = 1 + r.nextInt(L + 3);
            int cIn = 1 + r.nextInt(3 * L + 5), cOut = 1 + r.nextInt(6 * L + 5);
            if (trial == 0) { n = 4; h = 5; w = 4; cIn = 448; cOut = 448; }
            if (trial == 1) { n = 1; h = 2; w = 2; }   // fewer positions than a block
            int cpIn = ChannelsLast.padChannels(cIn) + (r.nextInt(3) == 0 ? L : 0), cpOut = ChannelsLast.padChannels(cOut);
            boolean relu = r.nextBoolean();
            int total = n * h * w;
            float[] x = random(r, total * cIn), weight = random(r, cOut * cIn), bias = random(r, cOut), scale = random(r, cOut);
            int xo = r.nextInt(9);
            float[] in = random(r, xo + total * cpIn);   // padding channels hold garbage: cIn bounds the sum
            for (int q = 0; q < total; q++) System.arraycopy(x, q * cIn, in, xo + q * cpIn, cIn);
            int wo = r.nextInt(5);
            float[] packed = new float[wo + NhwcPointwise.packedSize(cIn, cpOut)];
            NhwcPointwise.pack(packed, wo, weight, 0, scale, 0, cIn, cOut, cpOut);
            float[] folded = weight.clone();
            for (int co = 0; co < cOut; co++) for (int ci = 0; ci < cIn; ci++) folded[co * cIn + ci] *= scale[co];
            float[] bp = new float[2 + cpOut];
            System.arraycopy(bias, 0, bp, 2, cOut);
            Plane out = new Plane(r, n, h, w, cpOut, r.nextInt(2));
            NhwcPointwise.forward(out.a, out.off, out.image, out.row, in, xo, n, h, w, cIn, cpIn, packed, wo, bp, 2, cpOut, relu);
            out.check(NhwcReference.pointwise(x, total, cIn, folded, bias, cOut, relu), cOut, 2e-5,
                    "pointwise n" + n + " " + h + "x" + w + " " + cIn + "->" + cOut);
        }
    }

    @Test
    void maxPoolMatchesReference() {
        Random r = new Random(14);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + r.nextInt(3), kh = 1 + r.nextInt(5), kw = 1 + r.nextInt(3), sh = 1 + r.nextInt(3), sw = 1 + r.nextInt(3);
            int h = kh + r.nextInt(12), w = kw + r.nextInt(L + 4), c = 1 + r.nextInt(2 * L + 3);
            if (trial == 0) { n = 1; kh = 4; kw = 2; sh = 2; sw = 1; h = 150; w = 64; c = 28; }
            if (trial % 10 == 3 || trial % 10 == 7) { sh = 1 + r.nextInt(3); kh = 2 * sh; kw = 2; sw = 1; h = kh + r.nextInt(9); w = kw + r.nextInt(L + 4); }   // paired runs
            int cp = ChannelsLast.padChannels(c);
            int oh = (h - kh) / sh + 1, ow = (w - kw) / sw + 1;
            float[] x = random(r, n * h * w * c);
            boolean nonNegative = trial % 2 == 1;   // ReLU outputs: +0, positive or NaN (either sign)
            if (nonNegative) for (int i = 0; i < x.length; i++) x[i] = x[i] < 0 ? 0f : x[i];
            if (trial % 5 == 1) x[r.nextInt(x.length)] = Float.NaN;
            if (trial % 5 == 3) x[r.nextInt(x.length)] = Float.intBitsToFloat(0xffc00000);   // x86's default NaN, sign set
            if (trial % 5 == 2 && !nonNegative) x[r.nextInt(x.length)] = Float.NEGATIVE_INFINITY;
            if (trial % 5 == 4) x[r.nextInt(x.length)] = nonNegative ? Float.POSITIVE_INFINITY : -0f;
            Plane in = new Plane(r, n, h, w, cp, 0);
            in.fill(0f);
            for (int q = 0; q < n * h * w; q++) {
                int i = q / (h * w), y = q % (h * w) / w, xx = q % w;
                System.arraycopy(x, q * c, in.a, in.off + i * in.image + y * in.row + xx * cp, c);
            }
            Plane out = new Plane(r, n, oh, ow, cp, 1);
            float[] colMax = new float[2 * ((ow - 1) * sw + kw) * cp];
            NhwcMaxPool.forward(out.a, out.off, out.image, out.row, in.a, in.off, in.image, in.row, n, oh, ow, kh, kw, sh, sw,
                    cp, nonNegative, colMax);
            out.check(NhwcReference.maxPool(x, n, h, w, c, kh, kw, sh, sw), c, 0, "maxPool " + h + "x" + w + " k" + kh + "x" + kw + (nonNegative ? " non-negative" : ""));
        }
    }

    @Test
    void meanPoolMatchesReference() {
        Random r = new Random(15);
        for (int trial = 0; trial < 30; trial++) {
            int n = 1 + r.nextInt(4), positions = 1 + r.nextInt(90), c = 1 + r.nextInt(3 * L + 3), cp = ChannelsLast.padChannels(c);
            float[] x = random(r, n * positions * c);
            int xo = r.nextInt(7), image = positions * cp + r.nextInt(3) * L;
            float[] in = new float[xo + n * image];
            for (int q = 0; q < n * positions; q++) System.arraycopy(x, q * c, in, xo + q / positions * image + q % positions * cp, c);
            int oo = r.nextInt(5), stride = c + r.nextInt(4);
            float[] out = new float[oo + n * stride];
            java.util.Arrays.fill(out, SENTINEL);
            NhwcMeanPool.forward(out, oo, stride, in, xo, image, n, positions, c, cp, new float[cp]);
            double[] ref = NhwcReference.meanPool(x, n, positions, c);
            for (int i = 0; i < n; i++) {
                for (int ch = 0; ch < c; ch++) assertClose(ref[i * c + ch], out[oo + i * stride + ch], 2e-5, "meanPool " + i + "," + ch);
                for (int ch = c; ch < stride && i < n - 1; ch++) assertTrue(Float.isNaN(out[oo + i * stride + ch]), "meanPool gap");
            }
        }
    }

    @Test
    void zeroBorderClearsOnlyTheBorder() {
        int h = 3, w = 2, cp = L, b = 1, rowLen = (w + 2) * cp, image = (h + 2) * rowLen + 5;
        float[] a = new float[2 + 2 * image];
        java.util.Arrays.fill(a, 1f);
        ChannelsLast.zeroBorder(a, 2, image, 2, h, w, cp, b);
        for (int i = 0; i < 2; i++)
            for (int y = 0; y < h + 2; y++)
                for (int x = 0; x < w + 2; x++) {
                    boolean border = y == 0 || y == h + 1 || x == 0 || x == w + 1;
                    for (int c = 0; c < cp; c++) assertEquals(border ? 0f : 1f, a[2 + i * image + y * rowLen + x * cp + c]);
                }
        assertEquals(1f, a[0]);
        assertEquals(1f, a[2 + image - 1]);
    }

    @Test
    void badShapesAreRejected() {
        float[] a = new float[64 * L];
        assertThrows(IllegalArgumentException.class, () -> NhwcPointwise.forward(a, 0, 0, 0, a, 0, 1, 1, 1, 1, 1, a, 0, a, 0, L + 1, true));
        assertThrows(IllegalArgumentException.class, () -> NhwcDepthwise3x3.forward(a, 0, 0, L, a, 0, 0, 3 * L, 1, 1, 1, 1, 1,
                L, new float[L], 0, a, 0, true));
        assertThrows(IllegalArgumentException.class, () -> NhwcMaxPool.forward(a, 0, 0, 0, a, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, L, false, a));
        assertThrows(IllegalArgumentException.class, () -> ChannelsLast.padChannels(0));
    }

    static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = r.nextFloat() * 2 - 1;
        return v;
    }

    static void assertClose(double ref, float got, double atol, String what) {
        if (Double.isNaN(ref)) {
            assertTrue(Float.isNaN(got), what + ": expected NaN, got " + got);
            return;
        }
        if (Double.isInfinite(ref)) {
            assertEquals(ref, got, 0.0, what);
            return;
        }
        assertTrue(Math.abs(got - ref) <= atol + 1e-5 * Math.abs(ref), what + ": expected " + ref + ", got " + got);
    }

    /**
     * n images of [rows][cols][cp] inside a larger array: random offset, row stride and image stride
     * with gaps (a border of `border` positions around each plane, as in a padded plane), filled with
     * the sentinel.
     */
    static final class Plane {
        final float[] a;
        final int off, row, image, n, rows, cols, cp;

        Plane(Random r, int n, int rows, int cols, int cp, int border) {
            this.n = n;
            this.rows = rows;
            this.cols = cols;
            this.cp = cp;
            this.row = (cols + 2 * border) * cp;
            this.image = (rows + 2 * border) * row + r.nextInt(3) * L;
            int start = r.nextInt(9);
            this.off = start + border * row + border * cp;
            this.a = new float[start + n * image + 1];
            fill(SENTINEL);
        }

        void fill(float v) {
            java.util.Arrays.fill(a, v);
        }

        /** Real channels against ref [n][rows][cols][c], padding channels 0, the sentinel everywhere else. */
        void check(double[] ref, int c, double atol, String what) {
            boolean[] written = new boolean[a.length];
            for (int i = 0; i < n; i++)
                for (int y = 0; y < rows; y++)
                    for (int x = 0; x < cols; x++)
                        for (int ch = 0; ch < cp; ch++) {
                            int at = off + i * image + y * row + x * cp + ch;
                            written[at] = true;
                            String where = what + " at image " + i + " (" + y + ", " + x + ") channel " + ch;
                            if (ch < c) assertClose(ref[((i * rows + y) * cols + x) * c + ch], a[at], atol, where);
                            else assertEquals(0f, a[at], where + " (padding channel)");
                        }
            for (int k = 0; k < a.length; k++) if (!written[k]) assertTrue(Float.isNaN(a[k]), what + ": wrote outside at " + k);
        }
    }
}
