package io.jkeras.datasets;

import io.jkeras.utils.Pickles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The word-index processing that Keras's {@code imdb.load_data} and {@code reuters.load_data} share, step for step:
 * the start mark and index offset, {@code remove_long_seq} ({@code len(x) < maxlen} kept), the default
 * {@code num_words} (the largest index present, which Keras's strict {@code w < num_words} then turns into
 * {@code oov_char} too), and the {@code skip_top <= w < num_words} cut.
 */
final class WordSequences {
    private WordSequences() {
    }

    /** The sequences of an object array of an .npz archive (lists of ints, or int arrays). */
    static int[][] sequences(Map<String, Object> npz, String key, Path file) throws IOException {
        Object o = npz.get(key);
        if (!(o instanceof Pickles.NumpyArray a) || !a.descr().equals("|O")) {
            throw new IOException(file + ": " + (o == null ? "no array '" + key + "' (it holds " + npz.keySet() + ")"
                    : "'" + key + "' should be an object array of sequences"));
        }
        Object[] elements = a.elements();
        int[][] out = new int[elements.length][];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = Pickles.toIntArray(elements[i]);
            } catch (IOException e) {
                throw new IOException(file + ": '" + key + "'[" + i + "]: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** {@code [[start_char] + [w + index_from for w in x] for x in xs]} (or without the start mark). */
    static int[][] mark(int[][] xs, SequenceOptions o) {
        int[][] out = new int[xs.length][];
        int head = o.startChar != null ? 1 : 0;
        for (int i = 0; i < xs.length; i++) {
            int[] x = xs[i];
            int[] y = new int[x.length + head];
            if (head == 1) y[0] = o.startChar;
            for (int j = 0; j < x.length; j++) y[j + head] = x[j] + o.indexFrom;
            out[i] = y;
        }
        return out;
    }

    /** {@code remove_long_seq}: the positions of the sequences shorter than {@code maxlen} (all where it is unset). */
    static int[] keepShort(int[][] xs, Integer maxlen) {
        if (maxlen == null || maxlen == 0) return range(xs.length);   // Keras: `if maxlen:`
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) if (xs[i].length < maxlen) kept.add(i);
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@code order[positions]}. */
    static int[] compose(int[] order, int[] positions) {
        int[] out = new int[positions.length];
        for (int i = 0; i < out.length; i++) out[i] = order[positions[i]];
        return out;
    }

    /** Keras's {@code num_words} cut over all sequences (train and test together), in place. */
    static void cut(int[][] xs, SequenceOptions o) {
        int numWords;
        if (o.numWords == null || o.numWords == 0) {      // Keras: `if not num_words: num_words = max(max(x) ...)`
            numWords = Integer.MIN_VALUE;
            for (int[] x : xs) for (int w : x) numWords = Math.max(numWords, w);
            if (numWords == Integer.MIN_VALUE) {
                throw new IllegalArgumentException("max() arg is an empty sequence: no word left to set num_words from");
            }
        } else {
            numWords = o.numWords;
        }
        for (int i = 0; i < xs.length; i++) {
            int[] x = xs[i];
            if (o.oovChar != null) {
                for (int j = 0; j < x.length; j++) if (!(o.skipTop <= x[j] && x[j] < numWords)) x[j] = o.oovChar;
            } else {
                int n = 0;
                for (int w : x) if (o.skipTop <= w && w < numWords) n++;
                int[] y = new int[n];
                n = 0;
                for (int w : x) if (o.skipTop <= w && w < numWords) y[n++] = w;
                xs[i] = y;
            }
        }
    }

    /** {@code xs[order]}. */
    static int[][] pick(int[][] xs, int[] order) {
        int[][] out = new int[order.length][];
        for (int i = 0; i < order.length; i++) out[i] = xs[order[i]];
        return out;
    }

    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }
}
