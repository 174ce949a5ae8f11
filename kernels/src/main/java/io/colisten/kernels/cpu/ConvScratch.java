package io.colisten.kernels.cpu;

/**
 * Scratch buffers for the conv kernels. Buffers only grow, so steady-state calls allocate nothing;
 * contents are garbage on return and callers initialise what they read.
 * <ul>
 * <li>Worker slots ({@link #PLANE}, {@link #COL}, {@link #ROW}, and {@link #BATCH_COL} /
 *     {@link #BATCH_OUT}: the batched forward's column matrix and product): per thread, used inside one
 *     partition at a time (padded planes, im2col columns, padded gradient rows).</li>
 * <li>Caller slots ({@link #PACK} floats, {@link #TAPS} / {@link #SLOT_Q} / {@link #SLOT_O} /
 *     {@link #SLOT_N} ints): filled by the calling thread before a parallel section (packed weights,
 *     tap and slot tables) and only read by the workers. A caller that helps run its own tasks uses
 *     the worker slots for that, so the two never collide.</li>
 * <li>Partials: per-partition sums of backward-filter, owned by the calling thread.</li>
 * </ul>
 */
final class ConvScratch {
    static final int PLANE = 0, COL = 1, ROW = 2, PACK = 3, BATCH_COL = 4, BATCH_OUT = 5;
    static final int TAPS = 0, SLOT_Q = 1, SLOT_O = 2, SLOT_N = 3, PHASE = 4;

    private static final ThreadLocal<float[][]> SLOTS = ThreadLocal.withInitial(() -> new float[6][0]);
    private static final ThreadLocal<int[][]> INTS = ThreadLocal.withInitial(() -> new int[5][0]);
    private static final ThreadLocal<float[][]> PARTIALS = ThreadLocal.withInitial(() -> new float[0][0]);

    private ConvScratch() {}

    /** This thread's float buffer for {@code slot}, at least {@code size} long. */
    static float[] get(int slot, int size) {
        float[][] s = SLOTS.get();
        if (s[slot].length < size) s[slot] = new float[size];
        return s[slot];
    }

    /** This thread's int buffer for {@code slot}, at least {@code size} long. */
    static int[] ints(int slot, int size) {
        int[][] s = INTS.get();
        if (s[slot].length < size) s[slot] = new int[size];
        return s[slot];
    }

    /**
     * {@code parts} zeroed buffers of {@code size} floats, owned by the calling thread until it calls
     * again: workers write partition p into buffer p, the caller reduces them in order afterwards.
     */
    static float[][] partials(int parts, int size) {
        float[][] p = PARTIALS.get();
        if (p.length < parts) {
            float[][] q = new float[parts][];
            for (int i = 0; i < parts; i++) q[i] = i < p.length ? p[i] : new float[0];
            p = q;
            PARTIALS.set(p);
        }
        for (int i = 0; i < parts; i++) {
            if (p[i].length < size) p[i] = new float[size];
            else java.util.Arrays.fill(p[i], 0, size, 0f);
        }
        return p;
    }

    /** As {@link #partials} but not zeroed (each partition zeroes its own, in parallel). */
    static float[][] partialBuffers(int parts, int size) {
        float[][] p = PARTIALS.get();
        if (p.length < parts) {
            float[][] q = new float[parts][];
            for (int i = 0; i < parts; i++) q[i] = i < p.length ? p[i] : new float[0];
            p = q;
            PARTIALS.set(p);
        }
        for (int i = 0; i < parts; i++) if (p[i].length < size) p[i] = new float[size];
        return p;
    }

    /** dst[off + i] += sum over p in 0..parts-1 (in that order) of partials[p][from + i], i < len. */
    static void reduceInto(float[] dst, int off, float[][] partials, int parts, int from, int len) {
        for (int i = 0; i < len; i++) {
            float s = partials[0][from + i];
            for (int p = 1; p < parts; p++) s += partials[p][from + i];
            dst[off + i] += s;
        }
    }
}
