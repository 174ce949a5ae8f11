package io.colisten.nn.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recordings longer than the limit: cut at maxSeconds * rate frames, the rest never read. */
class WavClipTest {
    @TempDir
    Path dir;

    private static final int RATE = 8000;

    /** Sample i of the generated recordings. */
    private static short sample(long i) {
        return (short) (i * 7919);
    }

    private static byte[] header(long dataBytes) {
        byte[] h = WavBytes.wav(WavBytes.fmt(WavBytes.PCM, 1, RATE, 16), new byte[0]);
        java.nio.ByteBuffer.wrap(h).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(40, (int) dataBytes);
        return h;
    }

    /** A 16-bit mono WAV of {@code frames} generated samples, made as it is read; counts what was read. */
    private static final class GeneratedWav extends InputStream {
        private final byte[] header;
        private final long length;
        private long position;

        GeneratedWav(long frames) {
            header = header(frames * 2);
            length = header.length + frames * 2;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - position);
            for (int i = 0; i < n; i++, position++) {
                if (position < header.length) {
                    b[off + i] = header[(int) position];
                } else {
                    long d = position - header.length;
                    b[off + i] = (byte) (sample(d / 2) >> (8 * (d % 2)));
                }
            }
            return n;
        }
    }

    private static void checkSamples(float[] got, long frames) {
        assertEquals(frames, got.length);
        for (long i : new long[] {0, 1, frames / 3, frames / 2, frames - 1}) {
            assertEquals(sample(i) / 32768f, got[(int) i], "sample " + i);
        }
    }

    @Test
    void fileOf700SecondsIsClippedTo600() throws IOException {
        long frames = 700L * RATE;
        byte[] data = new byte[(int) frames * 2];
        for (int i = 0; i < frames; i++) {
            data[2 * i] = (byte) sample(i);
            data[2 * i + 1] = (byte) (sample(i) >> 8);
        }
        Path file = dir.resolve("long.wav");
        Files.write(file, WavBytes.wav(WavBytes.fmt(WavBytes.PCM, 1, RATE, 16), data));
        DecodedAudio a = new WavReader().read(file);
        assertTrue(a.clipped());
        assertEquals(600.0, a.decodedSeconds());
        checkSamples(a.samples(), 600L * RATE);
    }

    @Test
    void threeHourRecordingIsReadOnlyUpToTheClipPoint() throws IOException {
        long frames = 3L * 3600 * RATE;
        long needed = 44 + 600L * RATE * 2;
        long slack = (1 << 16) + 8192 + 2;
        // As a file of known length: the header is checked against the length, then reading stops at 600 s.
        GeneratedWav asFile = new GeneratedWav(frames);
        DecodedAudio a = new WavReader().read(asFile, "three-hours.wav", asFile.length);
        assertTrue(a.clipped());
        checkSamples(a.samples(), 600L * RATE);
        assertTrue(asFile.position <= needed + slack, "read " + asFile.position + " bytes");
        // As a pipe.
        GeneratedWav asPipe = new GeneratedWav(frames);
        DecodedAudio b = new WavReader().read(asPipe, "pipe");
        assertTrue(b.clipped());
        checkSamples(b.samples(), 600L * RATE);
        assertTrue(asPipe.position <= needed + slack, "read " + asPipe.position + " bytes");
    }

    @Test
    void streamOfUnknownLengthIsClippedOnlyWhenMoreFollows() throws IOException {
        WavReader halfSecond = new WavReader(0.5);
        for (int extra : new int[] {-1, 0, 1, 100}) {
            long frames = RATE / 2 + extra;
            byte[] data = new byte[(int) frames * 2];
            for (int i = 0; i < frames; i++) {
                data[2 * i] = (byte) sample(i);
                data[2 * i + 1] = (byte) (sample(i) >> 8);
            }
            byte[] bytes = WavBytes.riff("RIFF", WavBytes.chunk("fmt ", WavBytes.fmt(WavBytes.PCM, 1, RATE, 16)),
                    WavBytes.chunk("data", 0xFFFFFFFFL, data));
            DecodedAudio a = halfSecond.read(new ByteArrayInputStream(bytes), "pipe");
            assertEquals(extra > 0, a.clipped(), "extra " + extra);
            checkSamples(a.samples(), Math.min(frames, RATE / 2));
        }
    }

    @Test
    void fractionalLimitRoundsDown() throws IOException {
        Path file = dir.resolve("one-second.wav");
        WavWriter.writePcm16(file, new float[22050], 1, 22050);
        DecodedAudio a = new WavReader(0.1).read(file);
        assertEquals(2205, a.samples().length);
        assertTrue(a.clipped());
        DecodedAudio whole = new WavReader(1.0).read(file);
        assertEquals(22050, whole.samples().length);
        assertFalse(whole.clipped());
    }
}
