package io.colisten.nn.audio;

import java.nio.ByteBuffer;
import java.util.Random;

/**
 * The WAV sample encodings the tests write: how raw values are stored, which fmt chunk describes
 * them, and (independently of the reader) what float each raw value stands for. Raw integer values
 * carry random bits below the valid bits, which the reader must ignore.
 */
enum TestEncoding {
    PCM_U8(WavBytes.PCM, 8, 8),
    PCM_12_IN_16(WavBytes.PCM, 16, 12),
    PCM_S16(WavBytes.PCM, 16, 16),
    PCM_S24(WavBytes.PCM, 24, 24),
    PCM_S32(WavBytes.PCM, 32, 32),
    FLOAT_32(WavBytes.FLOAT, 32, 32),
    FLOAT_64(WavBytes.FLOAT, 64, 64),
    EXT_PCM_S16(WavBytes.EXTENSIBLE, 16, 16),
    EXT_PCM_20_IN_24(WavBytes.EXTENSIBLE, 24, 20),
    EXT_PCM_24_IN_32(WavBytes.EXTENSIBLE, 32, 24),
    EXT_FLOAT_32(WavBytes.EXTENSIBLE, 32, 32);

    final int tag;
    final int containerBits;
    final int validBits;

    TestEncoding(int tag, int containerBits, int validBits) {
        this.tag = tag;
        this.containerBits = containerBits;
        this.validBits = validBits;
    }

    boolean isFloat() {
        return this == FLOAT_32 || this == FLOAT_64 || this == EXT_FLOAT_32;
    }

    byte[] fmt(int channels, int rate) {
        if (tag == WavBytes.EXTENSIBLE) {
            return WavBytes.fmtExtensible(channels, rate, containerBits, validBits, isFloat() ? 3 : 1);
        }
        return WavBytes.fmt(tag, channels, rate, channels * containerBits / 8, validBits);
    }

    /** A random raw value: a container integer, or the bits of a float / double in about [-1.2, 1.2]. */
    long random(Random r) {
        return switch (this) {
            case FLOAT_32, EXT_FLOAT_32 -> Float.floatToRawIntBits((float) (r.nextDouble() * 2.4 - 1.2));
            case FLOAT_64 -> Double.doubleToRawLongBits(r.nextDouble() * 2.4 - 1.2);
            case PCM_U8 -> r.nextInt(256);
            default -> (long) r.nextInt() >> (32 - containerBits);
        };
    }

    /** The extreme raw values (full scale both ways, zero). */
    long[] extremes() {
        if (isFloat()) {
            return new long[] {random(new Random(1)), random(new Random(2))};
        }
        if (this == PCM_U8) {
            return new long[] {0, 255, 128};
        }
        long max = (1L << (containerBits - 1)) - 1;
        return new long[] {-max - 1, max, 0};
    }

    void put(ByteBuffer b, long raw) {
        switch (containerBits) {
            case 8 -> b.put((byte) raw);
            case 16 -> b.putShort((short) raw);
            case 24 -> b.put((byte) raw).put((byte) (raw >> 8)).put((byte) (raw >> 16));
            case 32 -> b.putInt((int) raw);
            case 64 -> b.putLong(raw);
            default -> throw new IllegalArgumentException();
        }
    }

    /** The sample value a raw value stands for, from the valid bits alone. */
    float value(long raw) {
        int shift = containerBits - validBits;
        double scale = Math.pow(2, -(validBits - 1));
        return switch (this) {
            case FLOAT_32, EXT_FLOAT_32 -> Float.intBitsToFloat((int) raw);
            case FLOAT_64 -> (float) Double.longBitsToDouble(raw);
            case PCM_U8 -> (float) ((raw - 128) / 128.0);
            default -> (float) ((raw >> shift) * scale);
        };
    }

    byte[] encode(long[] raw) {
        ByteBuffer b = WavBytes.le(raw.length * containerBits / 8);
        for (long v : raw) {
            put(b, v);
        }
        return b.array();
    }

    /** Mono reference: channels summed in float in channel order, divided by the channel count. */
    float[] mono(long[] raw, int channels) {
        float[] out = new float[raw.length / channels];
        for (int f = 0; f < out.length; f++) {
            float acc = 0f;
            for (int c = 0; c < channels; c++) {
                acc += value(raw[f * channels + c]);
            }
            out[f] = channels == 1 ? acc : acc / channels;
        }
        return out;
    }
}
