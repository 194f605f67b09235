package io.jkeras.saving;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * A check of an HDF5 file's group structure, made before HDF5 opens it. The structures of HDF5's original
 * format (superblock 0 or 1, object headers version 1, groups as symbol tables: a v1 B-tree of symbol nodes
 * naming their members in a local heap), which h5py, Keras and jkeras write by default, carry no checksums, and
 * HDF5 1.12 follows their addresses and offsets unchecked: an address near 2^64 wraps its bounds check and its
 * metadata cache copies from outside its buffer; a name offset past the local heap makes it compare strings past
 * its end. Fuzzing found both crashing the JVM (and h5py). The later formats (superblock 2 and 3, object header
 * 2, v2 B-trees, fractal heaps) are checksummed, so damage there is refused by HDF5 before it is used; they are
 * not walked here.
 *
 * <p>From the root group, every object header reachable through the symbol tables is visited (continuation
 * blocks included): each address must lie inside the file, each local heap's data inside the file, each B-tree
 * node and symbol node must have its signature and no more entries than its capacity, and each name offset must
 * point at a NUL-terminated name inside its group's heap. Anything this walk does not understand is left to
 * HDF5. It reads only metadata, a few KiB for a Keras file.
 */
final class Hdf5Structure {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    /** Bounds on the walk, far above any Keras file, so a damaged file cannot make it run long. */
    private static final int MAX_OBJECTS = 1_000_000;

    private final FileChannel ch;
    private final long fileSize;
    private long base;
    private int offsetSize;
    private int lengthSize;
    private int leafK;
    private int internalK;
    private int visits;
    private final Set<Long> seenHeaders = new HashSet<>();
    private final Set<Long> seenNodes = new HashSet<>();
    private final Deque<Long> pendingHeaders = new ArrayDeque<>();

    /** Thrown inside the walk; its message is what is wrong. */
    private static final class Damaged extends Exception {
        Damaged(String message) {
            super(message, null, false, false);
        }
    }

    private Hdf5Structure(FileChannel ch, long fileSize) {
        this.ch = ch;
        this.fileSize = fileSize;
    }

    /** Null if the file's group structure is sound (or not in the original format), else what is wrong. */
    static String check(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            Hdf5Structure s = new Hdf5Structure(ch, ch.size());
            try {
                s.walk();
                return null;
            } catch (Damaged d) {
                return d.getMessage();
            }
        }
    }

    private void walk() throws IOException, Damaged {
        long at = superblock();
        if (at < 0) return; // no superblock of version 0 or 1: not this walk's business
        ByteBuffer sb = read(at, 8 + 16 + 4 * 8 + 40 + 4);
        int version = sb.get(8);
        offsetSize = sb.get(13);
        lengthSize = sb.get(14);
        if ((offsetSize != 2 && offsetSize != 4 && offsetSize != 8) || (lengthSize != 2 && lengthSize != 4 && lengthSize != 8)) {
            return; // HDF5 refuses these itself
        }
        leafK = Short.toUnsignedInt(sb.getShort(16));
        internalK = Short.toUnsignedInt(sb.getShort(18));
        int p = 24 + (version == 1 ? 4 : 0);
        sb = read(at, p + 4 * offsetSize + 2 * offsetSize + 24);
        base = offset(sb, p);
        // The addresses below are relative to the base address, which is where the superblock is when it is not 0.
        if (base != 0 && base != at) return;
        long driverInfo = offset(sb, p + 3 * offsetSize);
        if (defined(driverInfo)) inside(driverInfo, 16, "the driver information block");
        int entry = p + 4 * offsetSize;
        long rootHeader = offset(sb, entry + offsetSize);
        scratchPad(sb, entry, "the root group's entry");
        pendingHeaders.add(rootHeader);
        while (!pendingHeaders.isEmpty()) objectHeader(pendingHeaders.poll());
    }

    /** Where the superblock of version 0 or 1 is (0, 512, 1024, ...), or -1. */
    private long superblock() throws IOException {
        for (long at = 0; at + 9 <= fileSize; at = at == 0 ? 512 : at * 2) {
            ByteBuffer b = read(at, 9);
            boolean match = true;
            for (int i = 0; i < 8; i++) match &= b.get(i) == SIGNATURE[i];
            if (match) return b.get(8) == 0 || b.get(8) == 1 ? at : -1;
        }
        return -1;
    }

    /** A symbol table entry's cached B-tree and heap addresses (cache type 1) must be inside the file too. */
    private void scratchPad(ByteBuffer b, int entry, String what) throws Damaged {
        int cacheType = b.getInt(entry + 2 * offsetSize);
        if (cacheType == 1) {
            inside(offset(b, entry + 2 * offsetSize + 8), 8, "the B-tree cached in " + what);
            inside(offset(b, entry + 3 * offsetSize + 8), 8, "the local heap cached in " + what);
        }
    }

    private void objectHeader(long address) throws IOException, Damaged {
        if (!seenHeaders.add(address)) return;
        count();
        inside(address, 16, "an object header");
        ByteBuffer prefix = read(base + address, 16);
        if (prefix.get(0) != 1) return; // version 2 ("OHDR", checksummed) or damage HDF5 refuses by version
        long size = Integer.toUnsignedLong(prefix.getInt(8));
        inside(address + 16, size, "the object header at " + address);
        Deque<long[]> chunks = new ArrayDeque<>();
        chunks.add(new long[]{address + 16, size});
        Set<Long> seenChunks = new HashSet<>();
        while (!chunks.isEmpty()) {
            long[] chunk = chunks.poll();
            if (!seenChunks.add(chunk[0])) continue;
            count();
            messages(chunk[0], chunk[1], chunks, address);
        }
    }

    private void messages(long at, long size, Deque<long[]> chunks, long header) throws IOException, Damaged {
        if (size > 1 << 26) throw new Damaged("the object header at " + header + " claims " + size + " bytes of messages");
        ByteBuffer b = read(base + at, (int) size);
        int p = 0;
        while (p + 8 <= size) {
            int type = Short.toUnsignedInt(b.getShort(p));
            int length = Short.toUnsignedInt(b.getShort(p + 2));
            int flags = b.get(p + 4) & 0xff;
            int data = p + 8;
            if (data + length > size) {
                throw new Damaged("a message of the object header at " + header + " runs past its end (" + length + " bytes)");
            }
            if ((flags & 0x02) != 0 && length >= 2) {
                // A shared message: version, type (and in version 1 reserved bytes), then the address of the real one
                // (version 3 may hold a shared-message heap ID instead: left to HDF5).
                int version = b.get(data) & 0xff;
                int addrAt = data + (version == 1 ? 8 : 2);
                if ((version == 1 || version == 2) && addrAt + offsetSize <= data + length) {
                    long shared = offset(b, addrAt);
                    inside(shared, 16, "a shared message of the object header at " + header);
                }
            } else if (type == 0x0010 && length >= offsetSize + lengthSize) {
                long next = offset(b, data);
                long nextSize = length(b, data + offsetSize);
                inside(next, nextSize, "a continuation of the object header at " + header);
                chunks.add(new long[]{next, nextSize});
            } else if (type == 0x0011 && length >= 2 * offsetSize) {
                symbolTable(offset(b, data), offset(b, data + offsetSize), header);
            } else if (type == 0x0008 && length >= 2) {
                layout(b, data, length, header);
            } else if (type == 0x000C && length >= 8) {
                attribute(b, data, length, header);
            }
            p = data + length;
        }
    }

    /** A group: its local heap, then its B-tree down to the symbol nodes, whose members are visited in turn. */
    private void symbolTable(long btree, long heap, long header) throws IOException, Damaged {
        String where = "the group whose object header is at " + header;
        inside(heap, 8 + 2 * lengthSize + offsetSize, "the local heap of " + where);
        ByteBuffer h = read(base + heap, 8 + 2 * lengthSize + offsetSize);
        if (!signature(h, "HEAP")) throw new Damaged("the local heap of " + where + " (at " + heap + ") has no HEAP signature");
        long dataSize = length(h, 8);
        long dataAddress = offset(h, 8 + 2 * lengthSize);
        inside(dataAddress, dataSize, "the local heap data of " + where);
        if (dataSize > 1 << 26) throw new Damaged("the local heap of " + where + " claims " + dataSize + " bytes");
        ByteBuffer names = read(base + dataAddress, (int) dataSize);
        node(btree, -1, names, where);
    }

    private void node(long address, int expectedLevel, ByteBuffer names, String where) throws IOException, Damaged {
        if (!seenNodes.add(address)) throw new Damaged("the B-tree of " + where + " visits node " + address + " twice");
        count();
        int head = 8 + 2 * offsetSize;
        inside(address, head, "a B-tree node of " + where);
        ByteBuffer n = read(base + address, head);
        if (signature(n, "SNOD")) {
            if (expectedLevel > 0) throw new Damaged("the B-tree of " + where + " has a symbol node at level " + expectedLevel);
            symbolNode(address, names, where);
            return;
        }
        if (!signature(n, "TREE")) throw new Damaged("a B-tree node of " + where + " (at " + address + ") has no TREE signature");
        if (n.get(4) != 0) throw new Damaged("a B-tree node of " + where + " (at " + address + ") is not a group node");
        int level = n.get(5) & 0xff;
        if (expectedLevel >= 0 && level != expectedLevel) {
            throw new Damaged("a B-tree node of " + where + " (at " + address + ") is at level " + level + ", not " + expectedLevel);
        }
        int entries = Short.toUnsignedInt(n.getShort(6));
        if (entries > 2 * Math.max(internalK, 1)) {
            throw new Damaged("a B-tree node of " + where + " (at " + address + ") claims " + entries + " entries");
        }
        long body = (long) entries * (lengthSize + offsetSize) + lengthSize;
        inside(address + head, body, "a B-tree node of " + where);
        ByteBuffer b = read(base + address + head, (int) body);
        for (int i = 0; i <= entries; i++) name(names, length(b, i * (lengthSize + offsetSize)), where);
        for (int i = 0; i < entries; i++) {
            long child = offset(b, i * (lengthSize + offsetSize) + lengthSize);
            if (level == 0) {
                inside(child, 8, "a symbol node of " + where);
                symbolNode(child, names, where);
            } else {
                node(child, level - 1, names, where);
            }
        }
    }

    private void symbolNode(long address, ByteBuffer names, String where) throws IOException, Damaged {
        count();
        ByteBuffer h = read(base + address, 8);
        if (!signature(h, "SNOD")) throw new Damaged("a symbol node of " + where + " (at " + address + ") has no SNOD signature");
        int symbols = Short.toUnsignedInt(h.getShort(6));
        if (symbols > 2 * Math.max(leafK, 1)) {
            throw new Damaged("a symbol node of " + where + " (at " + address + ") claims " + symbols + " members");
        }
        int entrySize = 2 * offsetSize + 24;
        inside(address + 8, (long) symbols * entrySize, "a symbol node of " + where);
        ByteBuffer e = read(base + address + 8, symbols * entrySize);
        for (int i = 0; i < symbols; i++) {
            int at = i * entrySize;
            name(names, offset(e, at), where);
            if (e.getInt(at + 2 * offsetSize) == 2) {
                // A soft link: no object header, its target path is a name in the same heap.
                name(names, Integer.toUnsignedLong(e.getInt(at + 2 * offsetSize + 8)), where);
                continue;
            }
            long header = offset(e, at + offsetSize);
            inside(header, 16, "the object header of a member of " + where);
            scratchPad(e, at, "a member's entry in " + where);
            pendingHeaders.add(header);
        }
    }

    /** A name offset must point inside the heap at a NUL-terminated name, as HDF5 compares names there unchecked. */
    private static void name(ByteBuffer names, long offset, String where) throws Damaged {
        int size = names.capacity();
        if (offset < 0 || offset >= size) {
            throw new Damaged("a name of " + where + " is at offset " + Long.toUnsignedString(offset) + " of its " + size
                    + "-byte local heap");
        }
        for (int i = (int) offset; i < size; i++) if (names.get(i) == 0) return;
        throw new Damaged("a name of " + where + " at offset " + offset + " runs past the end of its local heap");
    }

    /** A dataset's layout: contiguous data inside the file; a chunk index's root inside the file. */
    private void layout(ByteBuffer b, int data, int length, long header) throws Damaged {
        int version = b.get(data) & 0xff;
        if (version != 3 || length < 2) return; // versions 1, 2 (very old) and 4 (checksummed index): left to HDF5
        int layoutClass = b.get(data + 1);
        if (layoutClass == 1 && length >= 2 + offsetSize + lengthSize) {
            long address = offset(b, data + 2);
            if (defined(address)) inside(address, length(b, data + 2 + offsetSize), "the data of the dataset at " + header);
        } else if (layoutClass == 2 && length >= 3 + offsetSize) {
            long address = offset(b, data + 3);
            if (defined(address)) inside(address, 8, "the chunk index of the dataset at " + header);
        }
    }

    /** An attribute's name, type and space must fit in its message. */
    private static void attribute(ByteBuffer b, int data, int length, long header) throws Damaged {
        int version = b.get(data) & 0xff;
        long nameSize = Short.toUnsignedInt(b.getShort(data + 2));
        long typeSize = Short.toUnsignedInt(b.getShort(data + 4));
        long spaceSize = Short.toUnsignedInt(b.getShort(data + 6));
        long need = switch (version) {
            case 1 -> 8 + pad8(nameSize) + pad8(typeSize) + pad8(spaceSize);
            case 2 -> 8 + nameSize + typeSize + spaceSize;
            case 3 -> 9 + nameSize + typeSize + spaceSize; // a name encoding byte follows the sizes
            default -> 0; // unknown: left to HDF5
        };
        if (need > length) {
            throw new Damaged("an attribute of the object header at " + header + " claims more bytes (" + need
                    + ") than its message holds (" + length + ")");
        }
    }

    private static long pad8(long n) {
        return (n + 7) & ~7L;
    }

    // ------------------------------------------------------------------ helpers

    private void count() throws Damaged {
        if (++visits > MAX_OBJECTS) throw new Damaged("its group structure has more than " + MAX_OBJECTS + " parts");
    }

    private boolean defined(long address) {
        return address != -1L && !(offsetSize < 8 && address == (1L << (8 * offsetSize)) - 1);
    }

    /** {@code size} bytes at relative address {@code address} must lie inside the file, with no wrap-around. */
    private void inside(long address, long size, String what) throws Damaged {
        long end = fileSize - base;
        if (!defined(address) || address < 0 || size < 0 || address > end || size > end - address) {
            throw new Damaged(what + " lies outside the " + fileSize + "-byte file (address " + Long.toUnsignedString(address)
                    + ", " + Long.toUnsignedString(size) + " bytes)");
        }
    }

    private static boolean signature(ByteBuffer b, String s) {
        for (int i = 0; i < 4; i++) if (b.get(i) != s.charAt(i)) return false;
        return true;
    }

    private long offset(ByteBuffer b, int at) {
        return value(b, at, offsetSize);
    }

    private long length(ByteBuffer b, int at) {
        return value(b, at, lengthSize);
    }

    private static long value(ByteBuffer b, int at, int n) {
        return switch (n) {
            case 2 -> Short.toUnsignedInt(b.getShort(at));
            case 4 -> Integer.toUnsignedLong(b.getInt(at));
            default -> b.getLong(at);
        };
    }

    /** {@code n} bytes at absolute position {@code at} (fewer past the end of the file: zeros there). */
    private ByteBuffer read(long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) break;
        }
        return b.clear();
    }
}
