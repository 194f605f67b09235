package io.jkeras.layers;

import io.jkeras.Shape;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shared helpers of the 1D/2D/3D spatial layers (padding, cropping, up-sampling, spatial dropout): the
 * {@code data_format} argument, where the spatial axes sit, and Keras's tuple arguments ({@code 2},
 * {@code (1, 2)}, {@code ((1, 2), (3, 4))}) with its validation messages. Package-private.
 */
final class Spatial {
    static final String CHANNELS_LAST = "channels_last";
    static final String CHANNELS_FIRST = "channels_first";
    private static final String[] ORDINALS = {"1st", "2nd", "3rd"};
    private static final String[] COUNTS = {"one", "two", "three"};

    private Spatial() {
    }

    /** Keras's {@code normalize_data_format}: {@code null} means channels_last; case is ignored. */
    static String dataFormat(String value) {
        if (value == null) return CHANNELS_LAST;
        String f = value.toLowerCase(java.util.Locale.ROOT);
        if (!f.equals(CHANNELS_LAST) && !f.equals(CHANNELS_FIRST)) {
            throw new IllegalArgumentException("The `data_format` argument must be one of {'channels_first', "
                    + "'channels_last'}. Received: data_format=" + value);
        }
        return f;
    }

    /** The indices of the {@code n} spatial axes of a rank {@code n + 2} input in this format. */
    static int[] axes(int n, String dataFormat) {
        int first = CHANNELS_FIRST.equals(dataFormat) ? 2 : 1;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = first + i;
        return a;
    }

    /**
     * Keras's {@code standardize_tuple}: an int (repeated) or a sequence of {@code n} ints, each at least 0
     * (or 1 unless {@code allowZero}). Accepts Integer, int[] and JSON lists.
     */
    static int[] tuple(Object value, int n, String name, boolean allowZero) {
        int[] out;
        if (value instanceof Number num) {
            out = new int[n];
            Arrays.fill(out, num.intValue());
        } else {
            List<?> l = asList(value);
            if (l == null || l.size() != n || !l.stream().allMatch(o -> o instanceof Number)) {
                throw new IllegalArgumentException("The `" + name + "` argument must be a tuple of " + n
                        + " integers. Received " + name + "=" + repr(value));
            }
            out = l.stream().mapToInt(o -> ((Number) o).intValue()).toArray();
        }
        int min = allowZero ? 0 : 1;
        for (int v : out) {
            if (v < min) {
                throw new IllegalArgumentException("The `" + name + "` argument must be a tuple of " + n
                        + " integers. Received " + name + "=" + repr(value) + " including values that do not satisfy `value "
                        + (allowZero ? ">= 0" : "> 0") + "`");
            }
        }
        return out;
    }

    /**
     * A padding/cropping argument as one (before, after) pair per spatial axis. For 1D: an int or a pair;
     * for 2D/3D: an int (all axes, both sides), {@code n} ints (symmetric per axis) or {@code n} pairs.
     */
    static int[][] pairs(Object spec, int n, String arg) {
        if (n == 1) return new int[][]{tuple(spec, 2, arg, true)};
        int[][] out = new int[n][];
        if (spec instanceof Number num) {
            if (num.intValue() < 0) {
                throw new IllegalArgumentException("`" + arg + "` cannot be negative. Received: " + arg + "=" + num + ".");
            }
            for (int i = 0; i < n; i++) out[i] = new int[]{num.intValue(), num.intValue()};
            return out;
        }
        List<?> l = asList(spec);
        if (l == null) {
            throw new IllegalArgumentException("`" + arg + "` should be either an int, a tuple of " + n + " ints or a tuple of "
                    + n + " tuples of 2 ints. Received: " + arg + "=" + repr(spec) + ".");
        }
        if (l.size() != n) {
            throw new IllegalArgumentException("`" + arg + "` should have " + COUNTS[n - 1] + " elements. Received: "
                    + arg + "=" + repr(spec) + ".");
        }
        for (int i = 0; i < n; i++) out[i] = tuple(l.get(i), 2, ORDINALS[i] + " entry of " + arg, true);
        return out;
    }

    /** Converts arrays (int[], int[][], Object[]) and lists into a list; {@code null} for anything else. */
    private static List<?> asList(Object v) {
        if (v instanceof List<?> l) return l;
        if (v instanceof int[] a) return Arrays.stream(a).boxed().toList();
        if (v instanceof int[][] a) return Arrays.asList((Object[]) a);
        if (v instanceof Object[] a) return Arrays.asList(a);
        return null;
    }

    /** A value printed as Python prints it: tuples for arrays and lists. */
    static String repr(Object v) {
        List<?> l = asList(v);
        if (l == null) return String.valueOf(v);
        List<String> parts = new ArrayList<>();
        for (Object o : l) parts.add(repr(o));
        return "(" + String.join(", ", parts) + (parts.size() == 1 ? ",)" : ")");
    }

    /** Pairs as Keras's config writes them: a list of lists (1D: the single pair as a flat list). */
    static Object config(int[][] pairs) {
        if (pairs.length == 1) return List.of(pairs[0][0], pairs[0][1]);
        List<List<Integer>> out = new ArrayList<>();
        for (int[] p : pairs) out.add(List.of(p[0], p[1]));
        return out;
    }

    /** An int tuple as a config list. */
    static List<Integer> config(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    /** Indices selecting {@code [before, size - after)} on each spatial axis and everything elsewhere. */
    static INDArrayIndex[] interior(long[] fullShape, int[] axes, int[][] pairs) {
        INDArrayIndex[] idx = new INDArrayIndex[fullShape.length];
        Arrays.fill(idx, NDArrayIndex.all());
        for (int i = 0; i < axes.length; i++) {
            idx[axes[i]] = NDArrayIndex.interval(pairs[i][0], fullShape[axes[i]] - pairs[i][1]);
        }
        return idx;
    }

    /** {@code shape} with {@code delta(i, size)} applied to each known spatial axis i. */
    static Shape mapSpatial(Shape shape, int[] axes, java.util.function.BiFunction<Integer, Integer, Integer> f) {
        Shape s = shape;
        for (int i = 0; i < axes.length; i++) {
            Integer d = shape.get(axes[i]);
            s = s.with(axes[i], d == null ? null : f.apply(i, d));
        }
        return s;
    }
}
