package io.colisten.nn.audio;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decodes whatever ffmpeg reads (FLAC, MP3, Ogg/Vorbis, Opus, M4A/AAC, ADPCM WAV, ...) by running
 *
 * <pre>ffmpeg -nostdin -hide_banner -v error -i file:ABSOLUTE_PATH -map 0:a:0 -t SECONDS -f wav -c:a pcm_f32le -</pre>
 *
 * and reading its stdout through a pipe with {@link WavReader} (no temporary file). ffmpeg keeps
 * the native channel count and rate, so that mixing to mono and resampling are ours whatever the
 * format. {@code -t} asks for one second more than the limit so that a longer recording shows up
 * as clipped; the process is killed as soon as reading stops early. stderr is drained on a thread
 * and its last lines become the reason of a failure. Thread-safe (holds only configuration).
 */
public final class FfmpegDecoder {
    /** System property naming the ffmpeg executable (a path, or a name looked up on the PATH). */
    public static final String EXECUTABLE_PROPERTY = "colisten.ffmpeg";
    static final String INSTALL_HINT = "install ffmpeg (apt-get install ffmpeg) to decode MP3, FLAC, Ogg, Opus, M4A/AAC";
    /** How long ffmpeg may take to exit once its output has ended. */
    private static final long EXIT_WAIT_SECONDS = 30;

    private final String executable;
    private final Path resolved;
    private final double maxSeconds;
    private final WavReader reader;

    /** Uses {@link #defaultExecutable()}. */
    public FfmpegDecoder(double maxSeconds) {
        this(defaultExecutable(), maxSeconds);
    }

    /**
     * @param executable a path to ffmpeg, or a bare name looked up on the PATH
     * @param maxSeconds decode at most this many seconds (positive; infinity for no limit)
     */
    public FfmpegDecoder(String executable, double maxSeconds) {
        this.executable = executable;
        this.resolved = resolve(executable);
        this.maxSeconds = maxSeconds;
        this.reader = new WavReader(maxSeconds);
    }

    /** The system property {@value #EXECUTABLE_PROPERTY}, else "ffmpeg". */
    public static String defaultExecutable() {
        return System.getProperty(EXECUTABLE_PROPERTY, "ffmpeg");
    }

    /** Whether the default executable is there; looked up once per JVM. */
    public static boolean available() {
        return DefaultAvailability.AVAILABLE;
    }

    private static final class DefaultAvailability {
        static final boolean AVAILABLE = resolve(defaultExecutable()) != null;
    }

    /** Whether this decoder's executable is there (looked up when it was made). */
    public boolean isAvailable() {
        return resolved != null;
    }

    /** "ffmpeg is not on the PATH" or "ffmpeg is not at /given/path". */
    String missingReason() {
        return isBareName(executable) ? executable + " is not on the PATH" : "ffmpeg is not at " + executable;
    }

    /** The command line for one file. */
    List<String> command(Path file) {
        List<String> cmd = new ArrayList<>(List.of(resolved == null ? executable : resolved.toString(),
                "-nostdin", "-hide_banner", "-v", "error",
                // "file:" stops ffmpeg from reading a name with a colon as a protocol (http:, concat:).
                "-i", inputUrl(file),
                "-map", "0:a:0"));
        if (Double.isFinite(maxSeconds)) {
            cmd.addAll(List.of("-t", BigDecimal.valueOf(maxSeconds + 1).toPlainString()));
        }
        cmd.addAll(List.of("-f", "wav", "-c:a", "pcm_f32le", "-"));
        return cmd;
    }

    /** Decodes one file; every failure is an AudioDecodeException naming the file. */
    public DecodedAudio decode(Path file) throws AudioDecodeException {
        String name = file.toString();
        if (resolved == null) {
            throw new AudioDecodeException(name, missingReason() + ": " + INSTALL_HINT);
        }
        Process process;
        try {
            process = new ProcessBuilder(command(file)).start();
        } catch (IOException e) {
            throw new AudioDecodeException(name, "cannot run " + resolved + " (" + e.getMessage() + "): " + INSTALL_HINT,
                    e);
        }
        try {
            return decode(process, name, file);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private DecodedAudio decode(Process process, String name, Path file) throws AudioDecodeException {
        StderrTail stderr = StderrTail.start(process.getErrorStream(), "ffmpeg stderr");
        DecodedAudio audio = null;
        AudioDecodeException readFailure = null;
        try (InputStream stdout = process.getInputStream()) {
            process.getOutputStream().close();
            audio = reader.read(stdout, name);
            if (audio.clipped()) {
                // Enough read: stop ffmpeg decoding the rest (before closing its pipe, so it exits quietly).
                process.destroyForcibly();
            }
        } catch (AudioDecodeException e) {
            readFailure = e;
        } catch (IOException e) {
            readFailure = new AudioDecodeException(name, "reading ffmpeg's output: " + e, e);
        }
        int exit = waitForExit(process, name);
        if (audio != null && audio.clipped()) {
            return audio;
        }
        if (exit != 0) {
            throw new AudioDecodeException(name, ffmpegReason(exit, stderr.lines(5000), file), readFailure);
        }
        if (readFailure != null) {
            throw readFailure;
        }
        return audio;
    }

    private static int waitForExit(Process process, String name) throws AudioDecodeException {
        try {
            if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AudioDecodeException(name, "interrupted while ffmpeg was decoding", e);
        }
    }

    /**
     * "ffmpeg (exit 1): mp3: Failed to read frame size / Invalid argument": the last two lines of
     * stderr, without ffmpeg's repetition of the input name and its "@ 0x5555..." addresses.
     */
    private static String ffmpegReason(int exit, List<String> lines, Path file) {
        String input = inputUrl(file) + ": ";
        List<String> cleaned = new ArrayList<>();
        for (String line : lines) {
            String s = line.replace(input, "").replaceAll("^\\[(\\S+) @ 0x[0-9a-fA-F]+\\] ", "$1: ").strip();
            if (!s.isEmpty() && (cleaned.isEmpty() || !cleaned.getLast().equals(s))) {
                cleaned.add(s);
            }
        }
        String prefix = "ffmpeg (exit " + exit + ")";
        if (cleaned.isEmpty()) {
            return prefix + " printed no reason";
        }
        for (String line : cleaned) {
            if (line.contains("matches no streams")) {
                return "no audio stream (" + prefix + ": " + line + ")";
            }
        }
        return prefix + ": " + String.join(" / ", cleaned.subList(Math.max(0, cleaned.size() - 2), cleaned.size()));
    }

    private static String inputUrl(Path file) {
        return "file:" + file.toAbsolutePath();
    }

    private static boolean isBareName(String executable) {
        return !executable.contains(File.separator);
    }

    /** The executable's path, or null when it is not there. */
    private static Path resolve(String executable) {
        try {
            if (!isBareName(executable)) {
                Path p = Path.of(executable);
                return Files.isRegularFile(p) && Files.isExecutable(p) ? p : null;
            }
            String path = System.getenv("PATH");
            if (path == null) {
                return null;
            }
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path p = Path.of(dir, executable);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            }
        } catch (InvalidPathException e) {
            return null;
        }
        return null;
    }
}
