package io.camelmedia.protocol.mjr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, bounded JSON reader (RFC 8259) for the {@code .mjr} info header: objects become
 * {@code Map<String,Object>} (insertion order), arrays {@code List<Object>}, numbers {@code Long} when
 * integral and in range else {@code Double}, plus {@code String}, {@code Boolean} and {@code null}
 * ({@link #NULL}). Input is at most {@link MjrReader#MAX_INFO_HEADER_LENGTH} characters (the header length is
 * a 16-bit field); nesting is bounded by {@link #MAX_DEPTH} so no input can exhaust the stack.
 */
final class MjrJson {
    /**
     * Deepest nesting accepted. Janus writes depth 2 ({@code "x"} is an object of strings); 16 leaves room
     * for any future field while keeping recursion trivially small.
     */
    static final int MAX_DEPTH = 16;
    /** Stands for JSON {@code null} inside maps and lists. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private final String s;
    private int pos;

    private MjrJson(String s) {
        this.s = s;
    }

    /** Parses one JSON value filling the whole text (whitespace around it allowed). */
    static Object parse(String text) {
        MjrJson p = new MjrJson(text);
        p.skipWs();
        Object v = p.value(0);
        p.skipWs();
        if (p.pos != text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "' after the value");
        }
        return v;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
        if (pos >= s.length()) {
            throw error("unexpected end of text");
        }
        char c = s.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected '" + c + "'");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        pos++;
        Map<String, Object> m = new LinkedHashMap<>();
        skipWs();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(m);
        }
        while (true) {
            skipWs();
            if (peek() != '"') {
                throw error("expected a member name");
            }
            String key = string();
            skipWs();
            expect(':');
            skipWs();
            m.put(key, value(depth + 1));
            skipWs();
            char c = next();
            if (c == '}') {
                return Collections.unmodifiableMap(m);
            }
            if (c != ',') {
                throw error("expected ',' or '}'", pos - 1);
            }
        }
    }

    private List<Object> array(int depth) {
        pos++;
        List<Object> l = new ArrayList<>();
        skipWs();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(l);
        }
        while (true) {
            skipWs();
            l.add(value(depth + 1));
            skipWs();
            char c = next();
            if (c == ']') {
                return Collections.unmodifiableList(l);
            }
            if (c != ',') {
                throw error("expected ',' or ']'", pos - 1);
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string", pos - 1);
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(unicodeEscape());
                default -> throw error("bad escape '\\" + e + "'", pos - 1);
            }
        }
    }

    private char unicodeEscape() {
        if (pos + 4 > s.length()) {
            throw error("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(s.charAt(pos + i), 16);
            if (d < 0) {
                throw error("bad hex digit in \\u escape", pos + i);
            }
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        boolean integral = true;
        int digits = 0;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' || c == 'e' || c == 'E' || ((c == '+' || c == '-') && digits > 0)) {
                integral = false;
            } else {
                break;
            }
            pos++;
        }
        String text = s.substring(start, pos);
        if (digits == 0) {
            throw error("bad number '" + text + "'", start);
        }
        try {
            if (integral) {
                return Long.parseLong(text);
            }
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            if (integral) {
                return Double.parseDouble(text); // out of long range: keep it, as a double
            }
            throw error("bad number '" + text + "'", start);
        }
    }

    private Object literal(String word, Object v) {
        if (!s.startsWith(word, pos)) {
            throw error("unexpected '" + s.charAt(pos) + "'");
        }
        pos += word.length();
        return v;
    }

    private void skipWs() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private char next() {
        if (pos >= s.length()) {
            throw error("unexpected end of text");
        }
        return s.charAt(pos++);
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected '" + c + "'", pos - 1);
        }
    }

    private IllegalArgumentException error(String what) {
        return error(what, pos);
    }

    private IllegalArgumentException error(String what, int at) {
        return new JsonError(what + " at character " + at, at);
    }

    /** A syntax error; {@link #at} is the character index in the text. */
    static final class JsonError extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final int at;

        JsonError(String message, int at) {
            super(message);
            this.at = at;
        }
    }
}
