package io.jkeras.preprocessing.text;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON exactly as Python's {@code json.dumps(obj)} does with its defaults, so that a file written here
 * is byte for byte what Keras writes: separators {@code ", "} and {@code ": "}, every character outside
 * printable ASCII escaped as {@code \\uXXXX} in lower-case hex ({@code ensure_ascii=True}, characters beyond
 * the BMP as their UTF-16 surrogate pair), non-string keys written as strings ({@code {1: "a"}} becomes
 * {@code {"1": "a"}}), {@code None}/{@code True}/{@code False} as {@code null}/{@code true}/{@code false}.
 *
 * <p>Used by {@link Tokenizer#toJson()}, whose layout nests JSON documents inside JSON strings.
 */
final class PythonJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PythonJson() {
    }

    /** {@code json.dumps(value)}: maps (in iteration order), lists, strings, integers, booleans and null. */
    static String dumps(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof java.math.BigInteger) {
            sb.append(v);
        } else if (v instanceof Number n) {
            sb.append(floatRepr(n.doubleValue()));
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                string(sb, String.valueOf(e.getKey())); // Python turns int keys into their decimal string
                sb.append(": ");
                write(sb, e.getValue());
                if (it.hasNext()) sb.append(", ");
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) sb.append(", ");
                write(sb, l.get(i));
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("Object of type " + v.getClass().getSimpleName() + " is not JSON serializable");
        }
    }

    /** Python's {@code repr(float)} for the values a config may hold; integral values keep a {@code .0}. */
    private static String floatRepr(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
        if (d == Math.rint(d) && Math.abs(d) < 1e16) return (long) d + ".0";
        return Double.toString(d).replace("E", "e");
    }

    /** Python's {@code py_encode_basestring_ascii}: escapes {@code "}, {@code \}, controls and all non-ASCII. */
    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c >= 0x20 && c <= 0x7e) {
                        sb.append(c);
                    } else {
                        // Java chars are UTF-16 units, so astral characters come out as the surrogate pair Python writes
                        sb.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    }
                }
            }
        }
        sb.append('"');
    }
}
