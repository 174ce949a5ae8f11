package io.colisten.engine.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each rule of the header check on a hand-made file: a {@link SafeTensorsException} whose message
 * starts with the file and names the problem (notes/safetensors.md lists the rules).
 */
class SafeTensorsValidationTest {
    @TempDir
    Path dir;
    private int files;

    /** A file with header length {@code n}, then {@code header} bytes and {@code data} zero bytes. */
    private Path raw(long n, byte[] header, int data) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(n).put(header);
        Path p = dir.resolve("case" + (files++) + ".safetensors");
        Files.write(p, b.array());
        return p;
    }

    private Path file(String header, int data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return raw(h.length, h, data);
    }

    private static void rejected(Path p, String... mentions) {
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.read(p));
        assertTrue(e.getMessage().startsWith(p.toString() + ": "), e.getMessage());
        for (String m : mentions) assertTrue(e.getMessage().contains(m), "'" + e.getMessage() + "' should mention '" + m + "'");
    }

    private static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    @Test
    void lengthField() throws IOException {
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 0, 0});
        rejected(tiny, "3 bytes", "fewer than the 8-byte header length");
        rejected(raw(0, new byte[0], 0), "header length is 0");
        rejected(raw(100_000_001L, "{}".getBytes(), 0), "exceeds the limit of 100000000");
        rejected(raw(-1L, "{}".getBytes(), 0), "18446744073709551615", "exceeds the limit");
        rejected(raw(1L << 40, "{}".getBytes(), 0), "exceeds the limit");
        rejected(raw(10, "{}".getBytes(), 0), "header length 10 runs past the end of the file (10 bytes, so at most 2)");
    }

    @Test
    void headerText() throws IOException {
        rejected(raw(3, new byte[] {'{', (byte) 0xC3, '}'}, 0), "not valid UTF-8");
        rejected(file(" {}", 0), "does not start with '{'");
        rejected(file("[]", 0), "does not start with '{'");
        rejected(file("{,}", 0), "not valid JSON", "expected a string");
        rejected(file("{}x", 0), "not valid JSON", "text after the header object");
        rejected(file("{\"a\" 1}", 0), "not valid JSON", "expected ':'");
        rejected(file("{\"a", 0), "not valid JSON", "unterminated string");
        rejected(file("{\"a\\q\":1}", 0), "invalid escape");
        rejected(file("{\"\\ud800\":1}", 0), "unpaired surrogate");
        rejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[01],\"data_offsets\":[0,4]}}", 4), "leading zero");
        rejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,18446744073709551616]}}", 4), "out of range");
    }

    @Test
    void spacePaddingAndEmptyHeadersAreValid() throws IOException {
        assertTrue(SafeTensors.read(file("{}      ", 0)).tensors().isEmpty());
        assertEquals("v", SafeTensors.read(file("{\"__metadata__\":{\"k\":\"v\"}}", 0)).metadata().get("k"));
        assertTrue(SafeTensors.read(file("{\"__metadata__\":{}}", 0)).metadata().isEmpty());
        // Empty tensors share an offset with their neighbours without overlapping them.
        SafeTensors.Contents c = SafeTensors.read(file("{" + entry("e1", "F32", "[0]", 0, 0) + "," + entry("a", "I64", "[]", 0, 8)
                + "," + entry("e2", "F16", "[3,0]", 8, 8) + "}", 8));
        assertEquals(3, c.tensors().size());
    }

    @Test
    void entries() throws IOException {
        rejected(file("{\"a\":1}", 0), "tensor \"a\": entry is not an object");
        rejected(file("{\"a\":{\"shape\":[],\"data_offsets\":[0,4]}}", 4), "tensor \"a\": missing field \"dtype\"");
        rejected(file("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4), "missing field \"shape\"");
        rejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[]}}", 4), "missing field \"data_offsets\"");
        rejected(file("{\"a\":{\"dtype\":5,\"shape\":[],\"data_offsets\":[0,4]}}", 4), "dtype is not a string");
        rejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":\"x\",\"data_offsets\":[0,4]}}", 4), "shape is not an array of integers");
        rejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", 4), "shape", "expected an integer");
        rejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[[1]],\"data_offsets\":[0,4]}}", 4), "shape is not an array of integers");
        rejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4],\"x\":1}}", 4), "unknown field \"x\"");
        rejected(file("{\"a\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}", 4), "duplicate field \"dtype\"");
        rejected(file("{" + entry("a", "F31", "[]", 0, 4) + "}", 4), "unknown dtype \"F31\"");
        rejected(file("{" + entry("a", "F4", "[]", 0, 4) + "}", 4), "dtype F4 is not supported");
        rejected(file("{" + entry("a", "F32", "[-1]", 0, 4) + "}", 4), "shape has a negative value -1");
        rejected(file("{" + entry("a", "F32", "[4611686018427387904,4]", 0, 4) + "}", 4), "overflows");
        rejected(file("{" + entry("a", "F32", "[2305843009213693952]", 0, 4) + "}", 4), "overflows");
        rejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0]}}", 4), "data_offsets must be [begin, end]");
        rejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4,8]}}", 4), "data_offsets must be [begin, end]");
        rejected(file("{" + entry("a", "F32", "[]", 4, 0) + "}", 4), "begin 4 > end 0");
        rejected(file("{" + entry("a", "F32", "[2]", 0, 4) + "}", 4), "hold 4 bytes but F32 shape [2] needs 8");
        rejected(file("{" + entry("a", "F32", "[]", 0, 4) + "," + entry("a", "F32", "[]", 4, 8) + "}", 8), "duplicate tensor name \"a\"");
    }

    @Test
    void metadata() throws IOException {
        rejected(file("{\"__metadata__\":{\"k\":1}}", 0), "\"__metadata__\" value of \"k\" is not a string");
        rejected(file("{\"__metadata__\":[]}", 0), "\"__metadata__\" is not an object of strings");
        rejected(file("{\"__metadata__\":null}", 0), "\"__metadata__\" is not an object of strings");
        rejected(file("{\"__metadata__\":{\"k\":\"a\",\"k\":\"b\"}}", 0), "duplicate \"__metadata__\" key \"k\"");
        rejected(file("{\"__metadata__\":{},\"__metadata__\":{}}", 0), "two \"__metadata__\" entries");
    }

    @Test
    void layout() throws IOException {
        rejected(file("{" + entry("a", "F32", "[]", 4, 8) + "}", 4), "ends at byte 8", "only 4 bytes");
        rejected(file("{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[]", 4, 8) + "}", 8),
                "tensor \"b\" [4, 8) overlaps tensor \"a\" [0, 8)");
        rejected(file("{" + entry("a", "F32", "[]", 0, 4) + "," + entry("b", "F32", "[]", 8, 12) + "}", 12),
                "gap of 4 bytes", "before tensor \"b\"");
        rejected(file("{" + entry("a", "F32", "[]", 4, 8) + "}", 8), "gap of 4 bytes");
        rejected(file("{" + entry("a", "F32", "[]", 0, 4) + "}", 6), "has 6 bytes but the tensors cover only 4 (2 trailing bytes)");
        rejected(file("{}", 1), "has 1 bytes but the tensors cover only 0");
    }

    @Test
    void hostileNamesAreShortenedInMessages() throws IOException {
        String name = "x".repeat(10_000);
        Path p = file("{" + entry(name, "F32", "[]", 0, 8) + "}", 8);
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.read(p));
        assertTrue(e.getMessage().length() < 400, e.getMessage());
    }
}
