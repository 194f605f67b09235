package io.jkeras.saving;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File-name patterns as Keras fills them: Python's {@code str.format} with named fields, e.g.
 * {@code "weights.{epoch:02d}-{val_loss:.2f}.h5"} with epoch 3 and val_loss 0.12345 gives
 * {@code "weights.03-0.12.h5"}. Format specs follow Python's mini-language ({@code [[fill]align][sign][#][0][width][,|_][.precision][type]},
 * types {@code d n b o x X c e E f F g G % s}); floats round from their exact binary value, half to even,
 * as Python does ({@code 2.675} → {@code "2.67"}); a float without a type prints as Python's {@code repr}.
 * {@code {{} and {@code }}} are literal braces.
 *
 * <pre>{@code
 * jshell> FilePattern.format("ckpt-{epoch:03d}-{loss:.3e}.keras", Map.of("epoch", 7, "loss", 0.000123))
 * $1 ==> "ckpt-007-1.230e-04.keras"
 * }</pre>
 */
public final class FilePattern {
    private static final Pattern SPEC = Pattern.compile(
            "^(?:(.)?([<>=^]))?([+\\- ])?(#)?(0)?(\\d+)?([,_])?(?:\\.(\\d+))?([bcdeEfFgGnosxX%])?$", Pattern.DOTALL);

    private static final Set<String> INT_TYPES = Set.of("", "d", "n", "b", "o", "x", "X", "c");

    private FilePattern() {
    }

    /**
     * Fills {@code pattern}'s fields from {@code values} (Integers, Longs, Doubles or Strings).
     *
     * @throws IllegalArgumentException for a field without a value (Keras's KeyError) or a spec that does not fit the value
     */
    public static String format(String pattern, Map<String, ?> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < pattern.length() && pattern.charAt(i + 1) == c) {
                out.append(c);
                i++;
            } else if (c == '{') {
                int end = pattern.indexOf('}', i);
                if (end < 0) throw new IllegalArgumentException("Single '{' encountered in format string: " + pattern);
                String field = pattern.substring(i + 1, end);
                int colon = field.indexOf(':');
                String name = colon < 0 ? field : field.substring(0, colon);
                String spec = colon < 0 ? "" : field.substring(colon + 1);
                int bang = name.indexOf('!');
                if (bang >= 0) name = name.substring(0, bang);
                if (!values.containsKey(name) || values.get(name) == null) {
                    throw new IllegalArgumentException("Failed to format this callback filepath: \"" + pattern + "\". Reason: '"
                            + name + "' (available: " + values.keySet() + ")");
                }
                out.append(formatValue(values.get(name), spec));
                i = end;
            } else if (c == '}') {
                throw new IllegalArgumentException("Single '}' encountered in format string: " + pattern);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** One value under one Python format spec. */
    static String formatValue(Object value, String spec) {
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) throw new IllegalArgumentException("Invalid format specifier '" + spec + "'");
        String fill = m.group(1) != null ? m.group(1) : (m.group(5) != null && m.group(2) == null ? "0" : " ");
        String align = m.group(2) != null ? m.group(2) : (m.group(5) != null ? "=" : null);
        String sign = m.group(3) == null ? "-" : m.group(3);
        boolean alt = m.group(4) != null;
        int width = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        String grouping = m.group(7);
        Integer precision = m.group(8) == null ? null : Integer.parseInt(m.group(8));
        String type = m.group(9) == null ? "" : m.group(9);

        String body;
        boolean negative = false;
        if (value instanceof String s) {
            if (!type.isEmpty() && !type.equals("s")) throw unknown(type, "str");
            body = precision == null ? s : s.substring(0, Math.min(precision, s.length()));
            return pad(body, "", fill, align == null ? "<" : align, width);
        } else if ((value instanceof Integer || value instanceof Long) && INT_TYPES.contains(type)) {
            long v = ((Number) value).longValue();
            negative = v < 0;
            long a = Math.abs(v);
            body = switch (type) {
                case "b" -> (alt ? "0b" : "") + Long.toBinaryString(a);
                case "o" -> (alt ? "0o" : "") + Long.toOctalString(a);
                case "x" -> (alt ? "0x" : "") + Long.toHexString(a);
                case "X" -> (alt ? "0X" : "") + Long.toHexString(a).toUpperCase();
                case "c" -> String.valueOf((char) a);
                default -> group(Long.toString(a), grouping);
            };
        } else if (value instanceof Number n) {
            if (INT_TYPES.contains(type) && !type.isEmpty() && !type.equals("n")) throw unknown(type, "float");
            double v = n.doubleValue();
            negative = v < 0 || (v == 0 && 1 / v < 0);
            body = PythonFloats.format(Math.abs(v), type, precision, alt, grouping, value instanceof Integer || value instanceof Long);
        } else {
            throw new IllegalArgumentException("Cannot format a " + value.getClass().getSimpleName() + " in a file name");
        }
        String signText = negative ? "-" : sign.equals("+") ? "+" : sign.equals(" ") ? " " : "";
        return pad(body, signText, fill, align == null ? ">" : align, width);
    }

    private static IllegalArgumentException unknown(String type, String pyType) {
        return new IllegalArgumentException("Unknown format code '" + type + "' for object of type '" + pyType + "'");
    }

    private static String group(String digits, String sep) {
        if (sep == null) return digits;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) sb.append(sep);
            sb.append(digits.charAt(i));
        }
        return sb.toString();
    }

    private static String pad(String body, String sign, String fill, String align, int width) {
        int missing = width - body.length() - sign.length();
        if (missing <= 0) return sign + body;
        String f = fill.repeat(missing);
        return switch (align) {
            case "<" -> sign + body + f;
            case "^" -> fill.repeat(missing / 2) + sign + body + fill.repeat(missing - missing / 2);
            case "=" -> sign + f + body;
            default -> f + sign + body;
        };
    }

    /** Python's float presentation types, on a non-negative value (the sign is added by the caller). */
    static final class PythonFloats {
        private PythonFloats() {
        }

        static String format(double v, String type, Integer precision, boolean alt, String grouping, boolean wasInt) {
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                String s = Double.isNaN(v) ? "nan" : "inf";
                if (type.equals("F") || type.equals("E") || type.equals("G")) s = s.toUpperCase();
                return type.equals("%") ? s + "%" : s;
            }
            int p = precision == null ? 6 : precision;
            return switch (type) {
                case "f", "F" -> groupFixed(fixed(v, p), grouping);
                case "e", "E" -> sci(v, p, type.equals("E"));
                case "g", "G", "n" -> general(v, precision == null ? 6 : Math.max(p, 1), alt, type.equals("G"));
                case "%" -> groupFixed(fixed(v * 100, p), grouping) + "%";
                default -> {
                    if (wasInt) yield Long.toString((long) v);
                    if (precision == null) yield repr(v);
                    String g = general(v, Math.max(p, 1), alt, false);
                    yield g.contains(".") || g.contains("e") ? g : g + ".0";
                }
            };
        }

        static String fixed(double v, int p) {
            return new BigDecimal(v).setScale(p, RoundingMode.HALF_EVEN).toPlainString();
        }

        private static String groupFixed(String s, String grouping) {
            int dot = s.indexOf('.');
            String intPart = dot < 0 ? s : s.substring(0, dot);
            return group(intPart, grouping) + (dot < 0 ? "" : s.substring(dot));
        }

        static String sci(double v, int p, boolean upper) {
            String digits;
            int exp;
            if (v == 0) {
                digits = "0".repeat(p + 1);
                exp = 0;
            } else {
                BigDecimal bd = new BigDecimal(v).round(new MathContext(p + 1, RoundingMode.HALF_EVEN));
                digits = bd.unscaledValue().toString();
                exp = digits.length() - bd.scale() - 1;
                digits = (digits + "0".repeat(p + 1)).substring(0, p + 1);
            }
            String mantissa = p == 0 ? digits.substring(0, 1) : digits.charAt(0) + "." + digits.substring(1);
            return mantissa + (upper ? "E" : "e") + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }

        static String general(double v, int p, boolean alt, boolean upper) {
            int exp = 0;
            if (v != 0) {
                BigDecimal bd = new BigDecimal(v).round(new MathContext(p, RoundingMode.HALF_EVEN));
                exp = bd.precision() - bd.scale() - 1;
            }
            String s;
            if (exp >= -4 && exp < p) {
                s = fixed(v, p - 1 - exp);
                if (!alt && s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
            } else {
                s = sci(v, p - 1, upper);
                if (!alt) s = s.replaceAll("\\.?0+([eE])", "$1");
            }
            return s;
        }

        /** Python's repr of a float: shortest digits, plain between 1e-4 and 1e16, else d.ddde±XX. */
        static String repr(double v) {
            if (v == 0) return "0.0";
            BigDecimal bd = new BigDecimal(Double.toString(v)).stripTrailingZeros();
            int exp = bd.precision() - bd.scale() - 1;
            if (exp >= -4 && exp < 16) {
                String s = bd.toPlainString();
                return s.contains(".") ? s : s + ".0";
            }
            String digits = bd.unscaledValue().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
    }
}
