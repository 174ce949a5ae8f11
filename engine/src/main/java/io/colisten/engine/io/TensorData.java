package io.colisten.engine.io;

import io.colisten.engine.Tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A tensor's dtype, shape and values in memory, as read from or to be written to a safetensors
 * file. Values are kept in their exact natural Java form: {@code float[]} for F32 / F16 / BF16 /
 * F8 (each converts to float32 exactly), {@code double[]} for F64, {@code long[]} for the integer
 * dtypes and BOOL (0 / 1); or, from {@link #raw}, the little-endian bytes themselves. Shapes are
 * row-major; a shape of length 0 is a scalar (one element), a zero dimension an empty tensor.
 * The value arrays are held, not copied: do not modify them while the data is being written.
 */
public final class TensorData {
    private final Dtype dtype;
    private final long[] shape;
    private final int elements;
    private final Object values; // float[] | double[] | long[] | byte[] (raw little-endian)

    private TensorData(Dtype dtype, long[] shape, Object values, int length) {
        this.dtype = dtype;
        this.shape = shape.clone();
        long n = elementCount(shape);
        if (n != length) {
            throw new IllegalArgumentException("tensor data: " + length + " values for " + dtype + " shape "
                    + Arrays.toString(shape) + " (" + n + " elements)");
        }
        this.elements = (int) n;
        this.values = values;
    }

    /** Elements of a shape; each dimension >= 0 and the product within a Java array. */
    static long elementCount(long[] shape) {
        long n = 1;
        boolean empty = false;
        for (long d : shape) {
            if (d < 0) throw new IllegalArgumentException("tensor data: negative dimension in shape " + Arrays.toString(shape));
            empty |= d == 0;
        }
        if (empty) return 0;
        for (long d : shape) {
            if (d > Integer.MAX_VALUE || (n *= d) > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("tensor data: shape " + Arrays.toString(shape) + " exceeds a Java array");
            }
        }
        return n;
    }

    /** float32 values. */
    public static TensorData f32(float[] values, long... shape) {
        return ofFloats(Dtype.F32, values, shape);
    }

    /** Float values stored as F32, F16, BF16 (rounded to nearest even) or F64. */
    public static TensorData ofFloats(Dtype dtype, float[] values, long... shape) {
        if (dtype != Dtype.F32 && dtype != Dtype.F16 && dtype != Dtype.BF16 && dtype != Dtype.F64) {
            throw new IllegalArgumentException("tensor data: cannot store float values as " + dtype
                    + " (F32, F16, BF16, F64; use raw() for float8)");
        }
        return new TensorData(dtype, shape, values, values.length);
    }

    /** float64 values. */
    public static TensorData f64(double[] values, long... shape) {
        return new TensorData(Dtype.F64, shape, values, values.length);
    }

    /** Integer values in an integer dtype (or BOOL as 0 / 1); each must fit the dtype. */
    public static TensorData ofLongs(Dtype dtype, long[] values, long... shape) {
        if (dtype.isFloat()) throw new IllegalArgumentException("tensor data: " + dtype + " is not an integer dtype");
        for (int i = 0; i < values.length; i++) {
            if (!ElementCodec.fits(dtype, values[i])) {
                throw new IllegalArgumentException("tensor data: value " + values[i] + " at " + i + " does not fit " + dtype);
            }
        }
        return new TensorData(dtype, shape, values, values.length);
    }

    /** An int64 scalar (shape []), e.g. batch norm's num_batches_tracked. */
    public static TensorData i64Scalar(long value) {
        return new TensorData(Dtype.I64, new long[0], new long[] {value}, 1);
    }

    /** The little-endian bytes of any dtype, kept as they are. */
    public static TensorData raw(Dtype dtype, byte[] littleEndian, long... shape) {
        if (littleEndian.length % dtype.size() != 0) {
            throw new IllegalArgumentException("tensor data: " + littleEndian.length + " bytes is not a whole number of "
                    + dtype + " elements");
        }
        return new TensorData(dtype, shape, littleEndian, littleEndian.length / dtype.size());
    }

    /** A float32 copy of an engine tensor, with its shape. */
    public static TensorData of(Tensor t) {
        int[] s = t.shape();
        long[] shape = new long[s.length];
        for (int i = 0; i < s.length; i++) shape[i] = s[i];
        return f32(t.toArray(), shape);
    }

    public Dtype dtype() { return dtype; }

    /** The shape (a copy). */
    public long[] shape() { return shape.clone(); }

    public int elements() { return elements; }

    long byteLength() { return (long) elements * dtype.size(); }

    /** Values of a float dtype as float32 (F64 rounded; exact for the others). */
    public float[] floats() {
        requireFloat("floats");
        if (values instanceof float[] f) return f;
        if (values instanceof double[] d) {
            float[] out = new float[d.length];
            for (int i = 0; i < d.length; i++) out[i] = (float) d[i];
            return out;
        }
        float[] out = new float[elements];
        ElementCodec.decodeFloats(dtype, rawBuffer(), out, 0, elements);
        return out;
    }

    /** Values of a float dtype as float64 (exact). */
    public double[] doubles() {
        requireFloat("doubles");
        if (values instanceof double[] d) return d;
        if (dtype == Dtype.F64) {
            double[] out = new double[elements];
            ElementCodec.decodeDoubles(rawBuffer(), out, 0, elements);
            return out;
        }
        float[] f = floats();
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) out[i] = f[i];
        return out;
    }

    /** Values of an integer dtype (BOOL as 0 / 1; U64 as its 64-bit pattern). */
    public long[] longs() {
        if (dtype.isFloat()) throw new IllegalStateException("tensor data: " + dtype + " holds floats, not integers");
        if (values instanceof long[] l) return l;
        long[] out = new long[elements];
        ElementCodec.decodeLongs(dtype, rawBuffer(), out, 0, elements);
        return out;
    }

    /** The single value of a one-element integer tensor. */
    public long longValue() {
        if (elements != 1) throw new IllegalStateException("tensor data: " + elements + " elements, not one");
        return longs()[0];
    }

    /** The values as the little-endian bytes written to a file. */
    public byte[] bytes() {
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(byteLength())).order(ByteOrder.LITTLE_ENDIAN);
        encode(buf, 0, elements);
        return buf.array();
    }

    /** Writes elements [from, from + count) to {@code dst} (little-endian, enough room). */
    void encode(ByteBuffer dst, int from, int count) {
        switch (values) {
            case float[] f -> ElementCodec.encodeFloats(dtype, f, from, count, dst);
            case double[] d -> ElementCodec.encodeDoubles(d, from, count, dst);
            case long[] l -> ElementCodec.encodeLongs(dtype, l, from, count, dst);
            case byte[] b -> dst.put(b, from * dtype.size(), count * dtype.size());
            default -> throw new IllegalStateException("tensor data: unexpected value array");
        }
    }

    private ByteBuffer rawBuffer() {
        return ByteBuffer.wrap((byte[]) values).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void requireFloat(String what) {
        if (!dtype.isFloat()) throw new IllegalStateException("tensor data: " + dtype + " holds integers; " + what + "() needs a float dtype");
    }

    @Override
    public String toString() {
        return "TensorData(" + dtype + Arrays.toString(shape) + ")";
    }
}
