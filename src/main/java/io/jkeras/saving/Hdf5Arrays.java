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

    /** Reads dataset {@code name} (relative to {@code loc}) into a new C-ordered array. */
    static INDArray read(long loc, String file, String fullName, String name) throws IOException {
        try (Hdf5.Handle ds = Hdf5.dataset(H5Dopen2(loc, name, H5P_DEFAULT), file, "cannot open dataset \"" + fullName + "\"");
             Hdf5.Handle ft = Hdf5.type(H5Dget_type(ds.id), file, "cannot read the type of dataset \"" + fullName + "\"");
             Hdf5.Handle sp = Hdf5.space(H5Dget_space(ds.id), file, "cannot read the shape of dataset \"" + fullName + "\"")) {
            long[] dims = Hdf5.dims(sp.id);
            int cls = H5Tget_class(ft.id);
            long size = H5Tget_size(ft.id);
            DataType dt;
            long mem;
            if (cls == H5T_FLOAT) {
                dt = size > 4 ? DataType.DOUBLE : DataType.FLOAT;
                mem = size > 4 ? H5T_NATIVE_DOUBLE_g() : H5T_NATIVE_FLOAT_g();
            } else if (cls == H5T_INTEGER) {
                boolean small = size <= 4 && H5Tget_sign(ft.id) == H5T_SGN_2;
                dt = small ? DataType.INT : DataType.LONG;
                mem = small ? H5T_NATIVE_INT32_g() : H5T_NATIVE_INT64_g();
            } else {
                throw new IOException(file + ": dataset \"" + fullName + "\" holds " + className(cls)
                        + " values, not numbers");
            }
            INDArray out = Nd4j.create(dt, dims, 'c');
            if (out.isEmpty() || out.length() == 0) return out;
            AffinityManager am = Nd4j.getAffinityManager();
            am.ensureLocation(out, AffinityManager.Location.HOST);
            Pointer p = out.data().addressPointer();
            if (H5Dread(ds.id, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, p) < 0) {
                throw Hdf5.error(file, "cannot read dataset \"" + fullName + "\" of shape " + Shape.ofArray(dims)
                        + " (the file may be truncated or corrupt)");
            }
            // On a GPU backend the host copy is now the fresh one.
            am.tagLocation(out, AffinityManager.Location.HOST);
            return out;
        }
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
