package io.colisten.nn.models;

import io.colisten.kernels.cpu.ChannelsLast;
import io.colisten.kernels.cpu.NhwcDepthwise3x3;
import io.colisten.kernels.cpu.NhwcMaxPool;
import io.colisten.kernels.cpu.NhwcPointwise;
import io.colisten.kernels.cpu.NhwcStemConv;
import io.colisten.nn.modules.LayerClock;

/**
 * MobileNet's first four layers on one image, streamed in bands of output rows: stem conv ->
 * block 0 depthwise (stride 1) -> block 0 pointwise -> extra max-pool, each band computing only
 * the rows the next pool rows need. Unfused, these layers write 0.6 + 0.6 + 1.2 MB per image, more
 * than a core's L2 (2 MB here), and the pool then reads the pointwise output back from L3; in bands
 * every intermediate lives in a few small buffers (~0.3 MB for 8 pool rows per band) and only the
 * pooled plane leaves. Rows shared by consecutive bands (the pool windows overlap by kh - sh rows,
 * the depthwise conv needs one stem row on each side) are moved down to the start of their buffer
 * rather than recomputed, so every output is computed once, by the same kernels and in the same
 * order as unbanded: the result is bit-identical to running the four steps one after the other.
 */
final class StemBand {
    /** Pool output rows per band. */
    static final int POOL_ROWS = 8;

    final InferenceStep stem, dw, pw, pool;

    StemBand(InferenceStep stem, InferenceStep dw, InferenceStep pw, InferenceStep pool) {
        if (dw.sh != 1 || dw.sw != 1) throw new IllegalArgumentException(dw.name + ": banded only at stride 1");
        this.stem = stem;
        this.dw = dw;
        this.pw = pw;
        this.pool = pool;
    }

    /** Most pointwise (and depthwise) rows one band holds. */
    int pwRows() {
        return Math.min(pw.oh, (POOL_ROWS - 1) * pool.sh + pool.kh);
    }

    int stemRowStride() { return (stem.ow + 2) * stem.cpOut; }

    int stemBufferSize() { return (pwRows() + 2) * stemRowStride(); }

    int dwBufferSize() { return pwRows() * dw.ow * dw.cpOut; }

    int pwBufferSize() { return pwRows() * pw.ow * pw.cpOut; }

    /**
     * One image: pin is its padded input plane (row stride pinRow); out the interior of the pool's
     * padded output plane (row stride outRow), whose border is cleared here.
     */
    void run(float[] act, int pin, int pinRow, int stemBuf, int dwBuf, int pwBuf, int out, int outRow, float[] packed,
             float[] scratch, int share) {
        int sRow = stemRowStride(), dRow = dw.ow * dw.cpOut, pRow = pw.ow * pw.cpOut, cp0 = stem.cpOut;
        ChannelsLast.zeroBorder(act, out - outRow - pool.cpOut, 0, 1, pool.oh, pool.ow, pool.cpOut, 1);
        int stemLo = 0, stemHi = 0, pwLo = 0, pwHi = 0;   // rows held: stem [stemLo, stemHi), pointwise [pwLo, pwHi)
        for (int p0 = 0; p0 < pool.oh; p0 += POOL_ROWS) {
            int p1 = Math.min(pool.oh, p0 + POOL_ROWS);
            int a = p0 * pool.sh, b = (p1 - 1) * pool.sh + pool.kh;   // pointwise rows this band's pool reads
            if (pwHi > a) {
                System.arraycopy(act, pwBuf + (a - pwLo) * pRow, act, pwBuf, (pwHi - a) * pRow);
            } else {
                pwHi = a;
            }
            pwLo = a;
            int d0 = pwHi, d1 = b;                                    // new depthwise / pointwise rows
            if (d1 > d0) {
                // Stem rows d0 - 1 .. d1 (zero rows outside the plane: the depthwise conv's padding).
                int lo = d0 - 1, hi = d1 + 1;
                long t = LayerClock.start();
                if (stemHi > lo && stemLo <= lo) {
                    System.arraycopy(act, stemBuf + (lo - stemLo) * sRow, act, stemBuf, (stemHi - lo) * sRow);
                } else {
                    stemHi = lo;
                }
                stemLo = lo;
                for (int r = stemHi; r < hi; r++) {
                    int row = stemBuf + (r - lo) * sRow;
                    if (r < 0 || r >= stem.oh) {
                        java.util.Arrays.fill(act, row, row + sRow, 0f);
                    } else {
                        java.util.Arrays.fill(act, row, row + cp0, 0f);
                        java.util.Arrays.fill(act, row + sRow - cp0, row + sRow, 0f);
                    }
                }
                int r0 = Math.max(stemHi, 0), r1 = Math.min(hi, stem.oh);
                if (r1 > r0) {
                    NhwcStemConv.forward(act, stemBuf + (r0 - lo) * sRow + cp0, sRow, act, pin + r0 * stem.sh * pinRow, pinRow,
                            r1 - r0, stem.ow, stem.kh, stem.kw, stem.sh, stem.sw, cp0, packed, stem.wOff, packed, stem.bOff, true);
                }
                stemHi = hi;
                LayerClock.stopShared(stem.name, t, share);
                t = LayerClock.start();
                NhwcDepthwise3x3.forward(act, dwBuf, 0, dRow, act, stemBuf, 0, sRow, 1, d1 - d0, dw.ow, 1, 1, dw.cpOut,
                        packed, dw.wOff, packed, dw.bOff, true);
                LayerClock.stopShared(dw.name, t, share);
                t = LayerClock.start();
                NhwcPointwise.forward(act, pwBuf + (d0 - pwLo) * pRow, 0, pRow, act, dwBuf, 1, d1 - d0, pw.ow, pw.cIn, pw.cpIn,
                        packed, pw.wOff, packed, pw.bOff, pw.cpOut, true);
                LayerClock.stopShared(pw.name, t, share);
                pwHi = d1;
            }
            long t = LayerClock.start();
            NhwcMaxPool.forward(act, out + p0 * outRow, 0, outRow, act, pwBuf, 0, pRow, 1, p1 - p0, pool.ow, pool.kh, pool.kw,
                    pool.sh, pool.sw, pool.cpOut, true, scratch);
            LayerClock.stopShared(pool.name, t, share);
        }
    }
}
