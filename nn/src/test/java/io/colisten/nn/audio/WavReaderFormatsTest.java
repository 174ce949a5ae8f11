package io.colisten.nn.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every encoding x channel count x rate, decoded from a file and from a dribbling stream, exactly. */
class WavReaderFormatsTest {
    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (TestEncoding e : TestEncoding.values()) {
            for (int channels : new int[] {1, 2, 6}) {
                for (int rate : new int[] {8000, 22050, 44100, 48000}) {
                    cases.add(Arguments.of(e, channels, rate));
                }
            }
        }
        return cases.stream();
    }

    /** Interleaved raw values: the extremes on every channel first, then random ones. */
    static long[] raw(TestEncoding e, int channels, int frames, long seed) {
        Random r = new Random(seed);
        long[] raw = new long[frames * channels];
        long[] extremes = e.extremes();
        for (int i = 0; i < raw.length; i++) {
            int frame = i / channels;
            raw[i] = frame < extremes.length ? extremes[frame] : e.random(r);
        }
        return raw;
    }

    @ParameterizedTest(name = "{0} {1}ch {2}Hz")
    @MethodSource("cases")
    void decodesExactly(TestEncoding e, int channels, int rate) throws IOException {
        int frames = 1000 + rate % 997;
        long[] raw = raw(e, channels, frames, 31L * channels + rate + e.ordinal());
        byte[] bytes = WavBytes.wav(e.fmt(channels, rate), e.encode(raw));
        float[] expected = e.mono(raw, channels);

        Path file = dir.resolve("x.wav");
        Files.write(file, bytes);
        DecodedAudio fromFile = new WavReader().read(file);
        assertArrayEquals(expected, fromFile.samples(), "file " + e + " " + channels + "ch");
        assertEquals(rate, fromFile.sampleRate());
        assertEquals(frames / (double) rate, fromFile.decodedSeconds(), 1e-12);
        assertFalse(fromFile.clipped());

        DecodedAudio fromStream = new WavReader().read(new DribbleInputStream(bytes, 7), "pipe");
        assertArrayEquals(expected, fromStream.samples(), "stream " + e + " " + channels + "ch");
        assertEquals(rate, fromStream.sampleRate());
    }

    @Test
    void readsWhatWavWriterWrites() throws IOException {
        float[] stereo = new float[2 * 500];
        Random r = new Random(5);
        for (int i = 0; i < stereo.length; i++) {
            stereo[i] = (float) (r.nextDouble() * 2 - 1);
        }
        Path pcm = dir.resolve("pcm16.wav");
        Path flt = dir.resolve("f32.wav");
        WavWriter.writePcm16(pcm, stereo, 2, 16000);
        WavWriter.writeFloat32(flt, stereo, 2, 16000);
        float[] expectedPcm = new float[500];
        float[] expectedFloat = new float[500];
        for (int f = 0; f < 500; f++) {
            // WavWriter rounds x * 32767; the reader scales by 1 / 32768.
            float left = Math.round(stereo[2 * f] * 32767f) / 32768f;
            float right = Math.round(stereo[2 * f + 1] * 32767f) / 32768f;
            expectedPcm[f] = (left + right) / 2;
            expectedFloat[f] = (stereo[2 * f] + stereo[2 * f + 1]) / 2;
        }
        assertArrayEquals(expectedPcm, new WavReader().read(pcm).samples());
        assertArrayEquals(expectedFloat, new WavReader().read(flt).samples());
    }

    @Test
    void nonFiniteFloatsBecomeZero() throws IOException {
        var b = WavBytes.le(16);
        b.putFloat(Float.NaN).putFloat(Float.POSITIVE_INFINITY).putFloat(0.5f).putFloat(-2.5f);
        byte[] bytes = WavBytes.wav(WavBytes.fmt(WavBytes.FLOAT, 1, 8000, 32), b.array());
        float[] got = new WavReader().read(new ByteArrayInputStream(bytes), "pipe").samples();
        assertArrayEquals(new float[] {0f, 0f, 0.5f, -2.5f}, got);
    }
}
