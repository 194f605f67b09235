package io.jkeras.utils;

import io.jkeras.Keras;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Keras's {@code keras.utils.pad_sequences}: a list of sequences of different lengths as one
 * {@code (num_samples, maxlen)} array, each sequence padded with {@code value} or truncated.
 *
 * <p>Options ({@link #options()}, Keras's kwargs): {@code maxlen} (default: the longest sequence), {@code dtype}
 * ({@code "int32"}; also {@code int64}, {@code float32}, {@code float64}...; values are converted as NumPy does,
 * so floats are truncated towards zero in an integer dtype), {@code padding} ({@code "pre"}: pad at the start, or
 * {@code "post"}), {@code truncating} ({@code "pre"}: drop the first values, or {@code "post"}) and {@code value}
 * (0).
 *
 * <pre>{@code
 * jshell> Sequences.padSequences(List.of(List.of(1), List.of(2, 3), List.of(4, 5, 6)))
 * $1 ==> [[0, 0, 1], [0, 2, 3], [4, 5, 6]]
 * jshell> Sequences.padSequences(seqs, Sequences.options().maxlen(2).padding("post"))
 * }</pre>
 */
public final class Sequences {
    private Sequences() {
    }

    /** Options with Keras's defaults: no maxlen, int32, pre-padding, pre-truncation, value 0. */
    public static PadOptions options() {
        return new PadOptions();
    }

    /** Pads with Keras's defaults. */
    public static INDArray padSequences(List<? extends List<? extends Number>> sequences) {
        return padSequences(sequences, options());
    }

    /** Pads Java int arrays with these options. */
    public static INDArray padSequences(int[][] sequences, PadOptions options) {
        List<List<Integer>> l = new ArrayList<>(sequences.length);
        for (int[] s : sequences) {
            if (s == null) l.add(null);
            else l.add(java.util.Arrays.stream(s).boxed().toList());
        }
        return padSequences(l, options);
    }

    /**
     * Pads or truncates every sequence to the same length.
     *
     * @param sequences the sequences (lists of numbers; an empty one becomes all padding)
     * @param options maxlen, dtype, padding, truncating, value
     * @return a {@code (len(sequences), maxlen)} array of {@code options.dtype}
     */
    public static INDArray padSequences(List<? extends List<? extends Number>> sequences, PadOptions options) {
        if (sequences == null) throw new IllegalArgumentException("`sequences` must be iterable.");
        int n = sequences.size();
        int longest = 0;
        for (List<? extends Number> s : sequences) {
            if (s == null) throw new IllegalArgumentException("`sequences` must be a list of iterables. Found non-iterable: None");
            longest = Math.max(longest, s.size());
        }
        int maxlen;
        if (options.maxlen != null) {
            maxlen = options.maxlen;
        } else if (n == 0) {
            // NumPy's np.max([]) fails the same way in Keras
            throw new IllegalArgumentException("Cannot pad an empty list of sequences without `maxlen`: "
                    + "zero-size array to reduction operation maximum which has no identity.");
        } else {
            maxlen = longest;
        }
        DataType type = Keras.dataType(options.dtype);
        boolean integer = !type.isFPType(); // bool too: nonzero becomes true, as NumPy
        long[] ints = integer ? new long[n * maxlen] : null;
        double[] floats = integer ? null : new double[n * maxlen];
        if (integer) java.util.Arrays.fill(ints, (long) options.value);
        else java.util.Arrays.fill(floats, options.value);
        for (int i = 0; i < n; i++) {
            List<? extends Number> s = sequences.get(i);
            if (s.isEmpty()) continue;
            int len = Math.min(s.size(), maxlen);
            int from = options.truncating.equals("pre") ? s.size() - len : 0;   // which values are kept
            int to = options.padding.equals("pre") ? maxlen - len : 0;           // where they go
            for (int k = 0; k < len; k++) {
                Number v = s.get(from + k);
                if (v == null) {
                    throw new IllegalArgumentException("Sequence " + i + " holds a null at position " + (from + k) + ".");
                }
                if (integer) ints[i * maxlen + to + k] = v.longValue();
                else floats[i * maxlen + to + k] = v.doubleValue();
            }
        }
        if (n == 0 || maxlen == 0) return Nd4j.create(type, n, maxlen);
        INDArray flat = integer ? Nd4j.createFromArray(ints) : Nd4j.createFromArray(floats);
        return flat.reshape('c', n, maxlen).castTo(type);
    }

    /** The kwargs of {@link #padSequences(List, PadOptions)}, Keras's names in camelCase. */
    public static final class PadOptions {
        private Integer maxlen;
        private String dtype = "int32";
        private String padding = "pre";
        private String truncating = "pre";
        private double value;

        private PadOptions() {
        }

        /** The length of every output sequence; {@code null}: the longest input sequence. */
        public PadOptions maxlen(Integer m) {
            if (m != null && m < 0) throw new IllegalArgumentException("`maxlen` must be >= 0. Received: maxlen=" + m);
            this.maxlen = m;
            return this;
        }

        /** The output dtype, a Keras name ({@code "int32"}, {@code "float32"}...). */
        public PadOptions dtype(String d) {
            if (Keras.dataType(d) == DataType.UTF8) { // validates the name too
                throw new IllegalArgumentException("`dtype` " + d + " is not supported: jkeras pads sequences of numbers. "
                        + "Received: dtype=" + d);
            }
            this.dtype = d;
            return this;
        }

        /** {@code "pre"} or {@code "post"}: where the padding goes. */
        public PadOptions padding(String p) {
            if (!"pre".equals(p) && !"post".equals(p)) throw new IllegalArgumentException("Padding type \"" + p + "\" not understood");
            this.padding = p;
            return this;
        }

        /** {@code "pre"} or {@code "post"}: which end of a long sequence is cut. */
        public PadOptions truncating(String t) {
            if (!"pre".equals(t) && !"post".equals(t)) throw new IllegalArgumentException("Truncating type \"" + t + "\" not understood");
            this.truncating = t;
            return this;
        }

        /** The padding value. */
        public PadOptions value(double v) {
            this.value = v;
            return this;
        }
    }
}
