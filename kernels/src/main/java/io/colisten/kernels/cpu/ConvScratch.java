package io.colisten.kernels.cpu;

/**
 * Per-thread scratch buffers for the conv kernels (padded planes, im2col columns) and caller-owned
 * per-partition partial sums for backward-filter. Buffers only grow, so steady-state calls
 * allocate nothing; contents are garbage on return and callers initialise what they read.
 */
final class ConvScratch {
    /** Slots of the per-thread scratch: one buffer each, at most one user per slot per kernel. */
    static final int PLANE = 0, COL = 1, ROW = 2;

    private static final ThreadLocal<float[][]> SLOTS = ThreadLocal.withInitial(() -> new float[3][0]);
    private static final ThreadLocal<float[][]> PARTIALS = ThreadLocal.withInitial(() -> new float[0][0]);

    private ConvScratch() {}

    /** This thread's buffer for {@code slot}, at least {@code size} floats long. */
    static float[] get(int slot, int size) {
        float[][] s = SLOTS.get();
        if (s[slot].length < size) s[slot] = new float[size];
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

    /** dst[off + i] += sum over p in 0..parts-1 (in that order) of partials[p][from + i], i < len. */
    static void reduceInto(float[] dst, int off, float[][] partials, int parts, int from, int len) {
        for (int i = 0; i < len; i++) {
            float s = partials[0][from + i];
            for (int p = 1; p < parts; p++) s += partials[p][from + i];
            dst[off + i] += s;
        }
    }
}
