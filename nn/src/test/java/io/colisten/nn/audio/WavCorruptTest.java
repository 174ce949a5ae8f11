package io.colisten.nn.audio;

import static io.colisten.nn.audio.WavBytes.chunk;
import static io.colisten.nn.audio.WavBytes.riff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

/** Broken WAV files: each fails with the file and a specific reason, never a crash or a huge allocation. */
class WavCorruptTest {
    @TempDir
    Path dir;

    private static final byte[] FMT = WavBytes.fmt(WavBytes.PCM, 2, 44100, 16);
    private static final byte[] DATA = new byte[4000];

    /** Writes the bytes, decodes them with WavReader, returns the reason after checking the message form. */
    private String reason(byte[] bytes) throws IOException {
        Path file = dir.resolve("broken.wav");
        Files.write(file, bytes);
        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> new WavReader().read(file));
        assertEquals(file.toString(), e.file());
        assertEquals(file + ": " + e.reason(), e.getMessage());
        return e.reason();
    }

    private static String streamReason(byte[] bytes) {
        AudioDecodeException e = assertThrows(AudioDecodeException.class,
                () -> new WavReader().read(new ByteArrayInputStream(bytes), "pipe:1"));
        assertEquals("pipe:1", e.file());
        return e.reason();
    }

    @Test
    void truncatedFile() throws IOException {
        // 10 s of 44.1 kHz 16-bit mono declared, 1200 bytes of it there.
        byte[] full = riff("RIFF", chunk("fmt ", WavBytes.fmt(WavBytes.PCM, 1, 44100, 16)), chunk("data", 882000,
                new byte[1200]));
        assertEquals("truncated: data chunk says 882000 bytes, file has 1200", reason(full));
        assertEquals("truncated: data chunk says 882000 bytes, stream ended after 1200", streamReason(full));
        byte[] cut = Arrays.copyOf(WavBytes.wav(FMT, DATA), 44 + 1000);
        assertEquals("truncated: data chunk says 4000 bytes, file has 1000", reason(cut));
        assertEquals("truncated: 10 bytes, shorter than a RIFF/WAVE header", reason(Arrays.copyOf(cut, 10)));
        assertEquals("no fmt chunk", reason(Arrays.copyOf(cut, 12)));
        assertEquals("truncated: fmt chunk says 16 bytes, file has 10", reason(Arrays.copyOf(cut, 30)));
    }

    @Test
    void chunkSizesPastTheEnd() throws IOException {
        assertEquals("truncated: LIST chunk says 2147483632 bytes, file has 4",
                reason(riff("RIFF", chunk("LIST", 0x7FFFFFF0L, new byte[4]))));
        assertEquals("truncated: LIST chunk says 4294967295 bytes, stream ended after 4",
                streamReason(riff("RIFF", chunk("LIST", 0xFFFFFFFFL, new byte[4]))));
        assertEquals("truncated: fmt chunk says 2147483632 bytes, file has 16",
                reason(riff("RIFF", chunk("fmt ", 0x7FFFFFF0L, FMT))));
        assertEquals("truncated: fmt chunk says 2147483632 bytes, stream ended after 16",
                streamReason(riff("RIFF", chunk("fmt ", 0x7FFFFFF0L, FMT))));
        var ds64 = WavBytes.le(28).putLong(0).putLong(Long.MAX_VALUE - 1).putLong(0).putInt(0);
        assertEquals("truncated: data chunk says 9223372036854775806 bytes, file has 4000",
                reason(riff("RF64", chunk("ds64", ds64.array()), chunk("fmt ", FMT), chunk("data", 0xFFFFFFFFL, DATA))));
    }

    @Test
    void hostileDataSizeAllocatesNothingLikeIt() throws IOException {
        byte[] bytes = riff("RIFF", chunk("fmt ", FMT), chunk("data", 0x7FFFFFF0L, DATA));
        Path file = dir.resolve("hostile.wav");
        Files.write(file, bytes);
        assertAllocatesUnder(4 << 20, () -> assertThrows(AudioDecodeException.class, () -> new WavReader().read(file)));
        // A stream cannot be checked up front; it must grow only with what arrives.
        assertAllocatesUnder(4 << 20, () -> assertEquals(
                "truncated: data chunk says 2147483632 bytes, stream ended after 4000", streamReason(bytes)));
        // With no limit on seconds either.
        assertAllocatesUnder(4 << 20, () -> assertThrows(AudioDecodeException.class,
                () -> new WavReader(Double.POSITIVE_INFINITY).read(new ByteArrayInputStream(bytes), "pipe")));
    }

    private static void assertAllocatesUnder(long limit, Executable body) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        try {
            body.execute();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < limit, "allocated " + allocated + " bytes");
    }

    @Test
    void badFmtFields() throws IOException {
        assertEquals("zero channels", reason(WavBytes.wav(WavBytes.fmt(WavBytes.PCM, 0, 44100, 4, 16), DATA)));
        assertEquals("zero sample rate", reason(WavBytes.wav(WavBytes.fmt(WavBytes.PCM, 2, 0, 16), DATA)));
        assertEquals("zero bits per sample", reason(WavBytes.wav(WavBytes.fmt(WavBytes.PCM, 2, 8000, 4, 0), DATA)));
        assertEquals("implausible sample rate 4294967295 Hz (above 1536000)",
                reason(WavBytes.wav(WavBytes.fmt(WavBytes.PCM, 2, -1, 16), DATA)));
        assertEquals("block align 3 does not match 2 channels x 16 bits (expected 4)",
                reason(WavBytes.wav(WavBytes.fmt(WavBytes.PCM, 2, 44100, 3, 16), DATA)));
        assertEquals("unsupported format tag 0x0002 (Microsoft ADPCM)",
                reason(WavBytes.wav(WavBytes.fmt(2, 2, 44100, 2048, 4), DATA)));
        assertEquals("unsupported format tag 0x1234", reason(WavBytes.wav(WavBytes.fmt(0x1234, 2, 44100, 16), DATA)));
        assertEquals("unsupported 16-bit IEEE float samples (32 or 64 expected)",
                reason(WavBytes.wav(WavBytes.fmt(WavBytes.FLOAT, 2, 44100, 16), DATA)));
        assertEquals("unsupported 40-bit integer PCM samples (8, 16, 24 or 32 expected)",
                reason(WavBytes.wav(WavBytes.fmt(WavBytes.PCM, 1, 44100, 40), DATA)));
        assertEquals("fmt chunk too short (14 bytes, needs 16)",
                reason(WavBytes.wav(Arrays.copyOf(FMT, 14), DATA)));
    }

    @Test
    void badExtensibleFmt() throws IOException {
        byte[] ext = WavBytes.fmtExtensible(2, 48000, 24, 20, 1);
        assertEquals("WAVE_FORMAT_EXTENSIBLE fmt chunk too short (18 bytes, needs 40)",
                reason(WavBytes.wav(Arrays.copyOf(ext, 18), DATA)));
        assertEquals("unsupported WAVE_FORMAT_EXTENSIBLE subformat 0x0002 (Microsoft ADPCM)",
                reason(WavBytes.wav(WavBytes.fmtExtensible(2, 48000, 16, 16, 2), DATA)));
        byte[] otherGuid = ext.clone();
        otherGuid[30] = 0x21;
        assertTrue(reason(WavBytes.wav(otherGuid, new byte[60])).startsWith(
                "unsupported WAVE_FORMAT_EXTENSIBLE subformat GUID 01000000000021"));
        assertEquals("valid bits 28 exceed the 24-bit container",
                reason(WavBytes.wav(WavBytes.fmtExtensible(2, 48000, 24, 28, 1), new byte[60])));
    }

    @Test
    void missingOrMisplacedChunks() throws IOException {
        assertEquals("empty: no audio samples", reason(WavBytes.wav(FMT, new byte[0])));
        assertEquals("empty: no audio samples", reason(WavBytes.wav(FMT, new byte[3])));
        assertEquals("empty: no audio samples", streamReason(riff("RIFF", chunk("fmt ", FMT), chunk("data", 0, new byte[0]))));
        assertEquals("no fmt chunk", reason(riff("RIFF", chunk("data", DATA))));
        assertEquals("no fmt chunk before the data chunk", streamReason(riff("RIFF", chunk("data", 0xFFFFFFFFL, DATA))));
        assertEquals("fmt chunk comes after the data chunk", reason(riff("RIFF", chunk("data", DATA), chunk("fmt ", FMT))));
        assertEquals("fmt chunk comes after the data chunk",
                streamReason(riff("RIFF", chunk("data", DATA), chunk("fmt ", FMT))));
        assertEquals("no data chunk", reason(riff("RIFF", chunk("fmt ", FMT), chunk("LIST", new byte[10]))));
        assertEquals("RIFF form type 'AVI ' is not WAVE",
                reason("RIFF\0\0\0\0AVI LIST".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        assertEquals("no RIFF header (starts with 'ID3\\x03')", reason(new byte[] {'I', 'D', '3', 3, 0, 0, 0}));
        assertEquals("no RIFF header (no bytes)", streamReason(new byte[0]));
    }
}
