package io.colisten.engine.io;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed and validated safetensors header. {@link #parse} checks everything the data layout
 * depends on before anything is allocated from it (notes/safetensors.md lists the rules): the
 * JSON is an object starting at the first byte; each entry has exactly dtype, shape and
 * data_offsets of the right types; shapes are non-negative with products that fit 63 bits; every
 * range has the size its dtype and shape imply; and the ranges, sorted, tile the data section
 * from 0 to its end with no gap and no overlap.
 *
 * @param tensors entries in header order
 * @param metadata the "__metadata__" strings (empty when absent), in header order
 * @param dataStart file offset of the data section: 8 + header length
 */
record SafeTensorsHeader(List<TensorInfo> tensors, Map<String, TensorInfo> byName, Map<String, String> metadata,
                         long dataStart) {
    /** The reference implementation's limit on the header length. */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    static final String METADATA_KEY = "__metadata__";

    /** Checks the 8-byte length field against the file before the header is read. */
    static void checkLength(Path file, long headerLength, long fileSize) throws SafeTensorsException {
        if (headerLength == 0) throw new SafeTensorsException(file, "header length is 0; a header is at least \"{}\"");
        if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
            throw new SafeTensorsException(file, "header length " + Long.toUnsignedString(headerLength)
                    + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
        }
        if (headerLength > fileSize - 8) {
            throw new SafeTensorsException(file, "header length " + headerLength + " runs past the end of the file ("
                    + fileSize + " bytes, so at most " + Math.max(0, fileSize - 8) + ")");
        }
    }

    /** Decodes, parses and validates a header of a file of {@code fileSize} bytes. */
    static SafeTensorsHeader parse(Path file, byte[] header, long fileSize) throws SafeTensorsException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(header)).toString();
        } catch (CharacterCodingException e) {
            throw new SafeTensorsException(file, "header is not valid UTF-8");
        }
        if (text.isEmpty() || text.charAt(0) != '{') {
            throw new SafeTensorsException(file, "header does not start with '{'");
        }
        long dataStart = 8L + header.length;
        JsonReader json = new JsonReader(text);
        List<TensorInfo> tensors = new ArrayList<>();
        Map<String, TensorInfo> byName = new HashMap<>();
        Map<String, String> metadata = null;
        try {
            json.expect('{');
            if (!json.consume('}')) {
                do {
                    String key = json.readString();
                    json.expect(':');
                    if (key.equals(METADATA_KEY)) {
                        if (metadata != null) throw new SafeTensorsException(file, "header has two \"__metadata__\" entries");
                        metadata = parseMetadata(file, json);
                    } else {
                        if (byName.containsKey(key)) throw new SafeTensorsException(file, "duplicate tensor name " + quote(key));
                        TensorInfo t = parseEntry(file, json, key);
                        tensors.add(t);
                        byName.put(key, t);
                    }
                } while (json.consume(','));
                json.expect('}');
            }
            if (!json.atEnd()) throw json.error("text after the header object");
        } catch (JsonReader.JsonException e) {
            throw new SafeTensorsException(file, "header is not valid JSON: " + e.getMessage());
        }
        checkLayout(file, tensors, fileSize - dataStart);
        return new SafeTensorsHeader(Collections.unmodifiableList(tensors), Collections.unmodifiableMap(byName),
                metadata == null ? Map.of() : Collections.unmodifiableMap(metadata), dataStart);
    }

    private static Map<String, String> parseMetadata(Path file, JsonReader json) throws SafeTensorsException {
        if (json.peek() != '{') throw new SafeTensorsException(file, "\"__metadata__\" is not an object of strings");
        json.expect('{');
        Map<String, String> out = new LinkedHashMap<>();
        if (json.consume('}')) return out;
        do {
            String key = json.readString();
            json.expect(':');
            if (json.peek() != '"') {
                throw new SafeTensorsException(file, "\"__metadata__\" value of " + quote(key) + " is not a string");
            }
            if (out.put(key, json.readString()) != null) {
                throw new SafeTensorsException(file, "duplicate \"__metadata__\" key " + quote(key));
            }
        } while (json.consume(','));
        json.expect('}');
        return out;
    }

    private static TensorInfo parseEntry(Path file, JsonReader json, String name) throws SafeTensorsException {
        String where = "tensor " + quote(name);
        if (json.peek() != '{') throw new SafeTensorsException(file, where + ": entry is not an object");
        json.expect('{');
        String dtypeName = null;
        long[] shape = null, offsets = null;
        if (!json.consume('}')) {
            do {
                String field = json.readString();
                json.expect(':');
                switch (field) {
                    case "dtype" -> {
                        if (dtypeName != null) throw new SafeTensorsException(file, where + ": duplicate field \"dtype\"");
                        if (json.peek() != '"') throw new SafeTensorsException(file, where + ": dtype is not a string");
                        dtypeName = json.readString();
                    }
                    case "shape" -> {
                        if (shape != null) throw new SafeTensorsException(file, where + ": duplicate field \"shape\"");
                        shape = readNaturals(file, json, where + ": shape");
                    }
                    case "data_offsets" -> {
                        if (offsets != null) throw new SafeTensorsException(file, where + ": duplicate field \"data_offsets\"");
                        offsets = readNaturals(file, json, where + ": data_offsets");
                    }
                    default -> throw new SafeTensorsException(file, where + ": unknown field " + quote(field)
                            + " (expected dtype, shape, data_offsets)");
                }
            } while (json.consume(','));
            json.expect('}');
        }
        if (dtypeName == null) throw new SafeTensorsException(file, where + ": missing field \"dtype\"");
        if (shape == null) throw new SafeTensorsException(file, where + ": missing field \"shape\"");
        if (offsets == null) throw new SafeTensorsException(file, where + ": missing field \"data_offsets\"");
        Dtype dtype = Dtype.byName(dtypeName);
        if (dtype == null) {
            throw new SafeTensorsException(file, where + ": " + (Dtype.UNSUPPORTED.contains(dtypeName)
                    ? "dtype " + dtypeName + " is not supported" : "unknown dtype " + quote(dtypeName)));
        }
        if (offsets.length != 2) {
            throw new SafeTensorsException(file, where + ": data_offsets must be [begin, end], got " + offsets.length + " numbers");
        }
        long begin = offsets[0], end = offsets[1];
        if (begin > end) throw new SafeTensorsException(file, where + ": data_offsets begin " + begin + " > end " + end);
        long bytes = byteSize(shape, dtype.size());
        if (bytes < 0) {
            throw new SafeTensorsException(file, where + ": shape " + Arrays.toString(shape) + " of " + dtype
                    + " overflows 63 bits of bytes");
        }
        if (end - begin != bytes) {
            throw new SafeTensorsException(file, where + ": data_offsets [" + begin + ", " + end + "] hold " + (end - begin)
                    + " bytes but " + dtype + " shape " + Arrays.toString(shape) + " needs " + bytes);
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    /** An array of non-negative integers (shape or offsets). */
    private static long[] readNaturals(Path file, JsonReader json, String what) throws SafeTensorsException {
        if (json.peek() != '[') throw new SafeTensorsException(file, what + " is not an array of integers");
        json.expect('[');
        long[] out = new long[4];
        int n = 0;
        if (!json.consume(']')) {
            do {
                int c = json.peek();
                if (c != '-' && (c < '0' || c > '9')) throw new SafeTensorsException(file, what + " is not an array of integers");
                long v;
                try {
                    v = json.readLong();
                } catch (JsonReader.JsonException e) {
                    throw new SafeTensorsException(file, what + ": " + e.getMessage());
                }
                if (v < 0) throw new SafeTensorsException(file, what + " has a negative value " + v);
                if (n == out.length) out = Arrays.copyOf(out, n * 2);
                out[n++] = v;
            } while (json.consume(','));
            json.expect(']');
        }
        return Arrays.copyOf(out, n);
    }

    /** Bytes of a tensor, or -1 when the element count or the byte count overflows a long. */
    private static long byteSize(long[] shape, int elementSize) {
        long n = 1;
        for (long d : shape) if (d == 0) return 0;
        try {
            for (long d : shape) n = Math.multiplyExact(n, d);
            return Math.multiplyExact(n, (long) elementSize);
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    /** The ranges sorted by (begin, end) must cover [0, dataLength) exactly once. */
    private static void checkLayout(Path file, List<TensorInfo> tensors, long dataLength) throws SafeTensorsException {
        TensorInfo[] sorted = tensors.toArray(new TensorInfo[0]);
        Arrays.sort(sorted, Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long covered = 0;
        TensorInfo previous = null;
        for (TensorInfo t : sorted) {
            if (t.end() > dataLength) {
                throw new SafeTensorsException(file, "tensor " + quote(t.name()) + " ends at byte " + t.end()
                        + " of the data section, which has only " + dataLength + " bytes");
            }
            if (t.begin() < covered) {
                throw new SafeTensorsException(file, "tensor " + quote(t.name()) + " [" + t.begin() + ", " + t.end()
                        + ") overlaps tensor " + quote(previous.name()) + " [" + previous.begin() + ", " + previous.end() + ")");
            }
            if (t.begin() > covered) {
                throw new SafeTensorsException(file, "gap of " + (t.begin() - covered) + " bytes in the data section before tensor "
                        + quote(t.name()) + " (at " + covered + "); the tensors must cover it without holes");
            }
            covered = t.end();
            if (t.end() > t.begin()) previous = t;
            else if (previous == null) previous = t;
        }
        if (covered != dataLength) {
            throw new SafeTensorsException(file, "the data section has " + dataLength + " bytes but the tensors cover only "
                    + covered + " (" + (dataLength - covered) + " trailing bytes)");
        }
    }

    /** A name for messages: JSON-quoted, shortened when long. */
    static String quote(String name) {
        StringBuilder sb = new StringBuilder();
        JsonWriter.string(sb, name.length() > 80 ? name.substring(0, 77) + "..." : name);
        return sb.toString();
    }

}
