package io.colisten.engine.io;

import java.util.List;
import java.util.Map;

/**
 * Compact JSON output matching serde_json's (the reference implementation's) and Python's
 * {@code json.dumps(..., separators=(",", ":"), ensure_ascii=False)}: no spaces; strings escape
 * '"', '\\', \b \f \n \r \t and other control characters as lowercase backslash-u00xx; everything
 * else, non-ASCII included, is written as is.
 */
final class JsonWriter {
    private JsonWriter() {}

    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    /**
     * A tree of maps (string keys), lists, strings, booleans, {@link JsonReader#NULL} or null, and
     * numbers: integral types as integers, floats and doubles in Java's shortest round-trip form
     * (finite values only).
     */
    static void value(StringBuilder out, Object v) {
        switch (v) {
            case null -> out.append("null");
            case String str -> string(out, str);
            case Boolean b -> out.append(b);
            case Long l -> out.append(l);
            case Integer i -> out.append(i);
            case Short sh -> out.append(sh);
            case Byte by -> out.append(by);
            case Double d -> {
                if (!Double.isFinite(d)) throw new IllegalArgumentException("json: " + d + " is not a JSON number");
                out.append(d);
            }
            case Float f -> {
                if (!Float.isFinite(f)) throw new IllegalArgumentException("json: " + f + " is not a JSON number");
                out.append(f);
            }
            case Map<?, ?> m -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!(e.getKey() instanceof String key)) throw new IllegalArgumentException("json: object key " + e.getKey() + " is not a string");
                    if (!first) out.append(',');
                    first = false;
                    string(out, key);
                    out.append(':');
                    value(out, e.getValue());
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) out.append(',');
                    value(out, list.get(i));
                }
                out.append(']');
            }
            default -> {
                if (v == JsonReader.NULL) out.append("null");
                else throw new IllegalArgumentException("json: cannot write a " + v.getClass().getSimpleName());
            }
        }
    }
}
