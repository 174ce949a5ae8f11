package io.colisten.nn.audio;

import static io.colisten.nn.audio.WavBytes.chunk;
import static io.colisten.nn.audio.WavBytes.riff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunk walking, RF64, and the rules for data sizes that do not match what is there. */
class WavChunkTest {
    @TempDir
    Path dir;

    private static final short[] STEREO = {100, -200, 32767, -32768, 0, 1, -5, 7, 1000, 3000};
    private static final float[] MONO = {-50 / 32768f, -0.5f / 32768f, 0.5f / 32768f, 1 / 32768f, 2000 / 32768f};
    private static final byte[] FMT = WavBytes.fmt(WavBytes.PCM, 2, 44100, 16);
    private static final byte[] DATA = WavBytes.pcm16(STEREO);

    private float[] readFile(byte[] bytes) throws IOException {
        Path file = dir.resolve("c.wav");
        Files.write(file, bytes);
        return new WavReader().read(file).samples();
    }

    private static float[] readStream(byte[] bytes) throws IOException {
        return new WavReader().read(new DribbleInputStream(bytes, 5), "pipe").samples();
    }

    private AudioDecodeException fileFails(byte[] bytes) throws IOException {
        Path file = dir.resolve("bad.wav");
        Files.write(file, bytes);
        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> new WavReader().read(file));
        assertEquals(file.toString(), e.file());
        assertEquals(file + ": " + e.reason(), e.getMessage());
        return e;
    }

    @Test
    void referenceValues() {
        for (int f = 0; f < MONO.length; f++) {
            assertEquals((STEREO[2 * f] / 32768f + STEREO[2 * f + 1] / 32768f) / 2, MONO[f]);
        }
    }

    @Test
    void skipsListFactOddAndTrailingChunks() throws IOException {
        byte[] list = chunk("LIST", "INFOISFT\u0005\0\0\0Lavf\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        byte[] odd = chunk("junk", new byte[] {9, 9, 9}); // 3 bytes + pad byte
        byte[] fact = chunk("fact", new byte[] {5, 0, 0, 0});
        byte[] bytes = riff("RIFF", list, chunk("fmt ", FMT), odd, fact, chunk("data", DATA), chunk("id3 ", new byte[7]));
        assertArrayEquals(MONO, readFile(bytes));
        assertArrayEquals(MONO, readStream(bytes));
    }

    @Test
    void pipesAreNeverAskedToSeek() throws IOException {
        // A 100 KB chunk before the data, more than any buffer holds; a pipe's skip() fails.
        byte[] bytes = riff("RIFF", chunk("fmt ", FMT), chunk("JUNK", new byte[100_001]), chunk("data", DATA));
        InputStream pipe = new DribbleInputStream(bytes, 4096) {
            @Override
            public long skip(long n) throws IOException {
                throw new IOException("Illegal seek");
            }
        };
        assertArrayEquals(MONO, new WavReader().read(pipe, "pipe").samples());
    }

    @Test
    void oddSizedFmtChunkIsPadded() throws IOException {
        // An 18-byte fmt (cbSize = 0), then a 17-byte one padded to 18: both must land on the next chunk.
        byte[] fmt18 = Arrays.copyOf(FMT, 18);
        assertArrayEquals(MONO, readFile(riff("RIFF", chunk("fmt ", fmt18), chunk("data", DATA))));
        byte[] fmt17 = Arrays.copyOf(FMT, 17);
        byte[] bytes = riff("RIFF", chunk("fmt ", fmt17), chunk("data", DATA));
        assertEquals(8 + 17 + 1, bytes.length - 12 - 8 - DATA.length);
        assertArrayEquals(MONO, readFile(bytes));
        assertArrayEquals(MONO, readStream(bytes));
    }

    @Test
    void rf64TakesTheDataSizeFromDs64() throws IOException {
        var ds64 = WavBytes.le(28).putLong(0).putLong(DATA.length).putLong(STEREO.length / 2).putInt(0);
        byte[] bytes = riff("RF64", chunk("ds64", ds64.array()), chunk("fmt ", FMT), chunk("data", 0xFFFFFFFFL, DATA),
                chunk("LIST", new byte[20]));
        assertArrayEquals(MONO, readFile(bytes));
        assertArrayEquals(MONO, readStream(bytes));
    }

    @Test
    void streamsReadToTheEndWhenTheDataSizeIsUnknown() throws IOException {
        byte[] partialFrame = Arrays.copyOf(DATA, DATA.length + 2);
        for (long size : new long[] {0, 0xFFFFFFFFL}) {
            byte[] bytes = riff("RIFF", chunk("fmt ", FMT), chunk("data", size, DATA));
            assertArrayEquals(MONO, readStream(bytes));
            // A partial last frame at the end of a pipe is dropped.
            assertArrayEquals(MONO, readStream(riff("RIFF", chunk("fmt ", FMT), chunk("data", size, partialFrame))));
        }
    }

    @Test
    void ffmpegPipeHeader() throws IOException {
        // What ffmpeg writes to a pipe: RIFF size and data size 0xFFFFFFFF, extensible float, a LIST chunk.
        var samples = WavBytes.le(16).putFloat(0.25f).putFloat(-0.75f).putFloat(1.5f).putFloat(0.5f);
        byte[] bytes = riff("RIFF", chunk("fmt ", WavBytes.fmtExtensible(2, 48000, 32, 32, 3)),
                chunk("LIST", new byte[26]), chunk("data", 0xFFFFFFFFL, samples.array()));
        DecodedAudio a = new WavReader().read(new ByteArrayInputStream(bytes), "pipe");
        assertArrayEquals(new float[] {-0.25f, 1f}, a.samples());
        assertEquals(48000, a.sampleRate());
    }

    @Test
    void filesDoNotTakeUnknownSizes() throws IOException {
        assertEquals("truncated: data chunk says 4294967295 bytes, file has 20",
                fileFails(riff("RIFF", chunk("fmt ", FMT), chunk("data", 0xFFFFFFFFL, DATA))).reason());
        assertEquals("empty: no audio samples",
                fileFails(riff("RIFF", chunk("fmt ", FMT), chunk("data", 0, DATA))).reason());
    }

    @Test
    void partialLastFrameIsTolerated() throws IOException {
        // Declared size one byte past the last whole frame, the byte present: whole frames decoded.
        byte[] plusOne = Arrays.copyOf(DATA, DATA.length + 1);
        assertArrayEquals(MONO, readFile(riff("RIFF", chunk("fmt ", FMT), chunk("data", plusOne))));
        // Declared size of all frames, the file short by less than one frame: the last frame is dropped.
        byte[] full = riff("RIFF", chunk("fmt ", FMT), chunk("data", DATA));
        byte[] shortByThree = Arrays.copyOf(full, full.length - 3);
        assertArrayEquals(Arrays.copyOf(MONO, MONO.length - 1), readFile(shortByThree));
        // Short by a whole frame or more: truncated, in a file and in a stream.
        byte[] shortByFour = Arrays.copyOf(full, full.length - 4);
        assertEquals("truncated: data chunk says 20 bytes, file has 16", fileFails(shortByFour).reason());
        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> readStream(shortByFour));
        assertEquals("pipe: truncated: data chunk says 20 bytes, stream ended after 16", e.getMessage());
    }

    @Test
    void firstFmtWinsAndTheFirstDataChunkIsRead() throws IOException {
        byte[] other = WavBytes.fmt(WavBytes.PCM, 1, 8000, 16);
        byte[] bytes = riff("RIFF", chunk("fmt ", FMT), chunk("fmt ", other), chunk("data", DATA),
                chunk("data", new byte[8]));
        DecodedAudio a = new WavReader().read(new ByteArrayInputStream(bytes), "pipe");
        assertArrayEquals(MONO, a.samples());
        assertEquals(44100, a.sampleRate());
    }
}
