package io.colisten.nn.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole chain, file to frames: decode, mix, resample, log-mel, short-recording policy. */
class LogMelFrontEndTest {
    /** The NumPy golden of kernels/src/test/python/make_logmel_golden.py (tests run in the module folder). */
    private static final Path GOLDEN = Path.of("..", "kernels", "src", "test", "resources", "golden");

    @TempDir
    Path dir;

    private static LogMelFrontEnd frontEnd(ShortRecordingPolicy p) {
        return new LogMelFrontEnd(new AudioDecoder(600), p);
    }

    @Test
    void aWavFileMatchesTheNumPyChainWithin1e4() throws IOException {
        RecordingFrames r = frontEnd(ShortRecordingPolicy.PAD).frames(GOLDEN.resolve("logmel_input.wav"));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(GOLDEN.resolve("logmel_expected.f32"))).order(ByteOrder.LITTLE_ENDIAN);
        int n = b.remaining() / 4;
        assertEquals(n, r.frameCount() * 64);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, Math.abs(b.getFloat() - r.frames()[i]));
        }
        assertTrue(worst <= 1e-4, "max |ours - numpy| = " + worst);
        assertFalse(r.padded() || r.clipped() || r.tooShort());
    }

    /** Band whose mel-domain triangle peaks nearest to f (HTK mel, 64 bands over 125-7500 Hz). */
    private static int bandOf(double f) {
        double lo = 1127 * Math.log(1 + 125 / 700.0);
        double hi = 1127 * Math.log(1 + 7500 / 700.0);
        double m = 1127 * Math.log(1 + f / 700.0);
        return (int) Math.round((m - lo) / (hi - lo) * 65) - 1;
    }

    @Test
    void aToneAt44kStereoLandsInItsBandAfterResampling() throws IOException {
        int rate = 44100;
        double f = 2000;
        float[] x = new float[rate * 4 * 2];
        for (int i = 0; i < x.length / 2; i++) {
            float s = (float) (0.5 * Math.sin(2 * Math.PI * f * i / rate));
            x[2 * i] = s;
            x[2 * i + 1] = s;
        }
        Path wav = dir.resolve("tone.wav");
        WavWriter.writePcm16(wav, x, 2, rate);
        RecordingFrames r = frontEnd(ShortRecordingPolicy.PAD).frames(wav);
        assertEquals(4.0, r.seconds(), 1e-3);
        int frame = r.frameCount() / 2;
        int best = 0;
        for (int k = 1; k < 64; k++) {
            if (r.frames()[frame * 64 + k] > r.frames()[frame * 64 + best]) {
                best = k;
            }
        }
        assertTrue(Math.abs(best - bandOf(f)) <= 1, "tone at " + f + " Hz peaks in band " + best + ", expected " + bandOf(f));
    }

    @Test
    void shortRecordingsArePaddedWithSilenceOrSkipped() throws IOException {
        float[] x = new float[16000];
        java.util.Arrays.fill(x, 0f);
        Path wav = dir.resolve("short.wav");
        WavWriter.writePcm16(wav, x, 1, 16000);
        RecordingFrames padded = frontEnd(ShortRecordingPolicy.PAD).frames(wav);
        assertTrue(padded.padded());
        assertEquals(Windows.FRAMES, padded.frameCount());
        assertEquals(1.0, padded.seconds(), 1e-9);
        for (float v : padded.frames()) {
            assertEquals((float) Math.log(0.01), v, 1e-6f); // silence gives log(0.01) everywhere
        }
        RecordingFrames skipped = frontEnd(ShortRecordingPolicy.SKIP).frames(wav);
        assertTrue(skipped.tooShort());
        assertEquals(0, skipped.frameCount());
    }

    @Test
    void windowArithmetic() {
        assertEquals(48240, Windows.samplesForOneWindow(400, 160));
        assertEquals(0, Windows.count(299));
        assertEquals(1, Windows.count(599));
        assertEquals(2, Windows.count(600));
        assertEquals(3, Windows.count(600, 150));
        assertEquals(0, Windows.count(10, 150));
    }
}
