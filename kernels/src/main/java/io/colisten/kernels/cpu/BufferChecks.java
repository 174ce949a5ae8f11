package io.colisten.kernels.cpu;

/**
 * Argument checks for the conv, pool and batch-norm kernels: each names the op, the array and the
 * shape, and runs before anything is written, so a bad call leaves every buffer untouched.
 */
final class BufferChecks {
    private BufferChecks() {}

    /** a[off, off + need) must exist. */
    static void range(String op, String name, float[] a, int off, long need, Object shape) {
        if (a == null) throw new IllegalArgumentException(op + ": " + name + " is null; shape " + shape);
        if (off < 0 || off + need > a.length) {
            throw new IllegalArgumentException(op + ": " + name + " needs " + need + " floats from offset " + off
                    + " but has length " + a.length + "; shape " + shape);
        }
    }

    /** Like {@link #range} but null is allowed (an optional buffer such as a bias). */
    static void optional(String op, String name, float[] a, int off, long need, Object shape) {
        if (a != null) range(op, name, a, off, need, shape);
    }

    static void range(String op, String name, int[] a, long need, Object shape) {
        if (a == null) throw new IllegalArgumentException(op + ": " + name + " is null; shape " + shape);
        if (need > a.length) {
            throw new IllegalArgumentException(op + ": " + name + " needs " + need + " ints but has length "
                    + a.length + "; shape " + shape);
        }
    }

    static void positive(String op, String what, long v, Object shape) {
        if (v <= 0) throw new IllegalArgumentException(op + ": " + what + " must be positive, got " + v + "; shape " + shape);
    }

    /** The shape of n x c x hw data, spelled in messages; built only when a check fails. */
    record Nchw(int n, int c, int hw) {
        @Override
        public String toString() { return "n=" + n + " c=" + c + " hw=" + hw; }
    }

    /** Sizes beyond int range cannot be indexed in a float[]. */
    static void fitsInt(String op, long size, Object shape) {
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(op + ": " + size + " elements exceed one array; shape " + shape);
        }
    }
}
