package io.jkeras.saving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.bytedeco.hdf5.global.hdf5.*;

/**
 * An open HDF5 file, through bytedeco's HDF5 1.12 C API: the narrow part jkeras needs to read and
 * write Keras's {@code .h5} files. Open with {@link #open(Path)} (read-only) or {@link #create(Path)}
 * (new or truncated), reach groups from {@link #root()}, and close with try-with-resources.
 *
 * <p>A missing, empty, truncated or non-HDF5 file gives an {@link IOException} that names the file and
 * what is wrong (HDF5's own reason included); HDF5 never prints to the console. Before HDF5 opens a file, its
 * group structure is checked ({@link Hdf5Structure}), and datasets and strings are checked before they are read,
 * since HDF5 1.12 can hang or crash on some damage. All HDF5 calls in the
 * JVM are serialised by one lock, since the native library is not thread-safe.
 *
 * <pre>{@code
 * jshell> try (Hdf5File f = Hdf5File.create(Path.of("a.h5"))) {
 *    ...>     f.root().write("x", Nd4j.arange(6).reshape(2, 3).castTo(DataType.FLOAT));
 *    ...>     f.root().writeString("note", "hello");
 *    ...> }
 * jshell> try (Hdf5File f = Hdf5File.open(Path.of("a.h5"))) { System.out.println(f.root().read("x")); }
 * }</pre>
 */
public final class Hdf5File implements AutoCloseable {
    private final Path path;
    private final long id;
    private final Hdf5Group root;
    private final boolean readOnly;
    private final long sizeAtOpen;
    private boolean closed;
    /** Made on the first variable-length string read; see {@link #globalHeaps()}. */
    private GlobalHeaps heaps;
    private int offsetSize;
    private int lengthSize;
    private long baseAddress;

    private Hdf5File(Path path, long id, long rootId, boolean readOnly) {
        this.path = path;
        this.id = id;
        this.readOnly = readOnly;
        long size;
        try {
            size = readOnly ? Files.size(path) : Long.MAX_VALUE;
        } catch (IOException e) {
            size = Long.MAX_VALUE;
        }
        this.sizeAtOpen = size;
        this.root = new Hdf5Group(this, path.toString(), "/", rootId);
    }

    /** Opens an existing HDF5 file read-only. */
    public static Hdf5File open(Path path) throws IOException {
        String name = path.toString();
        if (!Files.exists(path)) throw new NoSuchFileException(name, null, "no such file");
        if (!Files.isRegularFile(path)) throw new IOException(name + ": not a regular file");
        long size = Files.size(path);
        if (size == 0) throw new IOException(name + ": the file is empty (0 bytes), not an HDF5 file");
        // HDF5 follows the original format's unchecked addresses blindly (a damaged one can crash the JVM): look first.
        String damage = Hdf5Structure.check(path);
        if (damage != null) throw new IOException(name + ": the file is damaged: " + damage);
        return Hdf5.locked(() -> {
            if (H5Fis_accessible(name, H5P_DEFAULT) <= 0) {
                throw Hdf5.error(name, "not an HDF5 file (no HDF5 signature found in its " + size + " bytes)");
            }
            return wrap(path, openOrCreate(name, false), true);
        });
    }

    /** Creates a new HDF5 file, replacing any file of that name. */
    public static Hdf5File create(Path path) throws IOException {
        return Hdf5.locked(() -> wrap(path, openOrCreate(path.toString(), true), false));
    }

    private static long openOrCreate(String name, boolean create) throws IOException {
        // Strong close degree: closing the file closes anything still open in it, so no handle outlives it.
        try (Hdf5.Handle fapl = Hdf5.plist(H5Pcreate(H5P_CLS_FILE_ACCESS_ID_g()), name, "cannot create a property list")) {
            H5Pset_fclose_degree(fapl.id, H5F_CLOSE_STRONG);
            long f = create ? H5Fcreate(name, H5F_ACC_TRUNC, H5P_DEFAULT, fapl.id) : H5Fopen(name, H5F_ACC_RDONLY, fapl.id);
            String what = create ? "cannot create the HDF5 file"
                    : "cannot open the HDF5 file (it may be truncated or corrupt)";
            return Hdf5.check(f, name, what);
        }
    }

    private static Hdf5File wrap(Path path, long fid, boolean readOnly) throws IOException {
        long g = H5Gopen2(fid, "/", H5P_DEFAULT);
        if (g < 0) {
            IOException e = Hdf5.error(path.toString(), "cannot open the root group (the file may be corrupt)");
            H5Fclose(fid);
            throw e;
        }
        return new Hdf5File(path, fid, g, readOnly);
    }

    /** The file's size when opened for reading (what any dataset must fit in); unbounded for a file being written. */
    long sizeLimit() {
        return readOnly ? sizeAtOpen : Long.MAX_VALUE;
    }

    /** True if this file was opened for reading (not created by this process). */
    boolean readOnly() {
        return readOnly;
    }

    /**
     * The file's global heap collections ({@link GlobalHeaps}); variable-length strings are
     * read from them, never through HDF5. Caller holds {@link Hdf5#LOCK}.
     */
    GlobalHeaps globalHeaps() throws IOException {
        if (heaps == null) {
            sizes();
            heaps = new GlobalHeaps(path, lengthSize, baseAddress);
        }
        return heaps;
    }

    /** The size of addresses in this file, from its superblock (8 in files h5py writes). Caller holds the lock. */
    int offsetSize() throws IOException {
        sizes();
        return offsetSize;
    }

    private void sizes() throws IOException {
        if (offsetSize > 0) return;
        try (Hdf5.Handle fcpl = Hdf5.plist(H5Fget_create_plist(id), path.toString(), "cannot read the file's creation properties");
             org.bytedeco.javacpp.SizeTPointer offsets = new org.bytedeco.javacpp.SizeTPointer(1);
             org.bytedeco.javacpp.SizeTPointer lengths = new org.bytedeco.javacpp.SizeTPointer(1)) {
            if (H5Pget_sizes(fcpl.id, offsets, lengths) < 0) throw Hdf5.error(path.toString(), "cannot read the file's address sizes");
            // Addresses count from the end of the user block, where the superblock is.
            try (org.bytedeco.javacpp.LongPointer userBlock = new org.bytedeco.javacpp.LongPointer(1)) {
                if (H5Pget_userblock(fcpl.id, userBlock) < 0) throw Hdf5.error(path.toString(), "cannot read the file's user block size");
                baseAddress = userBlock.get();
            }
            int o = (int) offsets.get();
            int l = (int) lengths.get();
            // HDF5 accepts only these; anything else is a damaged superblock that it should have refused.
            if ((o != 2 && o != 4 && o != 8) || (l != 2 && l != 4 && l != 8)) {
                throw new IOException(path + ": the file is damaged: its superblock gives addresses of " + o + " and lengths of "
                        + l + " bytes");
            }
            offsetSize = o;
            lengthSize = l;
        }
    }

    /** The root group {@code "/"} (its attributes are the file's attributes, as h5py's {@code f.attrs}). */
    public Hdf5Group root() {
        return root;
    }

    /** The file's path. */
    public Path path() {
        return path;
    }

    /** The number of HDF5 objects open in this file (this file and its root group count as two). */
    public long openObjectCount() throws IOException {
        return Hdf5.locked(() -> H5Fget_obj_count(id, H5F_OBJ_ALL));
    }

    /** The number of HDF5 objects open in the whole process, over all files (0 when everything is closed). */
    public static long openObjectsInProcess() throws IOException {
        return Hdf5.openObjects();
    }

    /**
     * HDF5's own count of what is open in all files, {@code H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL)} (files,
     * groups, datasets, attributes): 0 when no file is open. {@link #openObjectsInProcess} also counts dataspaces,
     * types and property lists.
     */
    public static long openFileObjectsInProcess() throws IOException {
        return Hdf5.openFileObjects();
    }

    /** Flushes and closes the file; closing twice does nothing. */
    @Override
    public void close() throws IOException {
        Hdf5.locked(() -> {
            if (closed) return null;
            closed = true;
            root.close();
            if (H5Fclose(id) < 0) throw Hdf5.error(path.toString(), "cannot close the HDF5 file (data may not be written)");
            return null;
        });
    }

    @Override
    public String toString() {
        return "<HDF5 file " + path + (closed ? " (closed)" : "") + ">";
    }
}
