package io.colisten.nn.embed;

import io.colisten.engine.io.AtomicFiles;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Two-dimensional float32 arrays in NumPy's {@code .npy} format. Written as NumPy 1.24's
 * {@code numpy.save} writes them, byte for byte: magic {@code \x93NUMPY}, version 1.0, a
 * little-endian uint16 header length, the header
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (N, D), }} followed by spaces (room
 * for the first axis to grow to 21 digits, then up to a multiple of 64 bytes) and a newline, then
 * the N x D values, little-endian, C order. Reading takes versions 1.0, 2.0 and 3.0 and checks the
 * header ({@link NpyHeader}) and that the data is exactly N x D x 4 bytes. Errors name the file.
 */
public final class Npy {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    static final int ALIGN = 64;
    static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final int CHUNK = 1 << 20;

    /** A row-major rows x cols float32 matrix. */
    public record Matrix(int rows, int cols, float[] data) {}

    private Npy() {}

    /** The whole header (magic, version, length, dict, padding) for a rows x cols float32 array. */
    static byte[] header(long rows, long cols) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        dict += " ".repeat(GROWTH_AXIS_MAX_DIGITS - Long.toString(rows).length());
        int hlen = dict.length() + 1;
        int pad = ALIGN - ((MAGIC.length + 2 + 2 + hlen) % ALIGN);
        byte[] text = (dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        return b.array();
    }

    /** Writes data[rows x cols] atomically. */
    public static void write(Path file, float[] data, int rows, int cols) throws IOException {
        if (rows < 0 || cols < 0 || (long) rows * cols != data.length) {
            throw new IllegalArgumentException(file + ": " + data.length + " values are not " + rows + " x " + cols);
        }
        byte[] head = header(rows, cols);
        AtomicFiles.write(file, ch -> {
            writeFully(ch, ByteBuffer.wrap(head));
            ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            for (int at = 0; at < data.length; ) {
                int n = Math.min(CHUNK / 4, data.length - at);
                buf.clear();
                buf.asFloatBuffer().put(data, at, n);
                buf.limit(4 * n);
                writeFully(ch, buf);
                at += n;
            }
        });
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }

    /** Reads a two-dimensional little-endian float32 array in C order. */
    public static Matrix read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, pre, 0, file, "the header");
            pre.flip();
            for (byte m : MAGIC) {
                if (pre.get() != m) throw new NpyFormatException(file, "not a .npy file (no \\x93NUMPY magic)");
            }
            int major = pre.get() & 0xFF, minor = pre.get() & 0xFF;
            long hlen;
            int prefix;
            if (major == 1 && minor == 0) {
                hlen = pre.getShort() & 0xFFFF;
                prefix = 10;
            } else if ((major == 2 || major == 3) && minor == 0) {
                hlen = pre.getInt() & 0xFFFFFFFFL;
                prefix = 12;
            } else {
                throw new NpyFormatException(file, "format version " + major + "." + minor + " is not 1.0, 2.0 or 3.0");
            }
            if (prefix + hlen > size || hlen > 1 << 20) {
                throw new NpyFormatException(file, "header length " + hlen + " does not fit the file (" + size + " bytes)");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) hlen);
            readFully(ch, hb, prefix, file, "the header");
            String text = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            NpyHeader h;
            try {
                h = NpyHeader.parse(text);
            } catch (IllegalArgumentException e) {
                throw new NpyFormatException(file, "header " + e.getMessage());
            }
            if (!h.descr().equals("<f4")) {
                throw new NpyFormatException(file, "dtype '" + h.descr() + "' is not little-endian float32 ('<f4')");
            }
            if (h.fortranOrder()) throw new NpyFormatException(file, "Fortran order is not supported (save a C-ordered array)");
            if (h.shape().length != 2) {
                throw new NpyFormatException(file, "shape has " + h.shape().length + " dimensions, expected 2 (N, D)");
            }
            long rows = h.shape()[0], cols = h.shape()[1];
            long values = rows * cols;
            if (rows > Integer.MAX_VALUE || cols > Integer.MAX_VALUE || values > Integer.MAX_VALUE - 8
                    || (rows != 0 && values / rows != cols)) {
                throw new NpyFormatException(file, "shape (" + rows + ", " + cols + ") is too large for one array");
            }
            long dataBytes = size - prefix - hlen;
            if (dataBytes != 4 * values) {
                throw new NpyFormatException(file, "holds " + dataBytes + " bytes of data but shape (" + rows + ", " + cols
                        + ") needs " + 4 * values);
            }
            float[] data = new float[(int) values];
            ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            long pos = prefix + hlen;
            for (int at = 0; at < data.length; ) {
                int n = Math.min(CHUNK / 4, data.length - at);
                buf.clear().limit(4 * n);
                readFully(ch, buf, pos, file, "the data");
                buf.flip();
                buf.asFloatBuffer().get(data, at, n);
                pos += 4L * n;
                at += n;
            }
            return new Matrix((int) rows, (int) cols, data);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos, Path file, String what) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) throw new EOFException(file + ": ends inside " + what);
            pos += n;
        }
    }
}
