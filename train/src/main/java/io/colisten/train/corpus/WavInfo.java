package io.colisten.train.corpus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A WAV file's duration from its header alone (RIFF chunks: 'fmt ' and the size of 'data'), for
 * statistics over large corpora. Not a decoder. A data size past the end of the file is cut to
 * what the file holds.
 */
public record WavInfo(int channels, int sampleRate, int bitsPerSample, long dataBytes) {
    public double seconds() {
        int blockAlign = Math.max(1, channels * Math.max(1, bitsPerSample / 8));
        return dataBytes / (double) blockAlign / sampleRate;
    }

    /** The header's facts, or null when the file is not a RIFF/WAVE file with a format and a data chunk. */
    public static WavInfo read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            if (readFully(ch, b, 0) < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) return null;
            long pos = 12;
            int channels = 0, rate = 0, bits = 0;
            ByteBuffer h = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            for (int chunks = 0; pos + 8 <= size && chunks < 64; chunks++) {
                h.clear().limit(8);
                if (readFully(ch, h, pos) < 8) return null;
                int id = h.getInt(0);
                long len = Integer.toUnsignedLong(h.getInt(4));
                if (id == 0x20746D66) { // "fmt "
                    h.clear().limit(16);
                    if (len < 16 || readFully(ch, h, pos + 8) < 16) return null;
                    channels = Short.toUnsignedInt(h.getShort(2));
                    rate = h.getInt(4);
                    bits = Short.toUnsignedInt(h.getShort(14));
                } else if (id == 0x61746164) { // "data"
                    if (channels == 0 || rate <= 0) return null;
                    return new WavInfo(channels, rate, bits, Math.min(len, size - pos - 8));
                }
                pos += 8 + len + (len & 1);
            }
            return null;
        }
    }

    private static int readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        int total = 0;
        while (b.hasRemaining()) {
            int n = ch.read(b, pos + total);
            if (n < 0) break;
            total += n;
        }
        return total;
    }
}
