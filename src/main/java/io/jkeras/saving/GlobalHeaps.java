package io.jkeras.saving;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The global heap collections of an HDF5 file, read by jkeras itself. h5py stores every Python {@code str}
 * attribute as a variable-length string, whose bytes live in a global heap collection ({@code GCOL}); the
 * attribute holds only (length, collection address, object index). HDF5 1.12 trusts those: a damaged
 * collection makes it spin for ever in {@code H5Aread} (an object of size 0), and a damaged index or size makes
 * it read or copy outside its buffers and crash the JVM (all three seen in fuzzing; h5py's HDF5 1.10 hangs the
 * same way). So jkeras never lets HDF5 read such a string: {@link VlenReferences} takes the raw references from
 * the attribute, and this class finds the bytes.
 *
 * <p>A collection is read from the file when a reference first names it, and walked as HDF5 walks it, requiring
 * every object to lie inside it; a reference is honoured only if its address holds a collection (signature,
 * version 1, a size that fits in the file), the collection is sound, has that object, and the object's size is
 * the string's length. Only what is referenced is read, a few KiB per file.
 */
final class GlobalHeaps {
    /** A collection: its objects' data offsets in the file and sizes by index, or why it is damaged. */
    private record Collection(Map<Integer, long[]> objects, String problem) {
    }

    private final Path path;
    private final int lengthSize;
    private final long base;
    private final Map<Long, Collection> collections = new HashMap<>();

    /**
     * The heaps of the file at {@code path}.
     *
     * @param lengthSize the file's size of lengths, from its superblock (8 in files h5py writes)
     * @param base       the file's base address (its user block's size): addresses count from there
     */
    GlobalHeaps(Path path, int lengthSize, long base) {
        this.path = path;
        this.lengthSize = lengthSize;
        this.base = base;
    }

    /** The collection at {@code at}, walked as HDF5 walks it; a damaged one (with why) if it is none or unsound. */
    private static Collection walk(FileChannel ch, long at, long fileSize, int lengthSize) throws IOException {
        int header = 8 + lengthSize;
        if (at < 0 || at > fileSize - header) return damaged("lies outside the " + fileSize + "-byte file");
        ByteBuffer h = ByteBuffer.allocate(header).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, h, at, header);
        if (h.get(0) != 'G' || h.get(1) != 'C' || h.get(2) != 'O' || h.get(3) != 'L' || h.get(4) != 1) {
            return damaged("is not one (no GCOL signature of version 1 there)");
        }
        long size = length(h, 8, lengthSize);
        if (size < header || size > fileSize - at || size > Integer.MAX_VALUE) {
            return damaged("claims a size of " + Long.toUnsignedString(size) + " bytes");
        }
        ByteBuffer c = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, c, at, (int) size);
        Map<Integer, long[]> objects = new HashMap<>();
        int objectHeader = 8 + lengthSize;
        long p = header;
        while (p < size) {
            if (p + objectHeader > size) break; // a tail too small for an object header is free space
            int index = Short.toUnsignedInt(c.getShort((int) p));
            long objectSize = length(c, (int) p + 8, lengthSize);
            long need;
            if (objectSize < 0 || objectSize > size) need = -1;
            else need = index > 0 ? objectHeader + ((objectSize + 7) & ~7L) : objectSize;
            if (need <= 0 || need > size - p) {
                return damaged("has object " + index + " at byte " + (at + p) + " of size "
                        + Long.toUnsignedString(objectSize) + ", which does not fit in its " + size + " bytes");
            }
            if (index > 0) objects.put(index, new long[]{at + p + objectHeader, objectSize});
            p += need;
        }
        return new Collection(objects, null);
    }

    private static Collection damaged(String why) {
        return new Collection(Map.of(), why);
    }

    /**
     * The bytes of a variable-length string: object {@code index} of the collection at {@code address}, which
     * must hold exactly {@code length} bytes.
     *
     * @param what the attribute, for messages
     */
    byte[] read(long address, long index, long length, String file, String what) throws IOException {
        Collection c = collections.get(address);
        if (c == null) {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                c = address < 0 || address > Long.MAX_VALUE - base ? damaged("lies outside the file")
                        : walk(ch, base + address, ch.size(), lengthSize);
            }
            collections.put(address, c);
        }
        String ref = "refers to object " + index + " of the global heap collection at byte " + Long.toUnsignedString(address);
        if (c.problem() != null) {
            throw new IOException(file + ": " + what + " is damaged: it " + ref + ", which " + c.problem());
        }
        long[] object = index > 0 && index <= 0xffff ? c.objects().get((int) index) : null;
        if (object == null) throw new IOException(file + ": " + what + " is damaged: it " + ref + ", which has no such object");
        if (object[1] != length) {
            throw new IOException(file + ": " + what + " is damaged: it " + ref + " as " + length + " bytes, but the object holds "
                    + object[1]);
        }
        ByteBuffer out = ByteBuffer.allocate((int) length);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            if (readFully(ch, out, object[0], (int) length) != length) {
                throw new IOException(file + ": " + what + " is damaged: its bytes lie past the end of the file");
            }
        }
        return out.array();
    }

    private static long length(ByteBuffer b, int at, int n) {
        return switch (n) {
            case 2 -> Short.toUnsignedInt(b.getShort(at));
            case 4 -> Integer.toUnsignedLong(b.getInt(at));
            default -> b.getLong(at); // negative when the top bit is set: larger than any file
        };
    }

    /** Reads up to {@code n} bytes at {@code at} into {@code buf} from its position; returns how many it read. */
    private static int readFully(FileChannel ch, ByteBuffer buf, long at, int n) throws IOException {
        int start = buf.position();
        buf.limit(start + n);
        while (buf.hasRemaining()) {
            if (ch.read(buf, at + buf.position() - start) < 0) break;
        }
        return buf.position() - start;
    }
}
