package io.jkeras.saving;

import io.jkeras.Shape;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;

import static org.bytedeco.hdf5.global.hdf5.*;

/**
 * Numeric datasets to and from INDArrays, copied in bulk: HDF5 reads straight into the array's own
 * buffer (and writes straight from it), converting between the file's type and the native one itself.
 * Floats of 4 bytes or fewer become float32, 8-byte floats float64; integers int32 or int64 (Keras 3
 * stores the optimizer's {@code iteration} as an int64 scalar). Rank 0 (a scalar dataset) is supported.
 * Callers hold {@link Hdf5#LOCK}.
 */
final class Hdf5Arrays {
    private Hdf5Arrays() {
    }

    /**
     * Reads dataset {@code name} (relative to {@code loc}) into a new C-ordered array. Before HDF5 reads a byte,
     * the dataset's shape, type and storage are checked against each other and against {@code fileSize}, so a
     * damaged header gives an IOException instead of a huge allocation or a read outside the file.
     */
    static INDArray read(long loc, String file, String fullName, String name, long fileSize) throws IOException {
        String what = "dataset \"" + fullName + "\"";
        try (Hdf5.Handle ds = Hdf5.dataset(H5Dopen2(loc, name, H5P_DEFAULT), file, "cannot open " + what);
             Hdf5.Handle ft = Hdf5.type(H5Dget_type(ds.id), file, "cannot read the type of " + what);
             Hdf5.Handle sp = Hdf5.space(H5Dget_space(ds.id), file, "cannot read the shape of " + what)) {
            long[] dims = Hdf5.dims(sp.id);
            int cls = H5Tget_class(ft.id);
            long size = H5Tget_size(ft.id);
            DataType dt;
            long mem;
            if (cls == H5T_FLOAT && (size == 2 || size == 4 || size == 8)) {
                dt = size > 4 ? DataType.DOUBLE : DataType.FLOAT;
                mem = size > 4 ? H5T_NATIVE_DOUBLE_g() : H5T_NATIVE_FLOAT_g();
            } else if (cls == H5T_INTEGER && (size == 1 || size == 2 || size == 4 || size == 8)) {
                boolean small = size <= 4 && H5Tget_sign(ft.id) == H5T_SGN_2;
                dt = small ? DataType.INT : DataType.LONG;
                mem = small ? H5T_NATIVE_INT32_g() : H5T_NATIVE_INT64_g();
            } else if (cls == H5T_FLOAT || cls == H5T_INTEGER) {
                throw new IOException(file + ": " + what + " holds " + className(cls) + " values of " + size
                        + " bytes, which no Keras file has (the file may be corrupt)");
            } else {
                throw new IOException(file + ": " + what + " holds " + className(cls) + " values, not numbers");
            }
            long count = checkedCount(dims, file, what);
            checkStorage(ds.id, count, size, fileSize, file, what, dims);
            if (count == 0) return Nd4j.create(dt, dims, 'c');
            // H5Dread writes every element, so the array need not be zeroed first (a pass over memory saved).
            INDArray out = Nd4j.createUninitialized(dt, dims, 'c');
            AffinityManager am = Nd4j.getAffinityManager();
            am.ensureLocation(out, AffinityManager.Location.HOST);
            Pointer p = out.data().addressPointer();
            if (H5Dread(ds.id, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, p) < 0) {
                throw Hdf5.error(file, "cannot read " + what + " of shape " + Shape.ofArray(dims)
                        + " (the file may be truncated or corrupt)");
            }
            // On a GPU backend the host copy is now the fresh one.
            am.tagLocation(out, AffinityManager.Location.HOST);
            return out;
        }
    }

    /** The number of elements, or an IOException if the dimensions overflow (a damaged dataspace). */
    private static long checkedCount(long[] dims, String file, String what) throws IOException {
        long n = 1;
        for (long d : dims) {
            if (d < 0) throw new IOException(file + ": " + what + " has a negative dimension " + Shape.ofArray(dims));
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new IOException(file + ": " + what + " has the impossible shape " + Shape.ofArray(dims)
                        + " (the file is corrupt)");
            }
        }
        if (n > Integer.MAX_VALUE) {
            throw new IOException(file + ": " + what + " has " + n + " elements " + Shape.ofArray(dims)
                    + ", more than one array can hold (the file may be corrupt)");
        }
        return n;
    }

    /**
     * The stored bytes must be able to hold the shape: contiguous data lies inside the file and has exactly the
     * shape's size; chunked data (possibly compressed) expands at most 1,024-fold; compact data sits in a 64 KiB
     * object header. Unwritten contiguous data reads as the fill value and is only bounded by the file's size.
     */
    private static void checkStorage(long ds, long count, long typeSize, long fileSize, String file, String what, long[] dims)
            throws IOException {
        long bytes = count * typeSize;
        int layout;
        try (Hdf5.Handle dcpl = Hdf5.plist(H5Dget_create_plist(ds), file, "cannot read the storage properties of " + what)) {
            layout = H5Pget_layout(dcpl.id);
        }
        String problem = null;
        if (layout == H5D_CONTIGUOUS) {
            long offset = H5Dget_offset(ds);
            long stored = H5Dget_storage_size(ds);
            if (offset != -1 && (offset < 0 || offset > fileSize || bytes > fileSize - offset)) {
                problem = "its " + bytes + " bytes at offset " + Long.toUnsignedString(offset) + " lie beyond the end of the "
                        + fileSize + "-byte file (the file is truncated or corrupt)";
            } else if (offset != -1 && stored != bytes) {
                problem = "it stores " + stored + " bytes where its shape needs " + bytes + " (the file is corrupt)";
            } else if (offset == -1 && bytes > fileSize) {
                problem = "its shape needs " + bytes + " bytes, more than the whole " + fileSize + "-byte file";
            }
        } else if (layout == H5D_CHUNKED) {
            if (fileSize != Long.MAX_VALUE && bytes / 1024 > fileSize) {
                problem = "its shape needs " + bytes + " bytes, over 1,024 times the whole " + fileSize + "-byte file";
            }
        } else if (layout == H5D_COMPACT) {
            if (bytes > 65536) problem = "its shape needs " + bytes + " bytes, more than compact storage holds";
        } else {
            problem = "its storage layout (" + layout + ") is not one HDF5 writes for a Keras file";
        }
        if (problem != null) throw new IOException(file + ": " + what + " of shape " + Shape.ofArray(dims) + " is damaged: " + problem);
    }

    /** The dimensions of dataset {@code name} without reading it. */
    static long[] shape(long loc, String file, String fullName, String name) throws IOException {
        try (Hdf5.Handle ds = Hdf5.dataset(H5Dopen2(loc, name, H5P_DEFAULT), file, "cannot open dataset \"" + fullName + "\"");
             Hdf5.Handle sp = Hdf5.space(H5Dget_space(ds.id), file, "cannot read the shape of dataset \"" + fullName + "\"")) {
            return Hdf5.dims(sp.id);
        }
    }

    /**
     * Creates dataset {@code name} (intermediate groups included, as h5py does for {@code "dense/kernel:0"})
     * holding a copy of {@code a}. float16/bfloat16 are written as float32, which Keras reads back as the
     * variable's own dtype anyway.
     */
    static void write(long loc, String file, String fullName, String name, INDArray a) throws IOException {
        INDArray src = a;
        if (src.dataType() == DataType.HALF || src.dataType() == DataType.BFLOAT16) src = src.castTo(DataType.FLOAT);
        long fileType;
        long memType;
        switch (src.dataType()) {
            case FLOAT -> { fileType = H5T_IEEE_F32LE_g(); memType = H5T_NATIVE_FLOAT_g(); }
            case DOUBLE -> { fileType = H5T_IEEE_F64LE_g(); memType = H5T_NATIVE_DOUBLE_g(); }
            case LONG -> { fileType = H5T_STD_I64LE_g(); memType = H5T_NATIVE_INT64_g(); }
            case INT -> { fileType = H5T_STD_I32LE_g(); memType = H5T_NATIVE_INT32_g(); }
            default -> throw new IllegalArgumentException("Cannot write dataset \"" + fullName + "\" to " + file
                    + ": arrays of type " + src.dataType() + " are not supported (float32, float64, int32, int64 are).");
        }
        // HDF5 copies from one contiguous C-ordered buffer starting at the array's first element.
        if (!src.isEmpty() && (src.isView() || src.ordering() != 'c' || src.offset() != 0)) src = src.dup('c');
        long[] dims = src.shape();
        try (Hdf5.Handle lcpl = Hdf5.plist(H5Pcreate(H5P_CLS_LINK_CREATE_ID_g()), file, "cannot create a property list");
             Hdf5.Handle sp = Hdf5.createSpace(dims, file, "cannot create the shape of dataset \"" + fullName + "\"")) {
            H5Pset_create_intermediate_group(lcpl.id, 1);
            try (Hdf5.Handle ds = Hdf5.dataset(H5Dcreate2(loc, name, fileType, sp.id, lcpl.id, H5P_DEFAULT, H5P_DEFAULT),
                    file, "cannot create dataset \"" + fullName + "\"")) {
                if (src.isEmpty() || src.length() == 0) return;
                Nd4j.getAffinityManager().ensureLocation(src, AffinityManager.Location.HOST);
                if (H5Dwrite(ds.id, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, src.data().addressPointer()) < 0) {
                    throw Hdf5.error(file, "cannot write dataset \"" + fullName + "\"");
                }
            }
        }
    }

    static String className(int cls) {
        if (cls == H5T_STRING) return "string";
        if (cls == H5T_INTEGER) return "integer";
        if (cls == H5T_FLOAT) return "float";
        if (cls == H5T_ENUM) return "enum (boolean)";
        return "HDF5 class " + cls;
    }
}
