package io.jkeras.saving;

import org.bytedeco.hdf5.H5T_cdata_t;
import org.bytedeco.hdf5.H5T_conv_t;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.hdf5.global.hdf5.*;

/**
 * Variable-length strings of an attribute, read without letting HDF5 touch the global heap (see
 * {@link GlobalHeaps} for why). An attribute keeps its value as stored in the file; for a variable-length string
 * that is, per element, a 4-byte length, the collection's address and a 4-byte object index. HDF5 converts
 * those to strings through a datatype conversion; here a conversion of jkeras's own, registered just for the
 * read, converts them to an opaque type of the same size by leaving the bytes as they are. The strings' bytes
 * are then taken from {@link GlobalHeaps}, which checked them. Callers hold {@link Hdf5#LOCK}.
 */
final class VlenReferences {
    /** Under HDF5's 32-byte limit for conversion names: a longer one is cut, and then unregistering by it misses. */
    private static final String NAME = "jkeras vlen references";
    private static final String TAG = "jkeras.vlen.references";
    /** Made once: each JavaCPP callback object allocates a native thunk. */
    private static KeepBytes conversion;

    private VlenReferences() {
    }

    /** The {@code n} strings of attribute {@code at}, read through {@code owner}'s checked global heaps. */
    static List<String> read(Hdf5File owner, long at, long n, String file, String what) throws IOException {
        int offsetSize = owner.offsetSize();
        int record = 4 + offsetSize + 4;
        byte[] raw = new byte[Math.toIntExact(n * record)];
        if (conversion == null) conversion = new KeepBytes();
        try (Hdf5.Handle src = Hdf5.type(H5Tcopy(H5T_C_S1_g()), file, "cannot make a string type");
             Hdf5.Handle dst = Hdf5.type(H5Tcreate(H5T_OPAQUE, record), file, "cannot make an opaque type");
             BytePointer buf = new BytePointer(raw.length)) {
            H5Tset_size(src.id, H5T_VARIABLE);
            H5Tset_tag(dst.id, TAG);
            if (H5Tregister(H5T_PERS_SOFT, NAME, src.id, dst.id, conversion) < 0) throw Hdf5.error(file, "cannot read " + what);
            try {
                if (H5Aread(at, dst.id, buf) < 0) throw Hdf5.error(file, "cannot read " + what + " (the file may be corrupt)");
            } finally {
                // Registered only for this read, so no jkeras callback outlives it: HDF5 would call it to free its
                // paths at exit, when the JVM can no longer run it. The path's source is the attribute's own type
                // (stored in the file), not the template, so types are wildcards here: the name and function suffice.
                H5Tunregister(H5T_PERS_SOFT, NAME, -1, -1, conversion);
            }
            buf.get(raw);
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        GlobalHeaps heaps = null;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int base = i * record;
            long length = Integer.toUnsignedLong(b.getInt(base));
            long address = offsetSize == 8 ? b.getLong(base + 4)
                    : offsetSize == 4 ? Integer.toUnsignedLong(b.getInt(base + 4)) : Short.toUnsignedInt(b.getShort(base + 4));
            long index = Integer.toUnsignedLong(b.getInt(base + 4 + offsetSize));
            if (length == 0) {
                out.add("");
                continue;
            }
            if (heaps == null) heaps = owner.globalHeaps();
            out.add(new String(heaps.read(address, index, length, file, what), StandardCharsets.UTF_8));
        }
        return out;
    }

    /**
     * A soft conversion from a variable-length string (as stored in a file) to an opaque type of the same size
     * tagged {@link #TAG}: it accepts only that pair, and converting is leaving the bytes in place.
     */
    private static final class KeepBytes extends H5T_conv_t {
        @Override
        public int call(long srcId, long dstId, H5T_cdata_t cdata, long n, long bufStride, long bkgStride, Pointer buf,
                        Pointer bkg, long dxpl) {
            int command = cdata.command();
            if (command == H5T_CONV_INIT) {
                cdata.need_bkg(H5T_BKG_NO);
                return accepts(srcId, dstId) ? 0 : -1;
            }
            if (command == H5T_CONV_CONV) return bufStride == 0 || H5Tget_size(srcId) == H5Tget_size(dstId) ? 0 : -1;
            return 0; // H5T_CONV_FREE: nothing was allocated
        }

        private static boolean accepts(long src, long dst) {
            if (H5Tget_class(dst) != H5T_OPAQUE || H5Tis_variable_str(src) <= 0) return false;
            if (H5Tget_size(src) != H5Tget_size(dst)) return false;
            BytePointer tag = H5Tget_tag(dst);
            if (tag == null || tag.isNull()) return false;
            String t = tag.getString();
            H5free_memory(tag);
            return TAG.equals(t);
        }
    }
}
