package io.colisten.train.world;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a WAV file we wrote is complete: our 44-byte header for 16 kHz mono PCM16 and exactly the expected data. */
final class WavCheck {
    private WavCheck() {}

    static boolean complete(Path file, int samples) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) != 44L + 2L * samples) return false;
            byte[] h = new byte[44];
            try (InputStream in = Files.newInputStream(file)) {
                if (in.readNBytes(h, 0, 44) != 44) return false;
            }
            ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
            return b.getInt(0) == 0x46464952 /* RIFF */ && b.getInt(8) == 0x45564157 /* WAVE */
                    && b.getShort(20) == 1 && b.getShort(22) == 1 && b.getInt(24) == TrackPlan.SAMPLE_RATE
                    && b.getShort(34) == 16 && b.getInt(36) == 0x61746164 /* data */ && b.getInt(40) == 2 * samples;
        } catch (IOException e) {
            return false;
        }
    }
}
