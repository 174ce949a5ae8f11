package io.colisten.engine.io;

import java.nio.ByteBuffer;

/**
 * Little-endian element encoding and decoding between a byte buffer and Java arrays, one dtype at
 * a time. Buffers must be in little-endian order; each call advances the buffer's position by
 * {@code count * dtype.size()}. Decoding is exact for every dtype into its natural Java type
 * (float dtypes other than F64 into float, F64 into double, integers into long); encoding of
 * floats to F16 and BF16 rounds to nearest even (PyTorch's conversion), and a value that is
 * already exact is written back unchanged, NaN payloads included.
 */
final class ElementCodec {
    private ElementCodec() {}

    static void decodeFloats(Dtype dtype, ByteBuffer src, float[] dst, int off, int count) {
        switch (dtype) {
            case F32 -> {
                src.asFloatBuffer().get(dst, off, count);
                src.position(src.position() + 4 * count);
            }
            case F16 -> {
                for (int i = 0; i < count; i++) dst[off + i] = Float.float16ToFloat(src.getShort());
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) dst[off + i] = Float.intBitsToFloat((src.getShort() & 0xFFFF) << 16);
            }
            case F64 -> {
                for (int i = 0; i < count; i++) dst[off + i] = (float) src.getDouble();
            }
            case F8_E5M2 -> {
                // E5M2 is the top byte of an IEEE half.
                for (int i = 0; i < count; i++) dst[off + i] = Float.float16ToFloat((short) ((src.get() & 0xFF) << 8));
            }
            case F8_E4M3 -> {
                for (int i = 0; i < count; i++) dst[off + i] = e4m3ToFloat(src.get());
            }
            default -> throw new IllegalArgumentException("decodeFloats: " + dtype + " is not a float dtype");
        }
    }

    static void decodeDoubles(ByteBuffer src, double[] dst, int off, int count) {
        src.asDoubleBuffer().get(dst, off, count);
        src.position(src.position() + 8 * count);
    }

    /** Integers (and BOOL as 0 / 1) widened to long; U64 keeps its 64 bits (values past 2^63 read negative). */
    static void decodeLongs(Dtype dtype, ByteBuffer src, long[] dst, int off, int count) {
        for (int i = 0; i < count; i++) {
            dst[off + i] = switch (dtype) {
                case BOOL -> src.get() != 0 ? 1 : 0;
                case U8 -> src.get() & 0xFFL;
                case I8 -> src.get();
                case I16 -> src.getShort();
                case U16 -> src.getShort() & 0xFFFFL;
                case I32 -> src.getInt();
                case U32 -> src.getInt() & 0xFFFF_FFFFL;
                case I64, U64 -> src.getLong();
                default -> throw new IllegalArgumentException("decodeLongs: " + dtype + " is not an integer dtype");
            };
        }
    }

    static void encodeFloats(Dtype dtype, float[] src, int off, int count, ByteBuffer dst) {
        switch (dtype) {
            case F32 -> {
                dst.asFloatBuffer().put(src, off, count);
                dst.position(dst.position() + 4 * count);
            }
            case F16 -> {
                for (int i = 0; i < count; i++) dst.putShort(Float.floatToFloat16(src[off + i]));
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) dst.putShort(floatToBf16(src[off + i]));
            }
            case F64 -> {
                for (int i = 0; i < count; i++) dst.putDouble(src[off + i]);
            }
            default -> throw new IllegalArgumentException("encodeFloats: cannot encode floats as " + dtype);
        }
    }

    static void encodeDoubles(double[] src, int off, int count, ByteBuffer dst) {
        dst.asDoubleBuffer().put(src, off, count);
        dst.position(dst.position() + 8 * count);
    }

    /** Values must already be range-checked for the dtype ({@link #fits}). */
    static void encodeLongs(Dtype dtype, long[] src, int off, int count, ByteBuffer dst) {
        for (int i = 0; i < count; i++) {
            long v = src[off + i];
            switch (dtype) {
                case BOOL, U8, I8 -> dst.put((byte) v);
                case I16, U16 -> dst.putShort((short) v);
                case I32, U32 -> dst.putInt((int) v);
                case I64, U64 -> dst.putLong(v);
                default -> throw new IllegalArgumentException("encodeLongs: cannot encode integers as " + dtype);
            }
        }
    }

    /** Whether {@code v} is representable in the integer dtype (U64 takes any 64-bit pattern). */
    static boolean fits(Dtype dtype, long v) {
        return switch (dtype) {
            case BOOL -> v == 0 || v == 1;
            case U8 -> v >= 0 && v <= 0xFF;
            case I8 -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
            case I16 -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
            case U16 -> v >= 0 && v <= 0xFFFF;
            case I32 -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
            case U32 -> v >= 0 && v <= 0xFFFF_FFFFL;
            case I64, U64 -> true;
            default -> false;
        };
    }

    /**
     * float32 to bfloat16 rounding to nearest even (PyTorch's rule). A float whose low 16 bits
     * are zero is already a bfloat16 and keeps its bits, NaNs included; other NaNs stay NaN.
     */
    static short floatToBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if ((bits & 0xFFFF) == 0) return (short) (bits >>> 16);
        if (Float.isNaN(f)) return (short) ((bits >>> 16) | 0x0040);
        int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);
        return (short) (rounded >>> 16);
    }

    /** OCP float8 E4M3 ("fn": bias 7, no infinities, S.1111.111 is NaN). */
    static float e4m3ToFloat(byte b) {
        int sign = (b & 0x80) != 0 ? -1 : 1;
        int exp = (b >>> 3) & 0x0F, mant = b & 0x07;
        if (exp == 0x0F && mant == 0x07) return Float.NaN;
        if (exp == 0) return sign * mant * 0x1.0p-9f; // subnormal: mant / 8 * 2^-6
        return sign * Math.scalb(1f + mant / 8f, exp - 7);
    }
}
