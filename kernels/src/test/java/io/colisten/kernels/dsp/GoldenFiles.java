package io.colisten.kernels.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Reads the files written by kernels/src/test/python/make_logmel_golden.py from src/test/resources/golden. */
final class GoldenFiles {
    private GoldenFiles() {}

    static ByteBuffer read(String name) throws IOException {
        try (InputStream in = GoldenFiles.class.getResourceAsStream("/golden/" + name)) {
            assertNotNull(in, "missing golden/" + name + " (run make_logmel_golden.py)");
            return ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    static float[] float32(String name) throws IOException {
        ByteBuffer b = read(name);
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }

    static double[] float64(String name) throws IOException {
        ByteBuffer b = read(name);
        double[] v = new double[b.remaining() / 8];
        b.asDoubleBuffer().get(v);
        return v;
    }

    /**
     * The samples of a canonical 44-byte-header WAV (PCM 16-bit mono, as the script writes it),
     * as int16 / 32768; checks the header fields that the script fixes.
     */
    static float[] wav16Mono(String name, int expectedRate) throws IOException {
        ByteBuffer b = read(name);
        assertEquals("RIFF", ascii(b, 0), name);
        assertEquals("WAVE", ascii(b, 8), name);
        assertEquals("fmt ", ascii(b, 12), name);
        assertEquals(1, b.getShort(20), name + ": PCM");
        assertEquals(1, b.getShort(22), name + ": channels");
        assertEquals(expectedRate, b.getInt(24), name + ": sample rate");
        assertEquals(16, b.getShort(34), name + ": bits per sample");
        assertEquals("data", ascii(b, 36), name);
        int samples = b.getInt(40) / 2;
        assertEquals(44 + 2L * samples, b.limit(), name + ": data size");
        float[] x = new float[samples];
        for (int i = 0; i < samples; i++) x[i] = b.getShort(44 + 2 * i) / 32768f;
        return x;
    }

    private static String ascii(ByteBuffer b, int at) {
        byte[] s = new byte[4];
        b.get(at, s);
        return new String(s, StandardCharsets.US_ASCII);
    }
}
