package io.jkeras.utils;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads NumPy {@code .npy} files (what {@code numpy.save} writes) into ND4J arrays, and {@code .npz} archives
 * (what {@code numpy.savez} writes, as Keras's {@code mnist.npz}) with {@link #readNpz(Path)}.
 *
 * <p>Supported: format versions 1.0, 2.0 and 3.0; little-endian {@code <f2} (HALF), {@code <f4} (FLOAT),
 * {@code <f8} (DOUBLE), {@code |i1} (BYTE), {@code <i2} (SHORT), {@code <i4} (INT), {@code <i8} (LONG),
 * {@code |u1} (UINT8), {@code <u2}, {@code <u4} and {@code |b1} (BOOL); C order
 * ({@code 'fortran_order': False}); any rank, including 0-d scalars and arrays with a zero-length dimension.
 * Object arrays ({@code |O}, NumPy's {@code allow_pickle=True} case) are read by {@link #readAny} through
 * {@link Pickles} as a {@link Pickles.NumpyArray}. The element type is kept as stored: a float64 file gives a
 * DOUBLE array, so cast it ({@code castTo(DataType.FLOAT)}) before feeding a float32 model. Anything else
 * (big-endian data, Fortran order, other dtypes, a truncated file) fails with an {@link IOException} that says
 * what the file holds.
 *
 * <p>The layout: the magic {@code \x93NUMPY}, a major and a minor version byte, the header's length
 * (little-endian uint16 in 1.0, uint32 in 2.0 and 3.0), the header itself (a Python dict literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (5, 1), }} padded with spaces and a newline),
 * then the values in C order. The values are read in one go and copied through a little-endian
 * {@link ByteBuffer} view into a Java array, with no per-element loop.
 *
 * <p>From JShell:
 * <pre>{@code
 * jshell> import io.jkeras.utils.Npy
 * jshell> var x = Npy.read(java.nio.file.Path.of("input.npy"));
 * jshell> x.shape()
 * $3 ==> long[4] { 5, 10, 10, 3 }
 * jshell> x.dataType()
 * $4 ==> DOUBLE
 * jshell> model.predict(x.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT))
 * }</pre>
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private Npy() {
    }

    /** The array stored in the {@code .npy} file at {@code file}. */
    public static INDArray read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads one {@code .npy} array from {@code in} (which must hold nothing after it); {@code name} is only
     * for error messages.
     */
    public static INDArray read(InputStream in, String name) throws IOException {
        Object o = readAny(in, name);
        if (o instanceof INDArray a) return a;
        throw new IOException(name + ": an object array (dtype=object, a pickle of Python objects) has no ND4J form;"
                + " read it with Npy.readAny");
    }

    /**
     * Reads one {@code .npy} array from {@code in}: an {@link INDArray} for a numeric dtype, a
     * {@link Pickles.NumpyArray} for an object array ({@code |O}, whose payload is a pickle).
     */
    public static Object readAny(InputStream in, String name) throws IOException {
        byte[] preamble = in.readNBytes(MAGIC.length + 2);
        if (preamble.length < MAGIC.length + 2 || !Arrays.equals(Arrays.copyOf(preamble, MAGIC.length), MAGIC)) {
            throw new IOException(name + ": not a .npy file (it does not start with \\x93NUMPY and a version)");
        }
        int major = preamble[6] & 0xff;
        int minor = preamble[7] & 0xff;
        int lengthBytes;
        if (major == 1) {
            lengthBytes = 2;
        } else if (major == 2 || major == 3) {
            lengthBytes = 4;
        } else {
            throw new IOException(name + ": .npy format version " + major + "." + minor
                    + " is not supported; versions 1.0, 2.0 and 3.0 are");
        }
        byte[] lengthField = in.readNBytes(lengthBytes);
        if (lengthField.length < lengthBytes) {
            throw new IOException(name + ": truncated inside the .npy preamble");
        }
        long headerLength = lengthBytes == 2
                ? Short.toUnsignedInt(ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN).getShort())
                : Integer.toUnsignedLong(ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN).getInt());
        if (headerLength > 1 << 24) {
            throw new IOException(name + ": implausible .npy header length " + headerLength);
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw new IOException(name + ": truncated: the .npy header should be " + headerLength
                    + " bytes but the file ends after " + headerBytes.length);
        }
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header h = Header.parse(header, name);

        if (h.fortranOrder && h.shape.length > 1) {
            throw new IOException(name + ": the array is stored in Fortran order ('fortran_order': True);"
                    + " only C order is supported (save np.ascontiguousarray(a) instead)");
        }
        if (h.descr.equals("|O")) {
            // An object array: the rest of the file is the array itself, pickled (np.save's allow_pickle path).
            Object o = Pickles.load(in, name);
            if (!(o instanceof Pickles.NumpyArray a) || !a.descr().equals("|O")) {
                throw new IOException(name + ": the object array's pickle holds " + Pickles.describe(o) + ", not a NumPy object array");
            }
            return a;
        }
        DataType type = dataType(h.descr, name);
        long count = 1;
        for (long d : h.shape) {
            count = Math.multiplyExact(count, d);
        }
        int width = type.width();
        if (count > (Integer.MAX_VALUE - 8) / width) {
            throw new IOException(name + ": shape " + Arrays.toString(h.shape) + " holds more values than one"
                    + " Java array can");
        }
        int size = (int) count * width;
        byte[] data = in.readNBytes(size);
        if (data.length < size) {
            throw new IOException(name + ": truncated: the header promises " + count + " values of " + h.descr
                    + " (" + size + " bytes) for shape " + Arrays.toString(h.shape) + " but the file holds "
                    + data.length + " bytes of data");
        }
        if (in.read() != -1) {
            throw new IOException(name + ": more bytes after the " + count + " values the .npy header promises");
        }
        return fromBytes(data, h.descr, h.shape, name);
    }

    /**
     * The arrays of a NumPy {@code .npz} archive (what {@code np.savez} and {@code np.savez_compressed} write), by
     * member name without {@code .npy}, in the archive's order: an {@link INDArray} for each numeric array and a
     * {@link Pickles.NumpyArray} for each object array ({@code dtype=object}, as in Keras's {@code imdb.npz}), which
     * NumPy reads only with {@code allow_pickle=True}.
     *
     * <pre>{@code
     * jshell> var f = Npy.readNpz(Path.of(System.getProperty("user.home"), ".keras/datasets/mnist.npz"));
     * jshell> f.keySet()
     * $2 ==> [x_test, x_train, y_train, y_test]
     * }</pre>
     *
     * @throws IOException if the file is not a zip of {@code .npy} files that {@link #read(InputStream, String)} reads
     */
    public static Map<String, Object> readNpz(Path file) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (e.isDirectory() || !e.getName().endsWith(".npy")) continue;
                String key = e.getName().substring(0, e.getName().length() - 4);
                try (InputStream in = new BufferedInputStream(zip.getInputStream(e), 1 << 16)) {
                    out.put(key, readAny(in, file + "[" + e.getName() + "]"));
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file + ": not a .npz file (not a readable zip archive: " + e.getMessage() + ")", e);
        }
        return out;
    }

    /**
     * Values in C order as an ND4J array of the dtype's type ({@code descr} as in a .npy header: {@code "<f4"},
     * {@code "|u1"}...); {@code name} is only for error messages.
     */
    static INDArray fromBytes(byte[] data, String descr, long[] shape, String name) throws IOException {
        DataType type = dataType(descr, name);
        long count = 1;
        for (long d : shape) count = Math.multiplyExact(count, d);
        if ((long) data.length != count * type.width()) {
            throw new IOException(name + ": " + data.length + " bytes of data for " + count + " values of " + descr
                    + " (shape " + Arrays.toString(shape) + ")");
        }
        if (count == 0) {
            return Nd4j.create(type, shape);
        }
        INDArray flat;
        if (type.width() == 1) {
            // One byte per value: a typed buffer keeps the bytes as they are (UINT8 reads 0..255, BOOL 0/1).
            flat = Nd4j.create(Nd4j.createTypedBuffer(data, type), count);
        } else {
            ByteBuffer bytes = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            int n = (int) count;
            switch (type) {
                case FLOAT -> {
                    float[] v = new float[n];
                    bytes.asFloatBuffer().get(v);
                    flat = Nd4j.createFromArray(v);
                }
                case DOUBLE -> {
                    double[] v = new double[n];
                    bytes.asDoubleBuffer().get(v);
                    flat = Nd4j.createFromArray(v);
                }
                case INT -> {
                    int[] v = new int[n];
                    bytes.asIntBuffer().get(v);
                    flat = Nd4j.createFromArray(v);
                }
                case SHORT -> {
                    short[] v = new short[n];
                    bytes.asShortBuffer().get(v);
                    flat = Nd4j.createFromArray(v);
                }
                case HALF -> {
                    // No Java half type: widen each IEEE binary16 to float, then narrow in ND4J (exact both ways).
                    float[] v = new float[n];
                    for (int k = 0; k < n; k++) v[k] = halfToFloat(bytes.getShort(2 * k));
                    flat = Nd4j.createFromArray(v).castTo(DataType.HALF);
                }
                case UINT16 -> {
                    int[] v = new int[n];
                    for (int k = 0; k < n; k++) v[k] = Short.toUnsignedInt(bytes.getShort(2 * k));
                    flat = Nd4j.createFromArray(v).castTo(DataType.UINT16);
                }
                case UINT32 -> {
                    long[] v = new long[n];
                    for (int k = 0; k < n; k++) v[k] = Integer.toUnsignedLong(bytes.getInt(4 * k));
                    flat = Nd4j.createFromArray(v).castTo(DataType.UINT32);
                }
                default -> {
                    long[] v = new long[n];
                    bytes.asLongBuffer().get(v);
                    flat = Nd4j.createFromArray(v);
                }
            }
        }
        if (shape.length == 0) {
            return flat.reshape(new long[0]);
        }
        return flat.reshape('c', shape);
    }

    /** IEEE 754 binary16 bits as a float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));      // inf, NaN
        if (exp == 0) {
            float v = mant * 0x1p-24f;                                                      // zero, subnormal
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    private static DataType dataType(String descr, String name) throws IOException {
        switch (descr) {
            case "<f4": return DataType.FLOAT;
            case "<f8": return DataType.DOUBLE;
            case "<f2": return DataType.HALF;
            case "<i4": return DataType.INT;
            case "<i8": return DataType.LONG;
            case "<i2": return DataType.SHORT;
            case "|i1": return DataType.BYTE;
            case "|u1": return DataType.UINT8;
            case "<u2": return DataType.UINT16;
            case "<u4": return DataType.UINT32;
            case "|b1": return DataType.BOOL;
            default:
                String why = descr.startsWith(">") ? " (big-endian; save it with a '<' dtype)" : "";
                throw new IOException(name + ": .npy dtype '" + descr + "' is not supported" + why
                        + "; little-endian <f2, <f4, <f8, |i1, <i2, <i4, <i8, |u1, <u2, <u4, |b1 and"
                        + " object arrays (|O) are");
        }
    }

    /** The three keys of a .npy header dict. */
    private record Header(String descr, boolean fortranOrder, long[] shape) {
        static Header parse(String text, String name) throws IOException {
            Map<String, Object> dict;
            try {
                Object value = new Literal(text.strip()).parseWhole();
                if (!(value instanceof Map<?, ?> m)) throw new IllegalArgumentException("not a dict");
                @SuppressWarnings("unchecked") Map<String, Object> typed = (Map<String, Object>) m;
                dict = typed;
            } catch (IllegalArgumentException e) {
                throw new IOException(name + ": unreadable .npy header " + quote(text) + ": " + e.getMessage(), e);
            }
            Object descr = dict.get("descr");
            Object fortran = dict.get("fortran_order");
            Object shape = dict.get("shape");
            if (!(descr instanceof String d)) {
                throw new IOException(name + ": .npy header " + quote(text) + " has no string 'descr'"
                        + (descr == null ? "" : " (a structured dtype, which is not supported)"));
            }
            if (!(fortran instanceof Boolean f)) {
                throw new IOException(name + ": .npy header " + quote(text) + " has no True/False 'fortran_order'");
            }
            if (!(shape instanceof List<?> dims)) {
                throw new IOException(name + ": .npy header " + quote(text) + " has no 'shape' tuple");
            }
            long[] s = new long[dims.size()];
            for (int i = 0; i < s.length; i++) {
                if (!(dims.get(i) instanceof Long v) || v < 0) {
                    throw new IOException(name + ": .npy header " + quote(text) + " has a shape entry that is"
                            + " not a non-negative integer");
                }
                s[i] = v;
            }
            return new Header(d, f, s);
        }

        private static String quote(String text) {
            String t = text.strip();
            return "\"" + (t.length() > 200 ? t.substring(0, 200) + "..." : t) + "\"";
        }
    }

    /**
     * The subset of Python literals that .npy headers use: dicts, tuples and lists, quoted strings,
     * integers and True/False. Errors are IllegalArgumentExceptions, wrapped by the caller.
     */
    private static final class Literal {
        private final String s;
        private int i;

        Literal(String s) {
            this.s = s;
        }

        Object parseWhole() {
            Object v = value();
            skipSpace();
            if (i != s.length()) throw new IllegalArgumentException("unexpected text at offset " + i);
            return v;
        }

        private Object value() {
            skipSpace();
            if (i >= s.length()) throw new IllegalArgumentException("ends early");
            char c = s.charAt(i);
            if (c == '{') return dict();
            if (c == '(') return sequence(')');
            if (c == '[') return sequence(']');
            if (c == '\'' || c == '"') return string();
            if (c == '-' || Character.isDigit(c)) return integer();
            if (s.startsWith("True", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("unexpected '" + c + "' at offset " + i);
        }

        private Map<String, Object> dict() {
            Map<String, Object> m = new LinkedHashMap<>();
            i++; // {
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    i++;
                    return m;
                }
                Object key = value();
                if (!(key instanceof String k)) throw new IllegalArgumentException("a dict key is not a string");
                skipSpace();
                expect(':');
                m.put(k, value());
                skipSpace();
                if (peek() == ',') i++;
                else if (peek() != '}') throw new IllegalArgumentException("expected ',' or '}' at offset " + i);
            }
        }

        private List<Object> sequence(char close) {
            List<Object> out = new ArrayList<>();
            i++; // ( or [
            while (true) {
                skipSpace();
                if (peek() == close) {
                    i++;
                    return out;
                }
                out.add(value());
                skipSpace();
                if (peek() == ',') i++;
                else if (peek() != close) throw new IllegalArgumentException("expected ',' or '" + close + "' at offset " + i);
            }
        }

        private String string() {
            char quote = s.charAt(i++);
            int end = s.indexOf(quote, i);
            if (end < 0) throw new IllegalArgumentException("unterminated string");
            String v = s.substring(i, end);
            i = end + 1;
            return v;
        }

        private Long integer() {
            int start = i;
            if (s.charAt(i) == '-') i++;
            while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
            String digits = s.substring(start, i);
            if (i < s.length() && (s.charAt(i) == 'L' || s.charAt(i) == 'l')) i++; // Python 2's long suffix
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad integer at offset " + start);
            }
        }

        private void expect(char c) {
            if (peek() != c) throw new IllegalArgumentException("expected '" + c + "' at offset " + i);
            i++;
        }

        private char peek() {
            if (i >= s.length()) throw new IllegalArgumentException("ends early");
            return s.charAt(i);
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }
    }
}
