package io.colisten.engine.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The package's JSON over Jackson's streaming API. Reading is strict RFC 8259 (Jackson's defaults:
 * no comments, no trailing commas, no leading zeros, no unescaped control characters) plus what
 * Jackson lets through and we refuse: unpaired surrogates from backslash-u escapes (see
 * {@link #text}), duplicate keys (checked by the callers, which give specific messages), and
 * anything after the root value ({@link #expectEnd}). Writing matches serde_json's compact form
 * (the reference safetensors implementation): only '"', '\\' and control characters are escaped
 * (short forms, else lowercase backslash-u00xx), everything else is raw UTF-8.
 */
final class Json {
    /** Containers deep: the header needs 3, the training-state progress a handful. */
    static final int MAX_DEPTH = 32;
    /** Characters in one number: an in-range header integer has at most 20, a double at most 24. */
    static final int MAX_NUMBER_LENGTH = 100;

    /**
     * Strings, names and the document are bounded by the header's own limit (the reference
     * accepts names of any length within it). Names are not canonicalised: each header's names are
     * unique, so the shared symbol table would only collect hostile names and could fail on
     * crafted hash collisions with an exception that is not a parse error.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength((int) SafeTensorsHeader.MAX_HEADER_BYTES)
                    .maxNameLength((int) SafeTensorsHeader.MAX_HEADER_BYTES)
                    .maxDocumentLength(SafeTensorsHeader.MAX_HEADER_BYTES)
                    .build())
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            // Supplementary characters as 4-byte UTF-8 (Jackson's default escapes them as pairs).
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private Json() {}

    static JsonParser parser(String text) throws IOException {
        return FACTORY.createParser(text);
    }

    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** Compact UTF-8 JSON of what {@code body} generates. */
    static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("json: writing to memory failed", e); // a generator misuse: a bug here
        }
        return out.toByteArray();
    }

    /**
     * The current string or member name; one with an unpaired surrogate (possible only through
     * backslash-u escapes, as the text came from strict UTF-8) is an error.
     */
    static String text(JsonParser p) throws IOException {
        String s = p.getText();
        int bad = unpairedSurrogate(s);
        if (bad >= 0) throw error(p, String.format("unpaired surrogate U+%04X in \\u escape", (int) s.charAt(bad)));
        return s;
    }

    /** Index of the first unpaired surrogate in {@code s}, or -1. */
    static int unpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
            else if (Character.isSurrogate(c)) return i;
        }
        return -1;
    }

    /** A string for the writer: unpaired surrogates have no UTF-8 form, so they are refused. */
    static String checked(String s, String what) {
        int bad = unpairedSurrogate(s);
        if (bad >= 0) {
            throw new IllegalArgumentException(String.format("json: %s starting %s has an unpaired surrogate U+%04X at index %d",
                    what, quote(s.substring(0, bad)), (int) s.charAt(bad), bad));
        }
        return s;
    }

    /** A syntax error of ours at the current token, for {@link JsonErrors#describe}. */
    static JsonParseException error(JsonParser p, String problem) {
        return new JsonParseException(p, problem, p.currentTokenLocation());
    }

    /** After the root value: only whitespace may follow. */
    static void expectEnd(JsonParser p, String what) throws IOException {
        JsonToken t;
        try {
            t = p.nextToken();
        } catch (JsonParseException e) {
            throw new JsonParseException(p, what, e.getLocation(), e);
        }
        if (t != null) throw error(p, what);
    }

    /**
     * The value at the current token as a tree: objects as insertion-ordered maps (a duplicate
     * key is an error), arrays as lists, integers within a long as Long, other numbers as Double,
     * JSON null as null. Recursion is bounded by {@link #MAX_DEPTH}.
     */
    static Object readTree(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) throw error(p, "expected a value but found the end of the text");
        return switch (t) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = text(p);
                    if (map.containsKey(key)) throw error(p, "duplicate key " + quote(key));
                    p.nextToken();
                    map.put(key, readTree(p));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken u = p.nextToken(); u != JsonToken.END_ARRAY; u = p.nextToken()) list.add(readTree(p));
                yield list;
            }
            case VALUE_STRING -> text(p);
            case VALUE_NUMBER_INT -> {
                try {
                    yield Long.parseLong(p.getText());
                } catch (NumberFormatException e) {
                    yield Double.parseDouble(p.getText()); // JSON numbers have no size limit
                }
            }
            case VALUE_NUMBER_FLOAT -> Double.parseDouble(p.getText());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw error(p, "unexpected " + t);
        };
    }

    /**
     * Writes a tree of maps (string keys), lists, strings, booleans, nulls and numbers: integral
     * types as integers, floats and doubles in Java's shortest round-trip form (finite only).
     */
    static void writeTree(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(checked(s, "string"));
            case Boolean b -> g.writeBoolean(b);
            case Long l -> g.writeNumber(l);
            case Integer i -> g.writeNumber(i);
            case Short s -> g.writeNumber(s);
            case Byte b -> g.writeNumber(b);
            case Double d -> {
                if (!Double.isFinite(d)) throw new IllegalArgumentException("json: " + d + " is not a JSON number");
                g.writeNumber(d);
            }
            case Float f -> {
                if (!Float.isFinite(f)) throw new IllegalArgumentException("json: " + f + " is not a JSON number");
                g.writeNumber(f);
            }
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw new IllegalArgumentException("json: object key " + e.getKey() + " is not a string");
                    }
                    g.writeFieldName(checked(key, "key"));
                    writeTree(g, e.getValue());
                }
                g.writeEndObject();
            }
            case List<?> list -> {
                g.writeStartArray();
                for (Object o : list) writeTree(g, o);
                g.writeEndArray();
            }
            default -> throw new IllegalArgumentException("json: cannot write a " + v.getClass().getSimpleName());
        }
    }

    /** A name for messages: JSON-quoted, shortened to 80 characters (hostile names cannot flood a log). */
    static String quote(String name) {
        String s = name.length() > 80 ? name.substring(0, 77) + "..." : name;
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
    }
}
