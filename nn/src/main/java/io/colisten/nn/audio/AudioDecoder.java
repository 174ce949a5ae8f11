package io.colisten.nn.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * Decodes any audio file to mono floats at its native rate: RIFF/WAVE and RF64 natively
 * ({@link WavReader}), everything else, and WAV encodings we do not read (ADPCM, A-law, ...),
 * through ffmpeg ({@link FfmpegDecoder}). The first bytes decide: "RIFF"/"RF64" + "WAVE" is read
 * natively, text is refused as text, the rest goes to ffmpeg. At most {@code maxSeconds} are
 * decoded. Every failure is an {@link AudioDecodeException} naming the file and the reason.
 * Thread-safe: ingest shares one instance across its workers.
 */
public final class AudioDecoder {
    /** Enough of a file to tell WAV, text and the rest apart. */
    private static final int HEAD_BYTES = 512;

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
        byte[] head = head(file, name);
        if (!isWav(head)) {
            String text = textStart(head);
            if (text != null) {
                throw new AudioDecodeException(name, "not an audio file (text, starting \"" + text + "\")");
            }
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

    /** Up to the first {@link #HEAD_BYTES} bytes of the file. */
    private static byte[] head(Path file, String name) throws AudioDecodeException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        } catch (AccessDeniedException e) {
            throw new AudioDecodeException(name, "permission denied");
        } catch (IOException e) {
            throw new AudioDecodeException(name, "cannot read: " + e, e);
        }
    }

    /** "RIFF" or "RF64" followed by the WAVE form type (or too short to have one: WavReader says why). */
    private static boolean isWav(byte[] head) {
        int n = head.length;
        boolean riff = n >= 4 && (Arrays.equals(head, 0, 4, new byte[] {'R', 'I', 'F', 'F'}, 0, 4)
                || Arrays.equals(head, 0, 4, new byte[] {'R', 'F', '6', '4'}, 0, 4));
        return riff && (n < 12 || Arrays.equals(head, 8, 12, new byte[] {'W', 'A', 'V', 'E'}, 0, 4));
    }

    /**
     * The first words of a file that is text (UTF-8 without control characters), null otherwise.
     * No audio format is text, and ffmpeg would read some text as a video (its "tty" demuxer) and
     * then report no audio stream, or ask for ffmpeg where none would help.
     */
    private static String textStart(byte[] head) {
        for (byte b : head) {
            int c = b & 0xFF;
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) {
                return null;
            }
        }
        CharBuffer chars = CharBuffer.allocate(head.length);
        // Not the end of input: a character cut by the head's end is no error.
        CoderResult r = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(head), chars, false);
        if (r.isError()) {
            return null;
        }
        String text = chars.flip().toString().strip().replaceAll("\\s+", " ");
        return text.length() <= 30 ? text : text.substring(0, 30).strip() + "...";
    }
}
