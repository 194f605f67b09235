package io.jkeras.saving;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Name-list attributes of legacy {@code .h5} files ({@code layer_names}, {@code weight_names}), split
 * into chunks the way Keras does when one would pass HDF5's 64 KiB object-header limit: {@code name0},
 * {@code name1}, ... each holding consecutive parts of the list ({@code np.array_split}). Written as
 * fixed-length strings, as Keras 2 wrote them; read in either string encoding.
 */
final class LegacyNames {
    /** Keras's {@code HDF5_OBJECT_HEADER_LIMIT}. */
    static final long HEADER_LIMIT = 64512;

    private LegacyNames() {
    }

    /** The list stored as {@code name}, or as {@code name0}, {@code name1}, ...; empty if neither exists. */
    static List<String> read(Hdf5Group g, String name) throws IOException {
        if (g.hasAttribute(name)) return g.readStrings(name);
        List<String> out = new ArrayList<>();
        for (int chunk = 0; g.hasAttribute(name + chunk); chunk++) out.addAll(g.readStrings(name + chunk));
        return out;
    }

    /** Writes {@code values} as {@code name}, or in as few chunks as keep each under the header limit. */
    static void write(Hdf5Group g, String name, List<String> values) throws IOException {
        for (String v : values) {
            if (v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > HEADER_LIMIT) {
                throw new IllegalArgumentException("The following attributes cannot be saved to HDF5 file because they are larger than "
                        + HEADER_LIMIT + " bytes: " + v.substring(0, 100) + "...");
            }
        }
        int chunks = 1;
        while (anyTooBig(split(values, chunks))) chunks++;
        if (chunks == 1) {
            g.writeFixedStrings(name, values);
            return;
        }
        List<List<String>> parts = split(values, chunks);
        for (int i = 0; i < parts.size(); i++) g.writeFixedStrings(name + i, parts.get(i));
    }

    /** {@code np.array_split}: the first {@code n % k} parts get one more element. Each part's item size is the whole list's. */
    private static List<List<String>> split(List<String> values, int k) {
        List<List<String>> out = new ArrayList<>();
        int n = values.size();
        int start = 0;
        for (int i = 0; i < k; i++) {
            int len = n / k + (i < n % k ? 1 : 0);
            out.add(values.subList(start, start + len));
            start += len;
        }
        return out;
    }

    private static boolean anyTooBig(List<List<String>> parts) {
        // NumPy gives every chunk the item size of the longest string in the whole array.
        long item = 0;
        for (List<String> p : parts) for (String s : p) item = Math.max(item, s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        for (List<String> p : parts) if (item * p.size() > HEADER_LIMIT) return true;
        return false;
    }
}
