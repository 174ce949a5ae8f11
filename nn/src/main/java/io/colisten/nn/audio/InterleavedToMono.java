package io.colisten.nn.audio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Turns interleaved little-endian frames into mono floats: each sample is scaled to [-1, 1)
 * (integer PCM: value / 2^(containerBits - 1), 8-bit: (value - 128) / 128; the bits below the
 * valid bits are dropped), then the channels of a frame are summed in float in channel order and
 * divided by the channel count. Float samples pass as they are (not clamped); NaN and infinities
 * become 0 so that one bad sample cannot poison a whole spectrogram.
 */
final class InterleavedToMono {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class,
            ByteOrder.LITTLE_ENDIAN);

    private InterleavedToMono() {}

    /**
     * Converts {@code frames} whole frames.
     *
     * @param dst    receives one sample per frame at dst[dstOff .. dstOff + frames)
     * @param src    frames * format.blockAlign() bytes from offset 0
     */
    static void convert(float[] dst, int dstOff, byte[] src, int frames, WavFormat format) {
        int ch = format.channels();
        // Keeps the top validBits of the container; -1 when all bits are valid.
        int mask = -1 << (format.containerBits() - format.validBits());
        switch (format.encoding()) {
            case UNSIGNED_8 -> unsigned8(dst, dstOff, src, frames, ch, mask);
            case SIGNED_16 -> signed16(dst, dstOff, src, frames, ch, mask);
            case SIGNED_24 -> signed24(dst, dstOff, src, frames, ch, mask);
            case SIGNED_32 -> signed32(dst, dstOff, src, frames, ch, mask);
            case FLOAT_32 -> float32(dst, dstOff, src, frames, ch);
            case FLOAT_64 -> float64(dst, dstOff, src, frames, ch);
        }
    }

    private static void unsigned8(float[] dst, int d, byte[] src, int frames, int ch, int mask) {
        int o = 0;
        for (int f = 0; f < frames; f++) {
            float acc = 0f;
            for (int c = 0; c < ch; c++) {
                acc += ((src[o++] & 0xFF & mask) - 128) * 0x1p-7f;
            }
            dst[d + f] = ch == 1 ? acc : acc / ch;
        }
    }

    private static void signed16(float[] dst, int d, byte[] src, int frames, int ch, int mask) {
        int o = 0;
        for (int f = 0; f < frames; f++) {
            float acc = 0f;
            for (int c = 0; c < ch; c++) {
                acc += ((short) SHORT.get(src, o) & mask) * 0x1p-15f;
                o += 2;
            }
            dst[d + f] = ch == 1 ? acc : acc / ch;
        }
    }

    private static void signed24(float[] dst, int d, byte[] src, int frames, int ch, int mask) {
        int o = 0;
        for (int f = 0; f < frames; f++) {
            float acc = 0f;
            for (int c = 0; c < ch; c++) {
                // The top byte carries the sign.
                int v = (src[o] & 0xFF) | (src[o + 1] & 0xFF) << 8 | src[o + 2] << 16;
                acc += (v & mask) * 0x1p-23f;
                o += 3;
            }
            dst[d + f] = ch == 1 ? acc : acc / ch;
        }
    }

    private static void signed32(float[] dst, int d, byte[] src, int frames, int ch, int mask) {
        int o = 0;
        for (int f = 0; f < frames; f++) {
            float acc = 0f;
            for (int c = 0; c < ch; c++) {
                // (float) rounds once; the power-of-two scale is exact.
                acc += (float) ((int) INT.get(src, o) & mask) * 0x1p-31f;
                o += 4;
            }
            dst[d + f] = ch == 1 ? acc : acc / ch;
        }
    }

    private static void float32(float[] dst, int d, byte[] src, int frames, int ch) {
        int o = 0;
        for (int f = 0; f < frames; f++) {
            float acc = 0f;
            for (int c = 0; c < ch; c++) {
                acc += finite((float) FLOAT.get(src, o));
                o += 4;
            }
            dst[d + f] = ch == 1 ? acc : acc / ch;
        }
    }

    private static void float64(float[] dst, int d, byte[] src, int frames, int ch) {
        int o = 0;
        for (int f = 0; f < frames; f++) {
            float acc = 0f;
            for (int c = 0; c < ch; c++) {
                acc += finite((float) (double) DOUBLE.get(src, o));
                o += 8;
            }
            dst[d + f] = ch == 1 ? acc : acc / ch;
        }
    }

    private static float finite(float v) {
        return Float.isFinite(v) ? v : 0f;
    }
}
