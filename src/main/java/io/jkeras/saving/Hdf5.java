package io.jkeras.saving;

import org.bytedeco.hdf5.H5E_error2_t;
import org.bytedeco.hdf5.H5E_walk2_t;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongToIntFunction;

import static org.bytedeco.hdf5.global.hdf5.*;

/**
 * The shared core of the HDF5 wrapper ({@link Hdf5File}, {@link Hdf5Group}): loading the native library,
 * the one global lock, handles that close themselves, and HDF5's error stack turned into
 * {@link IOException}s.
 *
 * <p>The bytedeco build of HDF5 1.12.1 is compiled without thread-safety ({@code libhdf5.settings}:
 * "Threadsafety: no"), so every call into it, from any thread, runs under {@link #LOCK}. Its automatic
 * error printing is switched off once, so a failed call never writes to the console; the error stack is
 * read back here and becomes the message of the exception instead.
 */
final class Hdf5 {
    /** Serialises every HDF5 call in the JVM; reentrant so that a group method may call another. */
    static final ReentrantLock LOCK = new ReentrantLock();
    private static boolean ready;
    private static Throwable loadFailure;
    /** Reused under the lock: JavaCPP callbacks allocate a native thunk, so one is made once. */
    private static ErrorCollector collector;
    /** Identifiers HDF5 holds for itself once started (predefined types, default property lists). */
    private static long baseline;
    private static long fileObjectBaseline;

    private Hdf5() {
    }

    /** Work that calls HDF5 and may fail with an IOException. */
    interface Work<T> {
        T run() throws IOException;
    }

    /** Runs {@code work} under the global lock, after making sure the library is loaded and silent. */
    static <T> T locked(Work<T> work) throws IOException {
        LOCK.lock();
        try {
            init();
            return work.run();
        } finally {
            LOCK.unlock();
        }
    }

    private static void init() throws IOException {
        if (ready) return;
        if (loadFailure != null) throw new IOException("The HDF5 native library could not be loaded: " + loadFailure, loadFailure);
        try {
            // Touching the class loads libhdf5 through JavaCPP (the same JavaCPP 1.5.7 that ND4J uses).
            if (H5open() < 0) throw new IOException("H5open failed");
            // Silence HDF5's default handler, which prints the whole error stack to stderr.
            H5Eset_auto2(H5E_DEFAULT, (org.bytedeco.hdf5.H5E_auto2_t) null, null);
            collector = new ErrorCollector();
            baseline = identifiers();
            fileObjectBaseline = H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL);
            ready = true;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            loadFailure = e;
            throw new IOException("The HDF5 native library could not be loaded: " + e, e);
        }
    }

    /** Throws an IOException naming the file, the object and HDF5's own reason when {@code id} is negative. */
    static long check(long id, String file, String what) throws IOException {
        if (id < 0) throw error(file, what);
        return id;
    }

    /** The IOException for a failed call: {@code <file>: <what>: <HDF5's reasons>}; clears the error stack. */
    static IOException error(String file, String what) {
        List<String> reasons = collector == null ? List.of() : collector.collect();
        String detail = reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")";
        return new IOException(file + ": " + what + detail);
    }

    /** A native id with the function that closes it; closing twice or closing an invalid id does nothing. */
    static final class Handle implements AutoCloseable {
        final long id;
        private final LongToIntFunction closer;
        private boolean closed;

        Handle(long id, LongToIntFunction closer) {
            this.id = id;
            this.closer = closer;
        }

        @Override
        public void close() {
            if (closed || id < 0) return;
            closed = true;
            closer.applyAsInt(id);
        }
    }

    static Handle space(long id, String file, String what) throws IOException {
        return new Handle(check(id, file, what), org.bytedeco.hdf5.global.hdf5::H5Sclose);
    }

    static Handle type(long id, String file, String what) throws IOException {
        return new Handle(check(id, file, what), org.bytedeco.hdf5.global.hdf5::H5Tclose);
    }

    static Handle attribute(long id, String file, String what) throws IOException {
        return new Handle(check(id, file, what), org.bytedeco.hdf5.global.hdf5::H5Aclose);
    }

    static Handle dataset(long id, String file, String what) throws IOException {
        return new Handle(check(id, file, what), org.bytedeco.hdf5.global.hdf5::H5Dclose);
    }

    static Handle plist(long id, String file, String what) throws IOException {
        return new Handle(check(id, file, what), org.bytedeco.hdf5.global.hdf5::H5Pclose);
    }

    /** The dimensions of a dataspace ({@code []} for a scalar). */
    static long[] dims(long space) {
        int rank = H5Sget_simple_extent_ndims(space);
        long[] dims = new long[Math.max(rank, 0)];
        if (rank > 0) H5Sget_simple_extent_dims(space, dims, (long[]) null);
        return dims;
    }

    /** A dataspace of these dimensions: scalar for {@code []}. */
    static Handle createSpace(long[] dims, String file, String what) throws IOException {
        long id = dims.length == 0 ? H5Screate(H5S_SCALAR) : H5Screate_simple(dims.length, dims, (long[]) null);
        return space(id, file, what);
    }

    /**
     * The number of HDF5 identifiers open in this process (files, groups, datasets, attributes, types,
     * dataspaces, property lists) beyond those the library itself holds after start-up: 0 when every
     * handle jkeras opened has been closed.
     */
    static long openObjects() throws IOException {
        return locked(() -> identifiers() - baseline);
    }

    /**
     * HDF5's own count of open objects, {@code H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL)} (files, groups,
     * datasets, attributes, datatypes), less what it counted once started (its ~200 predefined datatypes):
     * 0 when nothing jkeras opened is still open.
     */
    static long openFileObjects() throws IOException {
        return locked(() -> H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL) - fileObjectBaseline);
    }

    /** True if HDF5's automatic error printing is off (it stays off for the life of the JVM once loaded). */
    static boolean errorPrintingOff() throws IOException {
        return locked(() -> {
            // JavaCPP passes a FunctionPointer's address as the H5E_auto2_t* out-parameter: point it at a slot.
            try (org.bytedeco.javacpp.PointerPointer<?> slot = new org.bytedeco.javacpp.PointerPointer<>(1);
                 org.bytedeco.javacpp.PointerPointer<?> data = new org.bytedeco.javacpp.PointerPointer<>(1)) {
                if (H5Eget_auto2(H5E_DEFAULT, new org.bytedeco.hdf5.H5E_auto2_t(slot), data) < 0) return false;
                Pointer handler = slot.get(0);
                return handler == null || handler.isNull();
            }
        });
    }

    private static long identifiers() {
        long n = 0;
        long[] count = new long[1];
        for (int kind : new int[]{H5I_FILE, H5I_GROUP, H5I_DATASET, H5I_ATTR, H5I_DATATYPE, H5I_DATASPACE, H5I_GENPROP_LST}) {
            if (H5Inmembers(kind, count) >= 0) n += count[0];
        }
        return n;
    }

    /** Walks HDF5's error stack (innermost last) into short "function: description" lines. */
    private static final class ErrorCollector extends H5E_walk2_t {
        private final List<String> lines = new ArrayList<>();

        @Override
        public int call(int n, H5E_error2_t err, Pointer clientData) {
            String desc = str(err.desc());
            String func = str(err.func_name());
            lines.add(func.isEmpty() ? desc : func + ": " + desc);
            return 0;
        }

        List<String> collect() {
            lines.clear();
            H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, this, null);
            H5Eclear2(H5E_DEFAULT);
            // The outermost API call and the innermost cause say the most; the middle is library plumbing.
            List<String> out = new ArrayList<>(lines);
            if (out.size() > 2) out = List.of(out.get(0), out.get(out.size() - 1));
            return out;
        }

        private static String str(BytePointer p) {
            return p == null || p.isNull() ? "" : p.getString();
        }
    }
}
