package io.colisten.engine;

import java.util.Arrays;

/** Shape checks and formatting shared by tensors and ops; every message names the op. */
public final class Shapes {
    private Shapes() {}

    /** Element count of a shape; every dimension must be positive and the product fit an int. */
    public static int numel(String op, int[] shape) {
        if (shape == null) throw new IllegalArgumentException(op + ": shape is null");
        long n = 1;
        for (int d : shape) {
            if (d <= 0) throw new IllegalArgumentException(op + ": sizes must be positive, got shape " + str(shape));
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(op + ": shape " + str(shape) + " has more than 2^31 elements");
            }
        }
        return (int) n;
    }

    public static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    public static String str(Tensor t) {
        return t == null ? "null" : Arrays.toString(t.shape);
    }

    /** The backend shared by all non-null operands; otherwise names the op, the devices and the shapes. */
    public static Backend sameDevice(String op, Tensor a, Tensor b) {
        if (b != null && a.backend != b.backend) throw devices(op, a, b, null, null);
        return a.backend;
    }

    public static Backend sameDevice(String op, Tensor a, Tensor b, Tensor c) {
        if ((b != null && a.backend != b.backend) || (c != null && a.backend != c.backend)) {
            throw devices(op, a, b, c, null);
        }
        return a.backend;
    }

    public static Backend sameDevice(String op, Tensor a, Tensor b, Tensor c, Tensor d) {
        if ((b != null && a.backend != b.backend) || (c != null && a.backend != c.backend)
                || (d != null && a.backend != d.backend)) {
            throw devices(op, a, b, c, d);
        }
        return a.backend;
    }

    private static IllegalArgumentException devices(String op, Tensor... ts) {
        StringBuilder sb = new StringBuilder(op).append(": operands are on different devices:");
        for (Tensor t : ts) if (t != null) sb.append(' ').append(str(t)).append('@').append(t.device());
        return new IllegalArgumentException(sb.toString());
    }

    /** Requires a non-null tensor of the given rank. */
    public static void rank(String op, String name, Tensor t, int rank) {
        if (t == null) throw new IllegalArgumentException(op + ": " + name + " is null");
        if (t.shape.length != rank) {
            throw new IllegalArgumentException(op + ": " + name + " must have rank " + rank + ", got shape " + str(t));
        }
    }

    /** Requires a non-null tensor of at least the given rank. */
    public static void minRank(String op, String name, Tensor t, int rank) {
        present(op, name, t);
        if (t.shape.length < rank) {
            throw new IllegalArgumentException(op + ": " + name + " must have rank >= " + rank + ", got shape " + str(t));
        }
    }

    /** Requires a non-null tensor. */
    public static void present(String op, String name, Tensor t) {
        if (t == null) throw new IllegalArgumentException(op + ": " + name + " is null");
    }

    /** Requires equal shapes. */
    public static void same(String op, Tensor a, Tensor b) {
        present(op, "first operand", a);
        present(op, "second operand", b);
        if (!Arrays.equals(a.shape, b.shape)) {
            throw new IllegalArgumentException(op + ": shapes " + str(a) + " and " + str(b) + " differ");
        }
    }

    /** Requires a vector of exactly n elements (a bias, a scale, running statistics). */
    public static void vector(String op, String name, Tensor t, int n, String context) {
        if (t == null) throw new IllegalArgumentException(op + ": " + name + " is null");
        if (t.shape.length != 1 || t.shape[0] != n) {
            throw new IllegalArgumentException(op + ": " + name + " must have shape [" + n + "] for " + context
                    + ", got " + str(t));
        }
    }
}
