package io.colisten.nn.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decoding through ffmpeg: files the test encodes with ffmpeg from WAVs it generates. Skipped when
 * ffmpeg is not on the PATH.
 */
class FfmpegDecoderTest {
    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    /** 3 s stereo, 16-bit: left 0.5 sin 440 Hz, right 0.3 sin 1000 Hz, at 44.1 kHz and 48 kHz. */
    private static Path source44;
    private static Path source48;

    @BeforeAll
    static void makeSources() throws IOException {
        Assumptions.assumeTrue(FfmpegDecoder.available(), "ffmpeg is not on the PATH");
        source44 = shared.resolve("tones44.wav");
        source48 = shared.resolve("tones48.wav");
        WavWriter.writePcm16(source44, tones(44100, 3.0), 2, 44100);
        WavWriter.writePcm16(source48, tones(48000, 3.0), 2, 48000);
    }

    @BeforeEach
    void needFfmpeg() {
        Assumptions.assumeTrue(FfmpegDecoder.available(), "ffmpeg is not on the PATH");
    }

    private static float[] tones(int rate, double seconds) {
        int frames = (int) (rate * seconds);
        float[] s = new float[2 * frames];
        for (int i = 0; i < frames; i++) {
            double t = i / (double) rate;
            s[2 * i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * t));
            s[2 * i + 1] = (float) (0.3 * Math.sin(2 * Math.PI * 1000 * t));
        }
        return s;
    }

    /** Amplitude of the sinusoid at {@code hz} in x[from, from + n), by correlation (double). */
    private static double amplitude(float[] x, int rate, double hz, int from, int n) {
        double re = 0;
        double im = 0;
        for (int i = 0; i < n; i++) {
            double w = 2 * Math.PI * hz * (from + i) / rate;
            re += x[from + i] * Math.cos(w);
            im += x[from + i] * Math.sin(w);
        }
        return 2 * Math.hypot(re, im) / n;
    }

    private static double rms(float[] x, int from, int n) {
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += (double) x[i] * x[i];
        }
        return Math.sqrt(s / n);
    }

    @Test
    void flacIsLossless() throws Exception {
        Path flac = dir.resolve("tones.flac");
        FfmpegTool.run("-i", source44.toString(), "-c:a", "flac", flac.toString());
        DecodedAudio a = new AudioDecoder().decode(flac);
        DecodedAudio ref = new WavReader().read(source44);
        assertEquals(44100, a.sampleRate());
        assertFalse(a.clipped());
        // 16-bit samples travel exactly as float32 (v / 32768); tolerance 0 in practice, 1e-7 stated.
        assertArrayEquals(ref.samples(), a.samples(), 1e-7f);
    }

    @Test
    void sixChannelsAreMixedByUsNotByFfmpeg() throws Exception {
        int frames = 24000;
        long[] raw = WavReaderFormatsTest.raw(TestEncoding.PCM_S24, 6, frames, 99);
        Path wav = dir.resolve("surround.wav");
        Files.write(wav, WavBytes.wav(TestEncoding.PCM_S24.fmt(6, 48000), TestEncoding.PCM_S24.encode(raw)));
        Path flac = dir.resolve("surround.flac");
        FfmpegTool.run("-i", wav.toString(), "-c:a", "flac", flac.toString());
        DecodedAudio a = new AudioDecoder().decode(flac);
        assertEquals(48000, a.sampleRate());
        // Our average of all six channels, exactly: ffmpeg's own 5.1 downmix would weigh them differently.
        assertArrayEquals(TestEncoding.PCM_S24.mono(raw, 6), a.samples());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"mp3, libmp3lame, 44100", "opus, libopus, 48000", "ogg, libvorbis, 44100", "m4a, aac, 44100"})
    void lossyCodecsKeepLevelAndPitch(String extension, String codec, int rate) throws Exception {
        Path encoded = dir.resolve("tones." + extension);
        FfmpegTool.run("-i", (rate == 48000 ? source48 : source44).toString(), "-c:a", codec, "-b:a", "128k",
                encoded.toString());
        DecodedAudio a = new AudioDecoder().decode(encoded);
        assertEquals(rate, a.sampleRate());
        assertFalse(a.clipped());
        // Encoder delay and padding move the ends by a few thousand samples at most.
        assertEquals(3.0, a.decodedSeconds(), 0.1, "seconds");
        float[] x = a.samples();
        int from = rate / 2;
        int n = 2 * rate;
        // The mono mix: 0.25 at 440 Hz and 0.15 at 1000 Hz; RMS sqrt(0.25^2 / 2 + 0.15^2 / 2) = 0.2062.
        // Within 8%: LAME's output, for one, comes back 5% quieter (0.475 for 0.5, measured).
        assertEquals(0.2062, rms(x, from, n), 0.08 * 0.2062, "rms");
        assertEquals(0.25, amplitude(x, rate, 440, from, n), 0.08 * 0.25, "440 Hz");
        assertEquals(0.15, amplitude(x, rate, 1000, from, n), 0.08 * 0.15, "1000 Hz");
        assertTrue(amplitude(x, rate, 700, from, n) < 0.005, "700 Hz");
    }

    @Test
    void clipsThroughFfmpegToo() throws Exception {
        Path flac = dir.resolve("long.flac");
        FfmpegTool.run("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000:duration=700", "-c:a", "flac",
                flac.toString());
        DecodedAudio a = new AudioDecoder().decode(flac);
        assertTrue(a.clipped());
        assertEquals(600L * 8000, a.samples().length);
        assertEquals(600.0, a.decodedSeconds());

        Path shortFlac = dir.resolve("short.flac");
        FfmpegTool.run("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000:duration=2.5", "-c:a", "flac",
                shortFlac.toString());
        DecodedAudio cut = new FfmpegDecoder(2.0).decode(shortFlac);
        assertTrue(cut.clipped());
        assertEquals(16000, cut.samples().length);
        DecodedAudio whole = new FfmpegDecoder(2.5).decode(shortFlac);
        assertFalse(whole.clipped());
        assertEquals(20000, whole.samples().length);
        assertArrayEquals(java.util.Arrays.copyOf(whole.samples(), 16000), cut.samples());
        assertTrue(ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive), "an ffmpeg is left running");
    }

    @Test
    void corruptFilesGiveFfmpegsReason() throws Exception {
        byte[] noise = new byte[5000];
        new Random(7).nextBytes(noise);
        Path mp3 = dir.resolve("broken.mp3");
        Files.write(mp3, noise);
        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> new AudioDecoder().decode(mp3));
        assertEquals(mp3.toString(), e.file());
        assertTrue(e.reason().startsWith("ffmpeg (exit "), e.reason());
        assertFalse(e.reason().contains("@ 0x"), e.reason());
        assertFalse(e.reason().contains(mp3.toString()), e.reason());

        Path binary = dir.resolve("data.bin");
        byte[] zeros = new byte[3000];
        zeros[100] = 1;
        Files.write(binary, zeros);
        AudioDecodeException b = assertThrows(AudioDecodeException.class, () -> new AudioDecoder().decode(binary));
        Path text = dir.resolve("lyrics.txt");
        Files.writeString(text, "la la la\n".repeat(50));
        AudioDecodeException t = assertThrows(AudioDecodeException.class, () -> new AudioDecoder().decode(text));
        assertEquals("not an audio file (text, starting \"la la la la la la la la la la...\")", t.reason());
        assertEquals(binary + ": ffmpeg (exit 1): Invalid data found when processing input", b.getMessage());
    }

    @Test
    void fileWithoutAudio() throws Exception {
        Path png = dir.resolve("cover.png");
        FfmpegTool.run("-f", "lavfi", "-i", "color=c=red:s=16x16", "-frames:v", "1", png.toString());
        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> new AudioDecoder().decode(png));
        assertEquals("no audio stream (ffmpeg (exit 1): Stream map '0:a:0' matches no streams.)", e.reason());
    }

    @Test
    void wavEncodingsWeDoNotReadGoToFfmpeg() throws Exception {
        Path adpcm = dir.resolve("adpcm.wav");
        FfmpegTool.run("-i", source44.toString(), "-c:a", "adpcm_ms", adpcm.toString());
        AudioDecodeException direct = assertThrows(AudioDecodeException.class, () -> new WavReader().read(adpcm));
        assertEquals("unsupported format tag 0x0002 (Microsoft ADPCM)", direct.reason());
        DecodedAudio a = new AudioDecoder().decode(adpcm);
        assertEquals(44100, a.sampleRate());
        assertEquals(3.0, a.decodedSeconds(), 0.05);
        assertEquals(0.25, amplitude(a.samples(), 44100, 440, 22050, 88200), 0.01);
    }

    @Test
    void namesThatLookLikeOptionsOrProtocols() throws Exception {
        Path odd = dir.resolve("-i concat:x.flac");
        FfmpegTool.run("-i", source44.toString(), "-c:a", "flac", "file:" + odd);
        assertEquals(3.0, new AudioDecoder().decode(odd).decodedSeconds(), 1e-9);
    }
}
