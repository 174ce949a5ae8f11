package io.colisten.nn.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads RIFF/WAVE (and RF64) natively, from a file or streaming from an InputStream (ffmpeg's
 * output through a pipe), into mono floats at the native rate (see {@link InterleavedToMono}).
 *
 * <p>Encodings: PCM 8-bit unsigned, 16/24/32-bit signed (also 12 or 20 bits left-justified in
 * whole bytes), IEEE float 32/64, and WAVE_FORMAT_EXTENSIBLE with a PCM or float subformat
 * (validBitsPerSample honoured). Any channel count and rate. Chunks other than fmt, ds64 and data
 * (LIST, fact, cue, odd-sized ones with their pad byte) are skipped; the first data chunk is read.
 *
 * <p>Sizes. A file's declared sizes are checked against the file's length before anything is
 * read or allocated: a chunk (data included) that claims more bytes than the file holds fails as
 * {@code "truncated: data chunk says D bytes, file has A"}. The rule: the data chunk is truncated
 * when the bytes missing from it amount to at least one whole frame (D - A >= blockAlign);
 * otherwise the whole frames that are there are decoded silently (a data size that is not a whole
 * number of frames, a writer that counted a pad byte, a last frame cut short). A whole frame
 * missing means lost audio (a cut copy, a crashed writer): the recording is reported rather than
 * half-used. A stream's length is unknown, so it is checked as it is read: a stream that ends a
 * frame or more short of its declared size, before the clip point, is truncated; a data size of 0
 * or 0xFFFFFFFF (what ffmpeg writes to a pipe; RF64 without a ds64 size) means "read to the end".
 * In a file, 0 is an empty recording and 0xFFFFFFFF a size like any other.
 *
 * <p>Clipping: only the first {@code maxSeconds * rate} frames are read and then reading stops
 * (the rest of a file is never touched); {@link DecodedAudio#clipped()} tells that there was more.
 * Thread-safe: an instance holds only its limit.
 */
public final class WavReader {
    /** The DESIGN limit: use at most the first 600 s of a recording. */
    public static final double DEFAULT_MAX_SECONDS = 600;
    /** Largest float[] a JVM hands out, with room for its header. */
    private static final long MAX_FRAMES = Integer.MAX_VALUE - 16;
    private static final int BUFFER_BYTES = 1 << 16;
    private static final int FIRST_CAPACITY = 1 << 16;
    private static final long SIZE_UNKNOWN = 0xFFFFFFFFL;

    private final double maxSeconds;

    public WavReader() {
        this(DEFAULT_MAX_SECONDS);
    }

    /** @param maxSeconds decode at most this many seconds (positive; infinity for no limit) */
    public WavReader(double maxSeconds) {
        if (!(maxSeconds > 0)) {
            throw new IllegalArgumentException("maxSeconds must be positive: " + maxSeconds);
        }
        this.maxSeconds = maxSeconds;
    }

    public double maxSeconds() {
        return maxSeconds;
    }

    /** Reads a WAV file; every failure is an AudioDecodeException naming the file. */
    public DecodedAudio read(Path file) throws AudioDecodeException {
        String name = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return read(new RiffInput(in, name, Files.size(file)));
        } catch (AudioDecodeException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new AudioDecodeException(name, "no such file", e);
        } catch (IOException e) {
            throw new AudioDecodeException(name, "cannot read: " + e, e);
        }
    }

    /**
     * Reads a WAV stream to the end of its data chunk (or of the stream, when the data size is
     * unknown), or to the clip point; the caller closes {@code in}.
     *
     * @param name how errors name the stream (the file it came from)
     */
    public DecodedAudio read(InputStream in, String name) throws AudioDecodeException {
        return read(in, name, RiffInput.UNKNOWN_LENGTH);
    }

    /** As for a file of {@code length} bytes read through {@code in} (tests count what is read). */
    DecodedAudio read(InputStream in, String name, long length) throws AudioDecodeException {
        try {
            return read(new RiffInput(in, name, length));
        } catch (AudioDecodeException e) {
            throw e;
        } catch (IOException e) {
            throw new AudioDecodeException(name, "cannot read: " + e, e);
        }
    }

    private DecodedAudio read(RiffInput in) throws IOException {
        String name = in.name();
        byte[] head = new byte[WavFormat.EXTENSIBLE_SIZE];
        int got = in.read(head, 12);
        String riff = fourCc(head, 0, got);
        if (!riff.equals("RIFF") && !riff.equals("RF64")) {
            throw new AudioDecodeException(name, got == 0 ? "no RIFF header (no bytes)"
                    : "no RIFF header (starts with '" + printable(head, got) + "')");
        }
        if (got < 12) {
            throw new AudioDecodeException(name, "truncated: " + got + " bytes, shorter than a RIFF/WAVE header");
        }
        if (!fourCc(head, 8, got).equals("WAVE")) {
            throw new AudioDecodeException(name, "RIFF form type '" + printable(Arrays.copyOfRange(head, 8, 12), 4)
                    + "' is not WAVE");
        }
        boolean rf64 = riff.equals("RF64");
        long ds64DataSize = -1;
        WavFormat format = null;
        boolean dataBeforeFmt = false;
        chunks:
        while (in.read(head, 8) == 8) {
            String id = fourCc(head, 0, 8);
            long size = Integer.toUnsignedLong(le32(head, 4));
            switch (id) {
                case "fmt " -> {
                    if (dataBeforeFmt) {
                        throw new AudioDecodeException(name, "fmt chunk comes after the data chunk");
                    }
                    if (format != null) {
                        in.skipBody("fmt", size);
                        continue;
                    }
                    in.checkFits("fmt", size);
                    int n = (int) Math.min(size, WavFormat.EXTENSIBLE_SIZE);
                    Arrays.fill(head, (byte) 0);
                    in.readFully(head, n, "fmt", size);
                    format = WavFormat.parse(name, head, size);
                    in.skipRest("fmt", size, n);
                }
                case "ds64" -> {
                    in.checkFits("ds64", size);
                    int n = (int) Math.min(size, 16);
                    in.readFully(head, n, "ds64", size);
                    if (rf64 && n == 16) {
                        // A size past 2^63 is as absurd as any other past the end of the file.
                        ds64DataSize = le64(head, 8) < 0 ? Long.MAX_VALUE : le64(head, 8);
                    }
                    in.skipRest("ds64", size, n);
                }
                case "data" -> {
                    long declared = rf64 && size == SIZE_UNKNOWN && ds64DataSize >= 0 ? ds64DataSize : size;
                    if (format != null) {
                        return readData(in, format, declared);
                    }
                    if (!in.isFile() && (declared == 0 || declared == SIZE_UNKNOWN)) {
                        throw new AudioDecodeException(name, "no fmt chunk before the data chunk");
                    }
                    // Walk on only to tell "no fmt at all" from "fmt too late".
                    dataBeforeFmt = true;
                    if (in.isFile() && declared > in.remaining()) {
                        break chunks;
                    }
                    in.skipBody("data", declared);
                }
                default -> in.skipBody(id.strip(), size);
            }
        }
        throw new AudioDecodeException(name, format == null ? "no fmt chunk" : "no data chunk");
    }

    private DecodedAudio readData(RiffInput in, WavFormat format, long declared) throws IOException {
        String name = in.name();
        int frameBytes = format.blockAlign();
        boolean toEnd = !in.isFile() && (declared == 0 || declared == SIZE_UNKNOWN);
        long declaredFrames = toEnd ? -1 : declared / frameBytes;
        if (in.isFile()) {
            if (declared - in.remaining() >= frameBytes) {
                throw in.truncated("data", declared, in.remaining());
            }
            // Short by less than a frame: the whole frames that are there.
            declaredFrames = Math.min(declared, in.remaining()) / frameBytes;
        }
        if (declaredFrames == 0) {
            throw new AudioDecodeException(name, "empty: no audio samples");
        }
        long limit = Math.clamp((long) Math.floor(maxSeconds * format.sampleRate()), 1, MAX_FRAMES);
        long want = toEnd ? limit : Math.min(declaredFrames, limit);

        // A file's frames were checked against its length; a stream grows its buffer as data comes.
        float[] out = new float[(int) (in.isFile() ? want : Math.min(want, FIRST_CAPACITY))];
        int framesPerRead = Math.max(1, BUFFER_BYTES / frameBytes);
        byte[] buf = new byte[(int) Math.min((long) framesPerRead, want) * frameBytes];
        long frames = 0;
        long bytes = 0;
        while (frames < want) {
            int n = (int) Math.min(framesPerRead, want - frames);
            int got = in.read(buf, n * frameBytes);
            bytes += got;
            int whole = got / frameBytes;
            if (frames + whole > out.length) {
                out = Arrays.copyOf(out, (int) Math.min(want, Math.max(frames + whole, 2L * out.length)));
            }
            InterleavedToMono.convert(out, (int) frames, buf, whole, format);
            frames += whole;
            if (got < n * frameBytes) {
                break;
            }
        }
        if (!toEnd && frames < want && declared - bytes >= frameBytes) {
            throw in.truncated("data", declared, bytes);
        }
        if (frames == 0) {
            throw new AudioDecodeException(name, "empty: no audio samples");
        }
        // A stream read to its end is clipped when one more whole frame follows the clip point.
        boolean clipped = toEnd ? frames == limit && in.read(buf, frameBytes) == frameBytes : declaredFrames > limit;
        if (frames < out.length) {
            out = Arrays.copyOf(out, (int) frames);
        }
        return DecodedAudio.of(out, format.sampleRate(), clipped);
    }

    private static int le32(byte[] b, int off) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(off);
    }

    private static long le64(byte[] b, int off) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(off);
    }

    private static String fourCc(byte[] b, int off, int available) {
        return available < off + 4 ? "" : new String(b, off, 4, StandardCharsets.ISO_8859_1);
    }

    /** The first bytes of a header as text, non-printable ones escaped, e.g. "ID3\x03". */
    private static String printable(byte[] b, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(n, 4); i++) {
            int c = b[i] & 0xFF;
            s.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return s.toString();
    }
}
