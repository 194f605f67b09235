package io.jkeras.saving;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Damaged copies of a file, for {@link FileFuzzTest}: each {@link #mutate} call draws one kind of damage from
 * the given random source, so a case is repeatable from its seed. The kinds: random byte flips (half of them in
 * the first 4 KiB, where HDF5's superblock and root headers sit), a zeroed or 0xFF-filled range, a truncation,
 * an edit of a text run in place (digits stay digits, so the model config often stays valid JSON with other
 * numbers), a block copied over another place, an edited {@code config.json} or a damaged
 * {@code model.weights.h5} inside a rebuilt {@code .keras} archive (checksums right, so the damage reaches the
 * reader), a zip where an HDF5 file is expected and the other way round, random bytes behind a real signature,
 * and empty or tiny files.
 */
final class FileMutator {
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    /** A real file's name and content. */
    record Fixture(String name, byte[] bytes) {
        boolean isZip() {
            return bytes.length > 1 && bytes[0] == 'P' && bytes[1] == 'K';
        }

        String extension() {
            if (name.endsWith(".weights.h5")) return ".weights.h5";
            return name.substring(name.lastIndexOf('.'));
        }
    }

    /** A damaged copy, what was done to it, and the extension to give it. */
    record Mutant(String description, byte[] bytes, String extension) {
    }

    private final List<Fixture> all;

    FileMutator(List<Fixture> all) {
        this.all = all;
    }

    Mutant mutate(Fixture f, Random rnd) {
        byte[] src = f.bytes();
        String ext = f.extension();
        int r = rnd.nextInt(100);
        if (r < 28) return flips(src, rnd, ext);
        if (r < 38) return fill(src, rnd, ext);
        if (r < 48) {
            int cut = rnd.nextInt(4) == 0 ? rnd.nextInt(Math.min(src.length, 4096)) : rnd.nextInt(src.length);
            return new Mutant("truncated to " + cut + " bytes", Arrays.copyOf(src, cut), ext);
        }
        if (r < 62) {
            if (f.isZip()) return rnd.nextBoolean() ? zipConfig(src, rnd, ext) : zipWeights(src, rnd, ext);
            return textEdit(src, rnd, ext);
        }
        if (r < 72) return f.isZip() ? zipWeights(src, rnd, ext) : textEdit(src, rnd, ext);
        if (r < 82) return blockCopy(src, rnd, ext);
        if (r < 88) {
            List<Fixture> other = all.stream().filter(o -> o.isZip() != f.isZip()).toList();
            Fixture o = other.get(rnd.nextInt(other.size()));
            return new Mutant("the bytes of " + o.name() + " (" + (o.isZip() ? "a zip" : "HDF5") + ")", o.bytes(), ext);
        }
        if (r < 95) return noise(rnd, ext);
        int n = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(17);
        return new Mutant(n == 0 ? "empty" : "the first " + n + " bytes", Arrays.copyOf(src, n), ext);
    }

    private static Mutant flips(byte[] src, Random rnd, String ext) {
        byte[] b = src.clone();
        int n = 1 + rnd.nextInt(8);
        StringBuilder at = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int pos = rnd.nextBoolean() ? rnd.nextInt(Math.min(b.length, 4096)) : rnd.nextInt(b.length);
            int mask = rnd.nextBoolean() ? 1 << rnd.nextInt(8) : 1 + rnd.nextInt(255);
            b[pos] ^= (byte) mask;
            at.append(i == 0 ? "" : ",").append(pos);
        }
        return new Mutant(n + " byte flip(s) at " + at, b, ext);
    }

    private static Mutant fill(byte[] src, Random rnd, String ext) {
        byte[] b = src.clone();
        int len = 1 + rnd.nextInt(Math.min(4096, b.length));
        int off = rnd.nextInt(b.length - len + 1);
        byte v = rnd.nextBoolean() ? 0 : (byte) 0xff;
        Arrays.fill(b, off, off + len, v);
        return new Mutant(len + " bytes at " + off + " set to " + (v == 0 ? "0x00" : "0xff"), b, ext);
    }

    private static Mutant blockCopy(byte[] src, Random rnd, String ext) {
        byte[] b = src.clone();
        int len = 8 + rnd.nextInt(Math.min(505, b.length - 8));
        int from = rnd.nextInt(b.length - len + 1);
        int to = rnd.nextBoolean() ? rnd.nextInt(Math.min(b.length, 4096) - Math.min(len, Math.min(b.length, 4096)) + 1)
                : rnd.nextInt(b.length - len + 1);
        System.arraycopy(src, from, b, to, len);
        return new Mutant(len + " bytes copied from " + from + " to " + to, b, ext);
    }

    /** One character of a printable run (a name, a JSON config) changed to another of its kind, in place. */
    private static Mutant textEdit(byte[] src, Random rnd, String ext) {
        List<int[]> runs = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= src.length; i++) {
            boolean printable = i < src.length && src[i] >= 0x20 && src[i] < 0x7f;
            if (printable && start < 0) start = i;
            if (!printable && start >= 0) {
                if (i - start >= 6) runs.add(new int[]{start, i});
                start = -1;
            }
        }
        if (runs.isEmpty()) return flips(src, rnd, ext);
        // The model config is by far the longest run: choose runs by length, so it is edited most.
        long total = runs.stream().mapToLong(x -> x[1] - x[0]).sum();
        long pick = (long) (rnd.nextDouble() * total);
        int[] run = runs.get(runs.size() - 1);
        for (int[] x : runs) {
            if (pick < x[1] - x[0]) {
                run = x;
                break;
            }
            pick -= x[1] - x[0];
        }
        byte[] b = src.clone();
        int edits = 1 + rnd.nextInt(3);
        StringBuilder d = new StringBuilder();
        for (int e = 0; e < edits; e++) {
            int pos = run[0] + rnd.nextInt(run[1] - run[0]);
            byte old = b[pos];
            byte now;
            if (old >= '0' && old <= '9') now = (byte) ('0' + rnd.nextInt(10));
            else if (old >= 'a' && old <= 'z') now = (byte) ('a' + rnd.nextInt(26));
            else now = (byte) " \",:[]{}0-.e_/"
                    .charAt(rnd.nextInt(14));
            b[pos] = now;
            d.append(e == 0 ? "" : ", ").append("'").append((char) old).append("'->'").append((char) now).append("' at ").append(pos);
        }
        return new Mutant("text edit " + d, b, ext);
    }

    private static Mutant noise(Random rnd, String ext) {
        byte[] b = new byte[rnd.nextInt(8193)];
        rnd.nextBytes(b);
        int k = rnd.nextInt(3);
        if (k == 0 && b.length >= 8) System.arraycopy(HDF5_SIGNATURE, 0, b, 0, 8);
        if (k == 1 && b.length >= 4) System.arraycopy(new byte[]{'P', 'K', 3, 4}, 0, b, 0, 4);
        return new Mutant(b.length + " random bytes" + (k == 0 ? " behind HDF5's signature" : k == 1 ? " behind a zip signature" : ""),
                b, ext);
    }

    // ------------------------------------------------------------------ inside a .keras archive

    private static Map<String, byte[]> unzip(byte[] zip) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) out.put(e.getName(), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The archive again, its model.weights.h5 damaged by a flip, fill, truncation, text edit or block copy. */
    private static Mutant zipWeights(byte[] src, Random rnd, String ext) {
        Map<String, byte[]> entries = unzip(src);
        byte[] h5 = entries.get(KerasArchive.WEIGHTS);
        Mutant inner = switch (rnd.nextInt(5)) {
            case 0 -> flips(h5, rnd, ext);
            case 1 -> fill(h5, rnd, ext);
            case 2 -> {
                int cut = rnd.nextInt(h5.length);
                yield new Mutant("truncated to " + cut + " bytes", Arrays.copyOf(h5, cut), ext);
            }
            case 3 -> textEdit(h5, rnd, ext);
            default -> blockCopy(h5, rnd, ext);
        };
        entries.put(KerasArchive.WEIGHTS, inner.bytes());
        return new Mutant(KerasArchive.WEIGHTS + ": " + inner.description(), zip(entries), ext);
    }

    /** The archive again, one node of its config.json removed or replaced by a value of another kind. */
    private static Mutant zipConfig(byte[] src, Random rnd, String ext) {
        Map<String, byte[]> entries = unzip(src);
        Object config = Json.parse(new String(entries.get(KerasArchive.CONFIG), StandardCharsets.UTF_8));
        List<Object[]> slots = new ArrayList<>();
        collect(config, slots);
        Object[] slot = slots.get(rnd.nextInt(slots.size()));
        Object[] replacements = {"x", -1, 0, 3, 1e12, null, true, new ArrayList<>(), new LinkedHashMap<>(), List.of(1, 2),
                "relu", "Dense", List.of(List.of("x", 0, 0))};
        String description;
        @SuppressWarnings("unchecked") Map<Object, Object> map = slot[0] instanceof Map ? (Map<Object, Object>) slot[0] : null;
        if (map != null && rnd.nextInt(4) == 0) {
            map.remove(slot[1]);
            description = "config.json: key \"" + slot[1] + "\" removed";
        } else {
            Object value = replacements[rnd.nextInt(replacements.length)];
            if (map != null) map.put(slot[1], value);
            else {
                @SuppressWarnings("unchecked") List<Object> list = (List<Object>) slot[0];
                list.set((Integer) slot[1], value);
            }
            description = "config.json: " + slot[1] + " := " + Json.write(value);
        }
        entries.put(KerasArchive.CONFIG, Json.write(config).getBytes(StandardCharsets.UTF_8));
        return new Mutant(description, zip(entries), ext);
    }

    /** Every (container, key or index) in a parsed JSON tree. */
    @SuppressWarnings("unchecked")
    private static void collect(Object node, List<Object[]> slots) {
        if (node instanceof Map<?, ?> m) {
            for (Object k : new ArrayList<>(m.keySet())) {
                slots.add(new Object[]{m, k});
                collect(m.get(k), slots);
            }
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                if (!(l instanceof ArrayList)) break; // an immutable list cannot be edited in place
                slots.add(new Object[]{l, i});
                collect(l.get(i), slots);
            }
        }
    }
}
