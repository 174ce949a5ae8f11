package io.colisten.engine.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The safetensors format (8-byte little-endian header length N, N bytes of UTF-8 JSON mapping
 * tensor names to dtype, shape and data_offsets plus an optional "__metadata__" map of strings,
 * then the raw little-endian data), written byte for byte as the reference implementation writes
 * it and read with every header field checked against the file. notes/safetensors.md has the
 * layout choices and the validation rules.
 *
 * <pre>{@code
 * SafeTensors.write(path, Map.of("fc.weight", TensorData.f32(w, 128, 64)), Map.of("model", "smallcnn"));
 * try (SafeTensorsReader r = SafeTensors.open(path)) {
 *     float[] w = r.read("fc.weight").floats();
 * }
 * }</pre>
 */
public final class SafeTensors {
    private SafeTensors() {}

    /** A whole file in memory: tensors in header order, and the metadata. */
    public record Contents(Map<String, TensorData> tensors, Map<String, String> metadata) {}

    /**
     * Writes {@code tensors} and {@code metadata} (may be null or empty: then no "__metadata__")
     * atomically to {@code file}: a temporary file beside it, fsync, rename over the target.
     */
    public static void write(Path file, Map<String, TensorData> tensors, Map<String, String> metadata) throws IOException {
        SafeTensorsWriter.write(file, tensors, metadata);
    }

    /** Opens a file for reading tensors one at a time; the header is validated here. */
    public static SafeTensorsReader open(Path file) throws IOException {
        return SafeTensorsReader.open(file);
    }

    /** Reads every tensor and the metadata. */
    public static Contents read(Path file) throws IOException {
        try (SafeTensorsReader r = open(file)) {
            return new Contents(r.readAll(), r.metadata());
        }
    }
}
