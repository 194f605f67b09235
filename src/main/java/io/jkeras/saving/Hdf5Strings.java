package io.jkeras.saving;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.hdf5.global.hdf5.*;

/**
 * String attributes, in both encodings Keras files use. h5py writes a Python {@code str} as a
 * variable-length UTF-8 string and a NumPy {@code |S} array as fixed-length, NUL-padded ASCII; Keras 2
 * stores {@code layer_names} and {@code weight_names} the second way, Keras 3 the first. Reading accepts
 * either, scalar or array. An empty list was written by Keras as an empty float64 array
 * ({@code np.array([])}), so an empty attribute of any type reads as an empty list, and writing an empty
 * list writes that same empty float64 array. Variable-length strings of a file opened for reading are read by
 * {@link VlenReferences}, never by HDF5 (a damaged file could make it hang or crash). Callers hold {@link Hdf5#LOCK}.
 */
final class Hdf5Strings {
    /** Bounds on a string attribute, far above any Keras file's and far below what would exhaust memory. */
    private static final long MAX_STRINGS = 1 << 22;
    private static final long MAX_BYTES = 1 << 28;
    private Hdf5Strings() {
    }

    /** All strings of attribute {@code name} on {@code loc} (one for a scalar). */
    static List<String> read(Hdf5File owner, long loc, String file, String where, String name) throws IOException {
        String what = "attribute \"" + name + "\" of " + where;
        try (Hdf5.Handle at = Hdf5.attribute(H5Aopen(loc, name, H5P_DEFAULT), file, "cannot open " + what);
             Hdf5.Handle ft = Hdf5.type(H5Aget_type(at.id), file, "cannot read the type of " + what);
             Hdf5.Handle sp = Hdf5.space(H5Aget_space(at.id), file, "cannot read the shape of " + what)) {
            long n = H5Sget_simple_extent_npoints(sp.id);
            if (n == 0) return List.of();
            // A damaged dataspace can claim any count; Keras's longest name lists hold thousands, not millions.
            if (n < 0 || n > MAX_STRINGS) throw new IOException(file + ": " + what + " claims " + n + " strings (the file is corrupt)");
            int cls = H5Tget_class(ft.id);
            if (cls != H5T_STRING) {
                throw new IOException(file + ": " + what + " holds " + Hdf5Arrays.className(cls) + " values, not strings");
            }
            if (H5Tis_variable_str(ft.id) > 0) {
                // The strings live in the file's global heap, which HDF5 cannot be trusted to walk when it is damaged:
                // in a file from elsewhere jkeras finds them itself. What this process wrote may not be on disk yet.
                return owner.readOnly() ? VlenReferences.read(owner, at.id, n, file, what)
                        : readVariable(at.id, ft.id, sp.id, n, file, what);
            }
            return readFixed(at.id, ft.id, n, file, what);
        }
    }

    private static List<String> readVariable(long at, long ft, long sp, long n, String file, String what) throws IOException {
        try (Hdf5.Handle mem = Hdf5.type(H5Tcopy(H5T_C_S1_g()), file, "cannot make a string type");
             PointerPointer<BytePointer> ptrs = new PointerPointer<>(n)) {
            H5Tset_size(mem.id, H5T_VARIABLE);
            H5Tset_cset(mem.id, H5Tget_cset(ft));
            if (H5Aread(at, mem.id, ptrs) < 0) throw Hdf5.error(file, "cannot read " + what);
            List<String> out = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                BytePointer s = ptrs.get(BytePointer.class, i);
                out.add(s == null || s.isNull() ? "" : s.getString(StandardCharsets.UTF_8));
            }
            // The strings were allocated by HDF5; hand them back.
            H5Treclaim(mem.id, sp, H5P_DEFAULT, ptrs);
            return out;
        }
    }

    private static List<String> readFixed(long at, long ft, long n, String file, String what) throws IOException {
        long itemSize = H5Tget_size(ft);
        if (itemSize <= 0 || itemSize * n > MAX_BYTES) {
            throw new IOException(file + ": " + what + " claims " + n + " strings of " + itemSize + " bytes (the file is corrupt)");
        }
        int size = (int) itemSize;
        boolean spacePadded = H5Tget_strpad(ft) == H5T_STR_SPACEPAD;
        byte[] all = new byte[Math.toIntExact(n * size)];
        try (BytePointer buf = new BytePointer(all.length)) {
            // The file's own type as the memory type: the bytes arrive unchanged.
            if (H5Aread(at, ft, buf) < 0) throw Hdf5.error(file, "cannot read " + what);
            buf.get(all);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int start = i * size;
            int end = start;
            while (end < start + size && all[end] != 0) end++;
            if (spacePadded) while (end > start && all[end - 1] == ' ') end--;
            out.add(new String(all, start, end - start, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Writes a scalar variable-length UTF-8 string, as h5py writes a Python {@code str}. */
    static void writeScalar(long loc, String file, String where, String name, String value) throws IOException {
        writeVariable(loc, file, where, name, List.of(value), true);
    }

    /** Writes a 1-D array of variable-length UTF-8 strings (Keras 3's {@code layer_names}). */
    static void writeVariableArray(long loc, String file, String where, String name, List<String> values) throws IOException {
        if (values.isEmpty()) writeEmpty(loc, file, where, name);
        else writeVariable(loc, file, where, name, values, false);
    }

    private static void writeVariable(long loc, String file, String where, String name, List<String> values,
                                      boolean scalar) throws IOException {
        String what = "attribute \"" + name + "\" of " + where;
        delete(loc, name);
        List<BytePointer> held = new ArrayList<>();
        try (Hdf5.Handle type = Hdf5.type(H5Tcopy(H5T_C_S1_g()), file, "cannot make a string type");
             Hdf5.Handle sp = Hdf5.createSpace(scalar ? new long[0] : new long[]{values.size()}, file, "cannot shape " + what);
             PointerPointer<BytePointer> ptrs = new PointerPointer<>(values.size())) {
            H5Tset_size(type.id, H5T_VARIABLE);
            H5Tset_cset(type.id, H5T_CSET_UTF8);
            for (int i = 0; i < values.size(); i++) {
                BytePointer s = new BytePointer(values.get(i), StandardCharsets.UTF_8);
                held.add(s);
                ptrs.put(i, s);
            }
            try (Hdf5.Handle at = Hdf5.attribute(H5Acreate2(loc, name, type.id, sp.id, H5P_DEFAULT, H5P_DEFAULT), file,
                    "cannot create " + what)) {
                if (H5Awrite(at.id, type.id, ptrs) < 0) throw Hdf5.error(file, "cannot write " + what);
            }
        } finally {
            for (BytePointer p : held) p.close();
        }
    }

    /** Writes a 1-D array of fixed-length, NUL-padded strings, as h5py writes a NumPy {@code |S} array. */
    static void writeFixedArray(long loc, String file, String where, String name, List<String> values) throws IOException {
        if (values.isEmpty()) {
            writeEmpty(loc, file, where, name);
            return;
        }
        String what = "attribute \"" + name + "\" of " + where;
        delete(loc, name);
        List<byte[]> encoded = values.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        int size = Math.max(1, encoded.stream().mapToInt(b -> b.length).max().orElse(1));
        boolean ascii = values.stream().allMatch(s -> s.chars().allMatch(c -> c < 128));
        byte[] all = new byte[encoded.size() * size];
        for (int i = 0; i < encoded.size(); i++) System.arraycopy(encoded.get(i), 0, all, i * size, encoded.get(i).length);
        try (Hdf5.Handle type = Hdf5.type(H5Tcopy(H5T_C_S1_g()), file, "cannot make a string type");
             Hdf5.Handle sp = Hdf5.createSpace(new long[]{values.size()}, file, "cannot shape " + what);
             BytePointer buf = new BytePointer(all.length)) {
            H5Tset_size(type.id, size);
            H5Tset_strpad(type.id, H5T_STR_NULLPAD);
            H5Tset_cset(type.id, ascii ? H5T_CSET_ASCII : H5T_CSET_UTF8);
            buf.put(all);
            try (Hdf5.Handle at = Hdf5.attribute(H5Acreate2(loc, name, type.id, sp.id, H5P_DEFAULT, H5P_DEFAULT), file,
                    "cannot create " + what)) {
                if (H5Awrite(at.id, type.id, buf) < 0) throw Hdf5.error(file, "cannot write " + what);
            }
        }
    }

    /** The empty float64 array h5py makes of {@code np.array([])}: what Keras writes for a layer without weights. */
    private static void writeEmpty(long loc, String file, String where, String name) throws IOException {
        delete(loc, name);
        try (Hdf5.Handle sp = Hdf5.createSpace(new long[]{0}, file, "cannot shape attribute \"" + name + "\"");
             Hdf5.Handle at = Hdf5.attribute(H5Acreate2(loc, name, H5T_IEEE_F64LE_g(), sp.id, H5P_DEFAULT, H5P_DEFAULT), file,
                     "cannot create attribute \"" + name + "\" of " + where)) {
            // Nothing to write: zero elements.
        }
    }

    private static void delete(long loc, String name) {
        if (H5Aexists(loc, name) > 0) H5Adelete(loc, name);
    }
}
