package io.colisten.kernels.cpu;

/**
 * Argument checks shared by the small kernels: every public kernel validates sizes and array bounds
 * before it touches memory, and the message names the op and the sizes at fault.
 */
final class Check {
    private Check() {}

    /** n >= 0. */
    static void count(String op, String what, int n) {
        if (n < 0) throw new IllegalArgumentException(op + ": " + what + " must be >= 0, got " + n);
    }

    /** arr[off, off + len) lies inside arr; len may be a product computed in long. */
    static void span(String op, String name, float[] arr, int off, long len) {
        if (arr == null) throw new IllegalArgumentException(op + ": " + name + " is null");
        if (off < 0 || len < 0 || off + len > arr.length) {
            throw new IllegalArgumentException(op + ": " + name + " needs offset " + off + " + " + len
                    + " elements but has length " + arr.length);
        }
    }
}
