package io.colisten.engine.io;

import java.util.Arrays;

/**
 * One header entry: a tensor's name, dtype, shape and its byte range [begin, end) relative to the
 * start of the data section. Instances come from a validated header, so end - begin is exactly
 * elements() * dtype.size() and all of it lies inside the file.
 */
public record TensorInfo(String name, Dtype dtype, long[] shape, long begin, long end) {
    public TensorInfo {
        shape = shape.clone();
    }

    /** The shape (a copy). */
    @Override
    public long[] shape() { return shape.clone(); }

    public int rank() { return shape.length; }

    /** Product of the dimensions (1 for a 0-d scalar, 0 for an empty tensor). */
    public long elements() {
        long n = 1;
        for (long d : shape) n *= d;
        return n;
    }

    public long byteLength() { return end - begin; }

    /** The shape as ints, for engine tensors; fails when a dimension does not fit. */
    public int[] intShape() {
        int[] s = new int[shape.length];
        for (int i = 0; i < s.length; i++) {
            if (shape[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tensor '" + name + "': dimension " + shape[i] + " does not fit an int");
            }
            s[i] = (int) shape[i];
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && begin == t.begin && end == t.end;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape) + " [" + begin + ", " + end + ")";
    }
}
