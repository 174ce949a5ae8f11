package io.colisten.engine.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An open safetensors file: the header is read and validated on open (only the header: tensor
 * data is read on request, one tensor at a time, by positional reads on a {@link FileChannel}).
 * Reads are safe from several threads at once. Close it when done (try-with-resources).
 */
public final class SafeTensorsReader implements AutoCloseable {
    /** Bytes decoded per positional read. */
    private static final int CHUNK = 1 << 20;

    /** Where the bytes come from: a file, or memory (tests). Positional reads, safe across threads. */
    interface Source extends java.io.Closeable {
        long size() throws IOException;

        /** Reads into {@code dst} from {@code position}; -1 at the end. */
        int read(ByteBuffer dst, long position) throws IOException;
    }

    private final Path file;
    private final Source channel;
    private final long fileSize;
    private final SafeTensorsHeader header;

    private SafeTensorsReader(Path file, Source channel, long fileSize, SafeTensorsHeader header) {
        this.file = file;
        this.channel = channel;
        this.fileSize = fileSize;
        this.header = header;
    }

    /** Opens {@code file} and validates its header; a malformed file is a {@link SafeTensorsException}. */
    public static SafeTensorsReader open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        return open(file, new Source() {
            @Override
            public long size() throws IOException { return ch.size(); }

            @Override
            public int read(ByteBuffer dst, long position) throws IOException { return ch.read(dst, position); }

            @Override
            public void close() throws IOException { ch.close(); }
        });
    }

    /** Reads the file's bytes from memory; {@code name} stands for the file in messages. */
    static SafeTensorsReader open(Path name, byte[] bytes) throws IOException {
        return open(name, new Source() {
            @Override
            public long size() { return bytes.length; }

            @Override
            public int read(ByteBuffer dst, long position) {
                if (position >= bytes.length) return -1;
                int n = (int) Math.min(dst.remaining(), bytes.length - position);
                dst.put(bytes, (int) position, n);
                return n;
            }

            @Override
            public void close() {}
        });
    }

    private static SafeTensorsReader open(Path file, Source ch) throws IOException {
        try {
            long size = ch.size();
            if (size < 8) throw new SafeTensorsException(file, "file has " + size + " bytes, fewer than the 8-byte header length");
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(file, ch, len, 0);
            long n = len.getLong(0);
            SafeTensorsHeader.checkLength(file, n, size);
            ByteBuffer text = ByteBuffer.allocate((int) n);
            readFully(file, ch, text, 8);
            return new SafeTensorsReader(file, ch, size, SafeTensorsHeader.parse(file, text.array(), size));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    public Path file() { return file; }

    /** The tensors in header order (the writer's offset order). */
    public List<TensorInfo> tensors() { return header.tensors(); }

    /** The "__metadata__" map (empty when the file has none). */
    public Map<String, String> metadata() { return header.metadata(); }

    public boolean contains(String name) { return header.byName().containsKey(name); }

    /** The header entry of {@code name}; a missing tensor is an error naming the file. */
    public TensorInfo info(String name) throws SafeTensorsException {
        TensorInfo t = header.byName().get(name);
        if (t == null) throw new SafeTensorsException(file, "no tensor named " + SafeTensorsHeader.quote(name));
        return t;
    }

    /**
     * One tensor's values in their natural form (see {@link TensorData}): F32 / F16 / BF16 as
     * float[], F64 as double[], integers as long[]; float8 and BOOL keep their stored bytes
     * (decoded on access), so that writing them back reproduces the file's bytes.
     */
    public TensorData read(String name) throws IOException {
        TensorInfo t = info(name);
        int n = javaLength(t);
        Dtype dtype = t.dtype();
        switch (dtype) {
            case F64 -> {
                double[] d = new double[n];
                decode(t, (buf, at, count) -> ElementCodec.decodeDoubles(buf, d, at, count));
                return TensorData.f64(d, t.shape());
            }
            case F32, F16, BF16 -> {
                float[] f = new float[n];
                decode(t, (buf, at, count) -> ElementCodec.decodeFloats(dtype, buf, f, at, count));
                return TensorData.ofFloats(dtype, f, t.shape());
            }
            case F8_E5M2, F8_E4M3, BOOL -> {
                return TensorData.raw(dtype, readBytes(name), t.shape());
            }
            default -> {
                long[] l = new long[n];
                decode(t, (buf, at, count) -> ElementCodec.decodeLongs(dtype, buf, l, at, count));
                return TensorData.ofLongs(dtype, l, t.shape());
            }
        }
    }

    /**
     * Reads a float tensor converted to float32 into {@code dst[offset ..]}, without an
     * intermediate array (checkpoint weights straight into a model's buffer).
     */
    public void readFloats(String name, float[] dst, int offset) throws IOException {
        TensorInfo t = info(name);
        if (!t.dtype().isFloat()) {
            throw new SafeTensorsException(file, "tensor " + SafeTensorsHeader.quote(name) + " is " + t.dtype() + ", not a float dtype");
        }
        int n = javaLength(t);
        if (offset < 0 || offset > dst.length - n) {
            throw new IllegalArgumentException("readFloats: " + n + " values do not fit at " + offset + " in " + dst.length);
        }
        decode(t, (buf, at, count) -> ElementCodec.decodeFloats(t.dtype(), buf, dst, offset + at, count));
    }

    /** The tensor's bytes exactly as stored (little-endian). */
    public byte[] readBytes(String name) throws IOException {
        TensorInfo t = info(name);
        if (t.byteLength() > Integer.MAX_VALUE - 8) {
            throw new SafeTensorsException(file, "tensor " + SafeTensorsHeader.quote(name) + " has " + t.byteLength()
                    + " bytes, more than a Java array holds");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) t.byteLength());
        readFully(file, channel, buf, header.dataStart() + t.begin());
        return buf.array();
    }

    /** Every tensor, in header order. */
    public Map<String, TensorData> readAll() throws IOException {
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (TensorInfo t : header.tensors()) out.put(t.name(), read(t.name()));
        return out;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private int javaLength(TensorInfo t) throws SafeTensorsException {
        if (t.elements() > Integer.MAX_VALUE - 8) {
            throw new SafeTensorsException(file, "tensor " + SafeTensorsHeader.quote(t.name()) + " has " + t.elements()
                    + " elements, more than a Java array holds");
        }
        return (int) t.elements();
    }

    private interface ChunkDecoder {
        void decode(ByteBuffer buf, int firstElement, int count);
    }

    /** Streams the tensor's bytes through a bounded buffer, whole elements per chunk. */
    private void decode(TensorInfo t, ChunkDecoder sink) throws IOException {
        int size = t.dtype().size();
        long total = t.elements();
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(size, t.byteLength()))).order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = buf.capacity() / size;
        long pos = header.dataStart() + t.begin();
        for (long done = 0; done < total; ) {
            int count = (int) Math.min(perChunk, total - done);
            buf.clear().limit(count * size);
            readFully(file, channel, buf, pos);
            buf.flip();
            sink.decode(buf, (int) done, count);
            done += count;
            pos += (long) count * size;
        }
    }

    private static void readFully(Path file, Source ch, ByteBuffer buf, long position) throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, at);
            if (r < 0) throw new SafeTensorsException(file, "file ended at byte " + at + " (did it change while being read?)");
            at += r;
        }
    }

    @Override
    public String toString() {
        return "SafeTensorsReader(" + file + ", " + header.tensors().size() + " tensors, " + fileSize + " bytes)";
    }
}
