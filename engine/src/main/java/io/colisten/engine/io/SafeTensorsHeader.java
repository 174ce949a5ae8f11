package io.colisten.engine.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
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
        List<TensorInfo> tensors = new ArrayList<>();
        Map<String, TensorInfo> byName = new HashMap<>();
        Map<String, String> metadata = null;
        try (JsonParser json = Json.parser(text)) {
            json.nextToken(); // '{', checked above
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String key = Json.text(json);
                if (key.equals(METADATA_KEY)) {
                    if (metadata != null) throw new SafeTensorsException(file, "header has two \"__metadata__\" entries");
                    json.nextToken();
                    metadata = parseMetadata(file, json);
                } else {
                    if (byName.containsKey(key)) throw new SafeTensorsException(file, "duplicate tensor name " + quote(key));
                    json.nextToken();
                    TensorInfo t = parseEntry(file, json, key);
                    tensors.add(t);
                    byName.put(key, t);
                }
            }
            Json.expectEnd(json, "text after the header object");
        } catch (SafeTensorsException e) {
            throw e;
        } catch (IOException e) { // Jackson's parse errors and ours (Json.error)
            throw new SafeTensorsException(file, "header is not valid JSON: " + JsonErrors.describe(e, text), e);
        }
        checkLayout(file, tensors, fileSize - dataStart);
        return new SafeTensorsHeader(Collections.unmodifiableList(tensors), Collections.unmodifiableMap(byName),
                metadata == null ? Map.of() : Collections.unmodifiableMap(metadata), dataStart);
    }

    /** The value at the current token: an object of strings. */
    private static Map<String, String> parseMetadata(Path file, JsonParser json) throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            throw new SafeTensorsException(file, "\"__metadata__\" is not an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String key = Json.text(json);
            if (json.nextToken() != JsonToken.VALUE_STRING) {
                throw new SafeTensorsException(file, "\"__metadata__\" value of " + quote(key) + " is not a string");
            }
            if (out.put(key, Json.text(json)) != null) {
                throw new SafeTensorsException(file, "duplicate \"__metadata__\" key " + quote(key));
            }
        }
        return out;
    }

    /** The value at the current token: {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}. */
    private static TensorInfo parseEntry(Path file, JsonParser json, String name) throws IOException {
        String where = "tensor " + quote(name);
        if (json.currentToken() != JsonToken.START_OBJECT) throw new SafeTensorsException(file, where + ": entry is not an object");
        String dtypeName = null;
        long[] shape = null, offsets = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = Json.text(json);
            switch (field) {
                case "dtype" -> {
                    if (dtypeName != null) throw new SafeTensorsException(file, where + ": duplicate field \"dtype\"");
                    if (json.nextToken() != JsonToken.VALUE_STRING) throw new SafeTensorsException(file, where + ": dtype is not a string");
                    dtypeName = Json.text(json);
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

    /** The array after the current field name: non-negative integers within a long (shape or offsets). */
    private static long[] readNaturals(Path file, JsonParser json, String what) throws IOException {
        if (json.nextToken() != JsonToken.START_ARRAY) throw new SafeTensorsException(file, what + " is not an array of integers");
        long[] out = new long[4];
        int n = 0;
        for (JsonToken t = json.nextToken(); t != JsonToken.END_ARRAY; t = json.nextToken()) {
            if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                throw new SafeTensorsException(file, what + " is not an array of integers");
            }
            String number = json.getText(); // at most Json.MAX_NUMBER_LENGTH characters
            if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                throw new SafeTensorsException(file, what + ": expected an integer but found " + abbreviate(number) + at(json));
            }
            long v;
            try {
                v = Long.parseLong(number);
            } catch (NumberFormatException e) {
                throw new SafeTensorsException(file, what + ": integer " + abbreviate(number) + " is out of range" + at(json));
            }
            if (v < 0) throw new SafeTensorsException(file, what + " has a negative value " + v);
            if (n == out.length) out = Arrays.copyOf(out, n * 2);
            out[n++] = v;
        }
        return Arrays.copyOf(out, n);
    }

    private static String abbreviate(String number) {
        return number.length() <= 40 ? number : number.substring(0, 37) + "...";
    }

    private static String at(JsonParser json) {
        return " at character " + json.currentTokenLocation().getCharOffset();
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
        return Json.quote(name);
    }

}
