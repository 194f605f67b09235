package io.jkeras;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A tensor shape whose dimensions may be unknown ({@code null}), as Keras's shape tuples.
 *
 * <p>Prints exactly as Keras prints a tuple: {@code (None, 26, 26, 32)}, and {@code (256,)} for one
 * dimension. Immutable.
 *
 * <pre>{@code
 * jshell> Shape.of(null, 28, 28, 1)
 * $1 ==> (None, 28, 28, 1)
 * }</pre>
 */
public final class Shape {
    private final List<Integer> dims;

    private Shape(List<Integer> dims) {
        this.dims = Collections.unmodifiableList(dims);
    }

    /** A shape from dimensions, where {@code null} means unknown. */
    public static Shape of(Integer... dims) {
        return new Shape(new ArrayList<>(Arrays.asList(dims)));
    }

    /** A shape from a list of dimensions ({@code null} = unknown). */
    public static Shape of(List<Integer> dims) {
        return new Shape(new ArrayList<>(dims));
    }

    /** The shape of a concrete array, every dimension known. */
    public static Shape ofArray(long[] dims) {
        List<Integer> l = new ArrayList<>(dims.length);
        for (long d : dims) l.add((int) d);
        return new Shape(l);
    }

    /** This shape with an unknown batch dimension in front: {@code (28, 28)} becomes {@code (None, 28, 28)}. */
    public Shape withBatch() {
        return withBatch(null);
    }

    /** This shape with the given batch dimension in front ({@code null} = unknown). */
    public Shape withBatch(Integer batch) {
        List<Integer> l = new ArrayList<>(dims.size() + 1);
        l.add(batch);
        l.addAll(dims);
        return new Shape(l);
    }

    /** This shape without its first (batch) dimension. */
    public Shape dropBatch() {
        return new Shape(new ArrayList<>(dims.subList(1, dims.size())));
    }

    /** The number of dimensions. */
    public int rank() {
        return dims.size();
    }

    /** Dimension {@code i}; negative indexes count from the end, as in Python. May be {@code null}. */
    public Integer get(int i) {
        return dims.get(i < 0 ? dims.size() + i : i);
    }

    /** This shape with dimension {@code i} (negative from the end) replaced. */
    public Shape with(int i, Integer value) {
        List<Integer> l = new ArrayList<>(dims);
        l.set(i < 0 ? dims.size() + i : i, value);
        return new Shape(l);
    }

    /** The dimensions as an unmodifiable list. */
    public List<Integer> dims() {
        return dims;
    }

    /** True when every dimension is known. */
    public boolean isFullyDefined() {
        return !dims.contains(null);
    }

    /** The product of the dimensions from {@code from} on; {@code null} if one of them is unknown. */
    public Long product(int from) {
        long p = 1;
        for (int i = from; i < dims.size(); i++) {
            if (dims.get(i) == null) return null;
            p *= dims.get(i);
        }
        return p;
    }

    /** The dimensions as a {@code long[]} for ND4J, with {@code batch} standing in for unknown ones. */
    public long[] toLongArray(long batch) {
        long[] out = new long[dims.size()];
        for (int i = 0; i < out.length; i++) out[i] = dims.get(i) == null ? batch : dims.get(i);
        return out;
    }

    /** True if {@code other} has the same rank and every known dimension agrees (unknown matches anything). */
    public boolean isCompatibleWith(Shape other) {
        if (other.rank() != rank()) return false;
        for (int i = 0; i < rank(); i++) {
            Integer a = dims.get(i), b = other.dims.get(i);
            if (a != null && b != null && !a.equals(b)) return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && s.dims.equals(dims);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dims);
    }

    /** Keras's tuple form: {@code (None, 26, 26, 32)}, {@code (256,)}, {@code ()}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(dims.get(i) == null ? "None" : dims.get(i).toString());
        }
        if (dims.size() == 1) sb.append(',');
        return sb.append(')').toString();
    }
}
