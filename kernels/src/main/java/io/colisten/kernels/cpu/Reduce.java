package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.SimdMath.L;
import static io.colisten.kernels.cpu.SimdMath.S;

import jdk.incubator.vector.FloatVector;

/**
 * Reductions. The summation order depends only on the sizes, never on the thread count or on
 * timing, so every result is bit-identical run to run (and across thread counts).
 */
public final class Reduce {
    private Reduce() {}

    /** sum and dot split long inputs into chunks of this many elements, summed then combined in order. */
    static final int CHUNK = 1 << 15;
    /** sumColumns folds this many rows into a block sum before adding it to the running total. */
    private static final int ROW_BLOCK = 64;

    /** sum of a[ao, ao + n). */
    public static float sum(float[] a, int ao, int n) {
        Check.count("sum", "n", n);
        Check.span("sum", "a", a, ao, n);
        if (n <= CHUNK) return SimdMath.sum(a, ao, n);
        int chunks = (n + CHUNK - 1) / CHUNK;
        float[] partial = new float[chunks];
        Parallel.forRange(chunks, 2, (from, to) -> {
            for (int k = from; k < to; k++) {
                int start = k * CHUNK;
                partial[k] = SimdMath.sum(a, ao + start, Math.min(CHUNK, n - start));
            }
        });
        return SimdMath.sum(partial, 0, chunks);
    }

    /** sum of a[i] * b[i]. */
    public static float dot(float[] a, int ao, float[] b, int bo, int n) {
        Check.count("dot", "n", n);
        Check.span("dot", "a", a, ao, n);
        Check.span("dot", "b", b, bo, n);
        if (n <= CHUNK) return SimdMath.dot(a, ao, b, bo, n);
        int chunks = (n + CHUNK - 1) / CHUNK;
        float[] partial = new float[chunks];
        Parallel.forRange(chunks, 2, (from, to) -> {
            for (int k = from; k < to; k++) {
                int start = k * CHUNK;
                partial[k] = SimdMath.dot(a, ao + start, b, bo + start, Math.min(CHUNK, n - start));
            }
        });
        return SimdMath.sum(partial, 0, chunks);
    }

    /** out[c] += sum over r of a[rows x cols][r, c] (the bias gradient of a linear layer). */
    public static void sumColumns(float[] out, int oo, float[] a, int ao, int rows, int cols) {
        Check.count("sumColumns", "rows", rows);
        Check.count("sumColumns", "cols", cols);
        Check.span("sumColumns", "out", out, oo, cols);
        Check.span("sumColumns", "a", a, ao, (long) rows * cols);
        if ((long) rows * cols < 2L * SimdMath.GRAIN || cols < 2 * L) {
            sumColumnsRange(out, oo, a, ao, rows, cols, 0, cols);
            return;
        }
        // Columns are independent and each is summed in the same order whatever its part, so the
        // split (in whole vectors of columns) cannot change a bit of the result.
        int vecs = cols / L;
        int grain = Math.max(1, SimdMath.GRAIN / (rows * L));
        Parallel.forRange(vecs, grain, (from, to) ->
                sumColumnsRange(out, oo, a, ao, rows, cols, from * L, to == vecs ? cols : to * L));
    }

    /** Columns [c0, c1): per column, blocks of ROW_BLOCK rows summed, block sums added in order. */
    static void sumColumnsRange(float[] out, int oo, float[] a, int ao, int rows, int cols, int c0, int c1) {
        int c = c0;
        for (; c <= c1 - 2 * L; c += 2 * L) {
            FloatVector t0 = FloatVector.zero(S), t1 = t0;
            for (int r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
                int r1 = Math.min(rows, r0 + ROW_BLOCK);
                FloatVector s0 = FloatVector.zero(S), s1 = s0;
                for (int r = r0; r < r1; r++) {
                    int p = ao + r * cols + c;
                    s0 = s0.add(FloatVector.fromArray(S, a, p));
                    s1 = s1.add(FloatVector.fromArray(S, a, p + L));
                }
                t0 = t0.add(s0);
                t1 = t1.add(s1);
            }
            FloatVector.fromArray(S, out, oo + c).add(t0).intoArray(out, oo + c);
            FloatVector.fromArray(S, out, oo + c + L).add(t1).intoArray(out, oo + c + L);
        }
        for (; c <= c1 - L; c += L) {
            FloatVector t = FloatVector.zero(S);
            for (int r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
                int r1 = Math.min(rows, r0 + ROW_BLOCK);
                FloatVector s = FloatVector.zero(S);
                for (int r = r0; r < r1; r++) s = s.add(FloatVector.fromArray(S, a, ao + r * cols + c));
                t = t.add(s);
            }
            FloatVector.fromArray(S, out, oo + c).add(t).intoArray(out, oo + c);
        }
        for (; c < c1; c++) {
            float t = 0;
            for (int r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
                int r1 = Math.min(rows, r0 + ROW_BLOCK);
                float s = 0;
                for (int r = r0; r < r1; r++) s += a[ao + r * cols + c];
                t += s;
            }
            out[oo + c] += t;
        }
    }

    /** out[ch] += sum over b, i of a[n x c x hw][b, ch, i] (the bias gradient of a convolution). */
    public static void sumChannels(float[] out, int oo, float[] a, int ao, int n, int c, int hw) {
        Check.count("sumChannels", "n", n);
        Check.count("sumChannels", "c", c);
        Check.count("sumChannels", "hw", hw);
        Check.span("sumChannels", "out", out, oo, c);
        Check.span("sumChannels", "a", a, ao, (long) n * c * hw);
        if (hw == 1) {
            sumColumns(out, oo, a, ao, n, c);
            return;
        }
        long work = (long) n * c * hw;
        if (work < 2L * SimdMath.GRAIN || c == 1) {
            sumChannelsRange(out, oo, a, ao, n, c, hw, 0, c);
            return;
        }
        int grain = (int) Math.max(1, SimdMath.GRAIN / ((long) n * hw));
        Parallel.forRange(c, grain, (from, to) -> sumChannelsRange(out, oo, a, ao, n, c, hw, from, to));
    }

    /** Channels [ch0, ch1): per channel, the n segments of hw summed one by one, then added in order. */
    private static void sumChannelsRange(float[] out, int oo, float[] a, int ao, int n, int c, int hw,
                                         int ch0, int ch1) {
        for (int ch = ch0; ch < ch1; ch++) {
            float t = 0;
            for (int b = 0; b < n; b++) t += SimdMath.sum(a, ao + (b * c + ch) * hw, hw);
            out[oo + ch] += t;
        }
    }
}
