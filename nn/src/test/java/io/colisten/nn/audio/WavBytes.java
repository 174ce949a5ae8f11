package io.colisten.nn.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds RIFF/WAVE bytes piece by piece for tests, including broken ones: chunk sizes can be
 * declared independently of the bytes that follow.
 */
final class WavBytes {
    static final int PCM = 1;
    static final int FLOAT = 3;
    static final int EXTENSIBLE = 0xFFFE;

    private WavBytes() {}

    /** A chunk whose declared size is its body's length, with a pad byte when odd. */
    static byte[] chunk(String id, byte[] body) {
        return chunk(id, body.length, body);
    }

    /** A chunk declaring {@code declaredSize} (as uint32) followed by {@code body} (and a pad byte when odd). */
    static byte[] chunk(String id, long declaredSize, byte[] body) {
        ByteBuffer b = le(8 + body.length + (body.length & 1));
        b.put(id.getBytes(StandardCharsets.ISO_8859_1)).putInt((int) declaredSize).put(body);
        return b.array();
    }

    /** The 16-byte fmt body. */
    static byte[] fmt(int tag, int channels, int rate, int blockAlign, int bits) {
        ByteBuffer b = le(16);
        b.putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits);
        return b.array();
    }

    /** A plain fmt body with a consistent block align. */
    static byte[] fmt(int tag, int channels, int rate, int bits) {
        return fmt(tag, channels, rate, channels * ((bits + 7) / 8), bits);
    }

    /** The 40-byte WAVE_FORMAT_EXTENSIBLE fmt body with subformat {@code subTag} (1 PCM, 3 float). */
    static byte[] fmtExtensible(int channels, int rate, int containerBits, int validBits, int subTag) {
        ByteBuffer b = le(40);
        int align = channels * containerBits / 8;
        b.putShort((short) EXTENSIBLE).putShort((short) channels).putInt(rate).putInt(rate * align)
                .putShort((short) align).putShort((short) containerBits);
        b.putShort((short) 22).putShort((short) validBits).putInt(channels == 2 ? 3 : 0);
        b.putInt(subTag).put(new byte[] {0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38,
            (byte) 0x9B, 0x71});
        return b.array();
    }

    /** "RIFF" (or "RF64"), the size of what follows, "WAVE", then the chunks as given. */
    static byte[] riff(String id, byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int size = 4;
        for (byte[] c : chunks) {
            size += c.length;
        }
        out.writeBytes(le(4).put(id.getBytes(StandardCharsets.ISO_8859_1)).array());
        out.writeBytes(le(4).putInt(id.equals("RF64") ? -1 : size).array());
        out.writeBytes("WAVE".getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] c : chunks) {
            out.writeBytes(c);
        }
        return out.toByteArray();
    }

    /** A plain file: fmt then data. */
    static byte[] wav(byte[] fmtBody, byte[] data) {
        return riff("RIFF", chunk("fmt ", fmtBody), chunk("data", data));
    }

    /** 16-bit PCM data bytes of the given interleaved values. */
    static byte[] pcm16(short[] values) {
        ByteBuffer b = le(values.length * 2);
        for (short v : values) {
            b.putShort(v);
        }
        return b.array();
    }

    static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
