package io.colisten.engine.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;

import java.io.IOException;

/**
 * Jackson's parse errors in the words of our messages ("expected ':' but found '1' at character
 * 5"): short, naming the problem and where, with no advice about Jackson features a reader of a
 * checkpoint cannot switch on. Jackson's wording is matched by fragments of its 2.x messages;
 * an unknown one is passed on, trimmed.
 */
final class JsonErrors {
    private JsonErrors() {}

    /** Jackson message fragment -> our problem; "expected" problems get what was found appended. */
    private static final String[][] KNOWN = {
            {"double-quote to start field name", "expected a string (a member name)"},
            {"was expecting a colon", "expected ':'"},
            {"comma to separate Array entries", "expected ',' or ']'"},
            {"comma to separate Object entries", "expected ',' or '}'"},
            {"Unexpected close marker", "expected a value or the matching bracket"},
            {"Unrecognized token", "expected a value"},
            {"Non-standard token", "NaN and Infinity are not JSON numbers"},
            {"expected a valid value", "expected a value"},
            {"Unrecognized character escape", "invalid escape"},
            {"hex-digit for character escape", "invalid hex digit in \\u escape"},
            {"Leading zeroes not allowed", "number with a leading zero"},
            {"Illegal unquoted character", "unescaped control character in a string"},
            {"only regular white space", "control character outside a string"},
            {"non-standard) comment", "comments are not JSON"},
    };

    /** The problem and its position in the parsed text ({@code text}: what was parsed). */
    static String describe(IOException e, String text) {
        if (!(e instanceof JacksonException je)) return "unreadable: " + e;
        String m = String.valueOf(je.getOriginalMessage());
        JsonLocation where = je.getLocation();
        long at = where == null ? -1 : where.getCharOffset();
        String problem = problem(je, m, text, at);
        return at >= 0 ? problem + " at character " + at : problem;
    }

    private static String problem(JacksonException e, String m, String text, long at) {
        if (e instanceof StreamConstraintsException) {
            if (m.contains("nesting depth")) return "nesting deeper than " + Json.MAX_DEPTH;
            if (m.contains("Number value length")) return "number longer than " + Json.MAX_NUMBER_LENGTH + " characters";
            return "too large: " + trim(m);
        }
        if (e instanceof JsonEOFException) {
            if (m.contains("field name") || m.contains("closing quote")) return "unterminated string";
            if (m.contains("escape")) return "unterminated escape";
            return "unexpected end of the text";
        }
        int numeric = m.indexOf("in numeric value: ");
        if (numeric >= 0) {
            String why = trim(m.substring(numeric + "in numeric value: ".length()));
            boolean word = why.length() > 1 && Character.isLowerCase(why.charAt(1)); // "Decimal ..." but not "JSON ..."
            return "invalid number: " + (word ? Character.toLowerCase(why.charAt(0)) + why.substring(1) : why);
        }
        for (String[] k : KNOWN) {
            if (m.contains(k[0])) return k[1].startsWith("expected") ? k[1] + " but found " + found(text, at) : k[1];
        }
        return trim(m); // ours (duplicate key, unpaired surrogate, text after the root) or one not listed
    }

    /** The character at {@code at}, printable or as U+XXXX. */
    private static String found(String text, long at) {
        if (at < 0 || text == null) return "something else";
        if (at >= text.length()) return "the end of the text";
        char c = text.charAt((int) at);
        return c >= 0x20 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    /** Without Jackson's hints and source references; at most 160 characters. */
    private static String trim(String m) {
        for (String cut : new String[] {": enable `", " (for ", " (start marker", "\n"}) {
            int i = m.indexOf(cut);
            if (i > 0) m = m.substring(0, i);
        }
        return m.length() <= 160 ? m : m.substring(0, 157) + "...";
    }
}
