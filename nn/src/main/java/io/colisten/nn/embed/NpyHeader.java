package io.colisten.nn.embed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The header dict of a {@code .npy} file, a Python literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 128), }}: exactly the keys
 * descr (a string), fortran_order (True / False) and shape (a tuple of non-negative integers),
 * as NumPy itself requires, then only spaces and a final newline. Problems are
 * IllegalArgumentExceptions saying what is wrong.
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape) {
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    static NpyHeader parse(String text) {
        Parser p = new Parser(text);
        Map<String, Object> d = p.dict();
        p.skipSpaces();
        if (p.at < text.length() && text.charAt(p.at) == '\n') p.at++;
        if (p.at != text.length()) throw new IllegalArgumentException("has text after the dict at character " + p.at);
        if (!d.keySet().equals(KEYS)) throw new IllegalArgumentException("keys are " + d.keySet() + ", expected " + KEYS);
        if (!(d.get("descr") instanceof String descr)) throw new IllegalArgumentException("'descr' is not a string");
        if (!(d.get("fortran_order") instanceof Boolean fortran)) throw new IllegalArgumentException("'fortran_order' is not True or False");
        if (!(d.get("shape") instanceof long[] shape)) throw new IllegalArgumentException("'shape' is not a tuple of integers");
        return new NpyHeader(descr, fortran, shape);
    }

    private static final class Parser {
        final String s;
        int at;

        Parser(String s) {
            this.s = s;
        }

        Map<String, Object> dict() {
            expect('{');
            Map<String, Object> d = new HashMap<>();
            skipSpaces();
            while (peek() != '}') {
                String key = string();
                skipSpaces();
                expect(':');
                skipSpaces();
                if (d.put(key, value()) != null) throw new IllegalArgumentException("repeats key '" + key + "'");
                skipSpaces();
                if (peek() == ',') {
                    at++;
                    skipSpaces();
                } else if (peek() != '}') {
                    throw fail("',' or '}'");
                }
            }
            at++;
            return d;
        }

        Object value() {
            char c = peek();
            if (c == '\'' || c == '"') return string();
            if (s.startsWith("True", at)) {
                at += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", at)) {
                at += 5;
                return Boolean.FALSE;
            }
            if (c == '(') return tuple();
            throw fail("a string, True, False or a tuple");
        }

        long[] tuple() {
            expect('(');
            List<Long> dims = new ArrayList<>();
            skipSpaces();
            while (peek() != ')') {
                int start = at;
                while (at < s.length() && s.charAt(at) >= '0' && s.charAt(at) <= '9') at++;
                if (at == start || at - start > 18) throw fail("a dimension (a non-negative integer)");
                dims.add(Long.parseLong(s.substring(start, at)));
                skipSpaces();
                if (peek() == ',') {
                    at++;
                    skipSpaces();
                } else if (peek() != ')') {
                    throw fail("',' or ')'");
                }
            }
            at++;
            return dims.stream().mapToLong(Long::longValue).toArray();
        }

        String string() {
            char q = peek();
            if (q != '\'' && q != '"') throw fail("a quoted string");
            int end = s.indexOf(q, at + 1);
            if (end < 0) throw fail("the end of the string");
            String v = s.substring(at + 1, end);
            if (v.indexOf('\\') >= 0) throw new IllegalArgumentException("has an escape in string '" + v + "' (not supported)");
            at = end + 1;
            return v;
        }

        void skipSpaces() {
            while (at < s.length() && s.charAt(at) == ' ') at++;
        }

        char peek() {
            if (at >= s.length()) throw new IllegalArgumentException("ends early, at character " + at);
            return s.charAt(at);
        }

        void expect(char c) {
            if (peek() != c) throw fail("'" + c + "'");
            at++;
        }

        IllegalArgumentException fail(String expected) {
            return new IllegalArgumentException("expected " + expected + " at character " + at + " of "
                    + (s.length() > 100 ? s.substring(0, 100) + "..." : s).strip());
        }
    }
}
