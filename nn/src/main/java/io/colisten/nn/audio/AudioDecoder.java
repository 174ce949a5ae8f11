package io.colisten.nn.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * Decodes any audio file to mono floats at its native rate: RIFF/WAVE and RF64 natively
 * ({@link WavReader}), everything else, and WAV encodings we do not read (ADPCM, A-law, ...),
 * through ffmpeg ({@link FfmpegDecoder}). At most {@code maxSeconds} are decoded. Every failure is
 * an {@link AudioDecodeException} naming the file and the reason. Thread-safe: ingest shares one
 * instance across its workers.
 */
public final class AudioDecoder {
    private final WavReader wav;
    private final FfmpegDecoder ffmpeg;

    /** At most {@link WavReader#DEFAULT_MAX_SECONDS} (600 s) per recording. */
    public AudioDecoder() {
        this(WavReader.DEFAULT_MAX_SECONDS);
    }

    public AudioDecoder(double maxSeconds) {
        this(maxSeconds, FfmpegDecoder.defaultExecutable());
    }

    /** @param ffmpegExecutable a path to ffmpeg or a name looked up on the PATH */
    public AudioDecoder(double maxSeconds, String ffmpegExecutable) {
        this.wav = new WavReader(maxSeconds);
        this.ffmpeg = new FfmpegDecoder(ffmpegExecutable, maxSeconds);
    }

    public double maxSeconds() {
        return wav.maxSeconds();
    }

    public DecodedAudio decode(Path file) throws AudioDecodeException {
        String name = file.toString();
        checkRegularNonEmpty(file, name);
        if (!looksLikeWav(file, name)) {
            if (!ffmpeg.isAvailable()) {
                throw new AudioDecodeException(name, "not a WAV file (no RIFF header) and " + ffmpeg.missingReason()
                        + ": " + FfmpegDecoder.INSTALL_HINT);
            }
            return ffmpeg.decode(file);
        }
        try {
            return wav.read(file);
        } catch (UnsupportedWavEncodingException e) {
            if (!ffmpeg.isAvailable()) {
                throw new AudioDecodeException(name, e.reason() + " and " + ffmpeg.missingReason() + ": "
                        + FfmpegDecoder.INSTALL_HINT);
            }
            try {
                return ffmpeg.decode(file);
            } catch (AudioDecodeException viaFfmpeg) {
                throw new AudioDecodeException(name, e.reason() + "; " + viaFfmpeg.reason(), viaFfmpeg);
            }
        }
    }

    private static void checkRegularNonEmpty(Path file, String name) throws AudioDecodeException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new AudioDecodeException(name, "no such file");
        } catch (AccessDeniedException e) {
            throw new AudioDecodeException(name, "permission denied");
        } catch (IOException e) {
            throw new AudioDecodeException(name, "cannot read: " + e, e);
        }
        if (attributes.isDirectory()) {
            throw new AudioDecodeException(name, "is a directory, not an audio file");
        }
        if (!attributes.isRegularFile()) {
            throw new AudioDecodeException(name, "not a regular file");
        }
        if (attributes.size() == 0) {
            throw new AudioDecodeException(name, "empty file (0 bytes)");
        }
    }

    /** "RIFF" or "RF64" followed by the WAVE form type (or too short to have one: WavReader says why). */
    private static boolean looksLikeWav(Path file, String name) throws AudioDecodeException {
        byte[] head = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (AccessDeniedException e) {
            throw new AudioDecodeException(name, "permission denied");
        } catch (IOException e) {
            throw new AudioDecodeException(name, "cannot read: " + e, e);
        }
        boolean riff = n >= 4 && (Arrays.equals(head, 0, 4, new byte[] {'R', 'I', 'F', 'F'}, 0, 4)
                || Arrays.equals(head, 0, 4, new byte[] {'R', 'F', '6', '4'}, 0, 4));
        return riff && (n < 12 || Arrays.equals(head, 8, 12, new byte[] {'W', 'A', 'V', 'E'}, 0, 4));
    }
}
