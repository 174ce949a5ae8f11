package io.colisten.engine.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Lays out and writes a safetensors file the way the reference implementation does: tensors
 * sorted by dtype alignment (largest first) then by name (UTF-8 bytes), their data back to back
 * from offset 0; a compact JSON header with "__metadata__" first (keys sorted) and the entries in
 * data order; the header padded with spaces to a multiple of 8 so every tensor is aligned.
 */
final class SafeTensorsWriter {
    private static final int CHUNK = 1 << 20;

    private SafeTensorsWriter() {}

    /** The unsigned lexicographic order of UTF-8 bytes (Rust's String order). */
    static final Comparator<String> UTF8_ORDER =
            (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    record Entry(String name, TensorData data, long begin, long end) {}

    record Layout(byte[] header, List<Entry> entries, long dataLength) {}

    static Layout layout(Map<String, TensorData> tensors, Map<String, String> metadata) {
        List<Map.Entry<String, TensorData>> sorted = new ArrayList<>(tensors.entrySet());
        for (Map.Entry<String, TensorData> e : sorted) {
            if (e.getKey() == null || e.getValue() == null) throw new IllegalArgumentException("safetensors: null tensor name or data");
            if (e.getKey().equals(SafeTensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException("safetensors: \"__metadata__\" is reserved and cannot name a tensor");
            }
        }
        sorted.sort(Comparator.<Map.Entry<String, TensorData>>comparingInt(e -> -e.getValue().dtype().writeRank())
                .thenComparing(Map.Entry::getKey, UTF8_ORDER));
        StringBuilder json = new StringBuilder("{");
        if (metadata != null && !metadata.isEmpty()) {
            json.append("\"__metadata__\":{");
            List<String> keys = new ArrayList<>(metadata.keySet());
            keys.sort(UTF8_ORDER);
            for (int i = 0; i < keys.size(); i++) {
                String v = metadata.get(keys.get(i));
                if (keys.get(i) == null || v == null) throw new IllegalArgumentException("safetensors: null metadata key or value");
                if (i > 0) json.append(',');
                JsonWriter.string(json, keys.get(i));
                json.append(':');
                JsonWriter.string(json, v);
            }
            json.append('}');
        }
        List<Entry> entries = new ArrayList<>(sorted.size());
        long offset = 0;
        for (Map.Entry<String, TensorData> e : sorted) {
            TensorData d = e.getValue();
            long end = offset + d.byteLength();
            entries.add(new Entry(e.getKey(), d, offset, end));
            if (json.length() > 1) json.append(',');
            JsonWriter.string(json, e.getKey());
            json.append(":{\"dtype\":\"").append(d.dtype().name()).append("\",\"shape\":[");
            long[] shape = d.shape();
            for (int i = 0; i < shape.length; i++) {
                if (i > 0) json.append(',');
                json.append(shape[i]);
            }
            json.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        json.append('}');
        byte[] text = json.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (text.length + 7) & ~7;
        if (padded > SafeTensorsHeader.MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("safetensors: header of " + padded + " bytes exceeds the format's limit of "
                    + SafeTensorsHeader.MAX_HEADER_BYTES);
        }
        byte[] header = Arrays.copyOf(text, padded);
        Arrays.fill(header, text.length, padded, (byte) ' ');
        return new Layout(header, entries, offset);
    }

    static void write(Path file, Map<String, TensorData> tensors, Map<String, String> metadata) throws IOException {
        Layout layout = layout(tensors, metadata);
        AtomicFiles.write(file, ch -> writeTo(ch, layout));
    }

    private static void writeTo(FileChannel ch, Layout layout) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(layout.header().length);
        drain(ch, buf.flip());
        drain(ch, ByteBuffer.wrap(layout.header()));
        for (Entry e : layout.entries()) {
            TensorData d = e.data();
            int size = d.dtype().size(), perChunk = CHUNK / size, n = d.elements();
            for (int done = 0; done < n; done += perChunk) {
                int count = Math.min(perChunk, n - done);
                buf.clear();
                d.encode(buf, done, count);
                drain(ch, buf.flip());
            }
        }
    }

    private static void drain(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) ch.write(buf);
    }
}
