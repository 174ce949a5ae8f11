package io.colisten.nn.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade: what it sends where, and the errors for files that are not audio at all. Needs no ffmpeg. */
class AudioDecoderTest {
    @TempDir
    Path dir;

    private static final String INSTALL =
            "install ffmpeg (apt-get install ffmpeg) to decode MP3, FLAC, Ogg, Opus, M4A/AAC";

    /** A decoder whose ffmpeg is a path that does not exist. */
    private AudioDecoder withoutFfmpeg() {
        return new AudioDecoder(600, missingFfmpeg());
    }

    private String missingFfmpeg() {
        return dir.resolve("no-such-dir").resolve("ffmpeg").toString();
    }

    private String reason(AudioDecoder decoder, Path file) {
        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> decoder.decode(file));
        assertEquals(file.toString(), e.file());
        assertEquals(file + ": " + e.reason(), e.getMessage());
        return e.reason();
    }

    @Test
    void filesThatAreNotThere() throws IOException {
        AudioDecoder decoder = withoutFfmpeg();
        assertEquals("no such file", reason(decoder, dir.resolve("missing.wav")));
        Path sub = Files.createDirectory(dir.resolve("album.wav"));
        assertEquals("is a directory, not an audio file", reason(decoder, sub));
        Path empty = Files.createFile(dir.resolve("empty.mp3"));
        assertEquals("empty file (0 bytes)", reason(decoder, empty));
        assertEquals("empty file (0 bytes)", reason(new AudioDecoder(), empty));
    }

    @Test
    void nonAudioWithoutFfmpegSaysWhatToInstall() throws IOException {
        AudioDecoder decoder = withoutFfmpeg();
        String expected = "not a WAV file (no RIFF header) and ffmpeg is not at " + missingFfmpeg() + ": " + INSTALL;
        Path text = dir.resolve("notes.mp3");
        Files.writeString(text, "these are not\tthe samples\n you are looking for\n");
        assertEquals("not an audio file (text, starting \"these are not the samples you...\")", reason(decoder, text));
        Files.writeString(text, "Grüße\n");
        assertEquals("not an audio file (text, starting \"Grüße\")", reason(new AudioDecoder(), text));
        byte[] noise = new byte[5000];
        new Random(3).nextBytes(noise);
        Path random = dir.resolve("song.mp3");
        Files.write(random, noise);
        assertEquals(expected, reason(decoder, random));
        FfmpegDecoder ffmpeg = new FfmpegDecoder(missingFfmpeg(), 600);
        assertFalse(ffmpeg.isAvailable());
        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> ffmpeg.decode(random));
        assertEquals(random + ": ffmpeg is not at " + missingFfmpeg() + ": " + INSTALL, e.getMessage());
        AudioDecodeException onPath = assertThrows(AudioDecodeException.class,
                () -> new AudioDecoder(600, "no-such-ffmpeg-xyz").decode(random));
        assertEquals("not a WAV file (no RIFF header) and no-such-ffmpeg-xyz is not on the PATH: " + INSTALL,
                onPath.reason());
    }

    @Test
    void wavNeedsNoFfmpeg() throws IOException {
        Path file = dir.resolve("a.wav");
        float[] stereo = {0.5f, -0.5f, 0.25f, 0.75f};
        WavWriter.writeFloat32(file, stereo, 2, 16000);
        DecodedAudio a = withoutFfmpeg().decode(file);
        assertArrayEquals(new float[] {0f, 0.5f}, a.samples());
        assertEquals(16000, a.sampleRate());
    }

    @Test
    void brokenWavsAreNotHandedToFfmpeg() throws IOException {
        Path stub = dir.resolve("stub.wav");
        Files.write(stub, "RIFF\0\0".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("truncated: 6 bytes, shorter than a RIFF/WAVE header", reason(new AudioDecoder(), stub));
        Path zero = dir.resolve("zero.wav");
        Files.write(zero, WavBytes.wav(WavBytes.fmt(WavBytes.PCM, 0, 8000, 2, 16), new byte[8]));
        assertEquals("zero channels", reason(new AudioDecoder(), zero));
    }

    @Test
    void unsupportedWavEncodingWithoutFfmpeg() throws IOException {
        Path adpcm = dir.resolve("adpcm.wav");
        Files.write(adpcm, WavBytes.wav(WavBytes.fmt(2, 1, 8000, 256, 4), new byte[512]));
        assertEquals("unsupported format tag 0x0002 (Microsoft ADPCM) and ffmpeg is not at " + missingFfmpeg() + ": "
                + INSTALL, reason(withoutFfmpeg(), adpcm));
    }

    @Test
    void decodesConcurrently() throws Exception {
        List<Path> files = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        Random r = new Random(11);
        for (int i = 0; i < 6; i++) {
            float[] stereo = new float[2 * (20000 + 1000 * i)];
            for (int j = 0; j < stereo.length; j++) {
                stereo[j] = (float) (r.nextDouble() - 0.5);
            }
            Path f = dir.resolve("c" + i + ".wav");
            WavWriter.writeFloat32(f, stereo, 2, 44100);
            files.add(f);
            expected.add(new WavReader().read(f).samples());
        }
        AudioDecoder shared = withoutFfmpeg();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int k = 0; k < 48; k++) {
                Path f = files.get(k % files.size());
                results.add(pool.submit(() -> shared.decode(f).samples()));
            }
            for (int k = 0; k < results.size(); k++) {
                assertArrayEquals(expected.get(k % files.size()), results.get(k).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void defaultLimitIsTenMinutes() {
        assertEquals(600.0, new AudioDecoder().maxSeconds());
        assertThrows(IllegalArgumentException.class, () -> new AudioDecoder(0));
        assertThrows(IllegalArgumentException.class, () -> new AudioDecoder(Double.NaN));
    }
}
