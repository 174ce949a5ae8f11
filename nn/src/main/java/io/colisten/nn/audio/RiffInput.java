package io.colisten.nn.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A forward-only reader of RIFF chunks that counts its position and knows, for a file, how many
 * bytes remain; for a stream (a pipe) the length is unknown. Every size a header declares is
 * checked against what remains before anything is skipped, so a hostile size is reported as a
 * truncation instead of being acted on.
 */
final class RiffInput {
    /** Length of a stream whose end is only known by reaching it. */
    static final long UNKNOWN_LENGTH = -1;

    private final InputStream in;
    private final String name;
    private final long length;
    private long position;

    RiffInput(InputStream in, String name, long length) {
        this.in = new BufferedInputStream(in, 8192);
        this.name = name;
        this.length = length;
    }

    String name() {
        return name;
    }

    boolean isFile() {
        return length != UNKNOWN_LENGTH;
    }

    /** Bytes left in a file; only meaningful when {@link #isFile()}. */
    long remaining() {
        return length - position;
    }

    long position() {
        return position;
    }

    /** Reads up to n bytes into buf[0, n), fewer only at the end of the input; returns the count. */
    int read(byte[] buf, int n) throws IOException {
        int got = in.readNBytes(buf, 0, n);
        position += got;
        return got;
    }

    /** Reads exactly n bytes or reports the chunk as truncated. */
    void readFully(byte[] buf, int n, String chunk, long declared) throws AudioDecodeException, IOException {
        int got = read(buf, n);
        if (got < n) {
            throw truncated(chunk, declared, got);
        }
    }

    /**
     * Files: fails unless {@code declared} bytes of the named chunk fit in what is left, before any
     * byte of it is read. Streams: nothing to check up front.
     */
    void checkFits(String chunk, long declared) throws AudioDecodeException {
        if (isFile() && declared > remaining()) {
            throw truncated(chunk, declared, remaining());
        }
    }

    /** Skips a chunk body and its pad byte (a missing pad byte at the very end is tolerated). */
    void skipBody(String chunk, long size) throws AudioDecodeException, IOException {
        skipRest(chunk, size, 0);
    }

    /**
     * Skips what is left of a chunk of {@code declared} bytes of which {@code consumed} were read,
     * then its pad byte when {@code declared} is odd.
     */
    void skipRest(String chunk, long declared, long consumed) throws AudioDecodeException, IOException {
        if (isFile() && declared - consumed > remaining()) {
            throw truncated(chunk, declared, consumed + remaining());
        }
        long left = declared - consumed;
        byte[] scratch = isFile() ? null : new byte[(int) Math.min(left, 8192)];
        while (left > 0) {
            // A stream is read through, not skipped: skip() is optional for an InputStream, a pipe gains nothing.
            long skipped = isFile() ? in.skip(left) : in.read(scratch, 0, (int) Math.min(left, scratch.length));
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw truncated(chunk, declared, declared - left);
                }
                skipped = 1;
            }
            left -= skipped;
            position += skipped;
        }
        if ((declared & 1) == 1 && in.read() >= 0) {
            position++;
        }
    }

    /** "truncated: data chunk says 882000 bytes, file has 1200" ({@code had}: bytes of the chunk there). */
    AudioDecodeException truncated(String chunk, long declared, long had) {
        String where = isFile() ? "file has " + had : "stream ended after " + had;
        return new AudioDecodeException(name, "truncated: " + chunk + " chunk says " + declared + " bytes, " + where);
    }
}
