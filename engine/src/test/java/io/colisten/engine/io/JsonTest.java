package io.colisten.engine.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON settings over Jackson that the safetensors files depend on: the writer escapes exactly
 * as serde_json does (Jackson's defaults differ: uppercase hex, escaped surrogate pairs), unpaired
 * surrogates are refused both ways, and the training-state progress tree keeps its types and limits.
 */
class JsonTest {
    @TempDir
    Path dir;

    /**
     * Every control character, the escaped and unescaped punctuation, DEL, 2-, 3- and 4-byte UTF-8
     * and U+2028. Expected: Python's json.dumps(s, ensure_ascii=False), which serde_json matches.
     */
    @Test
    void headerStringsAreEscapedLikeSerdeJson() {
        StringBuilder sb = new StringBuilder();
        for (char c = 0; c < 0x20; c++) sb.append(c);
        String s = sb.append("\"\\/\u007F\u00E9\u65E5\uD83C\uDFB5\u2028").toString();
        String escaped = "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f\\u0010"
                + "\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f"
                + "\\\"\\\\/\u007F\u00E9\u65E5\uD83C\uDFB5\u2028\"";
        byte[] header = SafeTensorsWriter.layout(Map.of(s, TensorData.f32(new float[] {1})), Map.of(s, s)).header();
        String want = "{\"__metadata__\":{" + escaped + ":" + escaped + "}," + escaped
                + ":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}";
        assertEquals(want, new String(header, StandardCharsets.UTF_8).stripTrailing());
        byte[] bytes = want.getBytes(StandardCharsets.UTF_8);
        assertEquals(Arrays.toString(bytes), Arrays.toString(Arrays.copyOf(header, bytes.length)), "4-byte UTF-8, not a CESU pair");
    }

    @Test
    void unpairedSurrogatesAreRefused() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> SafeTensorsWriter.layout(Map.of("a\uD800", TensorData.f32(new float[] {1})), null));
        assertThrows(IllegalArgumentException.class, () -> SafeTensorsWriter.layout(Map.of(), Map.of("k", "\uDC00x")));
        assertThrows(IllegalArgumentException.class, () -> Json.write(g -> Json.writeTree(g, Map.of("k", List.of("\uD83C")))));
        try (var p = Json.parser("[\"ok \\ud83c\\udfb5\", \"\\udfb5\\ud83c\"]")) {
            p.nextToken();
            assertEquals(com.fasterxml.jackson.core.JsonToken.VALUE_STRING, p.nextToken());
            assertEquals("ok \uD83C\uDFB5", Json.text(p), "an escaped pair is one character");
            p.nextToken();
            IOException e = assertThrows(IOException.class, () -> Json.text(p));
            assertTrue(JsonErrors.describe(e, "").startsWith("unpaired surrogate U+DFB5"), e.getMessage());
        }
    }

    @Test
    void progressTreeKeepsTypesAndNulls() throws IOException {
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("stage", "triplet \u00e9\n");
        progress.put("epoch", 3L);
        progress.put("small", 7);
        progress.put("rate", 1e-5);
        progress.put("ratio", 0.1f);
        progress.put("none", null);
        progress.put("nested", Map.of("list", new ArrayList<>(Arrays.asList(true, null, -0.0))));
        String json = new String(Json.write(g -> Json.writeTree(g, progress)), StandardCharsets.UTF_8);
        assertEquals("{\"stage\":\"triplet \u00e9\\n\",\"epoch\":3,\"small\":7,\"rate\":1.0E-5,\"ratio\":0.1,\"none\":null,"
                + "\"nested\":{\"list\":[true,null,-0.0]}}", json);
        Map<String, Object> back = parse(json);
        assertEquals(3L, back.get("epoch"));
        assertEquals(7L, back.get("small"), "integers come back as Long");
        assertEquals(1e-5, back.get("rate"));
        assertEquals(0.1, (Double) back.get("ratio"), 1e-8);
        assertTrue(back.containsKey("none"));
        assertNull(back.get("none"));
        assertEquals(Arrays.asList(true, null, -0.0), ((Map<?, ?>) back.get("nested")).get("list"));
        assertEquals(1.8446744073709552E19, parse("{\"big\":18446744073709551616}").get("big"), "beyond a long: a Double");

        assertThrows(IllegalArgumentException.class, () -> Json.write(g -> Json.writeTree(g, Map.of("x", Double.NaN))));
        Map<Object, Object> intKey = new HashMap<>();
        intKey.put(1, 2);
        assertThrows(IllegalArgumentException.class, () -> Json.write(g -> Json.writeTree(g, intKey)));
    }

    @Test
    void progressTreeLimits() {
        String deep = "{\"a\":" + "[".repeat(31) + "]".repeat(31) + "}";
        assertThrows(IOException.class, () -> parse("{\"a\":" + "[".repeat(32) + "]".repeat(32) + "}"));
        try {
            parse(deep);
        } catch (IOException e) {
            throw new AssertionError("32 levels are allowed", e);
        }
        assertEquals("nesting deeper than 32", message("{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}"));
        assertEquals("number longer than 100 characters", message("{\"a\":" + "1".repeat(101) + "}"));
        assertEquals("duplicate key \"a\" at character 7", message("{\"a\":1,\"a\":2}"));
        assertEquals("text after the progress at character 8", message("{\"a\":1} {}"));
        assertEquals("expected ':' but found '1' at character 5", message("{\"a\" 1}"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) throws IOException {
        try (var p = Json.parser(json)) {
            p.nextToken();
            Object tree = Json.readTree(p);
            Json.expectEnd(p, "text after the progress");
            return (Map<String, Object>) tree;
        }
    }

    private static String message(String json) {
        IOException e = assertThrows(IOException.class, () -> parse(json));
        return JsonErrors.describe(e, json);
    }
}
