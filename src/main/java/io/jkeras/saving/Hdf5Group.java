package io.jkeras.saving;

import org.bytedeco.hdf5.H5G_info_t;
import org.bytedeco.hdf5.H5O_info2_t;
import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.hdf5.global.hdf5.*;

/**
 * One open group of an {@link Hdf5File}: its sub-groups, numeric datasets and string attributes. Names
 * may be paths ({@code "dense_1/kernel:0"}); children are listed in name order, never relied on for
 * meaning. Every method takes the global HDF5 lock. Close it (try-with-resources) when done; the root
 * group is closed with its file.
 *
 * <pre>{@code
 * jshell> try (Hdf5File f = Hdf5File.open(Path.of("model.h5")); Hdf5Group w = f.root().group("model_weights")) {
 *    ...>     System.out.println(w.readStrings("layer_names"));
 *    ...> }
 * [dense_1, activation_1]
 * }</pre>
 */
public final class Hdf5Group implements AutoCloseable {
    private final Hdf5File owner;
    private final String file;
    private final String path;
    private final long id;
    private boolean closed;

    Hdf5Group(Hdf5File owner, String file, String path, long id) {
        this.owner = owner;
        this.file = file;
        this.path = path;
        this.id = id;
    }

    /** The group's absolute path in the file ({@code "/model_weights"}). */
    public String path() {
        return path;
    }

    /** The file name used in error messages. */
    public String fileName() {
        return file;
    }

    private String child(String name) {
        return path.equals("/") ? "/" + name : path + "/" + name;
    }

    private long id() throws IOException {
        if (closed) throw new IOException(file + ": group \"" + path + "\" is already closed");
        return id;
    }

    // ------------------------------------------------------------------ structure

    /** True if a link {@code name} (a path; every component is checked) exists below this group. */
    public boolean contains(String name) throws IOException {
        return Hdf5.locked(() -> {
            StringBuilder prefix = new StringBuilder();
            for (String part : name.split("/")) {
                if (part.isEmpty()) continue;
                if (prefix.length() > 0) prefix.append('/');
                prefix.append(part);
                if (H5Lexists(id(), prefix.toString(), H5P_DEFAULT) <= 0) {
                    H5Eclear2(H5E_DEFAULT);
                    return false;
                }
            }
            return true;
        });
    }

    /** True if {@code name} exists and is a group. */
    public boolean isGroup(String name) throws IOException {
        return contains(name) && objectType(name) == H5O_TYPE_GROUP;
    }

    /** True if {@code name} exists and is a dataset. */
    public boolean isDataset(String name) throws IOException {
        return contains(name) && objectType(name) == H5O_TYPE_DATASET;
    }

    private int objectType(String name) throws IOException {
        return Hdf5.locked(() -> {
            try (H5O_info2_t info = new H5O_info2_t()) {
                if (H5Oget_info_by_name3(id(), name, info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) {
                    throw Hdf5.error(file, "cannot inspect \"" + child(name) + "\"");
                }
                return info.type();
            }
        });
    }

    /** Opens the existing sub-group {@code name}; an IOException naming the file if it is missing. */
    public Hdf5Group group(String name) throws IOException {
        return Hdf5.locked(() -> {
            if (!isGroup(name)) throw new IOException(file + ": no group \"" + child(name) + "\" in the file");
            long g = Hdf5.check(H5Gopen2(id(), name, H5P_DEFAULT), file, "cannot open group \"" + child(name) + "\"");
            return new Hdf5Group(owner, file, child(name), g);
        });
    }

    /** Creates the sub-group {@code name}, and any missing groups on its path. */
    public Hdf5Group createGroup(String name) throws IOException {
        return Hdf5.locked(() -> {
            try (Hdf5.Handle lcpl = Hdf5.plist(H5Pcreate(H5P_CLS_LINK_CREATE_ID_g()), file, "cannot create a property list")) {
                H5Pset_create_intermediate_group(lcpl.id, 1);
                long g = Hdf5.check(H5Gcreate2(id(), name, lcpl.id, H5P_DEFAULT, H5P_DEFAULT), file,
                        "cannot create group \"" + child(name) + "\"");
                return new Hdf5Group(owner, file, child(name), g);
            }
        });
    }

    /** The names of the direct children (groups and datasets), in name order. */
    public List<String> keys() throws IOException {
        return Hdf5.locked(() -> {
            List<String> out = new ArrayList<>();
            try (H5G_info_t info = new H5G_info_t()) {
                if (H5Gget_info(id(), info) < 0) throw Hdf5.error(file, "cannot list group \"" + path + "\"");
                for (long i = 0; i < info.nlinks(); i++) {
                    long len = H5Lget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, i, (BytePointer) null, 0, H5P_DEFAULT);
                    if (len < 0) throw Hdf5.error(file, "cannot list group \"" + path + "\"");
                    byte[] buf = new byte[(int) len + 1];
                    H5Lget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, i, buf, buf.length, H5P_DEFAULT);
                    out.add(new String(buf, 0, (int) len, StandardCharsets.UTF_8));
                }
            }
            return out;
        });
    }

    // ------------------------------------------------------------------ datasets

    /** Reads dataset {@code name} into a new array (float32, float64, int32 or int64, as stored). */
    public INDArray read(String name) throws IOException {
        return Hdf5.locked(() -> Hdf5Arrays.read(id(), file, child(name), name, owner.sizeLimit()));
    }

    /** The shape of dataset {@code name}, without reading its values. */
    public long[] shape(String name) throws IOException {
        return Hdf5.locked(() -> Hdf5Arrays.shape(id(), file, child(name), name));
    }

    /** Writes {@code value} as dataset {@code name} (intermediate groups created). */
    public void write(String name, INDArray value) throws IOException {
        Hdf5.locked(() -> {
            Hdf5Arrays.write(id(), file, child(name), name, value);
            return null;
        });
    }

    // ------------------------------------------------------------------ attributes

    /** True if the group has attribute {@code name}. */
    public boolean hasAttribute(String name) throws IOException {
        return Hdf5.locked(() -> H5Aexists(id(), name) > 0);
    }

    /** The names of the group's attributes, in name order. */
    public List<String> attributeNames() throws IOException {
        return Hdf5.locked(() -> {
            List<String> out = new ArrayList<>();
            try (H5O_info2_t info = new H5O_info2_t()) {
                if (H5Oget_info3(id(), info, H5O_INFO_NUM_ATTRS) < 0) throw Hdf5.error(file, "cannot inspect \"" + path + "\"");
                for (long i = 0; i < info.num_attrs(); i++) {
                    long len = H5Aget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, i, (BytePointer) null, 0, H5P_DEFAULT);
                    if (len < 0) throw Hdf5.error(file, "cannot list the attributes of \"" + path + "\"");
                    byte[] buf = new byte[(int) len + 1];
                    H5Aget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, i, buf, buf.length, H5P_DEFAULT);
                    out.add(new String(buf, 0, (int) len, StandardCharsets.UTF_8));
                }
            }
            return out;
        });
    }

    /** A string attribute (fixed- or variable-length); an IOException if it is missing or not one string. */
    public String readString(String name) throws IOException {
        List<String> all = readStrings(name);
        if (all.size() != 1) {
            throw new IOException(file + ": attribute \"" + name + "\" of \"" + path + "\" holds " + all.size()
                    + " strings, expected one");
        }
        return all.get(0);
    }

    /** A string-array attribute (fixed- or variable-length); an empty attribute of any type reads as empty. */
    public List<String> readStrings(String name) throws IOException {
        return Hdf5.locked(() -> {
            if (H5Aexists(id(), name) <= 0) throw new IOException(file + ": \"" + path + "\" has no attribute \"" + name + "\"");
            return Hdf5Strings.read(owner, id, file, "\"" + path + "\"", name);
        });
    }

    /** Writes a scalar variable-length UTF-8 string attribute (replacing any old one). */
    public void writeString(String name, String value) throws IOException {
        Hdf5.locked(() -> {
            Hdf5Strings.writeScalar(id(), file, "\"" + path + "\"", name, value);
            return null;
        });
    }

    /** Writes a fixed-length NUL-padded string array, as Keras 2 writes names; empty writes h5py's empty float64 array. */
    public void writeFixedStrings(String name, List<String> values) throws IOException {
        Hdf5.locked(() -> {
            Hdf5Strings.writeFixedArray(id(), file, "\"" + path + "\"", name, values);
            return null;
        });
    }

    /** Writes a variable-length UTF-8 string array, as Keras 3 writes names. */
    public void writeVariableStrings(String name, List<String> values) throws IOException {
        Hdf5.locked(() -> {
            Hdf5Strings.writeVariableArray(id(), file, "\"" + path + "\"", name, values);
            return null;
        });
    }

    /** Closes the group's native handle; further calls fail with an IOException. */
    @Override
    public void close() throws IOException {
        Hdf5.locked(() -> {
            if (!closed) {
                closed = true;
                H5Gclose(id);
            }
            return null;
        });
    }

    @Override
    public String toString() {
        return "<HDF5 group \"" + path + "\" of " + file + ">";
    }
}
