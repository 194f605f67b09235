package io.jkeras.utils;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Python pickles that hold NumPy arrays: the CIFAR batches ({@code pickle.load(f, encoding="bytes")} in
 * Keras) and the object arrays inside {@code imdb.npz} and {@code reuters.npz}. The pickle machine is Pyrolite's
 * ({@code net.razorvine:pickle}); this class teaches it NumPy's three globals ({@code numpy.core.multiarray._reconstruct},
 * {@code numpy.dtype}, and protocol 5's {@code numpy.core.numeric._frombuffer}, with the {@code numpy._core}
 * spellings of NumPy 2), so that an array comes back as a {@link NumpyArray}.
 *
 * <p>What comes back: {@code dict} as {@code Map}, {@code list} as {@code List}, {@code tuple} as {@code Object[]},
 * {@code int} as {@code Integer}/{@code Long}/{@code BigInteger}, {@code bytes} as {@code byte[]} and a Python 2
 * {@code str} (what the original CIFAR files hold) as a {@code String} of characters 0–255, one per byte. Pyrolite
 * never runs code named by a pickle: an unknown class comes back as a {@code ClassDict}, so a tampered file cannot do
 * what Keras's restricted unpickler guards against.
 *
 * <pre>{@code
 * jshell> Map<String, Object> batch = Pickles.stringKeys(Pickles.load(Path.of("cifar-10-batches-py/data_batch_1")));
 * jshell> ((Pickles.NumpyArray) batch.get("data")).toINDArray().shape()
 * $2 ==> long[2] { 10000, 3072 }
 * }</pre>
 */
public final class Pickles {
    static {
        IObjectConstructor reconstruct = args -> new NumpyArray();
        IObjectConstructor dtype = args -> {
            if (args.length < 1 || !(args[0] instanceof String) && !(args[0] instanceof byte[])) {
                throw new PickleException("numpy.dtype needs a type string, got " + Arrays.deepToString(args));
            }
            return new DType(text(args[0]));
        };
        // Protocol 5 (NumPy >= 1.16 with Python >= 3.8): _frombuffer(buffer, dtype, shape, order).
        IObjectConstructor frombuffer = args -> {
            NumpyArray a = new NumpyArray();
            a.__setstate__(new Object[]{1, args[2], args[1], "F".equals(text(args[3])), args[0]});
            return a;
        };
        for (String core : List.of("numpy.core", "numpy._core")) {
            Unpickler.registerConstructor(core + ".multiarray", "_reconstruct", reconstruct);
            Unpickler.registerConstructor(core + ".numeric", "_frombuffer", frombuffer);
        }
        Unpickler.registerConstructor("numpy", "dtype", dtype);
    }

    private Pickles() {
    }

    /** The object pickled in {@code file}. */
    public static Object load(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return load(in, file.toString());
        }
    }

    /**
     * The object pickled in {@code in}; {@code name} names the source in error messages.
     *
     * @throws IOException if the stream is not a pickle that Pyrolite and the NumPy globals above can read
     */
    public static Object load(InputStream in, String name) throws IOException {
        Unpickler u = new Unpickler();
        try {
            return u.load(in);
        } catch (IOException e) {
            throw new IOException(name + ": not a readable Python pickle (" + e.getMessage() + ")", e);
        } catch (RuntimeException | OutOfMemoryError e) {
            // A corrupt length field or a bad opcode: Pyrolite throws unchecked exceptions for both.
            throw new IOException(name + ": not a readable Python pickle (" + e + ")", e);
        } finally {
            u.close();
        }
    }

    /**
     * A pickled {@code dict} with its keys as Java strings: {@code bytes} keys (Python 3's {@code encoding="bytes"}
     * view of a Python 2 file) are decoded as UTF-8, as Keras's {@code load_batch} does.
     */
    public static Map<String, Object> stringKeys(Object dict) throws IOException {
        if (!(dict instanceof Map<?, ?> m)) {
            throw new IOException("expected a pickled dict, found " + describe(dict));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object k = e.getKey();
            out.put(k instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(k), e.getValue());
        }
        return out;
    }

    /** A Python 2 {@code str} (Pyrolite: characters 0–255), {@code bytes} or {@code str} as Java text. */
    static String text(Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : String.valueOf(o);
    }

    /** The raw bytes of a pickled buffer: {@code bytes} as they are, a Python 2 {@code str} one byte per char. */
    static byte[] bytes(Object o) {
        if (o instanceof byte[] b) return b;
        if (o instanceof String s) return s.getBytes(StandardCharsets.ISO_8859_1);
        throw new PickleException("expected bytes, found " + describe(o));
    }

    /**
     * A sequence of integers, as the IMDB and Reuters object arrays hold them: a Python {@code list} of ints or a
     * one-dimensional integer {@link NumpyArray}.
     */
    public static int[] toIntArray(Object o) throws IOException {
        if (o instanceof NumpyArray a) {
            return a.toINDArray().toIntVector();
        }
        if (o instanceof List<?> list) {
            int[] out = new int[list.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(list.get(i) instanceof Number n)) throw new IOException("expected an int, found " + describe(list.get(i)));
                out[i] = n.intValue();
            }
            return out;
        }
        if (o instanceof Object[] tuple) return toIntArray(Arrays.asList(tuple));
        throw new IOException("expected a sequence of ints, found " + describe(o));
    }

    static String describe(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }

    /** {@code numpy.dtype(...)} while unpickling: the type string, then its byte order from {@code __setstate__}. */
    public static final class DType {
        private final String type;
        private String order = "|";

        DType(String type) {
            this.type = type;
        }

        /** NumPy's pickled state: {@code (version, byteorder, subarray, names, fields, elsize, alignment, flags)}. */
        public void __setstate__(Object[] state) {
            if (state.length > 1 && state[1] != null) order = text(state[1]);
        }

        /** The {@code .npy} spelling: {@code "<i8"}, {@code "|u1"}, {@code "|O"}. */
        public String descr() {
            String t = type.replaceAll("^[<>=|]", "");
            if (t.equals("O8") || t.equals("O4")) t = "O";
            return (order.equals("=") ? "<" : order) + t;     // '=' is native order: little-endian on every JVM host here
        }
    }

    /**
     * A NumPy array rebuilt from a pickle: its shape, its dtype's {@code descr}, and either its raw bytes (numeric
     * dtypes) or its elements (object arrays, in C order).
     */
    public static final class NumpyArray {
        private long[] shape = new long[0];
        private String descr = "|O";
        private boolean fortran;
        private byte[] data;
        private Object[] elements;

        NumpyArray() {
        }

        /** {@code ndarray.__setstate__((version, shape, dtype, is_fortran, data))}. */
        public void __setstate__(Object[] state) {
            int o = state.length == 5 ? 1 : 0;      // NumPy's version 0 state has no version field
            Object[] dims = state[o] instanceof Object[] t ? t : ((List<?>) state[o]).toArray();
            shape = new long[dims.length];
            for (int i = 0; i < dims.length; i++) shape[i] = ((Number) dims[i]).longValue();
            if (!(state[o + 1] instanceof DType d)) throw new PickleException("ndarray state without a numpy.dtype");
            descr = d.descr();
            fortran = Boolean.TRUE.equals(state[o + 2]) || Integer.valueOf(1).equals(state[o + 2]);
            Object payload = state[o + 3];
            if (descr.equals("|O")) {
                elements = payload instanceof List<?> l ? l.toArray() : (Object[]) payload;
            } else {
                data = bytes(payload);
            }
        }

        /** The array's shape. */
        public long[] shape() {
            return shape.clone();
        }

        /** The dtype as a {@code .npy} header writes it: {@code "|u1"}, {@code "<i8"}, {@code "|O"}. */
        public String descr() {
            return descr;
        }

        /** The raw values of a numeric array, little-endian in C order (shared, not copied: do not change them). */
        public byte[] data() {
            if (data == null) throw new IllegalStateException("an object array (|O) has no raw bytes; use elements()");
            return data;
        }

        /** The elements of an object array, in C order (one per entry of a one-dimensional array). */
        public Object[] elements() {
            if (elements == null) throw new IllegalStateException("a " + descr + " array has no Python objects; use toINDArray()");
            return elements;
        }

        /** A numeric array as an ND4J array of the same type and shape (UINT8 for {@code |u1}, LONG for {@code <i8}...). */
        public INDArray toINDArray() throws IOException {
            if (elements != null) throw new IOException("an object array (dtype " + descr + ") has no ND4J form; use elements()");
            if (fortran && shape.length > 1) {
                throw new IOException("a pickled array in Fortran order is not supported (shape " + Arrays.toString(shape) + ")");
            }
            return Npy.fromBytes(data, descr, shape, "pickled array");
        }
    }
}
