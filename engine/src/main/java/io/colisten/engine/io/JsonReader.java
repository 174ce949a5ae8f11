package io.colisten.engine.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON (RFC 8259) cursor over a decoded string: the safetensors header is read member by
 * member with {@link #expect}, {@link #consume}, {@link #readString} and {@link #readLong}, so no
 * tree is built for it; {@link #readValue} builds a small tree (objects as insertion-ordered maps,
 * integers as Long, other numbers as Double, null as {@link #NULL}) for the training-state JSON.
 * Duplicate object keys, lone surrogates, leading zeros and nesting deeper than
 * {@link #MAX_DEPTH} are errors. Errors are {@link JsonException}s with the character offset.
 */
final class JsonReader {
    static final int MAX_DEPTH = 32;
    /** JSON null in trees from {@link #readValue} (maps and lists hold no Java nulls). */
    static final Object NULL = new Object() {
        @Override
        public String toString() { return "null"; }
    };

    static final class JsonException extends RuntimeException {
        JsonException(String message) {
            super(message);
        }
    }

    private final String s;
    private int pos;

    JsonReader(String text) {
        this.s = text;
    }

    int position() { return pos; }

    JsonException error(String what) {
        return new JsonException(what + " at character " + pos);
    }

    void skipWhitespace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    boolean atEnd() {
        skipWhitespace();
        return pos >= s.length();
    }

    /** The next non-blank character without consuming it, or -1 at the end. */
    int peek() {
        skipWhitespace();
        return pos < s.length() ? s.charAt(pos) : -1;
    }

    void expect(char c) {
        if (peek() != c) throw error("expected '" + c + "' but found " + describeNext());
        pos++;
    }

    boolean consume(char c) {
        if (peek() != c) return false;
        pos++;
        return true;
    }

    private String describeNext() {
        if (pos >= s.length()) return "the end of the text";
        char c = s.charAt(pos);
        return c >= 0x20 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    String readString() {
        if (peek() != '"') throw error("expected a string but found " + describeNext());
        pos++;
        StringBuilder sb = null;
        int start = pos;
        while (true) {
            if (pos >= s.length()) throw error("unterminated string");
            char c = s.charAt(pos);
            if (c == '"') {
                String out = sb == null ? s.substring(start, pos) : sb.append(s, start, pos).toString();
                pos++;
                return out;
            }
            if (c < 0x20) throw error(String.format("unescaped control character U+%04X in a string", (int) c));
            if (Character.isSurrogate(c)) {
                // The text came from strict UTF-8, so surrogates arrive in valid pairs.
                pos += 2;
                continue;
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            if (sb == null) sb = new StringBuilder();
            sb.append(s, start, pos);
            pos++;
            if (pos >= s.length()) throw error("unterminated escape");
            char e = s.charAt(pos++);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    char u = hex4();
                    if (Character.isHighSurrogate(u)) {
                        if (pos + 1 < s.length() && s.charAt(pos) == '\\' && s.charAt(pos + 1) == 'u') {
                            pos += 2;
                            char low = hex4();
                            if (!Character.isLowSurrogate(low)) throw error("unpaired surrogate in \\u escape");
                            sb.append(u).append(low);
                        } else {
                            throw error("unpaired surrogate in \\u escape");
                        }
                    } else if (Character.isLowSurrogate(u)) {
                        throw error("unpaired surrogate in \\u escape");
                    } else {
                        sb.append(u);
                    }
                }
                default -> {
                    pos--;
                    throw error("invalid escape '\\" + e + "'");
                }
            }
            start = pos;
        }
    }

    private char hex4() {
        if (pos + 4 > s.length()) throw error("truncated \\u escape");
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(s.charAt(pos), 16);
            if (d < 0 || s.charAt(pos) > 'f') throw error("invalid hex digit in \\u escape");
            v = v * 16 + d;
            pos++;
        }
        return (char) v;
    }

    /** The text of the next number, checked against JSON's grammar. */
    private String numberToken() {
        skipWhitespace();
        int start = pos;
        if (pos < s.length() && s.charAt(pos) == '-') pos++;
        if (pos >= s.length() || !digit(s.charAt(pos))) {
            pos = start;
            throw error("expected a number but found " + describeNext());
        }
        if (s.charAt(pos) == '0') {
            pos++;
            if (pos < s.length() && digit(s.charAt(pos))) throw error("number with a leading zero");
        } else {
            while (pos < s.length() && digit(s.charAt(pos))) pos++;
        }
        if (pos < s.length() && s.charAt(pos) == '.') {
            pos++;
            if (pos >= s.length() || !digit(s.charAt(pos))) throw error("number without digits after '.'");
            while (pos < s.length() && digit(s.charAt(pos))) pos++;
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            pos++;
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
            if (pos >= s.length() || !digit(s.charAt(pos))) throw error("number without digits in its exponent");
            while (pos < s.length() && digit(s.charAt(pos))) pos++;
        }
        return s.substring(start, pos);
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean integral(String token) {
        return token.indexOf('.') < 0 && token.indexOf('e') < 0 && token.indexOf('E') < 0;
    }

    /** An integer within a long; fractions, exponents and larger integers are errors. */
    long readLong() {
        int start = pos;
        String t = numberToken();
        if (!integral(t)) {
            pos = start;
            throw error("expected an integer but found " + abbreviate(t));
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            pos = start;
            throw error("integer " + abbreviate(t) + " is out of range");
        }
    }

    private static String abbreviate(String t) {
        return t.length() <= 40 ? t : t.substring(0, 37) + "...";
    }

    /** Any value as a tree; {@code depth} counts the containers already entered. */
    Object readValue(int depth) {
        int c = peek();
        switch (c) {
            case '{' -> {
                if (depth >= MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH);
                pos++;
                Map<String, Object> map = new LinkedHashMap<>();
                if (consume('}')) return map;
                do {
                    int keyAt = position();
                    String key = readString();
                    if (map.containsKey(key)) {
                        pos = keyAt;
                        throw error("duplicate key " + SafeTensorsHeader.quote(key));
                    }
                    expect(':');
                    map.put(key, readValue(depth + 1));
                } while (consume(','));
                expect('}');
                return map;
            }
            case '[' -> {
                if (depth >= MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH);
                pos++;
                List<Object> list = new ArrayList<>();
                if (consume(']')) return list;
                do list.add(readValue(depth + 1)); while (consume(','));
                expect(']');
                return list;
            }
            case '"' -> {
                return readString();
            }
            case 't' -> {
                literal("true");
                return Boolean.TRUE;
            }
            case 'f' -> {
                literal("false");
                return Boolean.FALSE;
            }
            case 'n' -> {
                literal("null");
                return NULL;
            }
            default -> {
                String t = numberToken();
                if (integral(t)) {
                    try {
                        return Long.parseLong(t);
                    } catch (NumberFormatException e) {
                        // falls through to a double, as JSON numbers have no size limit
                    }
                }
                return Double.parseDouble(t);
            }
        }
    }

    private void literal(String word) {
        if (!s.startsWith(word, pos)) throw error("invalid literal");
        pos += word.length();
    }
}
