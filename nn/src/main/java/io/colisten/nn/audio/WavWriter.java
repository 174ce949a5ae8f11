package io.colisten.nn.audio;

import io.colisten.engine.io.AtomicFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Writes RIFF/WAVE files: 16-bit PCM (what the synthetic world writes) or 32-bit IEEE float.
 * Samples are interleaved floats in [-1, 1]; PCM clips outside that range and rounds to nearest.
 * The file is written atomically (engine.io.AtomicFiles), so a reader never sees half a file.
 */
public final class WavWriter {
    private static final int PCM = 1;
    private static final int IEEE_FLOAT = 3;

    private WavWriter() {}

    /** 16-bit PCM; {@code samples.length} must be a multiple of {@code channels}. */
    public static void writePcm16(Path file, float[] samples, int channels, int sampleRate) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(Math.multiplyExact(samples.length, 2)).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            float c = Math.max(-1f, Math.min(1f, s));
            data.putShort((short) Math.round(c * 32767f));
        }
        write(file, data.array(), PCM, 16, channels, sampleRate);
    }

    /** 32-bit IEEE float; values are written as given. */
    public static void writeFloat32(Path file, float[] samples, int channels, int sampleRate) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(Math.multiplyExact(samples.length, 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            data.putFloat(s);
        }
        write(file, data.array(), IEEE_FLOAT, 32, channels, sampleRate);
    }

    private static void write(Path file, byte[] data, int format, int bits, int channels, int rate) throws IOException {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1: " + channels);
        }
        int blockAlign = channels * bits / 8;
        if (data.length % blockAlign != 0) {
            throw new IllegalArgumentException("sample count is not a multiple of the channel count " + channels);
        }
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(36 + data.length).put(new byte[] {'W', 'A', 'V', 'E'});
        h.put(new byte[] {'f', 'm', 't', ' '}).putInt(16).putShort((short) format).putShort((short) channels)
                .putInt(rate).putInt(rate * blockAlign).putShort((short) blockAlign).putShort((short) bits);
        h.put(new byte[] {'d', 'a', 't', 'a'}).putInt(data.length);
        h.flip();
        ByteBuffer body = ByteBuffer.wrap(data);
        AtomicFiles.write(file, ch -> {
            while (h.hasRemaining() || body.hasRemaining()) {
                ch.write(new ByteBuffer[] {h, body});
            }
        });
    }
}
